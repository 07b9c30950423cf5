#pragma once
// The hand-off of captured frames to the encoder worker: a lock-free SPSC ring plus a wake-up.
// The producer (capture thread, or a file pacer) calls push(); the consumer blocks in wait().
// QSemaphore is futex-based on Linux: release() is an atomic add and, only when the consumer
// sleeps, one wake syscall — no lock and no allocation on the capture thread.

#include "audio/SpscQueue.h"
#include "device/CaptureFrame.h"

#include <QSemaphore>
#include <atomic>

namespace tenfour::device {

class CaptureQueue {
public:
    static constexpr std::size_t kCapacity = 50; // 1 s: the encoder may stall that long

    // Producer thread. False when full: the frame is dropped and counted.
    bool push(const CaptureFrame &frame)
    {
        if (!m_ring.tryPush(frame)) {
            m_dropped.fetch_add(1, std::memory_order_relaxed);
            return false;
        }
        m_ready.release();
        return true;
    }
    // Consumer thread.
    bool pop(CaptureFrame &frame) { return m_ring.tryPop(frame); }
    // Consumer thread: sleeps until a frame may be there or timeoutMs passes.
    bool wait(int timeoutMs) { return m_ready.tryAcquire(1, timeoutMs); }
    // Any thread: lets a sleeping consumer look at its flags (e.g. to stop).
    void wake() { m_ready.release(); }

    quint64 dropped() const { return m_dropped.load(std::memory_order_relaxed); }
    std::size_t sizeApprox() const { return m_ring.sizeApprox(); }

private:
    audio::SpscQueue<CaptureFrame, kCapacity> m_ring;
    QSemaphore m_ready;
    std::atomic<quint64> m_dropped{0};
};

} // namespace tenfour::device
