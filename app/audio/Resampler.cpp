#include "audio/Resampler.h"

#include <speex/speex_resampler.h>

#include <algorithm>

namespace tenfour::audio {

Resampler::Resampler(int inRate, int inChannels, int outRate, int quality)
    : m_mono(new qint16[kChunk]), m_inRate(inRate), m_inChannels(inChannels), m_outRate(outRate)
{
    if (inRate < 1000 || inRate > 768000 || outRate < 1000 || outRate > 768000 || inChannels < 1 ||
        inChannels > 32)
        return;
    if (inRate != outRate) {
        int err = RESAMPLER_ERR_SUCCESS;
        m_state = speex_resampler_init(1, spx_uint32_t(inRate), spx_uint32_t(outRate),
                                       std::clamp(quality, 0, 10), &err);
        if (err != RESAMPLER_ERR_SUCCESS || !m_state) {
            if (m_state)
                speex_resampler_destroy(m_state);
            m_state = nullptr;
            return;
        }
        speex_resampler_skip_zeros(m_state);
    }
    m_valid = true;
}

Resampler::~Resampler()
{
    if (m_state)
        speex_resampler_destroy(m_state);
}

int Resampler::outputCapacityFor(int inFrames) const
{
    if (!m_valid || inFrames <= 0)
        return 0;
    // The filter may release a few samples it held back from an earlier call.
    return int((qint64(inFrames) * m_outRate + m_inRate - 1) / m_inRate) + 16;
}

int Resampler::latencySamples() const
{
    return m_state ? speex_resampler_get_output_latency(m_state) : 0;
}

void Resampler::reset()
{
    if (m_state) {
        speex_resampler_reset_mem(m_state);
        speex_resampler_skip_zeros(m_state);
    }
}

int Resampler::process(const qint16 *in, int inFrames, qint16 *out, int outCapacity)
{
    if (!m_valid || inFrames < 0 || outCapacity < 0 || (inFrames > 0 && (!in || !out)))
        return -1;
    int written = 0;
    int done = 0;
    while (done < inFrames && written < outCapacity) {
        const int n = std::min(kChunk, inFrames - done);
        const qint16 *src = in + qint64(done) * m_inChannels;
        if (m_inChannels == 1) {
            std::copy(src, src + n, m_mono.get());
        } else {
            for (int i = 0; i < n; ++i) {
                int sum = 0;
                for (int c = 0; c < m_inChannels; ++c)
                    sum += src[i * m_inChannels + c];
                m_mono[i] = qint16(sum / m_inChannels);
            }
        }
        if (!m_state) {
            const int k = std::min(n, outCapacity - written);
            std::copy(m_mono.get(), m_mono.get() + k, out + written);
            written += k;
            if (k < n)
                break;
        } else {
            int consumed = 0;
            while (consumed < n && written < outCapacity) {
                spx_uint32_t inLen = spx_uint32_t(n - consumed);
                spx_uint32_t outLen = spx_uint32_t(outCapacity - written);
                const int rc = speex_resampler_process_int(m_state, 0, m_mono.get() + consumed, &inLen,
                                                           out + written, &outLen);
                if (rc != RESAMPLER_ERR_SUCCESS)
                    return -1;
                consumed += int(inLen);
                written += int(outLen);
                if (inLen == 0 && outLen == 0)
                    break;
            }
            if (consumed < n)
                break;
        }
        done += n;
    }
    return written;
}

int Resampler::flush(qint16 *out, int outCapacity)
{
    if (!m_valid || outCapacity < 0 || (outCapacity > 0 && !out))
        return -1;
    if (!m_state)
        return 0;
    // Pushing the filter's input latency worth of silence releases what it still holds.
    int pending = speex_resampler_get_input_latency(m_state);
    int written = 0;
    std::fill(m_mono.get(), m_mono.get() + kChunk, qint16(0));
    while (pending > 0 && written < outCapacity) {
        spx_uint32_t inLen = spx_uint32_t(std::min(pending, kChunk));
        spx_uint32_t outLen = spx_uint32_t(outCapacity - written);
        if (speex_resampler_process_int(m_state, 0, m_mono.get(), &inLen, out + written, &outLen) !=
            RESAMPLER_ERR_SUCCESS)
            return -1;
        if (inLen == 0 && outLen == 0)
            break;
        pending -= int(inLen);
        written += int(outLen);
    }
    return written;
}

} // namespace tenfour::audio
