// ProgressSink: where a conversion reports how far it got (a job turns it into task status).
// Report returning a non-ok Status stops the conversion, which then returns that Status (a job
// that lost its lease stops this way). Called from the converting thread only.
#pragma once

#include <cstdint>
#include <string_view>

#include "common/status.h"

namespace taiga::convert {

class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  // `current` rows (or lines) done out of `total` (0 when not yet known), and a message for a
  // person ("Conversion in progress, line 250000").
  virtual common::Status Report(uint64_t current, uint64_t total, std::string_view message) = 0;
};

class NullProgressSink final : public ProgressSink {
 public:
  common::Status Report(uint64_t, uint64_t, std::string_view) override {
    return common::Status::Ok();
  }
};

}  // namespace taiga::convert
