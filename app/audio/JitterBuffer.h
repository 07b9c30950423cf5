#pragma once
// Packet store of one speaker's jitter buffer, keyed by the u32 sequence number (wrap-safe).
// It only holds packets and the play position; SpeakerStream decides when to play, conceal or drop.
// All slots are allocated in the constructor.

#include "audio/AudioFormat.h"

#include <QtGlobal>
#include <memory>

namespace tenfour::audio {

// Receive-side tuning shared by PlayoutMixer and SpeakerStream.
struct JitterConfig {
    int minDelayMs = 20;        // lowest target delay: one frame of safety
    int maxDelayMs = 300;       // highest target delay
    int streamTimeoutMs = 1000; // a stream with no packet for this long ends
};

class JitterBuffer {
public:
    // 64 frames = 1.28 s: above the max delay plus a pre-roll burst plus a long jitter spike.
    static constexpr int kCapacity = 64;

    struct Packet {
        quint32 seq = 0;
        quint16 size = 0;
        bool used = false;
        unsigned char data[kMaxPacketBytes];
    };

    enum class InsertResult {
        Inserted,
        Duplicate, // already stored
        Late,      // its turn has passed (already played or concealed)
        Invalid,   // empty or oversized payload
        Reset,     // too far ahead of the play position: the buffer restarted at this packet
    };

    JitterBuffer();
    JitterBuffer(const JitterBuffer &) = delete;
    JitterBuffer &operator=(const JitterBuffer &) = delete;

    // Forgets every packet and the play position.
    void clear();
    InsertResult insert(quint32 seq, const unsigned char *data, int len);

    // The play position: the sequence number to play next. Before the first advance() it follows
    // the smallest sequence number seen, so packets reordered at the start are not lost.
    bool hasPosition() const { return m_hasPosition; }
    quint32 nextSeq() const { return m_next; }
    // Stored packet for seq, or nullptr.
    const Packet *find(quint32 seq) const;
    // Moves the play position one frame on, dropping the packet there if any.
    void advance();

    int count() const { return m_count; }
    bool empty() const { return m_count == 0; }
    // Frames from the play position to the newest stored packet, inclusive (0 when empty).
    int span() const;

private:
    int slotOf(quint32 seq) const { return int(seq % kCapacity); }

    std::unique_ptr<Packet[]> m_slots;
    quint32 m_next = 0;
    quint32 m_newest = 0;
    int m_count = 0;
    bool m_hasPosition = false;
    bool m_advanced = false;
};

} // namespace tenfour::audio
