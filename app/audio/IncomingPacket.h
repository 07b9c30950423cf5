#pragma once
// What the network thread hands to the playout thread (docs/architecture.md, "Receive contract").
// Trivially copyable and fixed size, so it travels through an SpscQueue without allocation.

#include "audio/AudioFormat.h"

#include <QtGlobal>
#include <type_traits>

namespace tenfour::audio {

struct IncomingPacket {
    enum Kind : quint8 {
        Audio,       // seq, arrivalUs, size, data: one Opus packet
        StreamStart, // sid, gain: a transmission begins
        StreamEnd,   // sid: the `over` message; play out what is buffered, then stop
        SetGain,     // sid, gain (0 = mute)
    };
    Kind kind = Audio;
    quint32 sid = 0;
    quint32 seq = 0;
    qint64 arrivalUs = 0; // same clock as render()'s nowUs (monotonic microseconds)
    float gain = 1.0f;
    quint16 size = 0;
    unsigned char data[kMaxPacketBytes];
};

static_assert(std::is_trivially_copyable_v<IncomingPacket>, "IncomingPacket must be trivially copyable");

} // namespace tenfour::audio
