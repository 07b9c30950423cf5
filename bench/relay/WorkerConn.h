#pragma once
// Internals shared by Worker.cpp (connections, receive path, event loop) and Talkers.cpp
// (what the talkers send and when).

#include "ByteOrder.h"
#include "Worker.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace relaybench {

inline constexpr int kHeader = 9;             // audio frame header: type, sid, seq
inline constexpr int kMinFrame = kHeader + 8; // + the send timestamp

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
