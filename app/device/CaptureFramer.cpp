#include "device/CaptureFramer.h"

#include "device/CaptureQueue.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace tenfour::device {

void CaptureFramer::reset()
{
    m_fill = 0;
    m_peak.store(0.0f, std::memory_order_relaxed);
    m_frames.store(0, std::memory_order_relaxed);
}

void CaptureFramer::push(const qint16 *samples, qint64 count, qint64 nowUs)
{
    for (qint64 i = 0; i < count;) {
        const int take = int(std::min<qint64>(audio::kFrameSamples - m_fill, count - i));
        if (samples)
            std::memcpy(m_frame.samples + m_fill, samples + i, size_t(take) * sizeof(qint16));
        else
            std::memset(m_frame.samples + m_fill, 0, size_t(take) * sizeof(qint16));
        m_fill += take;
        i += take;
        if (m_fill == audio::kFrameSamples) {
            int peak = 0;
            for (qint16 s : m_frame.samples)
                peak = std::max(peak, std::abs(int(s)));
            m_peak.store(float(peak) / 32768.0f, std::memory_order_relaxed);
            // The newest sample of this frame arrived (count - i) samples before the last one.
            m_frame.captureUs = nowUs - (count - i) * 1000000 / audio::kSampleRate;
            m_frame.pressed = false;
            m_queue->push(m_frame);
            m_frames.fetch_add(1, std::memory_order_relaxed);
            m_fill = 0;
        }
    }
}

} // namespace tenfour::device
