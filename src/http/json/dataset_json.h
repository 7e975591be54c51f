// JSON shapes of datasets, versions, data files and activities (reference: original-api.md
// §2.12 DatasetJSON, DatasetFullJSON, DatasetVersionJSON, DatasetVersionLight, DataFileJSON,
// ActivityJSON). The only place their field names are written. Pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include "app/dataset_views.h"
#include "domain/dataset.h"

namespace taiga::http {

nlohmann::json DatasetJson(const app::DatasetView& view);
// POST /datasets: every permaname, the light versions, no rights.
nlohmann::json DatasetFullJson(const app::DatasetView& view);
nlohmann::json VersionJson(const app::VersionView& view);
nlohmann::json DatafileJson(const app::DatafileView& view);
nlohmann::json ActivityJson(const domain::Activity& activity);

}  // namespace taiga::http
