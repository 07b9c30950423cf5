#pragma once
// The soak driver's event loop: one thread, epoll, non-blocking sockets. It connects the soak
// clients, rotates a talker in every channel, checks every frame each listener receives, runs
// the abusers alongside, and samples the relay's memory. main.cpp prints the verdict.

#include "../relay/Stats.h"
#include "SoakConn.h"

#include <cstdint>
#include <string>
#include <vector>

namespace soak {

struct Config {
    std::string host = "127.0.0.1";
    int port = 0;
    int clients = 1000;
    int channels = 50;
    double durationS = 600;
    double warmupS = 60;     // RSS growth is measured from the end of the warm-up
    double rotateS = 3;      // each channel's talker changes this often
    double gapLimitMs = 300; // one jitter-buffer length
    int setupParallel = 64;  // handshakes in flight at once
    bool abuse = true;
    int burst = 500;                          // connections of the burst from one address
    std::string burstAddress = "203.0.113.9"; // sent as X-Real-IP: the relay counts it per address
    int relayPid = 0;                         // for /proc/PID/status; 0: no memory check
};

struct Result {
    // Members.
    int members = 0;
    int membersConnectedAtEnd = 0;
    std::vector<std::string> lostWhy; // why members closed (first few)
    uint64_t framesTx = 0;
    uint64_t framesRx = 0;
    uint64_t wrongChannel = 0;
    uint64_t seqMissing = 0;
    uint64_t gapsOverLimit = 0;
    double maxGapMs = 0;
    double latencyP50Ms = 0, latencyP99Ms = 0, latencyMaxMs = 0;
    uint64_t transmissions = 0; // granted
    uint64_t denied = 0;
    double maxSendLateMs = 0; // how late the driver itself sent a frame (its own stalls)
    double setupS = 0;

    // Relay memory (kB), from VmRSS.
    long rssStartKb = 0, rssWarmKb = 0, rssEndKb = 0, rssMaxKb = 0;

    // Abuse.
    uint64_t floodSent = 0, floodDelivered = 0;
    double floodS = 0;
    uint64_t floodRateLimitedErrors = 0;
    uint64_t junkSent = 0, junkErrors = 0, junkRateLimited = 0;
    bool junkConnectedAtEnd = false;
    bool slowReaderConnectedAtEnd = false;
    int burstWelcomed = 0, burstRefused = 0, burstOther = 0;
    std::string burstOtherWhy; // the first "other": still handshaking, or why it closed
};

class Driver {
public:
    explicit Driver(const Config &cfg);
    ~Driver();
    // Runs the whole soak; false with `why` when it could not even start.
    bool run(Result &r, std::string &why);

private:
    struct Channel {
        std::vector<int> members; // conn indexes of the soak members
        int turn = 0;             // index into members of the current talker
        int talker = -1;          // conn index holding (or asking for) the floor
        int64_t rotateAtNs = 0;
        int64_t phaseNs = 0; // frame schedule offset inside the 20 ms period
    };

    int newConn(Role role, int channel, const std::string &channelName);
    bool startConnect(Conn &c);
    void closeConn(Conn &c, const std::string &why);
    void onReadable(Conn &c);
    void onWritable(Conn &c);
    void send(Conn &c, const char *data, size_t len);
    void sendText(Conn &c, const std::string &json);
    void onUpgraded(Conn &c);
    void onFrame(Conn &c, uint8_t opcode, const char *p, size_t len);
    void onControl(Conn &c, const char *p, size_t len);
    void onAudio(Conn &c, const char *p, size_t len);
    void requestTalk(Conn &c);
    void sendAudio(Conn &c);
    void tick();
    void rotate(Channel &ch);
    long relayRssKb() const;

    Config m_cfg;
    int m_ep = -1;
    std::vector<Conn> m_conns;
    std::vector<Channel> m_channels;
    int64_t m_now = 0;
    int64_t m_soakStart = 0; // setup done, talking starts
    bool m_talking = false;
    bool m_stopping = false;
    int m_inFlight = 0;
    std::vector<int> m_pending;             // conns not connected yet (setup throttling)
    relaybench::LatencyHistogram m_latency; // send to receive, at the members
    Result *m_r = nullptr;
    int m_flooder = -1, m_floodListener = -1, m_junk = -1, m_slow = -1;
    int64_t m_floodStartNs = 0;
    std::vector<int> m_burst;
};

} // namespace soak
