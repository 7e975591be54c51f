// MultiLaneMd5: the MD5 of many byte streams computed on one worker thread, up to 16 streams at
// a time in the lanes of Md5Blocks16 (a lone stream with Md5Blocks), so hashing concurrent
// uploads costs a fraction of one MD5 each and a single upload's MD5 runs beside its other work.
// A stream copies its bytes into a few chunks of its own (so its caller runs ahead of the
// worker) and hands each full one over; FinishHex waits for them. The worker gathers lanes
// before it hashes: it starts when 8 streams have chunks waiting, or one stream has 3/4 of its
// chunks waiting or waits itself, or 2 ms have passed. Thread-safe; a Stream is used
// by one thread at a time and must be destroyed before its MultiLaneMd5.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "blob/md5_blocks.h"

namespace taiga::blob {

class MultiLaneMd5 {
 public:
  static constexpr size_t kChunkBytes = 512 << 10;  // a multiple of 64
  static constexpr int kChunks = 8;                 // per stream: 4 MiB ahead of the worker

  class Stream {
   public:
    explicit Stream(MultiLaneMd5& owner) : owner_(owner) {}
    ~Stream();  // waits for the chunks handed over
    Stream(const Stream&) = delete;
    Stream& operator=(const Stream&) = delete;

    // Adds bytes (copied; the caller may reuse them at once). Blocks while every chunk of this
    // stream is with the worker.
    void Update(std::string_view bytes);
    // The lowercase hex MD5 of everything added; starts again from empty.
    std::string FinishHex();

   private:
    friend class MultiLaneMd5;
    void Submit(size_t bytes);      // hands the filling chunk over
    void WaitFor(int most_handed);  // until at most that many chunks are with the worker

    MultiLaneMd5& owner_;
    std::unique_ptr<unsigned char[]> chunks_[kChunks];
    size_t chunk_bytes_[kChunks] = {};  // guarded by owner_.mu_ while handed over
    int filling_ = 0;                   // the chunk Update copies into
    size_t fill_ = 0;
    uint64_t total_ = 0;
    // Guarded by owner_.mu_:
    int handed_ = 0;  // chunks with the worker, the oldest at (filling_ - handed_) mod kChunks
    int next_ = 0;    // the chunk the worker hashes next
    Md5State state_;  // the worker's while handed_ > 0
  };

  MultiLaneMd5();
  ~MultiLaneMd5();  // stops the worker
  MultiLaneMd5(const MultiLaneMd5&) = delete;
  MultiLaneMd5& operator=(const MultiLaneMd5&) = delete;

  std::unique_ptr<Stream> NewStream() { return std::make_unique<Stream>(*this); }

 private:
  using Chunk = std::unique_ptr<unsigned char[]>;
  static constexpr size_t kMaxSpareChunks = 64;  // 32 MiB kept for the next streams

  // A chunk from the spares, or a new one (not zeroed). Thread-safe.
  Chunk TakeChunk();
  // Keeps `chunk` for another stream, or frees it past kMaxSpareChunks. Thread-safe.
  void GiveBack(Chunk chunk);
  struct Lane;
  void Run();
  // Fills free lanes with streams that have chunks waiting. Requires mu_.
  void Refill(Lane* lanes, int* used);
  // Whether hashing now is better than waiting for more lanes. Requires mu_.
  bool Ready(const Lane* lanes, int used) const;

  const bool wide_;  // Md5Blocks16 available
  std::mutex mu_;
  std::condition_variable work_;      // the worker waits for chunks
  std::condition_variable returned_;  // streams wait for their chunks
  std::deque<Stream*> waiting_;       // streams with chunks and no lane; guarded by mu_
  int blocked_ = 0;                   // streams waiting for the worker; guarded by mu_
  std::vector<Chunk> spare_;          // reused, so streams do not fault in fresh memory; mu_
  bool stop_ = false;                 // guarded by mu_
  std::thread worker_;
};

}  // namespace taiga::blob
