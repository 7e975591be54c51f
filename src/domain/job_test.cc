#include "domain/job.h"

#include <gtest/gtest.h>

namespace taiga::domain {
namespace {

TEST(JobState, NamesRoundTripAndUnknownNamesAreRefused) {
  for (JobState s : {JobState::kPending, JobState::kStarted, JobState::kProgress,
                     JobState::kSuccess, JobState::kFailure}) {
    EXPECT_EQ(ParseJobState(JobStateName(s)), s);
  }
  EXPECT_STREQ(JobStateName(JobState::kProgress), "PROGRESS");
  EXPECT_FALSE(ParseJobState("pending").has_value());
  EXPECT_FALSE(ParseJobState("RETRY").has_value());
  EXPECT_TRUE(IsFinal(JobState::kFailure));
  EXPECT_FALSE(IsFinal(JobState::kProgress));
  EXPECT_TRUE(IsRunning(JobState::kStarted));
  EXPECT_FALSE(IsRunning(JobState::kPending));
}

TEST(NewJob, IsPendingRunnableNowWithAUuid36) {
  Job job = NewJob("test.kind", R"({"a":1})", 1234, 3);
  EXPECT_EQ(job.id.size(), 36u);
  EXPECT_EQ(job.id[8], '-');
  EXPECT_EQ(job.state, JobState::kPending);
  EXPECT_EQ(job.run_after, 1234);
  EXPECT_EQ(job.created_at, 1234);
  EXPECT_EQ(job.max_attempts, 3);
  EXPECT_EQ(job.attempts, 0);
  EXPECT_NE(NewJob("k", "{}", 0).id, job.id);
}

TEST(TaskStatusOf, PendingWaitsInTheQueue) {
  Job job = NewJob("k", "{}", 0);
  job.progress_message = "ignored while pending";
  TaskStatus s = TaskStatusOf(job);
  EXPECT_EQ(s.id, job.id);
  EXPECT_EQ(s.message, "Waiting in the task queue");
  EXPECT_EQ(s.current, 0);
  EXPECT_EQ(s.total, 1);
  EXPECT_FALSE(s.result.has_value());
}

TEST(TaskStatusOf, RunningShowsProgressOrNoMessage) {
  Job job = NewJob("k", "{}", 0);
  job.state = JobState::kStarted;
  job.progress_current = 0;
  job.progress_total = 1;
  EXPECT_EQ(TaskStatusOf(job).message, "No message");
  job.state = JobState::kProgress;
  job.progress_current = 40;
  job.progress_total = 100;
  job.progress_message = "Conversion in progress, line 40";
  TaskStatus s = TaskStatusOf(job);
  EXPECT_EQ(s.state, JobState::kProgress);
  EXPECT_EQ(s.message, "Conversion in progress, line 40");
  EXPECT_EQ(s.current, 40);
  EXPECT_EQ(s.total, 100);
}

TEST(TaskStatusOf, SuccessAndFailureAsTaiga2ReportedThem) {
  Job job = NewJob("k", "{}", 0);
  job.state = JobState::kSuccess;
  job.progress_current = 7;
  job.result = R"({"rows":3})";
  TaskStatus s = TaskStatusOf(job);
  EXPECT_EQ(s.message, "Task has successfully terminated");
  EXPECT_EQ(s.current, 1);
  EXPECT_EQ(s.total, 1);
  EXPECT_EQ(s.result, R"({"rows":3})");

  job.state = JobState::kFailure;
  job.result.reset();
  job.error = "On line 2: Expected 3 columns, but found 4 columns.";
  s = TaskStatusOf(job);
  EXPECT_EQ(s.message, "On line 2: Expected 3 columns, but found 4 columns.");
  EXPECT_EQ(s.current, 1);
  EXPECT_EQ(s.total, -1);
}

}  // namespace
}  // namespace taiga::domain
