#include "domain/upload.h"

namespace taiga::domain {

std::string_view UploadFileStateName(UploadFileState s) {
  switch (s) {
    case UploadFileState::kPending: return "pending";
    case UploadFileState::kProcessing: return "processing";
    case UploadFileState::kReady: return "ready";
    case UploadFileState::kFailed: return "failed";
  }
  return "pending";
}

std::optional<UploadFileState> ParseUploadFileState(std::string_view s) {
  if (s == "pending") return UploadFileState::kPending;
  if (s == "processing") return UploadFileState::kProcessing;
  if (s == "ready") return UploadFileState::kReady;
  if (s == "failed") return UploadFileState::kFailed;
  return std::nullopt;
}

}  // namespace taiga::domain
