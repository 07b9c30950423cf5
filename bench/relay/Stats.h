#pragma once
// Measurement helpers of the load generator: a fixed-memory latency histogram, the clock,
// and CPU / RSS samples of a process (the relay from /proc, the generator from getrusage).

#include <cstdint>
#include <string>
#include <vector>

namespace relaybench {

int64_t nowNs(); // CLOCK_MONOTONIC, the clock of the timestamps inside the audio frames

// Delivery latencies with 1 us buckets up to 100 ms and 1 ms buckets up to 60 s: O(1) per
// sample and bounded memory, however many millions of deliveries a run sees.
class LatencyHistogram {
public:
    LatencyHistogram();
    void add(int64_t ns);
    void merge(const LatencyHistogram &other);
    uint64_t count() const { return count_; }
    double percentileMs(double p) const; // p in [0, 100]
    double maxMs() const { return double(maxNs_) / 1e6; }

private:
    static constexpr int64_t kFineUs = 100000;
    static constexpr int64_t kCoarseMs = 60000;
    std::vector<uint64_t> fine_;
    std::vector<uint64_t> coarse_;
    uint64_t overflow_ = 0;
    uint64_t count_ = 0;
    int64_t maxNs_ = 0;
};

struct ProcSample {
    bool ok = false;
    double cpuSec = 0; // user + system
    long rssKb = 0;
};

ProcSample sampleProcess(int pid); // from /proc/PID/stat and /proc/PID/status
ProcSample sampleSelf();           // getrusage; rssKb is the current VmRSS

std::string humanCount(double v); // 1234567 -> "1.23M"

} // namespace relaybench
