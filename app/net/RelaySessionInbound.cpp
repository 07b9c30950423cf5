// RelaySession, inbound half: what arrives from the relay (control messages, audio frames in
// both forms) and the replies of a Tenfour relay. RelaySession.cpp has the connection's life
// and everything sent.
#include "net/RelaySession.h"

#include "protocol/AudioFrame.h"
#include "protocol/ControlMessage.h"
#include "protocol/JsonFields.h"

#include <QDebug>
#include <QJsonValue>
#include <QWebSocket>
#include <utility>

namespace tenfour::net {

namespace proto = tenfour::protocol;

namespace {

constexpr qint64 kMalformedLogEveryMs = 1000; // a flood of bad messages logs once a second

using proto::key;
using proto::u32Field;

} // namespace

void RelaySession::malformed(const QString &why)
{
    ++m_stats.malformed;
    if (!m_malformedLog.isValid() || m_malformedLog.elapsed() >= kMalformedLogEveryMs) {
        qWarning().noquote() << "relay session: ignored a malformed message:" << why << "("
                             << m_stats.malformed << "so far)";
        m_malformedLog.start();
    }
}

void RelaySession::onText(const QString &text)
{
    m_keepAlive.noteActivity();
    if (proto::isTextSafeFrame(text)) {
        QByteArray frame;
        const proto::FrameError err = proto::decodeTextSafe(text, frame);
        if (err != proto::FrameError::None) {
            malformed(QString::fromLatin1(proto::frameErrorText(err)));
            return;
        }
        handleAudio(frame, true);
        return;
    }
    proto::ControlMessage m;
    const proto::ControlError err = proto::parseControlMessage(text, m);
    if (err != proto::ControlError::None) {
        malformed(QString::fromLatin1(proto::controlErrorText(err)));
        return;
    }
    handleControl(m);
}

void RelaySession::onBinary(const QByteArray &frame)
{
    m_keepAlive.noteActivity();
    handleAudio(frame, false);
}

void RelaySession::handleAudio(QByteArrayView frame, bool textSafe)
{
    proto::AudioFrameView v;
    const proto::FrameError err = proto::parseAudioFrame(frame, v);
    if (err != proto::FrameError::None) {
        malformed(QString::fromLatin1(proto::frameErrorText(err)));
        return;
    }
    if (m_kind != RelayKind::Smart && (m_kind == RelayKind::Unknown || !m_room.acceptAudio(v.sid))) {
        ++m_stats.foreign; // not the floor holder's, or before we know where we are
        return;
    }
    // An empty packet is valid (a frame the sender had nothing for): the receiver conceals it.
    ++m_stats.audioIn;
    if (textSafe)
        ++m_stats.audioInTextSafe;
    Q_EMIT audioReceived(v.sid, v.seq, QByteArray(v.payload, v.payloadSize));
}

void RelaySession::handleControl(const proto::ControlMessage &m)
{
    const QString &t = m.type;
    const QJsonObject &o = m.body;
    const bool isWelcome = t == key(proto::type::kWelcome);
    // A relay's welcome echoes the seq of our hello (or has none); one with another seq answers
    // another client's hello, passed along by a broadcast relay, or is garbage: it must never
    // turn this session into a smart one. (A deliberate forgery can copy our seq, which everyone
    // on a broadcast relay sees: docs/compatibility.md says such relays have no security.)
    const bool ownWelcome = isWelcome && (!m.seq || *m.seq == m_helloSeq);
    if (isWelcome && !ownWelcome && m_kind != RelayKind::Smart) {
        ++m_stats.foreign;
        if (m_kind == RelayKind::Unknown)
            m_detector.noteForeignWelcome(); // may enter broadcast mode right here
        return;
    }
    if (m_kind == RelayKind::Unknown && !isWelcome)
        m_detector.noteMessage(t); // may enter broadcast mode right here
    if (m_kind == RelayKind::Broadcast && !ownWelcome) {
        if (!m_room.handleControl(t, o))
            ++m_stats.foreign; // other clients' requests, forged replies: not for us
        return;
    }
    if (t == key(proto::type::kWelcome))
        onWelcome(o);
    else if (t == key(proto::type::kJoined))
        onJoined(o);
    else if (t == key(proto::type::kLeft)) {
        const QString ch = o.value(key("ch")).toString();
        if (ch.isEmpty())
            return malformed(QStringLiteral("left without \"ch\""));
        m_joined.removeAll(ch);
        Q_EMIT left(ch);
    } else if (t == key(proto::type::kGranted))
        onGrantedOrDenied(o, true);
    else if (t == key(proto::type::kDenied))
        onGrantedOrDenied(o, false);
    else if (t == key(proto::type::kTalking))
        onTalking(o);
    else if (t == key(proto::type::kOver))
        onOver(o);
    else if (t == key(proto::type::kPresence))
        onPresence(o);
    else if (t == key(proto::type::kError))
        onError(o);
    else
        ++m_stats.ignoredTypes; // a newer relay's message: ignored on purpose
}

void RelaySession::onWelcome(const QJsonObject &o)
{
    if (m_kind == RelayKind::Broadcast) {
        // Assumed broadcast (from the hint), but the relay answered our hello: it is smart.
        leaveBroadcast(QStringLiteral("disconnected"), false);
        for (const QString &ch : std::exchange(m_joined, {}))
            Q_EMIT left(ch);
        m_state = State::Connecting;
    }
    if (m_state == State::Connected)
        return malformed(QStringLiteral("a second welcome"));
    m_detector.noteWelcome();
    m_selfId = o.value(key("id")).toString();
    m_selfName = o.value(key("name")).toString(m_options.name);
    m_welcome = o;
    m_everWelcomed = true;
    m_backoff.reset();
    m_outage.invalidate();
    m_connectTimer.stop();
    ++m_stats.connects;
    setState(State::Connected, 0, o.value(key("relay")).toString());
    Q_EMIT welcomed(m_selfId, m_selfName);
    // After a reconnect: back into every channel we were in.
    for (const QString &ch : std::as_const(m_channels))
        sendControl(QJsonObject{{key("t"), key(proto::type::kJoin)}, {key("ch"), ch}});
}

void RelaySession::onJoined(const QJsonObject &o)
{
    const QString ch = o.value(key("ch")).toString();
    if (ch.isEmpty())
        return malformed(QStringLiteral("joined without \"ch\""));
    if (!m_joined.contains(ch))
        m_joined.append(ch);
    if (!m_channels.contains(ch))
        m_channels.append(ch);
    const QJsonObject talker = o.value(key("talker")).toObject();
    Q_EMIT joined(ch, o.value(key("members")).toArray(), talker);
    // Joining in the middle of someone's transmission: its frames are coming, announce it.
    quint32 sid = 0;
    if (!talker.isEmpty() && u32Field(talker, "sid", sid) && !m_own.contains(sid) &&
        !m_others.contains(sid)) {
        m_others.insert(sid, ch);
        Q_EMIT talkStarted(ch, sid, talker.value(key("id")).toString(), talker.value(key("name")).toString());
    }
}

void RelaySession::onGrantedOrDenied(const QJsonObject &o, bool isGrant)
{
    quint32 sid = 0;
    if (!u32Field(o, "sid", sid))
        return malformed(QStringLiteral("%1 without a valid \"sid\"").arg(isGrant ? "granted" : "denied"));
    auto it = m_own.find(sid);
    if (it == m_own.end())
        return; // an answer to a request we gave up (e.g. before a reconnect)
    const QString ch = o.value(key("ch")).toString(it->channel);
    if (isGrant) {
        it->state = Sent::Granted;
        Q_EMIT granted(ch, sid);
        return;
    }
    m_own.erase(it);
    const QString reason = o.value(key("reason")).toString(QStringLiteral("denied"));
    Q_EMIT denied(ch, sid, reason, o.value(key("talker")).toObject().value(key("name")).toString());
}

void RelaySession::onTalking(const QJsonObject &o)
{
    quint32 sid = 0;
    const QString ch = o.value(key("ch")).toString();
    if (!u32Field(o, "sid", sid) || ch.isEmpty())
        return malformed(QStringLiteral("talking without \"ch\" and \"sid\""));
    m_others.insert(sid, ch);
    Q_EMIT talkStarted(ch, sid, o.value(key("id")).toString(), o.value(key("name")).toString());
}

void RelaySession::onOver(const QJsonObject &o)
{
    quint32 sid = 0;
    if (!u32Field(o, "sid", sid))
        return malformed(QStringLiteral("over without a valid \"sid\""));
    const QString reason = o.value(key("reason")).toString(QStringLiteral("released"));
    auto own = m_own.find(sid);
    if (own != m_own.end()) {
        const QString ch = o.value(key("ch")).toString(own->channel);
        m_own.erase(own);
        Q_EMIT transmitEnded(ch, sid, reason);
        return;
    }
    auto other = m_others.find(sid);
    if (other != m_others.end()) {
        const QString ch = o.value(key("ch")).toString(other.value());
        m_others.erase(other);
        Q_EMIT talkEnded(ch, sid, reason);
    }
}

void RelaySession::onPresence(const QJsonObject &o)
{
    const QString ch = o.value(key("ch")).toString();
    const QString state = o.value(key("state")).toString();
    if (ch.isEmpty() || state.isEmpty())
        return malformed(QStringLiteral("presence without \"ch\" and \"state\""));
    const QString id = o.value(key("id")).toString();
    const QString name = o.value(key("name")).toString();
    if (state == QLatin1String("joined"))
        Q_EMIT memberJoined(ch, id, name);
    else if (state == QLatin1String("left"))
        Q_EMIT memberLeft(ch, id, name);
    // other states: a newer relay's, ignored
}

void RelaySession::onError(const QJsonObject &o)
{
    if (m_kind != RelayKind::Smart && o.contains(key("seq")) &&
        o.value(key("seq")).toDouble() != double(m_helloSeq)) {
        ++m_stats.foreign; // a reply to someone else's request, passed along by a broadcast relay
        return;
    }
    ++m_stats.serverErrors;
    const QString code = o.value(key("code")).toString();
    const QString msg = o.value(key("msg")).toString();
    if (code == key(proto::code::kUnauthorized) || code == key(proto::code::kVersion)) {
        // The relay closes the connection next; do not come back.
        m_refused = true;
        m_refusalState = code == key(proto::code::kUnauthorized) ? State::Unauthorized : State::Failed;
        m_refusal = code == key(proto::code::kUnauthorized)
                        ? QStringLiteral("the relay refused the credentials: %1").arg(msg)
                        : QStringLiteral("protocol version mismatch: %1").arg(msg);
    } else if (m_state == State::Connecting && m_ws) {
        // Any other refusal of our hello (e.g. a name the relay does not accept): the same hello
        // would be refused again, so give up rather than retry for ever.
        m_refused = true;
        m_refusalState = State::Failed;
        m_refusal = QStringLiteral("the relay refused hello: %1 (%2)").arg(msg, code);
        Q_EMIT serverError(code, msg);
        m_ws->close(QWebSocketProtocol::CloseCodeNormal);
        return;
    }
    Q_EMIT serverError(code, msg);
}

} // namespace tenfour::net
