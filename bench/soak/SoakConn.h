#pragma once
// One client connection of the soak driver (bench/soak/main.cpp) and what it saw. Plain C++,
// no Qt: a thousand of these must cost far less than the relay they load.

#include <cstdint>
#include <map>
#include <string>

namespace soak {

// The roles: soak members (talk in turn, listen and check the rest of the time), and the abusers
// that run alongside (docs/reliability.md, "Soak").
enum class Role {
    Member,        // one of the N soak clients
    Flooder,       // talks at 10x real time in its own channel
    FloodListener, // listens to the flooder, counts what the relay let through
    Junk,          // sends malformed JSON in a loop
    SlowReader,    // joins a soak channel and never reads
    Burst,         // one of the 500 connections from one (proxied) address
};

enum class Phase { Connecting, Upgrading, AwaitWelcome, AwaitJoined, Ready, Closed };

struct Conn {
    int fd = -1;
    int index = 0; // in the driver's table
    Role role = Role::Member;
    Phase phase = Phase::Connecting;
    int channel = -1; // soak channel index; -1 for the abuse channels
    std::string channelName;
    std::string in;         // unparsed bytes from the relay
    std::string out;        // bytes the kernel did not take yet
    bool wantWrite = false; // EPOLLOUT armed
    std::string closeWhy;   // why it closed, when it did

    // Receive-side checks (members and the flood listener).
    uint32_t lastSid = 0;
    uint32_t lastSeq = 0;
    int64_t lastRxNs = 0;
    uint64_t framesRx = 0;
    uint64_t wrongChannel = 0; // frames whose payload names another channel
    uint64_t seqMissing = 0;   // frames missing inside a transmission (seq jumps)
    int64_t maxGapNs = 0;      // longest time between consecutive frames of one transmission
    uint64_t gapsOverLimit = 0;

    // Transmit side.
    uint32_t sid = 0; // our transmission, 0 when none
    bool granted = false;
    uint32_t txSeq = 0;
    int64_t nextTxNs = 0;    // when the next frame is due
    int64_t retryTalkNs = 0; // a denied talk is asked again at this time (0: not pending)
    uint64_t framesTx = 0;

    // Replies counted by "t" and error "code".
    std::map<std::string, uint64_t> errors;
    uint64_t welcomes = 0;
    uint64_t controlRx = 0;
    int closeCode = 0; // from the relay's close frame
    int64_t nextJunkNs = 0;
    int joinsPending = 1; // joined replies still to come
};

// Payload of every soak audio frame (after the 9-byte Tenfour header): a magic, the channel
// index it was sent to, and the sender's CLOCK_MONOTONIC time.
struct FramePayload {
    char magic[4] = {'S', 'O', 'A', 'K'};
    uint32_t channel = 0;
    int64_t sentNs = 0;
    char pad[24] = {}; // ~40 bytes, the size of a 16 kb/s Opus packet
};

} // namespace soak
