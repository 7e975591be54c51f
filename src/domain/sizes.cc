#include "domain/sizes.h"

#include <cstdio>

namespace taiga::domain {

std::string HumanSize(uint64_t bytes) {
  if (bytes == 1) return "1 Byte";
  if (bytes < 1000) return std::to_string(bytes) + " Bytes";
  static constexpr const char* kUnits[] = {"kB", "MB", "GB", "TB", "PB", "EB"};
  double value = static_cast<double>(bytes) / 1000.0;
  int unit = 0;
  while (value >= 999.95 && unit < 5) {
    value /= 1000.0;
    ++unit;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f %s", value, kUnits[unit]);
  return buf;
}

}  // namespace taiga::domain
