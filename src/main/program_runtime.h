// ProgramRuntime: the cli::Runtime of the real program — loads configuration, opens the
// configured backends, and runs the server with graceful shutdown on SIGTERM/SIGINT.
#pragma once

#include "cli/runtime.h"

namespace taiga::main {

class ProgramRuntime final : public cli::Runtime {
 public:
  int Serve(const cli::CommonFlags& common, const cli::ServeFlags& serve) override;
  int Worker(const cli::CommonFlags& common) override;
  common::Result<std::unique_ptr<cli::AppHandle>> Open(const cli::CommonFlags& common) override;
  std::vector<std::string> Routes() override;
  int Convert(const std::string& from, const std::string& to, const std::string& input,
              const std::string& output, const std::string& encoding) override;
};

}  // namespace taiga::main
