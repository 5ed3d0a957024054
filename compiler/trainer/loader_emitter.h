// Generates the header that fills a trainer's hyperparameter struct from a
// trial's config file, so a C++ trainer writes no parsing code:
//
//   Hparams hp;
//   std::string err;
//   if (!loadHparams(args.config, hp, &err)) { std::cerr << err << "\n"; return 2; }
#pragma once

#include "compiler/trainer/hparams_info.h"

#include <string>

namespace hpoc::trainer {

/// Which config formats the generated loader reads; each one adds a library
/// the trainer links (JSON: nlohmann_json, header-only; YAML: yaml-cpp).
enum class LoaderFormats { Json, Yaml, Both };

struct LoaderOptions {
  std::string sourceName; ///< named in the header comment, as the user gave it
  LoaderFormats formats = LoaderFormats::Both;
};

/// The loader header's text. Stable: the same struct and options give the same bytes.
std::string emitHparamsLoader(const HparamsStruct& hparams, const LoaderOptions& options);

} // namespace hpoc::trainer
