#include "audio/SpeakerStream.h"

#include "audio/TimeStretcher.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace tenfour::audio {
namespace {
// Above the target by this much, a silent frame is skipped / a pitch period is cut from speech.
constexpr qint64 kDropAboveUs = kFrameUs;
// Below the target by this much, a silent frame is added (the delay rises without concealment).
constexpr qint64 kInsertBelowUs = kFrameUs / 2;
// Concealment longer than this turns to plain silence: PLC has faded out by then anyway.
constexpr int kMaxPlcRun = 5;
// At most this many frames are decoded by one pull (drops included): bounds the work per call.
constexpr int kMaxFramesPerPull = 8;

float rms(const qint16 *s, int n)
{
    if (n <= 0)
        return 0.0f;
    double acc = 0;
    for (int i = 0; i < n; ++i)
        acc += double(s[i]) * s[i];
    return float(std::sqrt(acc / n));
}
} // namespace

SpeakerStream::SpeakerStream(const JitterConfig &config) : m_pcm(new qint16[kPcmCapacity])
{
    setConfig(config);
}

void SpeakerStream::setConfig(const JitterConfig &config)
{
    m_config = config;
    m_config.minDelayMs = std::clamp(config.minDelayMs, 0, 1000);
    m_config.maxDelayMs = std::clamp(config.maxDelayMs, m_config.minDelayMs, 1000);
    m_config.streamTimeoutMs = std::clamp(config.streamTimeoutMs, 100, 60000);
    m_estimator.setBounds(m_config.minDelayMs, m_config.maxDelayMs);
}

void SpeakerStream::start(qint64 nowUs, int initialTargetMs)
{
    m_buffer.clear();
    m_estimator.reset(initialTargetMs);
    m_decoder.reset();
    m_pcmLen = 0;
    m_state = State::Buffering;
    m_ending = false;
    m_lastSilent = true;
    m_plcRun = 0;
    m_lastArrivalUs = nowUs;
    m_lastRms = 0.0f;
}

void SpeakerStream::end()
{
    if (m_state != State::Idle)
        m_ending = true;
}

void SpeakerStream::stop()
{
    finish();
}

void SpeakerStream::finish()
{
    m_state = State::Idle;
    m_ending = false;
    m_buffer.clear();
    m_pcmLen = 0;
    m_lastRms = 0.0f;
}

JitterBuffer::InsertResult SpeakerStream::push(quint32 seq, const unsigned char *data, int len,
                                               qint64 arrivalUs)
{
    if (m_state == State::Idle)
        start(arrivalUs);
    const JitterBuffer::InsertResult r = m_buffer.insert(seq, data, len);
    switch (r) {
    case JitterBuffer::InsertResult::Inserted:
    case JitterBuffer::InsertResult::Late: // late packets are exactly what the jitter estimate needs
        m_estimator.addArrival(seq, arrivalUs);
        m_lastArrivalUs = std::max(m_lastArrivalUs, arrivalUs);
        if (r == JitterBuffer::InsertResult::Late)
            ++m_counters.late;
        break;
    case JitterBuffer::InsertResult::Reset:
        m_estimator.reset(m_estimator.targetDelayMs());
        m_estimator.addArrival(seq, arrivalUs);
        m_lastArrivalUs = std::max(m_lastArrivalUs, arrivalUs);
        m_pcmLen = 0;
        break;
    case JitterBuffer::InsertResult::Duplicate:
        ++m_counters.duplicates;
        break;
    case JitterBuffer::InsertResult::Invalid:
        ++m_counters.invalid;
        break;
    }
    return r;
}

qint64 SpeakerStream::deadlineDelayUs(qint64 nowUs) const
{
    if (!m_estimator.hasReference() || !m_buffer.hasPosition())
        return 0;
    // The ideal arrival of a frame is the reference plus its place in the sequence. A frame that
    // arrives later than this delay is late.
    const qint64 ext = m_estimator.extend(m_buffer.nextSeq());
    return nowUs - m_estimator.referenceUs() - ext * kFrameUs;
}

qint64 SpeakerStream::pendingUs() const
{
    return qint64(m_pcmLen) * 1000000 / kSampleRate;
}

int SpeakerStream::bufferedMs(qint64 nowUs) const
{
    if (m_state == State::Idle)
        return 0;
    return int(std::max<qint64>(0, deadlineDelayUs(nowUs) + pendingUs()) / 1000);
}

int SpeakerStream::decodeInto(qint16 *dst, const JitterBuffer::Packet &p)
{
    return m_decoder.decode(p.data, p.size, dst, kMaxDecodedSamples);
}

int SpeakerStream::concealInto(qint16 *dst, quint32 missingSeq)
{
    const JitterBuffer::Packet *next = m_buffer.find(missingSeq + 1);
    if (next && codec::OpusDecoder::packetHasFec(next->data, next->size)) {
        const int n = m_decoder.decodeFec(next->data, next->size, dst, kFrameSamples);
        if (n == kFrameSamples) {
            ++m_counters.fecRecovered;
            return n;
        }
    }
    if (m_decoder.conceal(dst, kFrameSamples) != kFrameSamples)
        std::memset(dst, 0, sizeof(qint16) * kFrameSamples);
    return kFrameSamples;
}

SpeakerStream::Produced SpeakerStream::produce(qint64 nowUs)
{
    if (!m_buffer.hasPosition())
        return Produced::End;
    const quint32 seq = m_buffer.nextSeq();
    const qint64 excess = deadlineDelayUs(nowUs) - m_estimator.targetDelayUs();
    // Samples still queued add delay but no protection against jitter.
    const qint64 totalExcess = excess + pendingUs();
    const int pcmBefore = m_pcmLen;
    qint16 *dst = m_pcm.get() + m_pcmLen;

    if (const JitterBuffer::Packet *p = m_buffer.find(seq)) {
        int n = decodeInto(dst, *p);
        if (n <= 0) {
            ++m_counters.invalid;
            n = concealInto(dst, seq);
            m_buffer.advance();
            ++m_counters.concealed;
            m_pcmLen += n;
            return Produced::Frame;
        }
        m_buffer.advance();
        m_plcRun = 0;
        const bool silent = rms(dst, n) < kSilenceRms;
        // Dropping is safe only for frames nobody would miss; far above the maximum, bound the
        // delay even at the cost of a syllable.
        const qint64 hardLimit = qint64(m_config.maxDelayMs) * 1000;
        if ((silent && excess >= kDropAboveUs) || excess >= hardLimit) {
            ++m_counters.dropped;
            m_lastSilent = silent;
            return Produced::Nothing;
        }
        if (silent && m_lastSilent && excess <= -kInsertBelowUs &&
            m_pcmLen + n + kFrameSamples <= kPcmCapacity) {
            std::memmove(dst + kFrameSamples, dst, sizeof(qint16) * size_t(n));
            std::memset(dst, 0, sizeof(qint16) * kFrameSamples);
            m_pcmLen += kFrameSamples;
            ++m_counters.inserted;
        }
        m_pcmLen += n;
        ++m_counters.played;
        m_lastSilent = silent;
        // A period cut from the queued samples lowers the delay without touching the deadline of
        // the next frame; a longer cut needs the next frame sooner, which only a deadline far
        // enough above the target allows.
        const int maxLag = excess >= kDropAboveUs ? TimeStretcher::kMaxLag : pcmBefore;
        if (!silent && totalExcess >= kDropAboveUs && maxLag >= TimeStretcher::kMinLag &&
            m_pcmLen >= TimeStretcher::kNeeded) {
            // Strongly periodic speech loses a period unnoticed; past two frames over the target
            // take whatever period matches best.
            const float minCorr = excess >= 3 * kFrameUs ? 0.0f : TimeStretcher::kMinCorrelation;
            const int removed = TimeStretcher::shorten(m_pcm.get(), m_pcmLen, minCorr, maxLag);
            if (removed > 0) {
                m_pcmLen -= removed;
                ++m_counters.stretched;
            }
        }
        return Produced::Frame;
    }

    if (!m_buffer.empty()) {
        // Later frames are here, this one is not: lost, or too late to matter.
        m_pcmLen += concealInto(dst, seq);
        m_buffer.advance();
        ++m_counters.concealed;
        m_plcRun = 0;
        m_lastSilent = false;
        return Produced::Frame;
    }

    if (m_ending)
        return Produced::End;
    ++m_counters.underruns;
    if (m_plcRun < kMaxPlcRun) {
        m_pcmLen += concealInto(dst, seq);
        ++m_counters.concealed;
        ++m_plcRun;
    } else {
        std::memset(dst, 0, sizeof(qint16) * kFrameSamples);
        m_pcmLen += kFrameSamples;
    }
    // Below the target, wait for the missing frame (the delay grows by this frame); at or above
    // it, the frame counts as lost so the schedule holds.
    if (excess >= 0)
        m_buffer.advance();
    return Produced::Frame;
}

bool SpeakerStream::pull(qint16 *out, qint64 nowUs)
{
    auto silence = [&] {
        std::memset(out, 0, sizeof(qint16) * kFrameSamples);
        m_lastRms = 0.0f;
        return false;
    };
    if (!out)
        return false;
    if (m_state == State::Idle)
        return silence();
    if (nowUs - m_lastArrivalUs > qint64(m_config.streamTimeoutMs) * 1000)
        m_ending = true; // no `over` came: treat the silence as one

    if (m_state == State::Buffering) {
        if (m_buffer.empty()) {
            if (m_ending)
                finish();
            return silence();
        }
        if (!m_ending && deadlineDelayUs(nowUs) < m_estimator.targetDelayUs())
            return silence();
        m_state = State::Playing;
    }

    for (int guard = 0; m_pcmLen < kFrameSamples && guard < kMaxFramesPerPull; ++guard) {
        if (produce(nowUs) == Produced::End)
            break;
    }
    if (m_pcmLen == 0) {
        if (m_ending) {
            finish();
            return silence();
        }
        // Only reachable when every frame of this pull was dropped: output silence, keep playing.
        std::memset(out, 0, sizeof(qint16) * kFrameSamples);
        m_lastRms = 0.0f;
        return true;
    }
    const int n = std::min(m_pcmLen, kFrameSamples);
    std::memcpy(out, m_pcm.get(), sizeof(qint16) * size_t(n));
    if (n < kFrameSamples)
        std::memset(out + n, 0, sizeof(qint16) * size_t(kFrameSamples - n));
    m_pcmLen -= n;
    if (m_pcmLen > 0)
        std::memmove(m_pcm.get(), m_pcm.get() + n, sizeof(qint16) * size_t(m_pcmLen));
    m_lastRms = rms(out, kFrameSamples);
    return true;
}

} // namespace tenfour::audio
