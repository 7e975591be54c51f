// ApiServices: the application services the HTTP handlers call. Owned by main; references only.
#pragma once

#include "app/dataset_service.h"
#include "app/dataset_update_service.h"
#include "app/download_service.h"
#include "app/folder_service.h"
#include "app/grant_service.h"
#include "app/group_service.h"
#include "app/health_service.h"
#include "app/sign_in_service.h"
#include "app/task_service.h"
#include "app/upload_service.h"
#include "app/user_service.h"
#include "app/version_creation_service.h"

namespace taiga::http {

struct ApiServices {
  app::UserService& users;
  app::FolderService& folders;
  app::GroupService& groups;
  app::GrantService& grants;
  app::HealthService& health;
  app::TaskService& tasks;
  app::DatasetService& datasets;
  app::DatasetUpdateService& dataset_updates;
  app::VersionCreationService& versions;
  app::UploadService& uploads;
  app::DownloadService& downloads;
  app::SignInService& sign_ins;
};

}  // namespace taiga::http
