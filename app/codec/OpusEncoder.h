#pragma once
// Opus encoder for Tenfour's one format: 48 kHz mono, 20 ms frames, OPUS_APPLICATION_VOIP.
// Every libopus return value is checked; encode() never writes more than maxBytes.

#include <QString>
#include <QtGlobal>

// The engine codes against codec/OpusEncoder.h for both wrappers (see the API sketch).
#include "codec/OpusDecoder.h"

namespace tenfour::codec {

inline constexpr int kMinBitrate = 8000;
inline constexpr int kMaxBitrate = 64000;

struct EncoderConfig {
    int bitrate = 24000;         // bit/s, VBR, clamped to [kMinBitrate, kMaxBitrate]
    int complexity = 10;         // 0..10
    bool fec = true;             // in-band FEC (SILK LBRR)
    int expectedLossPercent = 5; // 0..100; FEC only spends bits when this is > 0
    bool dtx = false;            // discontinuous transmission: 1-2 byte packets in silence
    // Highest audio bandwidth in Hz (4000 NB, 6000 MB, 8000 WB, 12000 SWB, 20000 FB). libopus 1.3
    // only codes FEC when the bitrate suffices for the bandwidth it picked: at 24 kbit/s it picks
    // super-wideband and adds FEC only from ~10% expected loss; capped at 8000 (wideband) it adds
    // FEC at any loss > 0.
    int maxBandwidthHz = 20000;
};

class OpusEncoder {
public:
    explicit OpusEncoder(const EncoderConfig &config = {});
    ~OpusEncoder();
    OpusEncoder(const OpusEncoder &) = delete;
    OpusEncoder &operator=(const OpusEncoder &) = delete;

    bool isValid() const { return m_state != nullptr; }
    QString errorString() const { return m_error; }

    // Setters clamp to the valid range and return quietly; errorString() tells when libopus refused.
    void setBitrate(int bps);
    void setComplexity(int complexity);
    void setFec(bool on);
    void setExpectedLossPercent(int pct);
    void setDtx(bool on);
    void setMaxBandwidthHz(int hz); // rounds down to the next Opus bandwidth
    void reset();

    int bitrate() const { return m_config.bitrate; }
    int expectedLossPercent() const { return m_config.expectedLossPercent; }
    bool dtx() const { return m_config.dtx; }
    const EncoderConfig &config() const { return m_config; }
    // Look-ahead of the encoder in samples at 48 kHz (what a decoded signal lags the input by).
    int lookaheadSamples() const;

    // Encodes exactly 960 samples. Returns the packet size in bytes (1-2 bytes = DTX silence),
    // or < 0 (an OPUS_* error code) on error.
    int encode(const qint16 *pcm960, unsigned char *out, int maxBytes);

private:
    bool ctl(int request, int value, const char *what);

    void *m_state = nullptr; // ::OpusEncoder *, kept opaque so this header needs no opus.h
    EncoderConfig m_config;
    QString m_error;
};

} // namespace tenfour::codec
