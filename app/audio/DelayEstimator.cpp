#include "audio/DelayEstimator.h"

#include "audio/AudioFormat.h"

#include <algorithm>
#include <cmath>

namespace tenfour::audio {
namespace {
// Per-packet decay of the target towards the measured jitter: a time constant of 100 packets
// (2 s), on top of the window's own memory, so one quiet second does not undo a jitter episode.
constexpr double kDecay = 0.99;
} // namespace

DelayEstimator::DelayEstimator(int minDelayMs, int maxDelayMs)
{
    setBounds(minDelayMs, maxDelayMs);
    reset();
}

void DelayEstimator::setBounds(int minDelayMs, int maxDelayMs)
{
    m_minUs = qint64(std::clamp(minDelayMs, 0, 2000)) * 1000;
    m_maxUs = std::max(m_minUs, qint64(std::clamp(maxDelayMs, 0, 5000)) * 1000);
    m_targetUs = clampTarget(m_targetUs);
}

qint64 DelayEstimator::clampTarget(qint64 us) const
{
    return std::clamp(us, m_minUs, m_maxUs);
}

void DelayEstimator::reset(int initialTargetMs)
{
    m_count = 0;
    m_pos = 0;
    for (RelEntry &e : m_rel)
        e.used = false;
    m_lastSeq = 0;
    m_lastExt = 0;
    m_refUs = 0;
    m_jitterUs = 0;
    m_targetUs = clampTarget(initialTargetMs < 0 ? m_minUs : qint64(initialTargetMs) * 1000);
}

qint64 DelayEstimator::extend(quint32 seq) const
{
    if (m_count == 0)
        return 0;
    return m_lastExt + qint32(seq - m_lastSeq);
}

void DelayEstimator::addArrival(quint32 seq, qint64 arrivalUs)
{
    const qint64 ext = extend(seq);
    if (m_count == 0 || ext > m_lastExt) {
        m_lastExt = ext;
        m_lastSeq = seq;
    }
    const qint64 rel = arrivalUs - ext * kFrameUs;
    // Lateness against the frames before this one in sequence: a frame can only be late relative
    // to a predecessor that made it faster.
    bool havePredecessor = false;
    qint64 predecessorMin = 0;
    for (const RelEntry &e : m_rel) {
        if (e.used && e.ext < ext && e.ext >= ext - kRefWindow) {
            predecessorMin = havePredecessor ? std::min(predecessorMin, e.rel) : e.rel;
            havePredecessor = true;
        }
    }
    const qint64 excess = havePredecessor ? std::max<qint64>(0, rel - predecessorMin) : 0;

    m_excess[size_t(m_pos)] = excess;
    m_pos = (m_pos + 1) % kWindow;
    RelEntry &slot = m_rel[size_t(((ext % kRefWindow) + kRefWindow) % kRefWindow)];
    if (!slot.used || slot.ext < ext) { // a very late frame must not evict a newer one
        slot.ext = ext;
        slot.rel = rel;
        slot.used = true;
    }
    if (m_count < kWindow)
        ++m_count;

    // The schedule's reference: the earliest relative arrival among the newest kRefWindow frames.
    qint64 ref = rel;
    for (const RelEntry &e : m_rel) {
        if (e.used && e.ext > m_lastExt - kRefWindow)
            ref = std::min(ref, e.rel);
    }
    m_refUs = ref;

    const int n = m_count;
    std::copy(m_excess.begin(), m_excess.begin() + n, m_scratch.begin());
    const int k = int(std::ceil(kPercentile * (n - 1)));
    std::nth_element(m_scratch.begin(), m_scratch.begin() + k, m_scratch.begin() + n);
    m_jitterUs = m_scratch[size_t(k)];

    if (m_jitterUs >= m_targetUs)
        m_targetUs = m_jitterUs; // rise at once: late frames are audible now
    else
        m_targetUs = m_jitterUs + qint64(double(m_targetUs - m_jitterUs) * kDecay);
    m_targetUs = clampTarget(m_targetUs);
}

} // namespace tenfour::audio
