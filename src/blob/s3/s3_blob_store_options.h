// S3BlobStoreOptions: where and how S3BlobStore talks to an S3-compatible endpoint (AWS S3,
// Ceph RGW, MinIO). Plain value type. The defaults suit a local RGW (scripts/with-rgw).
#pragma once

#include <cstdint>
#include <string>

#include "common/clock.h"

namespace taiga::blob {

struct S3BlobStoreOptions {
  std::string endpoint = "http://127.0.0.1:7480";  // scheme://host[:port], no path
  std::string public_endpoint;  // presigned URLs point here (the host clients reach, when it
                                // differs from the server's); empty: endpoint
  std::string region = "us-east-1";                // signing region; any name works for RGW
  std::string bucket;                              // required; must exist
  std::string access_key_id;                       // required
  std::string secret_access_key;                   // required
  std::string session_token;                       // temporary (STS) credentials; else empty
  bool path_style = true;           // http://host/bucket/key; false: http://bucket.host/key
  uint64_t part_size = 8ull << 20;  // multipart part size = the writer's buffer; >= 5 MiB.
                                    // Objects up to this size are one PutObject. The size
                                    // doubles every 2000 parts so 10000 parts reach ~500 GB.
  uint64_t multipart_copy_threshold = 5ull << 30;  // Move copies bigger objects part by part
  uint64_t copy_part_size = 512ull << 20;          // part size of those copies (5 MiB .. 5 GiB)
  int connect_timeout_seconds = 10;
  int request_timeout_seconds = 300;  // a whole buffered request (not a streamed read)
  int stall_timeout_seconds = 60;     // streamed reads: give up when no byte arrives this long
  int list_page_size = 1000;          // max-keys of each ListObjectsV2 page (1000 is S3's maximum)
  int max_retries = 2;                // GET/HEAD/PUT/DELETE on 5xx or connection errors
  const common::Clock* clock = nullptr;  // signing time; nullptr: the system clock
};

}  // namespace taiga::blob
