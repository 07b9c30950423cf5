#include "codec/OpusEncoder.h"

#include "audio/AudioFormat.h"

#include <opus.h>

#include <algorithm>

namespace tenfour::codec {
namespace {
using audio::kFrameSamples;
using audio::kMaxPacketBytes;
using audio::kSampleRate;

::OpusEncoder *enc(void *p)
{
    return static_cast<::OpusEncoder *>(p);
}
} // namespace

OpusEncoder::OpusEncoder(const EncoderConfig &config) : m_config(config)
{
    int err = OPUS_OK;
    ::OpusEncoder *e = opus_encoder_create(kSampleRate, 1, OPUS_APPLICATION_VOIP, &err);
    if (err != OPUS_OK || !e) {
        m_error = QStringLiteral("opus_encoder_create: %1").arg(QString::fromUtf8(opus_strerror(err)));
        if (e)
            opus_encoder_destroy(e);
        return;
    }
    m_state = e;
    bool ok = ctl(OPUS_SET_VBR_REQUEST, 1, "vbr");
    ok = ctl(OPUS_SET_SIGNAL_REQUEST, OPUS_SIGNAL_VOICE, "signal") && ok;
    if (!ok) {
        opus_encoder_destroy(e);
        m_state = nullptr;
        return;
    }
    setBitrate(config.bitrate);
    setComplexity(config.complexity);
    setFec(config.fec);
    setExpectedLossPercent(config.expectedLossPercent);
    setDtx(config.dtx);
    setMaxBandwidthHz(config.maxBandwidthHz);
    if (!m_error.isEmpty()) {
        opus_encoder_destroy(e);
        m_state = nullptr;
    }
}

OpusEncoder::~OpusEncoder()
{
    if (m_state)
        opus_encoder_destroy(enc(m_state));
}

bool OpusEncoder::ctl(int request, int value, const char *what)
{
    if (!m_state)
        return false;
    // opus_encoder_ctl is variadic: each request takes an opus_int32, passed as such.
    const int rc = opus_encoder_ctl(enc(m_state), request, static_cast<opus_int32>(value));
    if (rc != OPUS_OK) {
        m_error = QStringLiteral("opus_encoder_ctl(%1): %2")
                      .arg(QString::fromLatin1(what), QString::fromUtf8(opus_strerror(rc)));
        return false;
    }
    return true;
}

void OpusEncoder::setBitrate(int bps)
{
    const int v = std::clamp(bps, kMinBitrate, kMaxBitrate);
    if (ctl(OPUS_SET_BITRATE_REQUEST, v, "bitrate"))
        m_config.bitrate = v;
}

void OpusEncoder::setComplexity(int complexity)
{
    const int v = std::clamp(complexity, 0, 10);
    if (ctl(OPUS_SET_COMPLEXITY_REQUEST, v, "complexity"))
        m_config.complexity = v;
}

void OpusEncoder::setFec(bool on)
{
    if (ctl(OPUS_SET_INBAND_FEC_REQUEST, on ? 1 : 0, "inband_fec"))
        m_config.fec = on;
}

void OpusEncoder::setExpectedLossPercent(int pct)
{
    const int v = std::clamp(pct, 0, 100);
    if (ctl(OPUS_SET_PACKET_LOSS_PERC_REQUEST, v, "packet_loss_perc"))
        m_config.expectedLossPercent = v;
}

void OpusEncoder::setDtx(bool on)
{
    if (ctl(OPUS_SET_DTX_REQUEST, on ? 1 : 0, "dtx"))
        m_config.dtx = on;
}

void OpusEncoder::setMaxBandwidthHz(int hz)
{
    struct Step {
        int hz;
        int bandwidth;
    };
    static constexpr Step kSteps[] = {{20000, OPUS_BANDWIDTH_FULLBAND},
                                      {12000, OPUS_BANDWIDTH_SUPERWIDEBAND},
                                      {8000, OPUS_BANDWIDTH_WIDEBAND},
                                      {6000, OPUS_BANDWIDTH_MEDIUMBAND},
                                      {4000, OPUS_BANDWIDTH_NARROWBAND}};
    Step chosen = kSteps[4];
    for (const Step &s : kSteps) {
        if (hz >= s.hz) {
            chosen = s;
            break;
        }
    }
    if (ctl(OPUS_SET_MAX_BANDWIDTH_REQUEST, chosen.bandwidth, "max_bandwidth"))
        m_config.maxBandwidthHz = chosen.hz;
}

void OpusEncoder::reset()
{
    if (!m_state)
        return;
    const int rc = opus_encoder_ctl(enc(m_state), OPUS_RESET_STATE);
    if (rc != OPUS_OK)
        m_error = QStringLiteral("opus reset: %1").arg(QString::fromUtf8(opus_strerror(rc)));
}

int OpusEncoder::lookaheadSamples() const
{
    if (!m_state)
        return 0;
    opus_int32 v = 0;
    if (opus_encoder_ctl(enc(m_state), OPUS_GET_LOOKAHEAD(&v)) != OPUS_OK)
        return 0;
    return int(v);
}

int OpusEncoder::encode(const qint16 *pcm960, unsigned char *out, int maxBytes)
{
    if (!m_state)
        return OPUS_INVALID_STATE;
    if (!pcm960 || !out || maxBytes <= 0)
        return OPUS_BAD_ARG;
    const int rc = opus_encode(enc(m_state), pcm960, kFrameSamples, out, std::min(maxBytes, kMaxPacketBytes));
    if (rc < 0)
        m_error = QStringLiteral("opus_encode: %1").arg(QString::fromUtf8(opus_strerror(rc)));
    return rc;
}

} // namespace tenfour::codec
