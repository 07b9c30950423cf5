#pragma once
// Push-to-talk gate: sees every captured 20 ms frame, keeps the last pre-roll frames, and decides
// which frames go out. On press it reports Start and hands out the pre-roll frames (oldest first)
// followed by the live frame; after release it keeps sending for the tail, then reports Stop.
// A press during the tail continues the same transmission. No allocation after construction.

#include "audio/AudioFormat.h"

#include <QtGlobal>
#include <array>

namespace tenfour::audio {

class PttGate {
public:
    static constexpr int kMaxPreRollMs = 500;
    static constexpr int kMaxTailMs = 1000;
    static constexpr int kMaxPreRollFrames = kMaxPreRollMs / kFrameMs;
    // Largest *outCount process() can produce: all pre-roll frames plus the live one.
    static constexpr int kMaxOut = kMaxPreRollFrames + 1;

    PttGate(int preRollMs = 160, int tailMs = 200);

    // Both round down to whole frames and clamp to [0, kMaxPreRollMs] / [0, kMaxTailMs].
    void setPreRollMs(int ms);
    void setTailMs(int ms);
    int preRollMs() const { return m_preRollFrames * kFrameMs; }
    int tailMs() const { return m_tailFrames * kFrameMs; }

    enum class Event { None, Start, Stop };
    // Feed one captured frame (960 samples) and the current pressed state. Returns the event for this
    // step and fills `out` with pointers to the frames to send now (pre-roll first), count in
    // `*outCount` (<= maxOut; when maxOut is too small the oldest pre-roll frames are skipped).
    // On Stop, send the frames in `out` first (the end of the tail), then end the transmission.
    // The pointers stay valid until the next call.
    Event process(const qint16 *frame, bool pressed, const qint16 **out, int maxOut, int *outCount);

    bool transmitting() const { return m_state != State::Idle; }
    // Ends any transmission at once without a Stop event and forgets the history (device change).
    void reset();

private:
    enum class State { Idle, Live, Tail };

    const qint16 *store(const qint16 *frame);

    static constexpr int kRing = kMaxPreRollFrames + 1;
    std::array<std::array<qint16, kFrameSamples>, kRing> m_ring{};
    int m_write = 0;  // next ring slot to fill
    int m_unsent = 0; // frames in the ring that were captured but never sent (pre-roll candidates)
    int m_preRollFrames = 0;
    int m_tailFrames = 0;
    int m_tailLeft = 0;
    State m_state = State::Idle;
};

} // namespace tenfour::audio
