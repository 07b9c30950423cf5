#include "audio/PttGate.h"

#include <algorithm>
#include <cstring>

namespace tenfour::audio {

PttGate::PttGate(int preRollMs, int tailMs)
{
    setPreRollMs(preRollMs);
    setTailMs(tailMs);
}

void PttGate::setPreRollMs(int ms)
{
    m_preRollFrames = std::clamp(ms, 0, kMaxPreRollMs) / kFrameMs;
}

void PttGate::setTailMs(int ms)
{
    m_tailFrames = std::clamp(ms, 0, kMaxTailMs) / kFrameMs;
}

void PttGate::reset()
{
    m_state = State::Idle;
    m_unsent = 0;
    m_tailLeft = 0;
}

const qint16 *PttGate::store(const qint16 *frame)
{
    qint16 *slot = m_ring[m_write].data();
    std::memcpy(slot, frame, sizeof(qint16) * kFrameSamples);
    m_write = (m_write + 1) % kRing;
    m_unsent = std::min(m_unsent + 1, kRing);
    return slot;
}

PttGate::Event PttGate::process(const qint16 *frame, bool pressed, const qint16 **out, int maxOut,
                                int *outCount)
{
    if (outCount)
        *outCount = 0;
    if (!frame || !outCount || (maxOut > 0 && !out))
        return Event::None;
    maxOut = std::max(maxOut, 0);

    const qint16 *current = store(frame);
    auto sendCurrent = [&] {
        if (maxOut > 0) {
            out[0] = current;
            *outCount = 1;
        }
        m_unsent = 0;
    };

    switch (m_state) {
    case State::Idle: {
        if (!pressed)
            return Event::None;
        m_state = State::Live;
        // Only frames never sent may be pre-roll: right after a tail the history is already out.
        const int wanted = std::min(m_unsent, m_preRollFrames + 1);
        const int n = std::min(wanted, maxOut);
        for (int i = 0; i < n; ++i) {
            const int age = n - 1 - i; // oldest first; age 0 is the live frame
            out[i] = m_ring[(m_write - 1 - age + kRing) % kRing].data();
        }
        *outCount = n;
        m_unsent = 0;
        return Event::Start;
    }
    case State::Live:
        if (pressed) {
            sendCurrent();
            return Event::None;
        }
        if (m_tailFrames == 0) {
            m_state = State::Idle;
            return Event::Stop;
        }
        sendCurrent();
        m_tailLeft = m_tailFrames - 1;
        if (m_tailLeft == 0) {
            m_state = State::Idle;
            return Event::Stop;
        }
        m_state = State::Tail;
        return Event::None;
    case State::Tail:
        sendCurrent();
        if (pressed) {
            m_state = State::Live;
            return Event::None;
        }
        if (--m_tailLeft <= 0) {
            m_state = State::Idle;
            return Event::Stop;
        }
        return Event::None;
    }
    return Event::None;
}

} // namespace tenfour::audio
