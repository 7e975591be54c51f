// Human-readable sizes as Taiga 2 summarised raw files ("10 Bytes", "1.2 kB", "12.3 MB"):
// decimal units, one decimal place. Pure function.
#pragma once

#include <cstdint>
#include <string>

namespace taiga::domain {

std::string HumanSize(uint64_t bytes);

}  // namespace taiga::domain
