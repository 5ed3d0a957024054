#!/usr/bin/env python3
"""Tests of bench/report.py's merging of results files."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import report  # noqa: E402


def run(strategy, seed, best):
    return {"strategy": strategy, "seed": seed, "best": best, "maximize": True}


class MergeTest(unittest.TestCase):
    def test_old_tpe_runs_and_new_optuna_runs_are_one_run_per_seed(self):
        results = {}
        report.merge(results, {"s": {"runs": {"tpe-s1": run("tpe", 1, [0.1])}}})
        report.merge(results, {"s": {"runs": {"optuna-tpe3-s1": run("optuna-tpe3", 1, [0.2])}}})
        self.assertEqual(list(results["s"]["runs"]), ["optuna-tpe3-s1"])
        self.assertEqual(results["s"]["runs"]["optuna-tpe3-s1"]["best"], [0.2])

    def test_a_classic_file_gives_agent_classic_runs(self):
        results = {}
        report.merge(results, {"s": {"runs": {"agent-s2": run("agent", 2, [0.5])}}}, classic=True)
        report.merge(results, {"s": {"runs": {"agent-s2": run("agent", 2, [0.7])}}})
        groups = report.by_strategy(results["s"]["runs"])
        self.assertEqual(groups["agent-classic"][0]["best"], [0.5])
        self.assertEqual(groups["agent"][0]["best"], [0.7])

    def test_specs_of_several_files_add_up(self):
        results = {}
        report.merge(results, {"_meta": {"specs": {"random": {"runner_args": ["a"]}}, "marks": [1]}})
        report.merge(results, {"_meta": {"specs": {"native-tpe3": {"runner_args": ["b"]}}}})
        self.assertEqual(sorted(results["_meta"]["specs"]), ["native-tpe3", "random"])


class AblationTest(unittest.TestCase):
    def test_missing_cells_say_not_run(self):
        tasks = {"t": {"agent": [run("agent", 1, [0.1] * 10)]}}
        lines = report.ablation_lines(tasks, {})
        row = next(line for line in lines if line.startswith("| t |"))
        self.assertEqual(row.count("not run"), len(report.ABLATION) - 1)


class RankTest(unittest.TestCase):
    def test_columns_run_on_few_tasks_get_a_second_table_without_them(self):
        tasks = {t: {"random": [run("random", 1, [0.1] * 10)], "native-tpe3": [run("native-tpe3", 1, [0.2] * 10)]}
                 for t in ("a", "b", "c")}
        tasks["a"]["agent"] = [run("agent", 1, [0.3] * 10)]
        lines = report.rank_lines(tasks, ["agent", "native-tpe3", "random"])
        self.assertIn("Over 1 task(s): a.", lines)
        self.assertIn("Over 3 task(s): a, b, c.", lines)
        self.assertIn("| TPE (native, 3 start-up) | 1.00 | 1.00 | 1.00 | 1.00 |", lines)


if __name__ == "__main__":
    unittest.main()
