// JobNotifier: what a service calls after committing a transaction that inserted jobs, so that
// this process's workers start them at once instead of at their next poll. A hint only: jobs
// are durable rows and every worker finds them by polling anyway. Implementations must be
// thread-safe and must not block; NoopJobNotifier (processes without workers) does nothing.
#pragma once

namespace taiga::jobs {

class JobNotifier {
 public:
  virtual ~JobNotifier() = default;
  // The caller's transaction committed new jobs. Never fails; returns at once.
  virtual void JobsEnqueued() = 0;
};

class NoopJobNotifier final : public JobNotifier {
 public:
  void JobsEnqueued() override {}
};

}  // namespace taiga::jobs
