#include "http/json/task_status_json.h"

#include <gtest/gtest.h>

namespace taiga::http {
namespace {

TEST(TaskStatusJson, HasExactlyTheSixKeysOfTaiga2) {
  domain::Job job = domain::NewJob("k", "{}", 0);
  nlohmann::json j = TaskStatusJson(domain::TaskStatusOf(job));
  EXPECT_EQ(j, (nlohmann::json{{"id", job.id},
                               {"state", "PENDING"},
                               {"message", "Waiting in the task queue"},
                               {"current", 0},
                               {"total", 1},
                               {"s3Key", "TODO"}}));
}

TEST(TaskStatusJson, FailureHasTotalMinusOne) {
  domain::Job job = domain::NewJob("k", "{}", 0);
  job.state = domain::JobState::kFailure;
  job.error = "This file appears to be empty.";
  nlohmann::json j = TaskStatusJson(domain::TaskStatusOf(job));
  EXPECT_EQ(j["state"], "FAILURE");
  EXPECT_EQ(j["message"], "This file appears to be empty.");
  EXPECT_EQ(j["current"], 1);
  EXPECT_EQ(j["total"], -1);
  EXPECT_FALSE(j.contains("result"));
}

TEST(TaskStatusJson, ResultIsIncludedAsJsonWhenPresent) {
  domain::Job job = domain::NewJob("k", "{}", 0);
  job.state = domain::JobState::kSuccess;
  job.result = R"({"rows":3,"columns":["a"]})";
  nlohmann::json j = TaskStatusJson(domain::TaskStatusOf(job));
  EXPECT_EQ(j["result"], (nlohmann::json{{"rows", 3}, {"columns", {"a"}}}));
  EXPECT_EQ(j["message"], "Task has successfully terminated");
  job.result = "not json";
  EXPECT_EQ(TaskStatusJson(domain::TaskStatusOf(job))["result"], "not json");
}

}  // namespace
}  // namespace taiga::http
