#pragma once
// Wire format of one audio frame (docs/protocol.md, "Audio frame").
//   byte 0      0x01 (frame type)
//   bytes 1..4  sid, u32 big-endian (the transmission's stream id)
//   bytes 5..8  seq, u32 big-endian (+1 per ptime interval, DTX gaps counted)
//   bytes 9..   one Opus packet, at most 1275 bytes
// The text-safe form, for relays that turn binary frames into text, is "~" + base64(frame).

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QtGlobal>

namespace tenfour::protocol {

inline constexpr quint8 kAudioFrameType = 0x01;
inline constexpr int kAudioHeaderSize = 9;
inline constexpr int kMaxOpusPacket = 1275;
inline constexpr int kMaxAudioFrame = kAudioHeaderSize + kMaxOpusPacket;
inline constexpr char kTextSafeMarker = '~';

enum class FrameError { None, TooShort, UnknownType, TooLarge, BadTextSafe };
const char *frameErrorText(FrameError e);

// A parsed frame; payload points into the buffer that was parsed (no copy).
struct AudioFrameView {
    quint32 sid = 0;
    quint32 seq = 0;
    const char *payload = nullptr;
    int payloadSize = 0;
};

// Parses a binary frame. Never reads outside bytes.
FrameError parseAudioFrame(QByteArrayView bytes, AudioFrameView &out);

// Writes header + payload into dst (capacity >= kAudioHeaderSize + payload size); returns bytes written.
int writeAudioFrame(char *dst, quint32 sid, quint32 seq, const char *payload, int payloadSize);
QByteArray makeAudioFrame(quint32 sid, quint32 seq, QByteArrayView payload);

// Text-safe form. isTextSafeFrame() is a cheap check of the marker; decodeTextSafe() validates.
bool isTextSafeFrame(QStringView text);
QString encodeTextSafe(QByteArrayView binaryFrame);
// Decodes "~"+base64 into the binary frame bytes; returns BadTextSafe on any malformed input.
FrameError decodeTextSafe(QStringView text, QByteArray &binaryFrame);

} // namespace tenfour::protocol
