// Test support (header only, for *_test.cc): paths of the original's test files
// (<repo>/../shared/fixtures/taiga2-test-files, or $TAIGA_SHARED_DIR/fixtures/...) and of
// src/convert/testdata, and whole-file reads. Not part of the library's interface.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace taiga::convert::testing {

inline std::filesystem::path ConvertSourceDir() {
  return std::filesystem::path(__FILE__).parent_path();
}

inline std::string FixturePath(std::string_view name) {
  const char* shared = std::getenv("TAIGA_SHARED_DIR");
  std::filesystem::path base =
      shared != nullptr ? std::filesystem::path(shared) : ConvertSourceDir() / "../../../shared";
  return (base / "fixtures/taiga2-test-files" / name).lexically_normal().string();
}

inline std::string TestDataPath(std::string_view name) {
  return (ConvertSourceDir() / "testdata" / name).string();
}

// The file's bytes; throws (failing the test) when it cannot be read.
inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read test file " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace taiga::convert::testing
