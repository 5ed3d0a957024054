// hpoc: the study compiler's command line.
#include "compiler/driver/command_line.h"

#include <iostream>

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  return hpoc::driver::runCommandLine(argc, argv, std::cout, std::cerr);
}
