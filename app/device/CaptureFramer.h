#pragma once
// Cuts a stream of 48 kHz mono Int16 samples, arriving in chunks of any size, into the 20 ms
// CaptureFrames the encoder worker takes, stamps each with the time its newest sample arrived,
// measures its peak and pushes it into the CaptureQueue. Shared by every capture backend (Qt's
// QAudioSource reader and the native PulseAudio record stream).
//
// Real-time safe: push() takes no lock and allocates nothing. One producer thread at a time;
// peak() and framesCaptured() may be read from any thread.

#include "device/CaptureFrame.h"

#include <QtGlobal>
#include <atomic>

namespace tenfour::device {

class CaptureQueue;

class CaptureFramer {
public:
    explicit CaptureFramer(CaptureQueue *queue) : m_queue(queue) {}

    // Starts a new stream: a partial frame is dropped, the frame counter restarts.
    void reset();
    // count mono samples; nowUs = monotonicUs() when the last of them arrived. samples may be
    // null for a gap of `count` samples of silence (PulseAudio reports holes that way).
    void push(const qint16 *samples, qint64 count, qint64 nowUs);

    float peak() const { return m_peak.load(std::memory_order_relaxed); }
    quint64 framesCaptured() const { return m_frames.load(std::memory_order_relaxed); }

private:
    CaptureQueue *m_queue;
    CaptureFrame m_frame{}; // the frame being filled
    int m_fill = 0;
    std::atomic<float> m_peak{0.0f};
    std::atomic<quint64> m_frames{0};
};

} // namespace tenfour::device
