// The trainer the .hpo tests of this folder are checked against.
#include "hpoc_hparams.h"

#include <cstddef>
#include <string>

enum class Optimizer { adam, sgd, rmsprop };

/// The demo trainer's hyperparameters.
struct HPOC_HPARAMS Hparams {
  double learning_rate = 1e-3; ///< Step size of the optimiser.
  int max_depth = 6;           ///< Maximum depth of a tree.
  std::size_t batch_size = 32;
  bool shuffle = true;
  std::string loss = "mse";
  Optimizer optimizer = Optimizer::adam;
  double momentum = 0.9;
  int epochs = 10;
};

int main() { return 0; }
