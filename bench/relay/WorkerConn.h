#pragma once
// Internals shared by Worker.cpp (connections, receive path, event loop) and Talkers.cpp
// (what the talkers send and when).

#include "Worker.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace relaybench {

inline constexpr int kHeader = 9;             // audio frame header: type, sid, seq
inline constexpr int kMinFrame = kHeader + 8; // + the send timestamp

inline uint32_t readBe32(const char *p)
{
    const auto *u = reinterpret_cast<const unsigned char *>(p);
    return (uint32_t(u[0]) << 24) | (uint32_t(u[1]) << 16) | (uint32_t(u[2]) << 8) | u[3];
}

inline void writeBe32(char *p, uint32_t v)
{
    p[0] = char(v >> 24);
    p[1] = char(v >> 16);
    p[2] = char(v >> 8);
    p[3] = char(v);
}

struct Worker::Conn {
    enum State {
        kIdle,
        kConnecting,
        kUpgrading,
        kAwaitWelcome,
        kAwaitJoined,
        kReady,
        kAwaitGranted,
        kTalking,
        kDead
    };
    int fd = -1;
    State state = kIdle;
    bool talker = false;
    bool wantWrite = false;
    int id = 0; // unique over the run: the hello name
    int channel = 0;
    int listener = -1; // index into Shared::lastSeq
    uint32_t sid = 0;
    uint32_t seq = 0; // talker: last seq sent; listener: newest seq received
    int64_t nextDue = 0;
    std::string in;  // an incomplete frame left over from the last read
    std::string out; // bytes the socket has not taken yet
    size_t outOff = 0;
};

} // namespace relaybench
