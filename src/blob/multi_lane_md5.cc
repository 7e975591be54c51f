#include "blob/multi_lane_md5.h"

#include <algorithm>
#include <chrono>
#include <cstring>

#include "common/hex.h"

namespace taiga::blob {
namespace {

// Blocks hashed between looks at the queue (64 KiB a lane), so streams that hand a chunk over
// while others are being hashed join the lanes soon.
constexpr size_t kBlocksPerPass = 1024;
constexpr int kWantLanes = 8;
constexpr auto kMaxGather = std::chrono::milliseconds(2);

}  // namespace

struct MultiLaneMd5::Lane {
  Stream* stream = nullptr;
  const unsigned char* data = nullptr;
  size_t blocks = 0;  // left in the chunk
};

MultiLaneMd5::MultiLaneMd5() : wide_(HaveMd5Blocks16()), worker_([this] { Run(); }) {}

MultiLaneMd5::~MultiLaneMd5() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  work_.notify_all();
  worker_.join();
}

void MultiLaneMd5::Refill(Lane* lanes, int* used) {
  while (*used < kMd5Lanes && !waiting_.empty()) {
    Stream* s = waiting_.front();
    waiting_.pop_front();
    lanes[(*used)++] = {s, s->chunks_[s->next_].get(), s->chunk_bytes_[s->next_] / 64};
  }
}

bool MultiLaneMd5::Ready(const Lane* lanes, int used) const {
  if (stop_ || blocked_ > 0 || used + static_cast<int>(waiting_.size()) >= kWantLanes) return true;
  for (int i = 0; i < used; ++i) {
    if (lanes[i].stream->handed_ * 4 >= kChunks * 3) return true;
  }
  for (const Stream* s : waiting_) {
    if (s->handed_ * 4 >= kChunks * 3) return true;
  }
  return false;
}

void MultiLaneMd5::Run() {
  Lane lanes[kMd5Lanes];
  int used = 0;
  Md5State states[kMd5Lanes];
  const unsigned char* data[kMd5Lanes];
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    Refill(lanes, &used);
    if (used == 0) {
      if (stop_) return;
      work_.wait(lock);
      continue;
    }
    if (!Ready(lanes, used)) {  // a few more lanes are worth a short wait
      if (work_.wait_for(lock, kMaxGather) == std::cv_status::no_timeout) continue;
      Refill(lanes, &used);
    }
    size_t blocks = kBlocksPerPass;
    for (int i = 0; i < used; ++i) {
      blocks = std::min(blocks, lanes[i].blocks);
      states[i] = lanes[i].stream->state_;
      data[i] = lanes[i].data;
    }
    lock.unlock();
    if (used > 1 && wide_) {
      Md5Blocks16(states, data, (1u << used) - 1, blocks);
    } else {
      for (int i = 0; i < used; ++i) Md5Blocks(states[i], data[i], blocks);
    }
    lock.lock();
    bool returned = false;
    int kept = 0;
    for (int i = 0; i < used; ++i) {
      Lane lane = lanes[i];
      Stream* s = lane.stream;
      s->state_ = states[i];
      lane.data += blocks * 64;
      lane.blocks -= blocks;
      if (lane.blocks == 0) {  // the chunk goes back; the stream's next one takes the lane
        returned = true;
        --s->handed_;
        s->next_ = (s->next_ + 1) % kChunks;
        if (s->handed_ == 0) continue;
        lane = {s, s->chunks_[s->next_].get(), s->chunk_bytes_[s->next_] / 64};
      }
      lanes[kept++] = lane;
    }
    used = kept;
    if (returned) returned_.notify_all();
  }
}

MultiLaneMd5::Stream::~Stream() {
  WaitFor(0);
  for (auto& chunk : chunks_) {
    if (chunk) owner_.GiveBack(std::move(chunk));
  }
}

MultiLaneMd5::Chunk MultiLaneMd5::TakeChunk() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!spare_.empty()) {
      Chunk chunk = std::move(spare_.back());
      spare_.pop_back();
      return chunk;
    }
  }
  return Chunk(new unsigned char[kChunkBytes]);
}

void MultiLaneMd5::GiveBack(Chunk chunk) {
  std::lock_guard<std::mutex> lock(mu_);
  if (spare_.size() < kMaxSpareChunks) spare_.push_back(std::move(chunk));
}

void MultiLaneMd5::Stream::Submit(size_t bytes) {
  std::unique_lock<std::mutex> lock(owner_.mu_);
  chunk_bytes_[filling_] = bytes;
  if (handed_++ == 0) owner_.waiting_.push_back(this);
  owner_.work_.notify_one();
  filling_ = (filling_ + 1) % kChunks;
}

void MultiLaneMd5::Stream::WaitFor(int most_handed) {
  std::unique_lock<std::mutex> lock(owner_.mu_);
  if (handed_ <= most_handed) return;
  ++owner_.blocked_;
  owner_.work_.notify_one();
  owner_.returned_.wait(lock, [&] { return handed_ <= most_handed; });
  --owner_.blocked_;
}

void MultiLaneMd5::Stream::Update(std::string_view bytes) {
  total_ += bytes.size();
  while (!bytes.empty()) {
    if (fill_ == 0) WaitFor(kChunks - 1);  // the chunk to fill may still be with the worker
    auto& chunk = chunks_[filling_];
    if (!chunk) chunk = owner_.TakeChunk();
    const size_t n = std::min(bytes.size(), kChunkBytes - fill_);
    std::memcpy(chunk.get() + fill_, bytes.data(), n);
    fill_ += n;
    bytes.remove_prefix(n);
    if (fill_ == kChunkBytes) {
      Submit(kChunkBytes);
      fill_ = 0;
    }
  }
}

std::string MultiLaneMd5::Stream::FinishHex() {
  WaitFor(0);
  Md5State state;
  {
    std::lock_guard<std::mutex> lock(owner_.mu_);
    state = state_;
    state_ = Md5State{};
  }
  // The rest of the filling chunk, here: whole blocks, then the tail with RFC 1321 padding.
  const unsigned char* rest = chunks_[filling_] ? chunks_[filling_].get() : nullptr;
  const size_t whole = fill_ / 64;
  if (whole > 0) Md5Blocks(state, rest, whole);
  unsigned char tail[128] = {};
  const size_t left = fill_ % 64;
  if (left > 0) std::memcpy(tail, rest + whole * 64, left);
  tail[left] = 0x80;
  const size_t tail_blocks = left < 56 ? 1 : 2;
  const uint64_t bits = total_ * 8;
  for (int i = 0; i < 8; ++i) {
    tail[tail_blocks * 64 - 8 + i] = static_cast<unsigned char>(bits >> (8 * i));
  }
  Md5Blocks(state, tail, tail_blocks);
  fill_ = 0;
  total_ = 0;
  unsigned char digest[16];
  std::memcpy(digest, state.h, 16);  // little-endian words (x86)
  return common::HexEncode(std::string_view(reinterpret_cast<const char*>(digest), 16));
}

}  // namespace taiga::blob
