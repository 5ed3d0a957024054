// A quick trainer with a known optimum; appends a line to $HPOC_E2E_RUNS per run
// so that tests can count what really trained.
#include "runtime/trainer/hpoc_trainer.h"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

#ifndef TRAINER_NAME
#define TRAINER_NAME "a"
#endif
constexpr double kOffset = 0.0; // tests edit this line to change the trainer

int main(int argc, char** argv) {
  auto args = hpoc::trainer::Args::parse(argc, argv);
  auto config = hpoc::trainer::Config::load(args.config);
  if (const char* runs = std::getenv("HPOC_E2E_RUNS"))
    std::ofstream(runs, std::ios::app) << TRAINER_NAME << "\n";
  if (const char* ms = std::getenv("HPOC_E2E_SLEEP_MS"))
    std::this_thread::sleep_for(std::chrono::milliseconds(std::atoi(ms)));
  double x = config.number("x"), y = static_cast<double>(config.integer("y"));
  if (const char* ms = std::getenv("HPOC_E2E_SLEEP_X_MS")) // longer for a larger x
    std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<int>(x * std::atoi(ms))));
  hpoc::trainer::Metrics metrics(args.metrics);
  double score = 1 - (x - 0.3) * (x - 0.3) + 0.01 * y + kOffset;
  for (int epoch = 1; epoch <= 3; ++epoch)
    metrics.log({{"epoch", epoch}, {"score", score * epoch / 3}});
  metrics.final({{"score", score}});
  return 0;
}
