#include "net/RelaySession.h"

#include "protocol/AudioFrame.h"
#include "protocol/ControlMessage.h"
#include "protocol/JsonFields.h"
#include "tenfour/Version.h"

#include <QJsonValue>
#include <QRandomGenerator>
#include <QWebSocket>
#include <algorithm>
#include <cmath>

namespace tenfour::net {

namespace proto = tenfour::protocol;

using proto::key;

RelaySession::RelaySession(QObject *parent) : QObject(parent)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &RelaySession::connectNow);
    connect(&m_keepAlive, &KeepAlive::dead, this, [this](const QString &reason) {
        if (!m_ws)
            return;
        m_lostReason = reason;
        m_ws->abort();
        onDisconnected();
    });
    m_connectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        if (m_ws && m_state == State::Connecting) {
            m_lostReason = QStringLiteral("no welcome from the relay within %1 s")
                               .arg(m_options.connectTimeoutMs / 1000.0);
            m_ws->abort();
            onDisconnected();
        }
    });
    m_malformedLog.invalidate();
    connect(&m_detector, &RelayKindDetector::detected, this, &RelaySession::onKindDetected);
    connect(&m_room, &BroadcastRoom::outgoing, this, [this](const QString &text) {
        if (m_ws)
            m_ws->sendTextMessage(text);
    });
    // On a broadcast relay the room answers in the relay's place, with the same signals.
    connect(&m_room, &BroadcastRoom::granted, this, &RelaySession::granted);
    connect(&m_room, &BroadcastRoom::denied, this, &RelaySession::denied);
    connect(&m_room, &BroadcastRoom::transmitEnded, this, &RelaySession::transmitEnded);
    connect(&m_room, &BroadcastRoom::talkStarted, this, &RelaySession::talkStarted);
    connect(&m_room, &BroadcastRoom::talkEnded, this, &RelaySession::talkEnded);
    connect(&m_room, &BroadcastRoom::memberJoined, this, &RelaySession::memberJoined);
    connect(&m_room, &BroadcastRoom::memberLeft, this, &RelaySession::memberLeft);
}

RelaySession::~RelaySession()
{
    stopTimers();
    dropSocket();
}

QString RelaySession::stateName(State s)
{
    switch (s) {
    case State::Disconnected:
        return QStringLiteral("disconnected");
    case State::Connecting:
        return QStringLiteral("connecting");
    case State::Connected:
        return QStringLiteral("connected");
    case State::Reconnecting:
        return QStringLiteral("reconnecting");
    case State::Unauthorized:
        return QStringLiteral("unauthorized");
    case State::Failed:
        return QStringLiteral("failed");
    }
    return QString();
}

void RelaySession::setState(State s, int retryInMs, const QString &detail)
{
    m_state = s;
    Q_EMIT stateChanged(s, retryInMs, detail);
}

void RelaySession::open(const Options &options)
{
    stopTimers();
    dropSocket();
    m_options = options;
    if (m_options.client.isEmpty())
        m_options.client = QString::fromLatin1(tenfour::kClientId);
    m_backoff.setRange(m_options.backoffInitialMs, m_options.backoffMaxMs);
    m_backoff.reset();
    m_outage.invalidate();
    m_everWelcomed = false;
    const QString scheme = m_options.url.scheme();
    if (!m_options.url.isValid() || (scheme != QLatin1String("ws") && scheme != QLatin1String("wss"))) {
        setState(State::Failed, 0,
                 QStringLiteral("not a WebSocket URL (ws:// or wss://): %1").arg(m_options.url.toString()));
        return;
    }
    connectNow();
}

void RelaySession::close()
{
    stopTimers();
    leaveBroadcast(QStringLiteral("disconnected"), true);
    endOwnTransmissions(QStringLiteral("disconnected"));
    if (m_ws) {
        // A polite close frame; no signal of this socket may schedule a reconnect any more.
        disconnect(m_ws, nullptr, this, nullptr);
        m_ws->close(QWebSocketProtocol::CloseCodeNormal);
        m_ws->deleteLater();
        m_ws = nullptr;
    }
    m_channels.clear();
    m_joined.clear();
    m_others.clear();
    if (m_state != State::Disconnected)
        setState(State::Disconnected, 0, QStringLiteral("closed"));
}

void RelaySession::stopTimers()
{
    m_retryTimer.stop();
    m_keepAlive.stop();
    m_connectTimer.stop();
    m_detector.stop();
}

void RelaySession::dropSocket()
{
    if (!m_ws)
        return;
    disconnect(m_ws, nullptr, this, nullptr);
    m_ws->abort();
    // Not deleted here: this may run inside one of the socket's own signals.
    m_ws->deleteLater();
    m_ws = nullptr;
}

void RelaySession::connectNow()
{
    dropSocket();
    m_joined.clear();
    m_kind = RelayKind::Unknown;
    m_detector.setWindowMs(m_options.detectWindowMs);
    // Unguessable: on a broadcast relay only a welcome with our hello's seq is the relay's.
    m_nextSeq = 1 + qint64(QRandomGenerator::global()->bounded(1 << 30));
    m_refused = false;
    m_lostReason.clear();
    m_ws = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_ws->setMaxAllowedIncomingMessageSize(quint64(m_options.maxIncomingMessageBytes));
    m_ws->setMaxAllowedIncomingFrameSize(quint64(m_options.maxIncomingMessageBytes));
    connect(m_ws, &QWebSocket::connected, this, &RelaySession::onConnected);
    connect(m_ws, &QWebSocket::disconnected, this, &RelaySession::onDisconnected);
    connect(m_ws, &QWebSocket::textMessageReceived, this, &RelaySession::onText);
    connect(m_ws, &QWebSocket::binaryMessageReceived, this, &RelaySession::onBinary);
    connect(m_ws, &QWebSocket::pong, &m_keepAlive, &KeepAlive::noteActivity);
    connect(m_ws, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this,
            &RelaySession::onSocketError);
    setState(State::Connecting, 0, m_options.url.toString());
    m_connectTimer.start(m_options.connectTimeoutMs);
    // A plain open(QUrl): no subprotocol list, hence no Sec-WebSocket-Protocol header.
    m_ws->open(m_options.url);
}

void RelaySession::onConnected()
{
    m_keepAlive.start(m_ws, m_options.pingIntervalMs, m_options.deadAfterMs);
    QJsonObject hello{{key("t"), key(proto::type::kHello)},
                      {key("v"), proto::kProtocolVersion},
                      {key("name"), m_options.name},
                      {key("client"), m_options.client}};
    if (!m_options.token.isEmpty())
        hello.insert(key("token"), m_options.token);
    m_helloSeq = m_nextSeq;
    sendControl(hello);
    const bool broadcast = m_options.kindHint == RelayKind::Broadcast || m_lastKind == RelayKind::Broadcast;
    m_detector.start(broadcast ? RelayKind::Broadcast : RelayKind::Unknown);
}

void RelaySession::onSocketError()
{
    if (!m_ws)
        return;
    const QString text = m_ws->errorString();
    // A relay behind an authenticating proxy refuses the upgrade with HTTP 401/403.
    if (text.contains(QLatin1String(" 401")) || text.contains(QLatin1String(" 403"))) {
        m_refused = true;
        m_refusalState = State::Unauthorized;
        m_refusal = text;
    }
    if (m_lostReason.isEmpty())
        m_lostReason = text;
    // A failed TCP connect may not emit disconnected(): treat an unconnected socket as lost.
    if (m_ws->state() == QAbstractSocket::UnconnectedState)
        onDisconnected();
}

void RelaySession::onDisconnected()
{
    if (!m_ws)
        return; // already handled for this socket
    QString reason = m_lostReason;
    if (reason.isEmpty()) {
        reason = m_ws->closeReason().isEmpty()
                     ? QStringLiteral("connection closed (code %1)").arg(int(m_ws->closeCode()))
                     : QStringLiteral("relay closed the connection: %1").arg(m_ws->closeReason());
    }
    stopTimers();
    dropSocket();
    leaveBroadcast(QStringLiteral("disconnected"), false);
    endOwnTransmissions(QStringLiteral("disconnected"));
    const QHash<quint32, QString> others = std::exchange(m_others, {});
    for (auto it = others.cbegin(); it != others.cend(); ++it)
        Q_EMIT talkEnded(it.value(), it.key(), QStringLiteral("disconnected"));
    for (const QString &ch : std::exchange(m_joined, {}))
        Q_EMIT left(ch);

    if (m_refused) {
        setState(m_refusalState, 0, m_refusal);
        return;
    }
    if (!m_everWelcomed && !m_options.retryFirstAttempt) {
        setState(State::Failed, 0,
                 QStringLiteral("cannot reach %1: %2").arg(m_options.url.toString(), reason));
        return;
    }
    scheduleReconnect(reason);
}

void RelaySession::scheduleReconnect(const QString &reason)
{
    if (!m_outage.isValid())
        m_outage.start();
    const bool young = m_outage.elapsed() < m_options.youngOutageMs;
    const int delay = m_backoff.next(young ? m_options.youngBackoffCapMs : 0);
    setState(State::Reconnecting, delay, reason);
    m_retryTimer.start(delay);
}

void RelaySession::sendControl(QJsonObject obj)
{
    if (!m_ws)
        return;
    m_ws->sendTextMessage(proto::serializeControl(std::move(obj), m_nextSeq++));
}

void RelaySession::join(const QString &channel)
{
    if (!m_channels.contains(channel))
        m_channels.append(channel);
    if (m_state == State::Connected && m_kind == RelayKind::Broadcast)
        joinedLocally(channel);
    else if (m_state == State::Connected)
        sendControl(QJsonObject{{key("t"), key(proto::type::kJoin)}, {key("ch"), channel}});
}

void RelaySession::leave(const QString &channel)
{
    m_channels.removeAll(channel);
    if (m_kind == RelayKind::Broadcast && m_joined.removeAll(channel) > 0) {
        m_room.setChannel(m_joined.value(0, m_options.url.toString()));
        Q_EMIT left(channel);
    } else if (m_state == State::Connected && m_joined.contains(channel))
        sendControl(QJsonObject{{key("t"), key(proto::type::kLeave)}, {key("ch"), channel}});
}

quint32 RelaySession::requestTalk(const QString &channel)
{
    if (m_state != State::Connected || !m_joined.contains(channel))
        return 0;
    quint32 sid = 0;
    while (sid == 0 || m_own.contains(sid) || m_others.contains(sid))
        sid = QRandomGenerator::global()->generate();
    if (m_kind == RelayKind::Broadcast) {
        m_room.requestTalk(channel, sid);
        return sid;
    }
    m_own.insert(sid, Own{channel, Sent::Pending, false});
    sendControl(QJsonObject{{key("t"), key(proto::type::kTalk)},
                            {key("ch"), channel},
                            {key("sid"), double(sid)},
                            {key("codec"), QStringLiteral("opus")},
                            {key("rate"), 48000},
                            {key("ptime"), 20}});
    return sid;
}

bool RelaySession::sendAudio(quint32 sid, quint32 seq, QByteArrayView opus)
{
    if (!m_ws || m_state != State::Connected || opus.size() > proto::kMaxOpusPacket)
        return false;
    const bool broadcast = m_kind == RelayKind::Broadcast;
    if (broadcast && !m_room.mayTransmit(sid))
        return false;
    const QByteArray frame = proto::makeAudioFrame(sid, seq, opus);
    // A broadcast relay may turn binary frames into text (Ratchet does): text-safe only.
    if (m_options.textSafeAudio || broadcast)
        m_ws->sendTextMessage(proto::encodeTextSafe(frame));
    else
        m_ws->sendBinaryMessage(frame);
    ++m_stats.audioOut;
    return true;
}

void RelaySession::sendOver(quint32 sid)
{
    if (m_kind == RelayKind::Broadcast)
        return m_room.sendOver(sid);
    auto it = m_own.find(sid);
    if (it == m_own.end() || it->overSent)
        return;
    it->overSent = true;
    if (m_state == State::Connected)
        sendControl(QJsonObject{{key("t"), key(proto::type::kOver)}, {key("sid"), double(sid)}});
}

void RelaySession::endOwnTransmissions(const QString &reason)
{
    const QHash<quint32, Own> own = std::exchange(m_own, {});
    for (auto it = own.cbegin(); it != own.cend(); ++it)
        Q_EMIT transmitEnded(it->channel, it.key(), reason);
}

} // namespace tenfour::net

namespace tenfour::net {

void RelaySession::onKindDetected(RelayKind kind, const QString &why)
{
    m_kind = kind;
    m_lastKind = kind;
    Q_EMIT relayKindChanged(kind, why);
    if (kind == RelayKind::Broadcast && m_ws)
        enterBroadcast();
}

void RelaySession::enterBroadcast()
{
    // No relay will welcome us: we are "connected" now, under an id of our own.
    m_connectTimer.stop();
    m_selfId = QStringLiteral("b%1").arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
    m_selfName = m_options.name;
    m_welcome = QJsonObject{{key("relay"), relayKindName(RelayKind::Broadcast)}};
    m_everWelcomed = true;
    m_backoff.reset();
    ++m_stats.connects;
    const QString room = m_options.url.toString();
    m_room.start(m_selfId, m_selfName, m_options.client, room, m_channels.value(0, room));
    setState(State::Connected, 0, relayKindDescription(RelayKind::Broadcast));
    Q_EMIT welcomed(m_selfId, m_selfName);
    for (const QString &ch : std::as_const(m_channels))
        joinedLocally(ch);
}

void RelaySession::leaveBroadcast(const QString &reason, bool polite)
{
    if (m_room.isActive())
        m_room.stop(reason, polite);
}

void RelaySession::joinedLocally(const QString &channel)
{
    // Every channel is the one room of the relay: joining it is only a label.
    if (m_joined.contains(channel))
        return;
    if (m_joined.isEmpty()) // the room's events go to the first channel joined
        m_room.setChannel(channel);
    m_joined.append(channel);
    Q_EMIT joined(channel, m_room.members(), m_room.talker());
}

} // namespace tenfour::net
