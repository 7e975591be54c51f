// RegisterJobKinds: puts every background job kind this program runs into the graph's
// JobRegistry, each wired to the services and stores of the graph it needs. `serve` and
// `worker` call it once, before the workers start.
#pragma once

#include "common/status.h"
#include "main/service_graph.h"

namespace taiga::main {

// Errors: as JobRegistry::Register (a duplicate or badly named kind: a programming error).
common::Status RegisterJobKinds(ServiceGraph& graph);

}  // namespace taiga::main
