#include "protocol/AudioFrame.h"

#include <QtEndian>
#include <cstring>

namespace tenfour::protocol {

const char *frameErrorText(FrameError e)
{
    switch (e) {
    case FrameError::None:
        return "ok";
    case FrameError::TooShort:
        return "audio frame shorter than its 9-byte header";
    case FrameError::UnknownType:
        return "unknown audio frame type";
    case FrameError::TooLarge:
        return "audio frame payload larger than 1275 bytes";
    case FrameError::BadTextSafe:
        return "malformed text-safe audio frame";
    }
    return "unknown error";
}

FrameError parseAudioFrame(QByteArrayView bytes, AudioFrameView &out)
{
    if (bytes.size() < kAudioHeaderSize)
        return FrameError::TooShort;
    const auto *p = reinterpret_cast<const uchar *>(bytes.data());
    if (p[0] != kAudioFrameType)
        return FrameError::UnknownType;
    if (bytes.size() > kMaxAudioFrame)
        return FrameError::TooLarge;
    out.sid = qFromBigEndian<quint32>(p + 1);
    out.seq = qFromBigEndian<quint32>(p + 5);
    out.payload = bytes.data() + kAudioHeaderSize;
    out.payloadSize = int(bytes.size()) - kAudioHeaderSize;
    return FrameError::None;
}

int writeAudioFrame(char *dst, quint32 sid, quint32 seq, const char *payload, int payloadSize)
{
    auto *p = reinterpret_cast<uchar *>(dst);
    p[0] = kAudioFrameType;
    qToBigEndian<quint32>(sid, p + 1);
    qToBigEndian<quint32>(seq, p + 5);
    if (payloadSize > 0)
        std::memcpy(dst + kAudioHeaderSize, payload, size_t(payloadSize));
    return kAudioHeaderSize + payloadSize;
}

QByteArray makeAudioFrame(quint32 sid, quint32 seq, QByteArrayView payload)
{
    QByteArray out(kAudioHeaderSize + payload.size(), Qt::Uninitialized);
    writeAudioFrame(out.data(), sid, seq, payload.data(), int(payload.size()));
    return out;
}

bool isTextSafeFrame(QStringView text)
{
    return !text.isEmpty() && text.front() == QLatin1Char(kTextSafeMarker);
}

QString encodeTextSafe(QByteArrayView binaryFrame)
{
    return QLatin1Char(kTextSafeMarker)
        + QString::fromLatin1(QByteArray::fromRawData(binaryFrame.data(), binaryFrame.size()).toBase64());
}

FrameError decodeTextSafe(QStringView text, QByteArray &binaryFrame)
{
    if (!isTextSafeFrame(text))
        return FrameError::BadTextSafe;
    // base64 of the largest frame is well under 2 KiB; anything longer is not ours.
    const qsizetype maxEncoded = 4 * ((kMaxAudioFrame + 2) / 3);
    if (text.size() - 1 > maxEncoded)
        return FrameError::TooLarge;
    const QByteArray encoded = text.mid(1).toLatin1();
    auto decoded = QByteArray::fromBase64Encoding(
        encoded, QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return FrameError::BadTextSafe;
    binaryFrame = std::move(decoded.decoded);
    return FrameError::None;
}

} // namespace tenfour::protocol
