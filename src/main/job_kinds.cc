#include "main/job_kinds.h"

#include <memory>

#include "convert/columnar_writer.h"
#include "jobs/cleanup_job.h"
#include "jobs/export_job.h"
#include "jobs/process_upload_job.h"
#include "main/multipart_cleanup_job.h"

namespace taiga::main {
namespace {

// Local files of conversions (HDF5 is read and written through paths).
std::string ScratchDir(const Config& config) { return config.data_dir + "/scratch"; }

}  // namespace

common::Status RegisterJobKinds(ServiceGraph& graph) {
  // One line per kind (src/jobs/<kind>_job.h), with the services from `graph` it needs.
  convert::ColumnarWriterOptions columnar;
  columnar.compression_level = graph.config().conversion_columnar_zlib_level;
  columnar.compression_threads = static_cast<size_t>(graph.config().conversion_compression_threads);
  TAIGA_RETURN_IF_ERROR(graph.JobKinds().Register(std::make_unique<jobs::ProcessUploadJob>(
      graph.Database(), graph.Blobs(), graph.clock(), ScratchDir(graph.config()), columnar)));
  TAIGA_RETURN_IF_ERROR(graph.JobKinds().Register(std::make_unique<jobs::ExportJob>(
      graph.Database(), graph.Blobs(), graph.clock(), ScratchDir(graph.config()))));
  TAIGA_RETURN_IF_ERROR(graph.JobKinds().Register(std::make_unique<jobs::CleanupJob>(
      graph.Database(), graph.Blobs(), graph.clock(),
      jobs::CleanupOptions{.scratch_dir = ScratchDir(graph.config())})));
  if (graph.LocalBlobs() != nullptr) {  // the embedded endpoint's multipart state
    TAIGA_RETURN_IF_ERROR(graph.JobKinds().Register(
        std::make_unique<MultipartCleanupJob>(graph.Blobs(), graph.clock())));
  }
  return common::Status::Ok();
}

}  // namespace taiga::main
