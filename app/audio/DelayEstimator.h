#pragma once
// Target playout delay from measured arrival jitter. For each packet, its relative delay is
// arrival - seq * 20 ms; the reference is the smallest relative delay of the recent packets, and a
// packet's excess (lateness) is its relative delay minus the smallest one among the packets that
// precede it in sequence. The target is a high percentile of recent excesses: it rises at once and
// decays slowly. Comparing only with *preceding* frames means a pre-roll burst (older frames sent
// at once, so each later frame looks "earlier" than the one before) counts as on time rather than
// as 160 ms of jitter, even when the network reorders the burst.

#include <QtGlobal>
#include <array>

namespace tenfour::audio {

class DelayEstimator {
public:
    static constexpr int kWindow = 128;   // packets (~2.5 s) the percentile looks at
    static constexpr int kRefWindow = 64; // packets (~1.3 s) the reference minimum looks at
    static constexpr double kPercentile = 0.95;

    DelayEstimator(int minDelayMs = 20, int maxDelayMs = 300);

    void setBounds(int minDelayMs, int maxDelayMs);
    int minDelayMs() const { return m_minUs / 1000; }
    int maxDelayMs() const { return m_maxUs / 1000; }

    // New stream: forget all history. The target starts at initialTargetMs (clamped) or the minimum.
    void reset(int initialTargetMs = -1);
    void addArrival(quint32 seq, qint64 arrivalUs);

    bool hasReference() const { return m_count > 0; }
    // Sequence numbers extended to 64 bits around the first one seen (wrap-safe).
    qint64 extend(quint32 seq) const;
    // Smallest recent arrival - ext(seq) * 20 ms, in microseconds.
    qint64 referenceUs() const { return m_refUs; }

    qint64 targetDelayUs() const { return m_targetUs; }
    int targetDelayMs() const { return int(m_targetUs / 1000); }
    // The undecayed percentile of the current window.
    qint64 jitterUs() const { return m_jitterUs; }

private:
    qint64 clampTarget(qint64 us) const;

    std::array<qint64, kWindow> m_excess{};
    struct RelEntry {
        qint64 ext = 0;
        qint64 rel = 0;
        bool used = false;
    };
    std::array<RelEntry, kRefWindow> m_rel{}; // slot = extended seq % kRefWindow
    std::array<qint64, kWindow> m_scratch{};
    int m_count = 0; // packets seen (saturates)
    int m_pos = 0;
    quint32 m_lastSeq = 0;
    qint64 m_lastExt = 0;
    qint64 m_refUs = 0;
    qint64 m_jitterUs = 0;
    qint64 m_targetUs = 20000;
    qint64 m_minUs = 20000;
    qint64 m_maxUs = 300000;
};

} // namespace tenfour::audio
