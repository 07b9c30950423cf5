#include "audio/VoiceActivityDetector.h"

#include <algorithm>
#include <cmath>

namespace tenfour::audio {

VoiceActivityDetector::VoiceActivityDetector(int thresholdDb, int hangoverMs)
    : m_thresholdDb(std::clamp(thresholdDb, kMinThresholdDb, kMaxThresholdDb)),
      m_hangoverMs(std::max(0, hangoverMs))
{
}

void VoiceActivityDetector::setThresholdDb(int db)
{
    m_thresholdDb.store(std::clamp(db, kMinThresholdDb, kMaxThresholdDb), std::memory_order_relaxed);
}

void VoiceActivityDetector::setHangoverMs(int ms)
{
    m_hangoverMs.store(std::max(0, ms), std::memory_order_relaxed);
}

float VoiceActivityDetector::levelDbfs(const qint16 *frame, int samples)
{
    double sum = 0.0;
    for (int i = 0; i < samples; ++i)
        sum += double(frame[i]) * double(frame[i]);
    const double rms = samples > 0 ? std::sqrt(sum / samples) / 32768.0 : 0.0;
    return rms > 1e-5 ? float(20.0 * std::log10(rms)) : -100.0f;
}

bool VoiceActivityDetector::process(const qint16 *frame)
{
    m_lastDb = levelDbfs(frame, kFrameSamples);
    const int threshold = m_thresholdDb.load(std::memory_order_relaxed);
    if (m_lastDb >= float(threshold)) {
        m_active = true;
        m_hangLeft = m_hangoverMs.load(std::memory_order_relaxed) / kFrameMs;
    } else if (m_active) {
        if (m_hangLeft > 0)
            --m_hangLeft;
        else
            m_active = false;
    }
    return m_active;
}

void VoiceActivityDetector::reset()
{
    m_active = false;
    m_hangLeft = 0;
    m_lastDb = -100.0f;
}

} // namespace tenfour::audio
