#pragma once
// Opus decoder for 48 kHz mono. Every call checks its arguments and libopus's return value and
// never writes more than the caller's buffer holds: untrusted packets from the network go through
// decode() directly.

#include <QString>
#include <QtGlobal>

namespace tenfour::codec {

class OpusDecoder {
public:
    OpusDecoder();
    ~OpusDecoder();
    OpusDecoder(const OpusDecoder &) = delete;
    OpusDecoder &operator=(const OpusDecoder &) = delete;

    bool isValid() const { return m_state != nullptr; }
    QString errorString() const { return m_error; }

    // Decodes one packet. Returns samples written (<= maxSamples), or < 0 (an OPUS_* error code).
    int decode(const unsigned char *data, int len, qint16 *pcm, int maxSamples);
    // Recovers the frame *before* `next` from next's in-band FEC data (decode_fec=1). frameSamples is
    // the duration of the missing frame (a multiple of 2.5 ms, e.g. 960). When `next` carries no FEC,
    // libopus falls back to concealment. Returns frameSamples or < 0.
    int decodeFec(const unsigned char *next, int len, qint16 *pcm, int frameSamples);
    // Packet loss concealment (decode with a null packet). Returns frameSamples or < 0.
    int conceal(qint16 *pcm, int frameSamples);
    void reset();

    // Samples (at 48 kHz) the packet decodes to, or < 0 when it is malformed.
    static int packetSamples(const unsigned char *data, int len);
    // True when the packet uses SILK (SILK-only or hybrid), the only mode with in-band FEC.
    static bool packetHasSilk(const unsigned char *data, int len);
    // True when the packet's first frame carries LBRR (in-band FEC) data for the frame before it,
    // read from the SILK header flags (RFC 6716, 4.2.3). libopus 1.3 has no call for this, and
    // without it decodeFec() silently falls back to PLC.
    static bool packetHasFec(const unsigned char *data, int len);

private:
    void *m_state = nullptr; // ::OpusDecoder *, opaque on purpose (see OpusEncoder.h)
    QString m_error;
};

} // namespace tenfour::codec
