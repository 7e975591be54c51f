// OpenBlobBackend: which store and which upload credentials each blob.backend gets.
#include "main/blob_factory.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

namespace taiga::main {
namespace {

Config S3Config() {
  Config c;
  c.blob_backend = "s3";
  c.blob_bucket = "taiga-prod";
  c.blob_s3_endpoint = "http://rgw.internal:7480";
  c.blob_s3_access_key = "AKIDSERVER";
  c.blob_s3_secret_key = "secret";
  c.blob_s3_sts_role_arn = "arn:aws:iam:::role/taiga-uploader";
  return c;
}

TEST(OpenBlobBackend, S3HasNoLocalStoreAndNoEmbeddedCredentials) {
  Config c = S3Config();
  c.data_dir = "/nonexistent/taiga-data";  // s3 touches no local directory
  auto b = OpenBlobBackend(c);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->store->Name(), "s3");
  EXPECT_EQ(b->local, nullptr);
  EXPECT_EQ(b->embedded, nullptr);
  ASSERT_NE(b->issuer, nullptr);
  EXPECT_FALSE(std::filesystem::exists(c.data_dir));

  c.blob_s3_public_endpoint = "https://s3.example.org";
  blob::PresignOptions p;
  auto url = OpenBlobBackend(c)->store->PresignGet("blobs/ab/x", p);
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->rfind("https://s3.example.org/taiga-prod/blobs/ab/x?", 0), 0u) << *url;

  c.blob_s3_endpoint = "rgw.internal:7480";
  EXPECT_EQ(OpenBlobBackend(c).status().code(), common::StatusCode::kInvalidArgument);
}

TEST(OpenBlobBackend, LocalServesItsOwnStoreWithEmbeddedCredentials) {
  char tmpl[] = "/tmp/taiga-blobs-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  Config c;
  c.data_dir = tmpl;
  auto b = OpenBlobBackend(c);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->store->Name(), "local");
  EXPECT_EQ(b->local, b->store.get());
  EXPECT_EQ(b->embedded, b->issuer.get());
  EXPECT_TRUE(std::filesystem::exists(c.data_dir + "/signing-key"));
  std::filesystem::remove_all(tmpl);
}

}  // namespace
}  // namespace taiga::main
