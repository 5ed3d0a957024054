// libFuzzer target: the input is a config file as a trainer reads it with the C++
// helper (runtime/trainer/hpoc_trainer.h): JSON when it starts with '{', else flat
// YAML. Hostile text must give some Config, never a crash or a hang.
// Build with -DHPOC_FUZZ=ON; `scripts/fuzz.sh 600 config` runs it.
#include "runtime/trainer/hpoc_trainer.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  hpoc::trainer::Config c = hpoc::trainer::Config::parse(text);
  for (const auto& [name, value] : c.values()) {
    c.number(name);
    c.integer(name);
    c.string(name);
    c.boolean(name);
  }
  return 0;
}
