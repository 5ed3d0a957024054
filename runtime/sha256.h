// SHA-256 (FIPS 180-4), small and dependency-free: trial identities, artifact
// seals and the file-hash cache all use it.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace hpoc::rt {

/// Incremental SHA-256. Feed bytes with update(), read the digest once with hex().
class Sha256 {
public:
  Sha256();
  void update(const void* data, std::size_t size);
  void update(std::string_view s) { update(s.data(), s.size()); }
  /// Finishes the hash and returns it as 64 lowercase hex digits.
  std::string hex();

private:
  void block(const std::uint8_t* p);
  std::array<std::uint32_t, 8> h_;
  std::array<std::uint8_t, 64> buf_{};
  std::size_t used_ = 0;
  std::uint64_t bits_ = 0;
};

/// SHA-256 of a string, as hex.
std::string sha256Hex(std::string_view data);

/// SHA-256 of a file's bytes, as hex; false with `err` set when it cannot be read.
bool sha256File(const std::string& path, std::string* hex, std::string* err);

} // namespace hpoc::rt
