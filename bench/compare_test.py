#!/usr/bin/env python3
"""Tests of bench/compare.py's run specs and of Optuna's proposer with the
study's default first (that part is skipped, exit 77, without Optuna)."""
import io
import json
import os
import shlex
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import compare  # noqa: E402

REQUEST = {"protocol": 1, "study": "s", "seed": 2, "first": 1, "count": 1,
           "goal": {"metric": "m", "maximize": True},
           "space": [{"name": "lr", "kind": "float", "range": [0.001, 1.0], "log": True},
                     {"name": "depth", "kind": "int", "range": [1, 9], "log": False}],
           "defaults": {"lr": 0.03, "depth": 5}, "history": []}


def optuna_available():
    done = subprocess.run(["/bin/sh", "-c", shlex.quote(compare.PROPOSER) + " --describe"],
                          capture_output=True, text=True)
    return done.returncode == 0


class SpecTest(unittest.TestCase):
    def test_old_names_map_to_the_same_runs(self):
        self.assertEqual(compare.spec_name("tpe"), "optuna-tpe3")
        self.assertEqual(compare.spec_name("hybrid"), "agent")

    def test_unknown_spec_is_refused_with_the_known_ones(self):
        with self.assertRaises(SystemExit) as e:
            compare.spec_name("tpe-fast")
        self.assertIn("native-tpe3", str(e.exception))

    def test_native_tpe_arguments(self):
        self.assertEqual(compare.strategy_args("native-tpe3-default", 4),
                         ["--strategy", "tpe", "--startup-trials", "3", "--default-first", "--search-seed", "4"])

    def test_proposer_command_stays_one_shell_word(self):
        words = shlex.split(" ".join(compare.strategy_args("optuna-tpe10", 1)))
        self.assertEqual(words[words.index("--proposer") + 1], compare.PROPOSER + " --startup 10")

    def test_agent_ablations_pass_the_agent_flags(self):
        self.assertEqual(compare.SPECS["hybrid-nowarm"][-2:], ["--warm-start", "0"])
        self.assertEqual(compare.SPECS["hybrid-share06"][-2:], ["--llm-share", "0.6"])

    def test_llm_specs_are_exactly_the_agent_runs(self):
        for name, args in compare.SPECS.items():
            uses_agent = args[1].startswith("agent")
            self.assertEqual(name in compare.LLM_SPECS, uses_agent, name)

    def test_default_runs_name_known_specs(self):
        for item in compare.DEFAULT_RUNS.split(","):
            compare.spec_name(item.split("=")[0])


@unittest.skipUnless(optuna_available(), "Optuna is not installed (scripts/setup-bench.sh)")
class ProposerTest(unittest.TestCase):
    def ask(self, *flags, request=REQUEST):
        done = subprocess.run(["/bin/sh", "-c", shlex.quote(compare.PROPOSER) + " " + " ".join(flags)],
                              input=json.dumps(request), capture_output=True, text=True, check=True)
        return json.loads(done.stdout)["proposals"]

    def test_default_first_proposes_the_defaults_at_trial_1(self):
        self.assertEqual(self.ask("--startup", "3", "--default-first")[0]["config"], REQUEST["defaults"])

    def test_without_the_flag_trial_1_is_a_draw(self):
        self.assertNotEqual(self.ask("--startup", "3")[0]["config"], REQUEST["defaults"])

    def test_default_first_leaves_later_trials_to_optuna(self):
        later = dict(REQUEST, first=2, history=[{"number": 1, "config": REQUEST["defaults"],
                                                  "status": "ok", "metric": 0.5}])
        self.assertNotEqual(self.ask("--startup", "3", "--default-first", request=later)[0]["config"],
                            REQUEST["defaults"])

    def test_describe_records_version_and_arguments(self):
        spec = compare.describe_spec("optuna-tpe10")
        self.assertEqual(spec["optuna"]["arguments"], {"n_startup_trials": 10})
        self.assertIn("n_startup_trials=10", spec["optuna"]["sampler"])
        self.assertTrue(spec["optuna"]["optuna"])
        self.assertIn("bench/tpe-proposer --startup 10", spec["runner_args"])


if __name__ == "__main__":
    result = unittest.main(exit=False, buffer=True).result
    if not result.wasSuccessful():
        sys.exit(1)
    sys.exit(77 if result.skipped and not optuna_available() else 0)
