#include "codec/OpusDecoder.h"

#include "audio/AudioFormat.h"

#include <opus.h>

namespace tenfour::codec {
namespace {
// Tenfour's one format (48 kHz mono); the longest Opus packet and its duration (120 ms).
using audio::kMaxDecodedSamples;
using audio::kMaxPacketBytes;
using audio::kSampleRate;

::OpusDecoder *dec(void *p)
{
    return static_cast<::OpusDecoder *>(p);
}

bool validFrameSize(int n)
{
    // Opus frames are whole multiples of 2.5 ms (120 samples at 48 kHz), at most 120 ms.
    return n > 0 && n <= kMaxDecodedSamples && n % 120 == 0;
}
// The range decoder of RFC 6716, 4.1, just far enough to read the first few equiprobable bits.
class RangeBits {
public:
    RangeBits(const unsigned char *buf, int len) : m_buf(buf), m_len(len)
    {
        m_rem = next();
        m_rng = 128;
        m_val = 127 - (m_rem >> 1);
        normalize();
    }
    // ec_dec_bit_logp(): a bit whose probability of being 1 is 1 / 2^logp.
    bool bit(unsigned logp)
    {
        const quint32 s = m_rng >> logp;
        const bool one = m_val < s;
        if (!one)
            m_val -= s;
        m_rng = one ? s : m_rng - s;
        normalize();
        return one;
    }

private:
    int next() { return m_pos < m_len ? m_buf[m_pos++] : 0; }
    void normalize()
    {
        while (m_rng <= (1u << 23)) {
            m_rng <<= 8;
            const int prev = m_rem;
            m_rem = next();
            const quint32 sym = quint32(((prev << 8) | m_rem) >> 1) & 0xFFu;
            m_val = ((m_val << 8) + (255u - sym)) & 0x7FFFFFFFu;
        }
    }

    const unsigned char *m_buf;
    int m_len;
    int m_pos = 0;
    int m_rem = 0;
    quint32 m_rng = 0;
    quint32 m_val = 0;
};
} // namespace

bool OpusDecoder::packetHasFec(const unsigned char *data, int len)
{
    if (!data || len < 2 || len > kMaxPacketBytes || !packetHasSilk(data, len))
        return false;
    unsigned char toc = 0;
    const unsigned char *frames[48] = {};
    opus_int16 sizes[48] = {};
    if (opus_packet_parse(data, opus_int32(len), &toc, frames, sizes, nullptr) < 1 || !frames[0] ||
        sizes[0] <= 0)
        return false;
    // SILK frames per Opus frame: 10 and 20 ms -> 1, 40 ms -> 2, 60 ms -> 3 (hybrid is 10/20 ms).
    const int config = toc >> 3;
    const int durationIndex = config & 3;
    const int silkFrames = config < 12 && durationIndex >= 2 ? durationIndex : 1;
    const int channels = (toc & 0x04) ? 2 : 1;
    RangeBits rd(frames[0], sizes[0]);
    // Header per channel: one VAD flag per SILK frame, then the LBRR flag.
    bool lbrr = false;
    for (int c = 0; c < channels; ++c) {
        for (int f = 0; f < silkFrames; ++f)
            rd.bit(1);
        lbrr = rd.bit(1) || lbrr;
    }
    return lbrr;
}

OpusDecoder::OpusDecoder()
{
    int err = OPUS_OK;
    ::OpusDecoder *d = opus_decoder_create(kSampleRate, 1, &err);
    if (err != OPUS_OK || !d) {
        m_error = QStringLiteral("opus_decoder_create: %1").arg(QString::fromUtf8(opus_strerror(err)));
        if (d)
            opus_decoder_destroy(d);
        return;
    }
    m_state = d;
}

OpusDecoder::~OpusDecoder()
{
    if (m_state)
        opus_decoder_destroy(dec(m_state));
}

int OpusDecoder::packetSamples(const unsigned char *data, int len)
{
    if (!data || len <= 0 || len > kMaxPacketBytes)
        return OPUS_BAD_ARG;
    return opus_packet_get_nb_samples(data, len, kSampleRate);
}

bool OpusDecoder::packetHasSilk(const unsigned char *data, int len)
{
    if (!data || len <= 0)
        return false;
    // TOC configs 0-11 are SILK-only, 12-15 hybrid, 16-31 CELT-only (RFC 6716, 3.1).
    return (data[0] >> 3) < 16;
}

int OpusDecoder::decode(const unsigned char *data, int len, qint16 *pcm, int maxSamples)
{
    if (!m_state)
        return OPUS_INVALID_STATE;
    if (!data || len <= 0 || len > kMaxPacketBytes || !pcm || maxSamples <= 0)
        return OPUS_BAD_ARG;
    // Check the duration first: a packet longer than the buffer is refused here rather than
    // relying on libopus's own frame_size check alone.
    const int n = opus_packet_get_nb_samples(data, len, kSampleRate);
    if (n < 0)
        return n;
    if (n == 0 || n > maxSamples || n > kMaxDecodedSamples)
        return OPUS_BUFFER_TOO_SMALL;
    const int rc = opus_decode(dec(m_state), data, len, pcm, n, 0);
    if (rc < 0)
        m_error = QStringLiteral("opus_decode: %1").arg(QString::fromUtf8(opus_strerror(rc)));
    return rc;
}

int OpusDecoder::decodeFec(const unsigned char *next, int len, qint16 *pcm, int frameSamples)
{
    if (!m_state)
        return OPUS_INVALID_STATE;
    if (!next || len <= 0 || len > kMaxPacketBytes || !pcm || !validFrameSize(frameSamples))
        return OPUS_BAD_ARG;
    if (opus_packet_get_nb_samples(next, len, kSampleRate) < 0)
        return OPUS_INVALID_PACKET;
    const int rc = opus_decode(dec(m_state), next, len, pcm, frameSamples, 1);
    if (rc < 0)
        m_error = QStringLiteral("opus_decode(fec): %1").arg(QString::fromUtf8(opus_strerror(rc)));
    return rc;
}

int OpusDecoder::conceal(qint16 *pcm, int frameSamples)
{
    if (!m_state)
        return OPUS_INVALID_STATE;
    if (!pcm || !validFrameSize(frameSamples))
        return OPUS_BAD_ARG;
    const int rc = opus_decode(dec(m_state), nullptr, 0, pcm, frameSamples, 0);
    if (rc < 0)
        m_error = QStringLiteral("opus_decode(plc): %1").arg(QString::fromUtf8(opus_strerror(rc)));
    return rc;
}

void OpusDecoder::reset()
{
    if (m_state)
        opus_decoder_ctl(dec(m_state), OPUS_RESET_STATE);
}

} // namespace tenfour::codec
