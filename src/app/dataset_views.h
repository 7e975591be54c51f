// What the dataset use cases return: a dataset, version or data file as one caller sees it,
// with everything the JSON needs already resolved (virtual files' real files, visible folders,
// rights). Plain value types.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/dataset.h"
#include "domain/user.h"

namespace taiga::app {

struct DatafileView {
  domain::Datafile file;
  // For a virtual file: the real file it resolves to and its taiga id "perm.V/name".
  std::optional<domain::Datafile> real;
  std::optional<std::string> underlying_taiga_id;
  // The real file's storage format (the file's own for s3 files).
  const domain::Datafile& Resolved() const { return real ? *real : file; }
};

struct VersionView {
  domain::DatasetVersion version;
  std::vector<DatafileView> datafiles;  // by name
  bool can_edit = false;
  bool can_view = true;
};

struct DatasetView {
  domain::Dataset dataset;
  std::vector<domain::DatasetVersion> versions;  // by number
  std::vector<domain::NamedId> folders;          // visible parent folders
  std::string description;                       // of the latest (or the requested) version
  bool can_edit = false;
  bool can_view = true;
  std::optional<std::string> subscription_id;
};

struct DatasetWithVersion {
  DatasetView dataset;
  VersionView version;
};

}  // namespace taiga::app
