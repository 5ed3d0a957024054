// A tiny trainer for the loader's end-to-end test: it loads its config with the
// generated loader and prints every field, one `name=value` a line.
#include "hpoc_hparams.h"

#include <iostream>
#include <string>

namespace demo {

enum class Optimizer { adam, sgd, rmsprop };

/// The knobs of the demo trainer.
struct HPOC_HPARAMS Hparams {
  double learning_rate = 0.1; ///< Step size.
  int max_depth = 6;          ///< Maximum depth of a tree.
  unsigned batch_size = 32;
  float dropout{0.25f};
  bool shuffle = true;
  std::string loss = "mse";
  Optimizer optimizer = Optimizer::adam;
};

} // namespace demo

#include "loader_e2e_trainer_hparams.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: hpoc_loader_e2e CONFIG\n";
    return 2;
  }
  demo::Hparams hp;
  std::string err;
  if (!loadHparams(argv[1], hp, &err)) {
    std::cout << "error: " << err << "\n";
    return 1;
  }
  const char* optimizers[] = {"adam", "sgd", "rmsprop"};
  std::cout << "learning_rate=" << hp.learning_rate << "\nmax_depth=" << hp.max_depth
            << "\nbatch_size=" << hp.batch_size << "\ndropout=" << hp.dropout
            << "\nshuffle=" << (hp.shuffle ? "true" : "false") << "\nloss=" << hp.loss
            << "\noptimizer=" << optimizers[static_cast<int>(hp.optimizer)] << "\n";
  return 0;
}
