// A deterministic trainer: the same configuration gives the same metrics, and
// y = 5 fails with an error naming the config's absolute path. Each epoch also
// reports its wall time, which differs from run to run. Appends a line to
// $HPOC_E2E_RUNS per run so that tests can count what really trained.
#include "runtime/trainer/hpoc_trainer.h"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>

int main(int argc, char** argv) {
  auto start = std::chrono::steady_clock::now();
  auto args = hpoc::trainer::Args::parse(argc, argv);
  auto config = hpoc::trainer::Config::load(args.config);
  if (const char* runs = std::getenv("HPOC_E2E_RUNS"))
    std::ofstream(runs, std::ios::app) << "toy\n";
  long long y = config.integer("y");
  if (y == 5) {
    std::cerr << "toy_trainer: y=5 is not supported (read from " << args.config << ")\n";
    return 1;
  }
  double x = config.number("x");
  double bonus = config.string("opt") == "adam" ? 0.05 : 0.0;
  double score = 1 - (x - 0.3) * (x - 0.3) + 0.01 * static_cast<double>(y) + bonus;
  hpoc::trainer::Metrics metrics(args.metrics);
  for (int epoch = 1; epoch <= 4; ++epoch) {
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    metrics.log({{"epoch", epoch}, {"score", score * epoch / 4}, {"seconds", seconds}});
  }
  metrics.final({{"score", score}});
  return 0;
}
