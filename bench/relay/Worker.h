#pragma once
// One generator thread: an epoll loop over many non-blocking WebSocket connections (listeners
// and talkers) that walks each through upgrade, hello, join (and talk for talkers), then sends
// or receives audio frames. The main thread steers all workers through shared phases.

#include "Stats.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace relaybench {

enum class Scenario { Saturate, Fixed, Idle };
enum class Proto { Tenfour, Raw }; // Raw: no control messages (the Node broadcast relay)

struct Config {
    std::string host = "127.0.0.1";
    int port = 0;
    Proto proto = Proto::Tenfour;
    Scenario scenario = Scenario::Saturate;
    int channels = 1;
    int listenersPerChannel = 50;
    int threads = 2;
    int window = 200;     // Saturate: frames the talker may be ahead of its slowest listener
    int batch = 32;       // Saturate: frames per write() of the talker
    int rate = 50;        // Fixed: frames per second per talker
    int frameBytes = 160; // whole audio frame: 9 header bytes + payload (timestamp first)
    double warmupSec = 1;
    double durationSec = 5;
    double setupTimeoutSec = 40;
    double settleSec = 2;      // Idle: wait after the last join before reading the relay's RSS
    int maxSetupInFlight = 16; // per worker, between connect() and ready: below Qt's listen backlog of 50
    int relayPid = 0;
    std::string label = "relay";

    int talkers() const { return scenario == Scenario::Idle ? 0 : channels; }
    int listeners() const { return channels * listenersPerChannel; }
};

enum Phase : int { kSetup, kTalk, kRun, kStop };

// State every worker reads or updates; counters live in the workers.
struct Shared {
    explicit Shared(const Config &c);
    void fail(const std::string &why); // keeps the first few reasons
    std::vector<std::string> errors();

    const Config &cfg;
    std::atomic<int> phase{kSetup};
    std::atomic<int> ready{0};
    std::atomic<int> granted{0};
    std::atomic<int> failures{0};
    std::atomic<bool> measuring{false};
    struct alignas(64) PaddedSeq {
        std::atomic<uint32_t> v{0};
    };
    std::unique_ptr<PaddedSeq[]> lastSeq;   // per listener: newest seq received; own cache line
    std::atomic<bool> talkerWaiting{false}; // a talker's window is full
    int talkerWakeFd = -1;                  // eventfd in the talkers' worker

private:
    std::mutex mu_;
    std::vector<std::string> errors_;
};

struct alignas(64) Counters {
    std::atomic<uint64_t> deliveries{0}; // audio frames received by listeners
    std::atomic<uint64_t> sent{0};       // audio frames sent by talkers
    std::atomic<uint64_t> gaps{0};       // seq numbers a listener never saw (relay drops)
    std::atomic<uint64_t> reorders{0};   // seq numbers seen out of order or twice
    std::atomic<uint64_t> skipped{0};    // Fixed: frames not sent because the worker lagged
    std::atomic<uint64_t> textIn{0};     // text frames received (control, presence, ...)
};

class Worker {
public:
    Worker(Shared &shared, int index);
    ~Worker();
    Worker(const Worker &) = delete;
    Worker &operator=(const Worker &) = delete;

    void addListener(int listener, int channel);
    void addTalker(int channel);
    void run(); // the thread body; returns at kStop or on its time cap

    Counters counters;
    LatencyHistogram latency; // read by the main thread after join()

private:
    struct Conn;
    void open(Conn &c);
    void onEvent(Conn &c, uint32_t events);
    void onReadable(Conn &c);
    void processFrames(Conn &c, const char *data, size_t len, int64_t now);
    void onText(Conn &c, const char *data, size_t len);
    void onAudio(Conn &c, const char *data, size_t len, int64_t now);
    void onPhase(int phase);
    void pumpTalkers(int phase, int64_t now);
    void pumpSaturate(Conn &t);
    void pumpFixed(Conn &t, int64_t now);
    uint32_t slowestListenerSeq(const Conn &t) const;
    size_t buildFrame(char *dst, Conn &t, int64_t sentAt);
    int64_t waitNs(int phase, int64_t now) const;
    void publish();
    bool sendBytes(Conn &c, const char *data, size_t len);
    void sendControl(Conn &c, const std::string &json);
    void flush(Conn &c);
    void setWantWrite(Conn &c, bool on);
    void becomeReady(Conn &c);
    void fail(Conn &c, const std::string &why);
    void closeConn(Conn &c);

    Shared &s_;
    int index_;
    int epfd_ = -1;
    int wakeFd_ = -1; // only in the talkers' worker
    std::vector<std::unique_ptr<Conn>> conns_;
    std::vector<Conn *> talkers_;
    std::vector<char> rx_;    // one receive buffer shared by all connections of this worker
    std::vector<char> tx_;    // the talkers' batch of frames, WebSocket framing included
    std::vector<char> frame_; // one audio frame before framing
    std::string hostPort_;
    std::string upgrade_;
    int setupInFlight_ = 0;
    bool deliveredSince_ = false;
    bool measuring_ = false;
    // Plain counters of this thread, published to `counters` once per loop pass.
    uint64_t deliveries_ = 0, sent_ = 0, gaps_ = 0, reorders_ = 0, skipped_ = 0, textIn_ = 0;
};

} // namespace relaybench
