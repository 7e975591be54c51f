// ServiceGraph: the wired program — configuration, clock, database and every app service —
// owned in one place with the right construction order. Thread-safe once built.
#pragma once

#include <memory>

#include "app/bootstrap_service.h"
#include "app/dataset_service.h"
#include "app/dataset_update_service.h"
#include "app/download_service.h"
#include "app/folder_service.h"
#include "app/grant_service.h"
#include "app/group_service.h"
#include "app/health_service.h"
#include "app/maintenance_service.h"
#include "app/sign_in_service.h"
#include "app/task_service.h"
#include "app/upload_service.h"
#include "app/user_service.h"
#include "app/version_creation_service.h"
#include "cli/runtime.h"
#include "common/clock.h"
#include "db/database.h"
#include "jobs/job_registry.h"
#include "jobs/periodic_enqueuer.h"
#include "jobs/worker_pool.h"
#include "main/blob_factory.h"
#include "main/config.h"

namespace taiga::main {

class ServiceGraph final : public cli::AppHandle {
 public:
  ServiceGraph(Config config, std::unique_ptr<db::Database> database, BlobBackend blobs);

  // Stops the background workers before anything they use goes away.
  ~ServiceGraph() override;

  app::UserService& Users() override { return users_; }
  app::MaintenanceService& Maintenance() override { return maintenance_; }
  app::BootstrapService& Bootstrap() override { return bootstrap_; }
  app::BootstrapOptions BootstrapOptions() const override;
  app::SignInService& SignIns() override { return sign_ins_; }
  std::string PublicBaseUrl() const override;
  app::FolderService& Folders() { return folders_; }
  app::GroupService& Groups() { return groups_; }
  app::GrantService& Grants() { return grants_; }
  app::HealthService& Health() { return health_; }
  app::TaskService& Tasks() { return tasks_; }
  app::DatasetService& Datasets() { return datasets_; }
  app::DatasetUpdateService& DatasetUpdates() { return dataset_updates_; }
  app::VersionCreationService& Versions() { return versions_; }
  app::UploadService& Uploads() { return uploads_; }
  app::DownloadService& Downloads() { return downloads_; }
  // The job kinds this program runs (filled by RegisterJobKinds, main/job_kinds.h) and the
  // background workers (started by `serve` and `worker`; call Workers().Notify() after a
  // commit that enqueued jobs so they start at once).
  jobs::JobRegistry& JobKinds() { return job_kinds_; }
  jobs::WorkerPool& Workers() { return workers_; }
  // Enqueues the periodic cleanup (expired sessions, unreferenced blobs); started with workers.
  jobs::PeriodicEnqueuer& CleanupSchedule() { return cleanup_schedule_; }
  jobs::PeriodicEnqueuer& MultipartCleanupSchedule() { return multipart_cleanup_schedule_; }
  const Config& config() const { return config_; }
  const common::Clock& clock() const { return clock_; }
  // For job kinds, which work below the app services.
  db::Database& Database() { return *db_; }
  // Where the bytes live, and the temporary upload credentials for it.
  blob::BlobStore& Blobs() { return *blobs_.store; }
  blob::UploadCredentialIssuer& UploadCredentials() { return *blobs_.issuer; }
  // The local store and the embedded credentials, which the server's byte routes serve and
  // verify; LocalBlobs() is null unless blob.backend is local (s3: no byte routes), and only
  // then may EmbeddedCredentials() be called.
  blob::LocalBlobStore* LocalBlobs() { return blobs_.local; }
  const blob::EmbeddedCredentialIssuer& EmbeddedCredentials() const { return *blobs_.embedded; }

 private:
  Config config_;
  common::SystemClock clock_;
  std::unique_ptr<db::Database> db_;
  BlobBackend blobs_;
  app::UserService users_;
  app::FolderService folders_;
  app::GroupService groups_;
  app::GrantService grants_;
  app::HealthService health_;
  app::MaintenanceService maintenance_;
  app::BootstrapService bootstrap_;
  app::TaskService tasks_;
  app::DatasetService datasets_;
  app::DatasetUpdateService dataset_updates_;
  app::VersionCreationService versions_;
  app::UploadService uploads_;
  app::ConversionRequests conversions_;
  app::DownloadService downloads_;
  app::SignInService sign_ins_;
  jobs::JobRegistry job_kinds_;
  jobs::WorkerPool workers_;
  jobs::PeriodicEnqueuer cleanup_schedule_;
  jobs::PeriodicEnqueuer multipart_cleanup_schedule_;
};

}  // namespace taiga::main
