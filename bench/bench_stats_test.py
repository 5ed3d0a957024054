#!/usr/bin/env python3
"""Unit tests of bench/bench_stats.py (ranks, paired differences, bootstrap)."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_stats  # noqa: E402


def run(strategy, seed, best, maximize=True):
    return {"strategy": strategy, "seed": seed, "best": best, "maximize": maximize}


class RanksTest(unittest.TestCase):
    def test_higher_is_better_when_maximising(self):
        self.assertEqual(bench_stats.ranks([0.5, 0.9, 0.7], True), [3.0, 1.0, 2.0])

    def test_lower_is_better_when_minimising(self):
        self.assertEqual(bench_stats.ranks([0.5, 0.9, 0.7], False), [1.0, 3.0, 2.0])

    def test_ties_share_the_mean_of_their_places(self):
        self.assertEqual(bench_stats.ranks([1.0, 2.0, 2.0, 0.0], True), [3.0, 1.5, 1.5, 4.0])


class MeanRanksTest(unittest.TestCase):
    def test_tasks_missing_a_strategy_are_left_out(self):
        tasks = {
            "t1": {"a": [run("a", 1, [1.0])], "b": [run("b", 1, [2.0])]},
            "t2": {"a": [run("a", 1, [3.0])], "b": [run("b", 1, [1.0])]},
            "t3": {"a": [run("a", 1, [3.0])]},
        }
        means, used = bench_stats.mean_ranks(tasks, ["a", "b"], 1)
        self.assertEqual(used, ["t1", "t2"])
        self.assertEqual(means, {"a": 1.5, "b": 1.5})

    def test_rank_uses_the_mean_over_seeds_at_the_mark(self):
        tasks = {"t": {"a": [run("a", 1, [0.1, 0.9]), run("a", 2, [0.1, 0.1])],
                       "b": [run("b", 1, [0.3, 0.4]), run("b", 2, [0.3, 0.4])]}}
        self.assertEqual(bench_stats.mean_ranks(tasks, ["a", "b"], 1)[0], {"a": 2.0, "b": 1.0})
        self.assertEqual(bench_stats.mean_ranks(tasks, ["a", "b"], 2)[0], {"a": 1.0, "b": 2.0})


class PairedTest(unittest.TestCase):
    def test_pairs_by_seed_and_skips_unpaired_seeds(self):
        a = [run("a", 1, [0.5]), run("a", 2, [0.7]), run("a", 3, [0.9])]
        b = [run("b", 2, [0.6]), run("b", 1, [0.4])]
        self.assertEqual([round(d, 9) for d in bench_stats.paired_differences(a, b, 1)], [0.1, 0.1])

    def test_positive_means_a_is_better_when_minimising(self):
        a = [run("a", 1, [0.2], maximize=False)]
        b = [run("b", 1, [0.5], maximize=False)]
        self.assertAlmostEqual(bench_stats.paired_differences(a, b, 1)[0], 0.3)

    def test_a_run_without_a_value_at_the_mark_is_not_paired(self):
        a = [run("a", 1, [None]), run("a", 2, [0.3])]
        b = [run("b", 1, [0.1]), run("b", 2, [0.1])]
        self.assertEqual(len(bench_stats.paired_differences(a, b, 1)), 1)


class BootstrapTest(unittest.TestCase):
    def test_interval_holds_the_mean_and_lies_within_the_values(self):
        values = [0.1, 0.3, -0.2, 0.5, 0.2]
        mean, lo, hi = bench_stats.bootstrap_interval(values)
        self.assertAlmostEqual(mean, 0.18)
        self.assertTrue(min(values) <= lo <= mean <= hi <= max(values))

    def test_same_values_same_interval(self):
        values = [0.1, 0.3, -0.2, 0.5, 0.2]
        self.assertEqual(bench_stats.bootstrap_interval(values), bench_stats.bootstrap_interval(values))

    def test_constant_differences_give_a_point(self):
        self.assertEqual(bench_stats.bootstrap_interval([0.2] * 5), (0.2, 0.2, 0.2))

    def test_verdict(self):
        self.assertEqual(bench_stats.verdict((0.2, 0.1, 0.3)), "A")
        self.assertEqual(bench_stats.verdict((-0.2, -0.3, -0.1)), "B")
        self.assertEqual(bench_stats.verdict((0.0, -0.1, 0.1)), "0")

    def test_no_values_no_interval(self):
        self.assertIsNone(bench_stats.bootstrap_interval([]))


if __name__ == "__main__":
    unittest.main()
