// JSON shape of a task status, exactly as Taiga 2 sent it (taigapy requires all six keys):
// {id, state, message, current, total, s3Key: "TODO"} plus "result" when the job has one.
// Pure function.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/job.h"

namespace taiga::http {

nlohmann::json TaskStatusJson(const domain::TaskStatus& status);

}  // namespace taiga::http
