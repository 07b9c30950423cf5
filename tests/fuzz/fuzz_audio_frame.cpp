// Audio frame parser, both forms (app/protocol/AudioFrame.h): the input as a binary frame, and as
// a text frame in its text-safe form ("~" + base64), read both as UTF-8 (what a QWebSocket hands
// over) and as Latin-1 (every byte one character, so the fuzzer reaches the base64 decoder
// easily). Checks: the parse agrees with the header rules, and every accepted frame survives
// a round trip through makeAudioFrame and the text-safe encoding unchanged.

#include "FuzzCheck.h"
#include "protocol/AudioFrame.h"

#include <QByteArray>
#include <QString>
#include <cstdint>
#include <cstring>

namespace proto = tenfour::protocol;

namespace {

void checkBinary(QByteArrayView bytes)
{
    proto::AudioFrameView v;
    const proto::FrameError err = proto::parseAudioFrame(bytes, v);
    if (bytes.size() < proto::kAudioHeaderSize) {
        FUZZ_CHECK(err == proto::FrameError::TooShort);
        return;
    }
    if (quint8(bytes[0]) != proto::kAudioFrameType) {
        FUZZ_CHECK(err == proto::FrameError::UnknownType);
        return;
    }
    if (bytes.size() > proto::kMaxAudioFrame) {
        FUZZ_CHECK(err == proto::FrameError::TooLarge);
        return;
    }
    FUZZ_CHECK(err == proto::FrameError::None);
    FUZZ_CHECK(v.payloadSize >= 0 && v.payloadSize <= proto::kMaxOpusPacket);
    FUZZ_CHECK(v.payload == bytes.data() + proto::kAudioHeaderSize);
    FUZZ_CHECK(v.payloadSize == bytes.size() - proto::kAudioHeaderSize);

    const QByteArray again = proto::makeAudioFrame(v.sid, v.seq, QByteArrayView(v.payload, v.payloadSize));
    FUZZ_CHECK(again.size() == bytes.size() &&
               std::memcmp(again.data(), bytes.data(), size_t(bytes.size())) == 0);

    const QString text = proto::encodeTextSafe(bytes);
    FUZZ_CHECK(proto::isTextSafeFrame(text));
    QByteArray decoded;
    FUZZ_CHECK(proto::decodeTextSafe(text, decoded) == proto::FrameError::None);
    FUZZ_CHECK(decoded == again);
}

void checkText(const QString &text)
{
    QByteArray frame;
    const proto::FrameError err = proto::decodeTextSafe(text, frame);
    if (!proto::isTextSafeFrame(text)) {
        FUZZ_CHECK(err == proto::FrameError::BadTextSafe);
        return;
    }
    if (err != proto::FrameError::None) {
        FUZZ_CHECK(err == proto::FrameError::BadTextSafe || err == proto::FrameError::TooLarge);
        return;
    }
    FUZZ_CHECK(frame.size() <= proto::kMaxAudioFrame); // decodeTextSafe bounds the base64 length
    // What the receiver does next with it (RelaySession::onText, RelayServer's onText).
    checkBinary(frame);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    quietQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    checkBinary(bytes);
    checkText(QString::fromUtf8(bytes));
    checkText(QString::fromLatin1(bytes));
    return 0;
}
