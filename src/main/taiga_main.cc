// The `taiga` executable: hands the command line to the CLI with the real runtime.
#include "cli/cli.h"
#include "main/program_runtime.h"

int main(int argc, char** argv) {
  taiga::main::ProgramRuntime runtime;
  return taiga::cli::RunCli(argc, argv, runtime);
}
