#include "domain/conversion.h"

namespace taiga::domain {

std::string_view ConversionStateName(ConversionState state) {
  switch (state) {
    case ConversionState::kRunning: return "running";
    case ConversionState::kComplete: return "complete";
    case ConversionState::kFailed: return "failed";
  }
  return "running";
}

std::optional<ConversionState> ParseConversionState(std::string_view name) {
  if (name == "running") return ConversionState::kRunning;
  if (name == "complete") return ConversionState::kComplete;
  if (name == "failed") return ConversionState::kFailed;
  return std::nullopt;
}

}  // namespace taiga::domain
