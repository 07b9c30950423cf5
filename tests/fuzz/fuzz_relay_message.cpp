// The relay's side of the wire: one text or binary WebSocket message from a client, taken
// through the steps of the relay's own handler.
//
// The handler itself (RelayServerPrivate::onText/onBinary in relay/RelayServer.cpp) is private
// and needs a Connection, which only exists for an accepted TCP socket after a WebSocket
// handshake, so it is not called here. This target runs the real functions that handler calls,
// in the same order and with the same inputs: isTextSafeFrame/decodeTextSafe and
// parseAudioFrame for audio, parseControlMessage(QByteArray) for control messages, then the
// relay's checks of the fields it reads (isValidName for "name", "ch" and "codec", the
// TokenVerifier for "token") and the replies it builds from client data (controlWire and
// errorWire echoing "seq", makeBinaryWire for a forwarded frame). Every reply must be a
// well-formed server frame whose payload parses back with the same type and seq.
//
// Input: the first byte says binary (odd) or text (even); the rest is the message.

#include "FuzzCheck.h"
#include "protocol/AudioFrame.h"
#include "protocol/ControlMessage.h"
#include "relay/Messages.h"
#include "relay/RelayConfig.h"
#include "relay/Token.h"
#include "relay/WireFrame.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QtEndian>
#include <cstdint>
#include <cstring>

namespace proto = tenfour::protocol;
namespace relay = tenfour::relay;

namespace {

// The payload of a server frame built by makeWireFrame, after checking its header.
QByteArray unwrap(const QByteArray &wire, bool binary)
{
    FUZZ_CHECK(wire.size() >= 2);
    const auto *p = reinterpret_cast<const uchar *>(wire.constData());
    FUZZ_CHECK(p[0] == (binary ? 0x82 : 0x81));
    FUZZ_CHECK((p[1] & 0x80) == 0); // server frames are never masked
    qsizetype header = 2;
    quint64 size = p[1];
    if (size == 126) {
        FUZZ_CHECK(wire.size() >= 4);
        size = qFromBigEndian<quint16>(p + 2);
        FUZZ_CHECK(size > 125);
        header = 4;
    } else if (size == 127) {
        FUZZ_CHECK(wire.size() >= 10);
        size = qFromBigEndian<quint64>(p + 2);
        FUZZ_CHECK(size > 0xFFFF);
        header = 10;
    }
    FUZZ_CHECK(quint64(wire.size() - header) == size);
    return wire.mid(header);
}

// A reply the relay would send: it must parse as a control message of `type` with `seq`.
void checkReply(const QByteArray &wire, const char *type, std::optional<qint64> seq)
{
    proto::ControlMessage back;
    FUZZ_CHECK(proto::parseControlMessage(unwrap(wire, false), back) == proto::ControlError::None);
    FUZZ_CHECK(back.type == QLatin1String(type));
    FUZZ_CHECK(back.seq == seq);
}

void onAudio(const QByteArray &frame)
{
    proto::AudioFrameView v;
    if (proto::parseAudioFrame(frame, v) != proto::FrameError::None)
        return;
    // Forwarded as is, one frame for every receiver.
    FUZZ_CHECK(unwrap(relay::makeBinaryWire(frame), true) == frame);
}

void onControl(const QByteArray &utf8)
{
    proto::ControlMessage m;
    const proto::ControlError err = proto::parseControlMessage(utf8, m);
    if (err != proto::ControlError::None) {
        checkReply(
            relay::errorWire(proto::code::kBadRequest, QString::fromLatin1(proto::controlErrorText(err))),
            proto::type::kError, std::nullopt);
        return;
    }
    FUZZ_CHECK(!m.type.isEmpty());
    FUZZ_CHECK(m.body.value(QLatin1String("t")).toString() == m.type);
    FUZZ_CHECK(!m.seq || (*m.seq >= -9007199254740991LL && *m.seq <= 9007199254740991LL));

    // Fields the relay reads from a hello, a join/leave and a talk.
    const QString name = m.body.value(QLatin1String("name")).toString().trimmed();
    const QString ch = m.body.value(QLatin1String("ch")).toString();
    const QString codec = m.body.value(QLatin1String("codec")).toString();
    const bool nameOk = relay::isValidName(name);
    const bool chOk = relay::isValidName(ch);
    relay::isValidName(codec);
    if (nameOk)
        FUZZ_CHECK(name.size() >= 1 && name.size() <= 64);
    const QJsonValue tok = m.body.value(QLatin1String("token"));
    if (tok.isString()) {
        static const relay::TokenVerifier verifier(QByteArrayLiteral("fuzz-secret"));
        relay::TokenClaims claims;
        if (verifier.verify(tok.toString().toUtf8(), &claims) == relay::TokenError::None)
            FUZZ_CHECK(relay::isValidName(claims.name));
    }

    // Replies built from client data, with the request's seq echoed.
    checkReply(relay::errorWire(proto::code::kBadRequest, QStringLiteral("say hello first"), m.seq),
               proto::type::kError, m.seq);
    if (chOk) {
        checkReply(relay::controlWire(QJsonObject{{QLatin1String("t"), QLatin1String(proto::type::kGranted)},
                                                  {QLatin1String("ch"), ch},
                                                  {QLatin1String("sid"), 1.0}},
                                      m.seq),
                   proto::type::kGranted, m.seq);
        checkReply(relay::overWire(ch, QStringLiteral("c1"), 7, "released", m.seq), proto::type::kOver,
                   m.seq);
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    quietQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArray message(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    if (data[0] & 1) {
        onAudio(message); // binaryMessageReceived
        return 0;
    }
    // textMessageReceived: QWebSocket has checked the UTF-8 and hands over a QString.
    const QString text = QString::fromUtf8(message);
    if (proto::isTextSafeFrame(text)) {
        QByteArray frame;
        if (proto::decodeTextSafe(text, frame) == proto::FrameError::None)
            onAudio(frame);
        return 0;
    }
    onControl(text.toUtf8());
    return 0;
}
