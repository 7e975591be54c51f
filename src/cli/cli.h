// RunCli: the `taiga` command line (CLI11): serve, migrate, user create, token create|list|
// revoke, signin-url, routes. Prints results to stdout and errors to stderr; returns the exit code.
#pragma once

#include "cli/runtime.h"

namespace taiga::cli {

int RunCli(int argc, char** argv, Runtime& runtime);

}  // namespace taiga::cli
