#include "relay/RelayServer.h"

#include "relay/Channel.h"
#include "relay/Connection.h"
#include "relay/EchoRecorder.h"
#include "relay/FloorControl.h"
#include "relay/Messages.h"
#include "relay/TcpListener.h"
#include "relay/Token.h"
#include "relay/WireFrame.h"

#include "protocol/AudioFrame.h"
#include "protocol/ControlMessage.h"
#include "tenfour/Version.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTimer>
#include <QWebSocketCorsAuthenticator>
#include <QWebSocketServer>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <unordered_map>

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <unistd.h>
#endif

namespace tenfour::relay {

namespace proto = tenfour::protocol;

namespace {

// TCP connections still in the TLS or WebSocket handshake; more are refused at once.
constexpr int kMaxHandshaking = 1024;
// Budget of a list in welcome/joined, so every message stays below the 8 KiB control limit.
constexpr int kListBudget = 6000;

// Error throttles (Connection::lastErrorNs): at most one error of a kind per second.
enum ErrorKind { kControlRate = 0, kAudioRate = 1, kBadAudio = 2 };

// Close codes (RFC 6455).
constexpr auto kClosePolicy = QWebSocketProtocol::CloseCodePolicyViolated;   // 1008
constexpr auto kCloseProtocol = QWebSocketProtocol::CloseCodeProtocolError;  // 1002
constexpr auto kCloseGoingAway = QWebSocketProtocol::CloseCodeGoingAway;     // 1001
// (1009, message too big, is QWebSocket's own, from maxAllowedIncomingMessageSize.)

// Extra error codes besides the ones of protocol/ControlMessage.h.
constexpr char kCodeNoChannel[] = "no_channel";
constexpr char kCodeTooManyChannels[] = "too_many_channels";
constexpr char kCodeTooManyConnections[] = "too_many_connections";
constexpr char kCodeTimeout[] = "timeout";
constexpr char kCodeNotTalking[] = "not_talking";

QString normalizedAddress(const QHostAddress &a)
{
    bool ok = false;
    const quint32 v4 = a.toIPv4Address(&ok);
    if (ok)
        return QHostAddress(v4).toString();
    return a.toString();
}

QString peerKey(const QHostAddress &a, quint16 port)
{
    return normalizedAddress(a) + QLatin1Char('|') + QString::number(port);
}

bool integral(const QJsonValue &v, double lo, double hi, qint64 &out)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    if (!std::isfinite(d) || d != std::floor(d) || d < lo || d > hi)
        return false;
    out = qint64(d);
    return true;
}

// An upper bound of a string's size in compact JSON (names have no control characters; anything
// outside ASCII is counted as a \uXXXX escape).
int jsonSize(const QString &s)
{
    int n = 2;
    for (const QChar ch : s) {
        const char16_t u = ch.unicode();
        n += u >= 0x80 ? 6 : (u == '"' || u == '\\' ? 2 : 1);
    }
    return n;
}

} // namespace

class RelayServerPrivate {
public:
    RelayServerPrivate(RelayServer *q, RelayConfig config);
    ~RelayServerPrivate();

    // Sockets.
    void onDescriptor(qintptr fd);
    void onWebSocketReady();
    void dropConnection(Connection *c);
    void detach(Connection *c);
    void closeConnection(Connection *c, QWebSocketProtocol::CloseCode code, const QString &reason);
    void reject(Connection *c, const char *code, const QString &msg, QWebSocketProtocol::CloseCode closeCode,
                std::optional<qint64> seq = std::nullopt);
    void onHelloTimeout(Connection *c);
    void pingSweep();
    QString clientAddress(QWebSocket *ws) const;
    bool originAllowed(const QString &origin) const;

    // Messages.
    void onText(Connection *c, const QString &text);
    void onBinary(Connection *c, const QByteArray &frame);
    void onHello(Connection *c, const proto::ControlMessage &m);
    void onJoin(Connection *c, const proto::ControlMessage &m);
    void onLeave(Connection *c, const proto::ControlMessage &m);
    void onTalk(Connection *c, const proto::ControlMessage &m);
    void onOver(Connection *c, const proto::ControlMessage &m);
    void sendError(Connection *c, const char *code, const QString &msg, std::optional<qint64> seq = std::nullopt);
    void sendThrottledError(Connection *c, ErrorKind kind, const char *code, const QString &msg);
    void sendWelcome(Connection *c, std::optional<qint64> seq);
    void sendJoined(Connection *c, Channel *ch, std::optional<qint64> seq);

    // Channels and floors.
    Channel *findChannel(const QString &name) const;
    Channel *createChannel(const QString &name, bool configured);
    void createStandingChannels();
    void leaveChannel(Connection *c, Channel *ch, const char *reason);
    void grant(Connection *c, FloorControl *floor, const Transmission &t, std::optional<qint64> seq);
    void endTransmission(FloorControl *floor, const char *reason, bool notifyHolder, std::optional<qint64> ackSeq,
                         bool playback);
    void updateAudioLimiter(Connection *c);

    RelayServer *q;
    RelayConfig cfg;
    mutable RelayStats counters;
    Outbox outbox;
    TcpListener *listener = nullptr;
    QWebSocketServer *wsServer = nullptr;
    QHostAddress listenAddress;
    std::optional<QSslConfiguration> tls;
    std::optional<TokenVerifier> verifier;
    QTimer pingTimer;

    quint64 nextSerial = 1;
    std::unordered_map<quint64, Connection *> connections; // every accepted connection, by serial
    QHash<QString, Connection *> handshaking;               // by peer address|port, until upgraded
    QHash<QString, int> perIp;
    int webSockets = 0;
    std::map<QString, std::unique_ptr<Channel>> channels;
};

RelayServerPrivate::RelayServerPrivate(RelayServer *q_, RelayConfig config)
    : q(q_)
    , cfg(std::move(config))
    , outbox([this] { QMetaObject::invokeMethod(q, [this] { outbox.flushAll(); }, Qt::QueuedConnection); })
{
    listener = new TcpListener(q);
    QObject::connect(listener, &TcpListener::descriptorAccepted, q, [this](qintptr fd) { onDescriptor(fd); });
    // accept() failing for lack of descriptors pauses the listener for good: resume it later.
    QObject::connect(listener, &QTcpServer::acceptError, q, [this](QAbstractSocket::SocketError) {
        QTimer::singleShot(250, listener, [this] { listener->resumeAccepting(); });
    });

    wsServer = new QWebSocketServer(QString::fromLatin1(tenfour::kRelayId), QWebSocketServer::NonSecureMode, q);
    wsServer->setMaxPendingConnections(std::numeric_limits<int>::max());
    QObject::connect(wsServer, &QWebSocketServer::newConnection, q, [this] { onWebSocketReady(); });
    QObject::connect(wsServer, &QWebSocketServer::originAuthenticationRequired, q,
                     [this](QWebSocketCorsAuthenticator *auth) {
                         const bool ok = originAllowed(auth->origin());
                         auth->setAllowed(ok);
                         if (!ok)
                             ++counters.connectionsRejected;
                     });

    pingTimer.setTimerType(Qt::CoarseTimer);
    QObject::connect(&pingTimer, &QTimer::timeout, q, [this] { pingSweep(); });

    if (!cfg.tokenSecret.isEmpty())
        verifier.emplace(cfg.tokenSecret);
    createStandingChannels();
}

RelayServerPrivate::~RelayServerPrivate() = default;

// ---------------------------------------------------------------------------------------------
// Sockets

void RelayServerPrivate::onDescriptor(qintptr fd)
{
    ++counters.connectionsAccepted;
    QTcpSocket *sock = tls ? new QSslSocket : new QTcpSocket;
    if (!sock->setSocketDescriptor(fd)) {
        delete sock;
#ifdef Q_OS_WIN
        ::closesocket(SOCKET(fd));
#else
        ::close(int(fd));
#endif
        ++counters.connectionsRejected;
        return;
    }
    if (handshaking.size() >= kMaxHandshaking
        || (cfg.maxConnections > 0 && int(connections.size()) >= cfg.maxConnections + kMaxHandshaking)) {
        sock->abort();
        delete sock;
        ++counters.connectionsRejected;
        return;
    }
    sock->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (cfg.socketSendBuffer > 0)
        sock->setSocketOption(QAbstractSocket::SendBufferSizeSocketOption, cfg.socketSendBuffer);

    auto *c = new Connection(nextSerial++, sock, outbox, cfg.maxQueuedBytes, cfg.maxQueuedBytesHard, q);
    connections.emplace(c->serial(), c);
    const QString key = peerKey(sock->peerAddress(), sock->peerPort());
    handshaking.insert(key, c);
    c->peerKey = key;

    // Queued: a disconnect may come from inside a write; tear-down happens on the next turn.
    QObject::connect(sock, &QAbstractSocket::disconnected, c, [this, c] {
        if (!c->webSocket())
            dropConnection(c);
    }, Qt::QueuedConnection);
    QObject::connect(c, &Connection::queueOverflow, c, [this, c] {
        ++counters.connectionsRejected;
        c->abort();
    }, Qt::QueuedConnection);
    QTimer::singleShot(cfg.helloTimeoutMs, Qt::PreciseTimer, c, [this, c] { onHelloTimeout(c); });

    if (tls) {
        auto *ssl = static_cast<QSslSocket *>(sock);
        ssl->setSslConfiguration(*tls);
        QObject::connect(ssl, &QSslSocket::encrypted, c, [this, ssl] { wsServer->handleConnection(ssl); });
        QObject::connect(ssl, &QSslSocket::errorOccurred, c, [ssl](QAbstractSocket::SocketError) {
            if (!ssl->isEncrypted())
                ssl->abort();
        });
        ssl->startServerEncryption();
    } else {
        wsServer->handleConnection(sock);
    }
}

QString RelayServerPrivate::clientAddress(QWebSocket *ws) const
{
    const QHostAddress peer = ws->peerAddress();
    if (cfg.trustProxyHeaders && peer.isLoopback()) {
        // A reverse proxy on this machine (docs/protocol.md, "Behind nginx"). X-Real-IP is
        // set by the proxy; of X-Forwarded-For only the last entry (the proxy's own) counts.
        const QNetworkRequest req = ws->request();
        QHostAddress a;
        const QByteArray real = req.rawHeader("X-Real-IP").trimmed();
        if (!real.isEmpty() && a.setAddress(QString::fromLatin1(real)))
            return normalizedAddress(a);
        const QByteArray fwd = req.rawHeader("X-Forwarded-For");
        if (!fwd.isEmpty()) {
            const QByteArray last = fwd.mid(fwd.lastIndexOf(',') + 1).trimmed();
            if (a.setAddress(QString::fromLatin1(last)))
                return normalizedAddress(a);
        }
    }
    return normalizedAddress(peer);
}

bool RelayServerPrivate::originAllowed(const QString &origin) const
{
    // Browsers always send Origin; native clients send none and are not what the list is for.
    if (cfg.allowedOrigins.isEmpty() || origin.isEmpty())
        return true;
    for (const QString &o : cfg.allowedOrigins) {
        if (o == QLatin1String("*") || o.compare(origin, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

void RelayServerPrivate::onWebSocketReady()
{
    while (wsServer->hasPendingConnections()) {
        QWebSocket *ws = wsServer->nextPendingConnection();
        Connection *c = handshaking.take(peerKey(ws->peerAddress(), ws->peerPort()));
        if (!c || c->state() != Connection::State::Handshaking) {
            ws->abort();
            ws->deleteLater();
            continue;
        }
        c->attach(ws);
        ws->setMaxAllowedIncomingFrameSize(quint64(cfg.maxMessageBytes));
        ws->setMaxAllowedIncomingMessageSize(quint64(cfg.maxMessageBytes));
        c->setState(Connection::State::AwaitHello);
        c->lastSeenMs = monotonicMs();
        c->control.configure(cfg.controlRate, cfg.controlBurst);

        QObject::connect(ws, &QWebSocket::textMessageReceived, c, [this, c](const QString &t) { onText(c, t); });
        QObject::connect(ws, &QWebSocket::binaryMessageReceived, c,
                         [this, c](const QByteArray &b) { onBinary(c, b); });
        QObject::connect(ws, &QWebSocket::pong, c, [c](quint64, const QByteArray &) { c->lastSeenMs = monotonicMs(); });
        QObject::connect(ws, &QWebSocket::disconnected, c, [this, c] { dropConnection(c); }, Qt::QueuedConnection);
        // QWebSocket closing by itself (a protocol error, a message above the limit, the peer's
        // close frame): the connection is over for the channels now, and it gets the same
        // grace as our own closes before it is dropped.
        QObject::connect(ws, &QWebSocket::aboutToClose, c, [this, c] {
            if (c->state() == Connection::State::Closing)
                return;
            detach(c);
            c->setState(Connection::State::Closing);
            QTimer::singleShot(cfg.closeGraceMs, Qt::PreciseTimer, c, [c] { c->abort(); });
        }, Qt::QueuedConnection);
        // After QWebSocket's own readyRead handler (connected before): the output of every
        // message that one read brought leaves now, together.
        QObject::connect(c->tcp(), &QIODevice::readyRead, c, [this] { outbox.releaseAndFlush(); });

        ++webSockets;
        c->countedTotal = true;
        Q_EMIT q->connectionCountChanged(webSockets);

        c->address = clientAddress(ws);
        const bool exempt = QHostAddress(c->address).isLoopback() && !cfg.limitLoopback;
        if (cfg.maxConnections > 0 && webSockets > cfg.maxConnections) {
            reject(c, kCodeTooManyConnections, QStringLiteral("the relay is full (%1 connections)").arg(cfg.maxConnections),
                   kClosePolicy);
            continue;
        }
        if (!exempt && cfg.maxConnectionsPerIp > 0) {
            int &n = perIp[c->address];
            if (n >= cfg.maxConnectionsPerIp) {
                reject(c, kCodeTooManyConnections,
                       QStringLiteral("too many connections from %1 (at most %2)").arg(c->address).arg(cfg.maxConnectionsPerIp),
                       kClosePolicy);
                continue;
            }
            ++n;
            c->countedPerIp = true;
        }
    }
}

void RelayServerPrivate::onHelloTimeout(Connection *c)
{
    if (c->state() == Connection::State::Handshaking) {
        ++counters.connectionsRejected;
        c->abort();
    } else if (c->state() == Connection::State::AwaitHello) {
        reject(c, kCodeTimeout, QStringLiteral("no hello within %1 ms").arg(cfg.helloTimeoutMs), kClosePolicy);
    }
}

void RelayServerPrivate::reject(Connection *c, const char *code, const QString &msg,
                                QWebSocketProtocol::CloseCode closeCode, std::optional<qint64> seq)
{
    ++counters.connectionsRejected;
    sendError(c, code, msg, seq);
    closeConnection(c, closeCode, msg);
}

void RelayServerPrivate::closeConnection(Connection *c, QWebSocketProtocol::CloseCode code, const QString &reason)
{
    if (c->state() == Connection::State::Closing)
        return;
    detach(c);
    c->setState(Connection::State::Closing);
    if (QWebSocket *ws = c->webSocket()) {
        // What was queued (the error that explains the close) goes before the close frame.
        c->flush();
        c->markClosed();
        // A close reason is at most 123 bytes.
        ws->close(code, reason.left(100));
        QTimer::singleShot(cfg.closeGraceMs, Qt::PreciseTimer, c, [c] { c->abort(); });
    } else {
        c->markClosed();
        c->abort();
    }
}

void RelayServerPrivate::dropConnection(Connection *c)
{
    auto it = connections.find(c->serial());
    if (it == connections.end() || it->second != c)
        return;
    detach(c);
    c->setState(Connection::State::Closing);
    c->markClosed();
    auto hs = handshaking.find(c->peerKey);
    if (hs != handshaking.end() && hs.value() == c)
        handshaking.erase(hs);
    if (c->countedPerIp) {
        auto p = perIp.find(c->address);
        if (p != perIp.end() && --p.value() <= 0)
            perIp.erase(p);
        c->countedPerIp = false;
    }
    counters.maxQueuedBytes = std::max(counters.maxQueuedBytes, c->maxQueuedSeen());
    connections.erase(it);
    if (c->countedTotal) {
        c->countedTotal = false;
        --webSockets;
        Q_EMIT q->connectionCountChanged(webSockets);
    }
    c->deleteLater();
}

void RelayServerPrivate::detach(Connection *c)
{
    // Leaving ends every transmission held in that channel (reason "disconnected").
    const std::vector<Channel *> chans = c->channels;
    for (Channel *ch : chans)
        leaveChannel(c, ch, "disconnected");
    const std::vector<FloorControl *> held = c->holdings;
    for (FloorControl *f : held)
        endTransmission(f, "disconnected", false, std::nullopt, false);
    c->echo.reset();
}

void RelayServerPrivate::pingSweep()
{
    const qint64 now = monotonicMs();
    const qint64 deadAfter = 3LL * cfg.pingIntervalMs;
    for (const auto &[serial, c] : connections) {
        Q_UNUSED(serial);
        if (!c->webSocket() || !c->isOpen())
            continue;
        if (now - c->lastSeenMs > deadAfter)
            c->abort(); // disconnected (queued) tears it down
        else
            c->webSocket()->ping();
    }
}

// ---------------------------------------------------------------------------------------------
// Messages

void RelayServerPrivate::sendError(Connection *c, const char *code, const QString &msg, std::optional<qint64> seq)
{
    ++counters.errorsSent;
    c->sendControl(errorWire(code, msg, seq));
}

void RelayServerPrivate::sendThrottledError(Connection *c, ErrorKind kind, const char *code, const QString &msg)
{
    const qint64 now = monotonicNs();
    if (c->lastErrorNs[kind] != 0 && now - c->lastErrorNs[kind] < 1000000000LL)
        return;
    c->lastErrorNs[kind] = now;
    sendError(c, code, msg);
}

void RelayServerPrivate::onText(Connection *c, const QString &text)
{
    outbox.hold();
    if (c->state() == Connection::State::Closing)
        return;
    c->lastSeenMs = monotonicMs();
    if (proto::isTextSafeFrame(text)) {
        QByteArray frame;
        const proto::FrameError err = proto::decodeTextSafe(text, frame);
        if (err != proto::FrameError::None) {
            ++counters.framesIn;
            ++counters.droppedMalformed;
            ++counters.framesDropped;
            sendThrottledError(c, kBadAudio, err == proto::FrameError::TooLarge ? proto::code::kTooLarge : proto::code::kBadRequest,
                               QString::fromLatin1(proto::frameErrorText(err)));
            return;
        }
        onBinary(c, frame);
        return;
    }
    ++counters.controlIn;
    if (!c->control.tryTake(monotonicNs())) {
        sendThrottledError(c, kControlRate, proto::code::kRateLimited,
                           QStringLiteral("more than %1 control messages per second; message dropped").arg(cfg.controlRate));
        return;
    }
    const QByteArray utf8 = text.toUtf8();
    proto::ControlMessage m;
    const proto::ControlError err = proto::parseControlMessage(utf8, m);
    if (err != proto::ControlError::None) {
        sendError(c, err == proto::ControlError::TooLarge ? proto::code::kTooLarge : proto::code::kBadRequest,
                  QString::fromLatin1(proto::controlErrorText(err)));
        return;
    }
    const QString &t = m.type;
    if (c->state() == Connection::State::AwaitHello) {
        if (t == QLatin1String(proto::type::kHello))
            onHello(c, m);
        else if (t == QLatin1String(proto::type::kJoin) || t == QLatin1String(proto::type::kLeave)
                 || t == QLatin1String(proto::type::kTalk) || t == QLatin1String(proto::type::kOver))
            sendError(c, proto::code::kBadRequest, QStringLiteral("say hello first"), m.seq);
        return; // unknown types are ignored
    }
    if (t == QLatin1String(proto::type::kJoin))
        onJoin(c, m);
    else if (t == QLatin1String(proto::type::kTalk))
        onTalk(c, m);
    else if (t == QLatin1String(proto::type::kOver))
        onOver(c, m);
    else if (t == QLatin1String(proto::type::kLeave))
        onLeave(c, m);
    else if (t == QLatin1String(proto::type::kHello))
        sendError(c, proto::code::kBadRequest, QStringLiteral("hello was already received"), m.seq);
    // anything else: ignored (forward compatibility)
}

void RelayServerPrivate::onBinary(Connection *c, const QByteArray &frame)
{
    outbox.hold();
    ++counters.framesIn;
    if (c->state() != Connection::State::Ready) {
        ++counters.droppedNotHolder;
        ++counters.framesDropped;
        return;
    }
    proto::AudioFrameView v;
    const proto::FrameError err = proto::parseAudioFrame(frame, v);
    if (Q_UNLIKELY(err != proto::FrameError::None)) {
        ++counters.droppedMalformed;
        ++counters.framesDropped;
        sendThrottledError(c, kBadAudio, err == proto::FrameError::TooLarge ? proto::code::kTooLarge : proto::code::kBadRequest,
                           QString::fromLatin1(proto::frameErrorText(err)));
        return;
    }
    FloorControl *floor = c->holdingForSid(v.sid);
    if (!floor) {
        ++counters.droppedNotHolder;
        ++counters.framesDropped;
        return;
    }
    const qint64 nowNs = monotonicNs();
    c->lastSeenMs = nowNs / 1000000;
    if (!c->audio.tryTake(nowNs)) {
        ++counters.droppedRateLimited;
        ++counters.framesDropped;
        sendThrottledError(c, kAudioRate, proto::code::kRateLimited,
                           QStringLiteral("audio faster than %1x real time; frames dropped").arg(cfg.audioRateFactor));
        return;
    }
    floor->noteAudio(c->lastSeenMs);
    if (EchoRecorder *echo = floor->echo()) {
        echo->record(frame, nowNs);
        return;
    }
    floor->channel()->forward(c, outbox.keep(makeBinaryWire(frame)), counters);
}

void RelayServerPrivate::onHello(Connection *c, const proto::ControlMessage &m)
{
    qint64 v = 0;
    const QJsonValue vv = m.body.value(QLatin1String("v"));
    if (vv.isUndefined()) {
        sendError(c, proto::code::kBadRequest, QStringLiteral("hello needs \"v\" (the protocol version, 1)"), m.seq);
        return;
    }
    if (!integral(vv, -1e15, 1e15, v) || v != proto::kProtocolVersion) {
        reject(c, proto::code::kVersion,
               QStringLiteral("this relay speaks protocol version %1").arg(proto::kProtocolVersion), kCloseProtocol, m.seq);
        return;
    }
    QString name;
    if (verifier) {
        const QJsonValue tok = m.body.value(QLatin1String("token"));
        TokenClaims claims;
        const TokenError err = tok.isString() ? verifier->verify(tok.toString().toUtf8(), &claims) : TokenError::Missing;
        if (err != TokenError::None) {
            reject(c, proto::code::kUnauthorized, QString::fromLatin1(tokenErrorText(err)), kClosePolicy, m.seq);
            return;
        }
        name = claims.name;
    } else {
        name = m.body.value(QLatin1String("name")).toString().trimmed();
        if (!isValidName(name)) {
            sendError(c, proto::code::kBadRequest,
                      QStringLiteral("hello needs \"name\": 1 to 64 characters, no control characters"), m.seq);
            return;
        }
    }
    c->name = name;
    c->client = m.body.value(QLatin1String("client")).toString().left(128);
    c->setState(Connection::State::Ready);
    sendWelcome(c, m.seq);
}

void RelayServerPrivate::sendWelcome(Connection *c, std::optional<qint64> seq)
{
    QJsonArray list;
    int budget = kListBudget;
    bool more = false;
    auto addChannel = [&](const Channel *ch) {
        if (more)
            return;
        const FloorControl *floor = ch->floor();
        const int size = 40 + jsonSize(ch->name())
            + (floor && floor->isHeld()
                   ? 100 + jsonSize(floor->holder()->name) + jsonSize(floor->current().codec)
                   : 0);
        if (size > budget) {
            more = true;
            return;
        }
        budget -= size;
        list.append(QJsonObject{{QLatin1String("ch"), ch->name()},
                                {QLatin1String("members"), ch->memberCount()},
                                {QLatin1String("talker"), talkerJson(floor)}});
    };
    // Configured channels in their order, echo, then the ad-hoc ones by name.
    for (const QString &name : cfg.channels) {
        if (const Channel *ch = findChannel(name))
            addChannel(ch);
    }
    if (!cfg.channels.contains(QLatin1String(kEchoChannel)))
        addChannel(findChannel(QLatin1String(kEchoChannel)));
    for (const auto &[name, ch] : channels) {
        if (!ch->isConfigured())
            addChannel(ch.get());
    }
    QJsonObject o{{QLatin1String("t"), QLatin1String(proto::type::kWelcome)},
                  {QLatin1String("v"), proto::kProtocolVersion},
                  {QLatin1String("relay"), QLatin1String(tenfour::kRelayId)},
                  {QLatin1String("id"), c->id()},
                  {QLatin1String("name"), c->name},
                  {QLatin1String("channels"), list},
                  {QLatin1String("ad_hoc"), cfg.allowAdHocChannels},
                  {QLatin1String("limits"),
                   QJsonObject{{QLatin1String("max_talk_ms"), cfg.maxTalkMs},
                               {QLatin1String("idle_ms"), cfg.idleRevokeMs},
                               {QLatin1String("max_msg"), proto::kMaxControlMessage},
                               {QLatin1String("max_audio"), proto::kMaxOpusPacket}}}};
    if (more)
        o.insert(QLatin1String("more"), true);
    c->sendControl(controlWire(o, seq));
}

void RelayServerPrivate::sendJoined(Connection *c, Channel *ch, std::optional<qint64> seq)
{
    QJsonArray members;
    bool more = false;
    if (!ch->isEcho()) {
        int budget = kListBudget;
        for (const Connection *m : ch->members()) {
            if (m == c)
                continue;
            const int size = 20 + jsonSize(m->id()) + jsonSize(m->name);
            if (size > budget) {
                more = true;
                break;
            }
            budget -= size;
            members.append(QJsonObject{{QLatin1String("id"), m->id()}, {QLatin1String("name"), m->name}});
        }
    }
    QJsonObject o{{QLatin1String("t"), QLatin1String(proto::type::kJoined)},
                  {QLatin1String("ch"), ch->name()},
                  {QLatin1String("members"), members},
                  {QLatin1String("count"), ch->memberCount()},
                  {QLatin1String("talker"), talkerJson(ch->floor())}};
    if (more)
        o.insert(QLatin1String("more"), true);
    c->sendControl(controlWire(o, seq));
}

void RelayServerPrivate::onJoin(Connection *c, const proto::ControlMessage &m)
{
    const QString name = m.body.value(QLatin1String("ch")).toString();
    if (!isValidName(name)) {
        sendError(c, proto::code::kBadRequest,
                  QStringLiteral("join needs \"ch\": 1 to 64 characters, no control characters"), m.seq);
        return;
    }
    Channel *ch = findChannel(name);
    if (ch && c->isMember(ch)) {
        sendJoined(c, ch, m.seq); // joining twice is harmless
        return;
    }
    if (cfg.maxChannelsPerConnection > 0 && int(c->channels.size()) >= cfg.maxChannelsPerConnection) {
        sendError(c, kCodeTooManyChannels,
                  QStringLiteral("at most %1 channels per connection").arg(cfg.maxChannelsPerConnection), m.seq);
        return;
    }
    if (!ch) {
        if (!cfg.allowAdHocChannels) {
            sendError(c, kCodeNoChannel, QStringLiteral("no channel \"%1\" on this relay").arg(name), m.seq);
            return;
        }
        if (cfg.maxChannels > 0 && int(channels.size()) >= cfg.maxChannels) {
            sendError(c, kCodeTooManyChannels, QStringLiteral("the relay has too many channels"), m.seq);
            return;
        }
        ch = createChannel(name, false);
    }
    ch->add(c);
    c->channels.push_back(ch);
    if (ch->isEcho()) {
        c->echo = std::make_unique<EchoRecorder>(ch, c, cfg.maxTalkMs, cfg.idleRevokeMs, counters, outbox);
        QObject::connect(c->echo->floor(), &FloorControl::expired, q, [this](FloorControl *f, const char *reason) {
            endTransmission(f, reason, true, std::nullopt, true);
        });
    }
    sendJoined(c, ch, m.seq);
    if (!ch->isEcho())
        ch->broadcast(outbox.keep(presenceWire(ch->name(), *c, "joined")), c);
}

void RelayServerPrivate::onLeave(Connection *c, const proto::ControlMessage &m)
{
    const QString name = m.body.value(QLatin1String("ch")).toString();
    Channel *ch = findChannel(name);
    if (!ch || !c->isMember(ch)) {
        sendError(c, proto::code::kNotJoined, QStringLiteral("not in channel \"%1\"").arg(name), m.seq);
        return;
    }
    leaveChannel(c, ch, "released");
    c->sendControl(controlWire(QJsonObject{{QLatin1String("t"), QLatin1String(proto::type::kLeft)},
                                           {QLatin1String("ch"), name}},
                               m.seq));
}

void RelayServerPrivate::onTalk(Connection *c, const proto::ControlMessage &m)
{
    const QString name = m.body.value(QLatin1String("ch")).toString();
    Channel *ch = findChannel(name);
    if (!ch || !c->isMember(ch)) {
        sendError(c, proto::code::kNotJoined, QStringLiteral("join \"%1\" before talking in it").arg(name), m.seq);
        return;
    }
    qint64 sid = 0;
    if (!integral(m.body.value(QLatin1String("sid")), 0, 4294967295.0, sid)) {
        sendError(c, proto::code::kBadRequest, QStringLiteral("talk needs \"sid\": an integer from 0 to 4294967295"),
                  m.seq);
        return;
    }
    Transmission t;
    t.holder = c;
    t.sid = quint32(sid);
    const QJsonValue codec = m.body.value(QLatin1String("codec"));
    const QJsonValue rate = m.body.value(QLatin1String("rate"));
    const QJsonValue ptime = m.body.value(QLatin1String("ptime"));
    qint64 rateValue = 48000;
    if (!codec.isUndefined()) {
        t.codec = codec.toString();
        if (t.codec.isEmpty() || t.codec.size() > 32 || !isValidName(t.codec)) {
            sendError(c, proto::code::kBadRequest, QStringLiteral("\"codec\" must be a short string such as \"opus\""), m.seq);
            return;
        }
    }
    if (!rate.isUndefined() && !integral(rate, 8000, 384000, rateValue)) {
        sendError(c, proto::code::kBadRequest, QStringLiteral("\"rate\" must be an integer from 8000 to 384000"), m.seq);
        return;
    }
    t.rate = int(rateValue);
    if (!ptime.isUndefined()) {
        const double p = ptime.toDouble(-1);
        if (!ptime.isDouble() || !(p >= 2.5 && p <= 120)) {
            sendError(c, proto::code::kBadRequest, QStringLiteral("\"ptime\" must be a number from 2.5 to 120 (ms)"), m.seq);
            return;
        }
        t.ptime = p;
    }
    FloorControl *other = c->holdingForSid(t.sid);
    if (other && other->channel() != ch) {
        sendError(c, proto::code::kBadRequest,
                  QStringLiteral("sid %1 is already talking in \"%2\"").arg(t.sid).arg(other->channel()->name()), m.seq);
        return;
    }

    FloorControl *floor = ch->isEcho() ? c->echo->floor() : ch->floor();
    if (floor->isHeld()) {
        if (floor->holder() == c && floor->heldSid() == t.sid) {
            // The same request again: the floor is already this transmission's.
            c->sendControl(controlWire(QJsonObject{{QLatin1String("t"), QLatin1String(proto::type::kGranted)},
                                                   {QLatin1String("ch"), ch->name()},
                                                   {QLatin1String("sid"), double(t.sid)},
                                                   {QLatin1String("max_ms"), cfg.maxTalkMs}},
                                       m.seq));
            return;
        }
        if (floor->holder() != c) {
            const Transmission &h = floor->current();
            c->sendControl(controlWire(QJsonObject{{QLatin1String("t"), QLatin1String(proto::type::kDenied)},
                                                   {QLatin1String("ch"), ch->name()},
                                                   {QLatin1String("sid"), double(t.sid)},
                                                   {QLatin1String("reason"), QLatin1String("busy")},
                                                   {QLatin1String("talker"),
                                                    QJsonObject{{QLatin1String("id"), h.holder->id()},
                                                                {QLatin1String("name"), h.holder->name},
                                                                {QLatin1String("sid"), double(h.sid)}}}},
                                       m.seq));
            return;
        }
        // The holder starts a new transmission: the old one ends for the others first.
        endTransmission(floor, "released", false, std::nullopt, false);
    }
    if (EchoRecorder *echo = floor->echo())
        echo->startRecording();
    grant(c, floor, t, m.seq);
}

void RelayServerPrivate::onOver(Connection *c, const proto::ControlMessage &m)
{
    qint64 sid = 0;
    if (!integral(m.body.value(QLatin1String("sid")), 0, 4294967295.0, sid)) {
        sendError(c, proto::code::kBadRequest, QStringLiteral("over needs \"sid\": an integer from 0 to 4294967295"),
                  m.seq);
        return;
    }
    FloorControl *floor = c->holdingForSid(quint32(sid));
    if (!floor) {
        sendError(c, kCodeNotTalking, QStringLiteral("sid %1 holds no floor (it ended before)").arg(sid), m.seq);
        return;
    }
    endTransmission(floor, "released", true, m.seq, true);
}

// ---------------------------------------------------------------------------------------------
// Channels and floors

Channel *RelayServerPrivate::findChannel(const QString &name) const
{
    auto it = channels.find(name);
    return it == channels.end() ? nullptr : it->second.get();
}

Channel *RelayServerPrivate::createChannel(const QString &name, bool configured)
{
    const bool echo = name == QLatin1String(kEchoChannel);
    auto ch = std::make_unique<Channel>(name, configured || echo, echo, cfg.maxTalkMs, cfg.idleRevokeMs);
    if (FloorControl *floor = ch->floor()) {
        QObject::connect(floor, &FloorControl::expired, q, [this](FloorControl *f, const char *reason) {
            endTransmission(f, reason, true, std::nullopt, true);
        });
    }
    Channel *raw = ch.get();
    channels[name] = std::move(ch);
    return raw;
}

void RelayServerPrivate::createStandingChannels()
{
    createChannel(QLatin1String(kEchoChannel), true);
    for (const QString &name : cfg.channels) {
        if (!findChannel(name))
            createChannel(name, true);
    }
}

void RelayServerPrivate::leaveChannel(Connection *c, Channel *ch, const char *reason)
{
    if (ch->isEcho()) {
        if (c->echo) {
            FloorControl *f = c->echo->floor();
            if (f->isHeld())
                endTransmission(f, reason, false, std::nullopt, false);
            c->echo.reset();
        }
    } else if (ch->floor()->holder() == c) {
        endTransmission(ch->floor(), reason, false, std::nullopt, false);
    }
    ch->remove(c);
    c->channels.erase(std::remove(c->channels.begin(), c->channels.end(), ch), c->channels.end());
    if (!ch->isEcho())
        ch->broadcast(outbox.keep(presenceWire(ch->name(), *c, "left")), c);
    if (!ch->isConfigured() && ch->memberCount() == 0)
        channels.erase(ch->name());
}

void RelayServerPrivate::grant(Connection *c, FloorControl *floor, const Transmission &t, std::optional<qint64> seq)
{
    Channel *ch = floor->channel();
    floor->grant(t, monotonicMs());
    c->holdings.push_back(floor);
    updateAudioLimiter(c);
    c->sendControl(controlWire(QJsonObject{{QLatin1String("t"), QLatin1String(proto::type::kGranted)},
                                           {QLatin1String("ch"), ch->name()},
                                           {QLatin1String("sid"), double(t.sid)},
                                           {QLatin1String("max_ms"), cfg.maxTalkMs}},
                               seq));
    if (!floor->echo())
        ch->broadcast(outbox.keep(talkingWire(ch->name(), *c, floor->current())), c);
}

void RelayServerPrivate::endTransmission(FloorControl *floor, const char *reason, bool notifyHolder,
                                         std::optional<qint64> ackSeq, bool playback)
{
    if (!floor->isHeld())
        return;
    const Transmission t = floor->release();
    Connection *h = t.holder;
    h->holdings.erase(std::remove(h->holdings.begin(), h->holdings.end(), floor), h->holdings.end());
    updateAudioLimiter(h);
    Channel *ch = floor->channel();
    if (EchoRecorder *echo = floor->echo()) {
        if (notifyHolder)
            h->sendControl(overWire(ch->name(), h->id(), t.sid, reason, ackSeq));
        if (playback)
            echo->startPlayback(t);
        return;
    }
    const Wire wire = outbox.keep(overWire(ch->name(), h->id(), t.sid, reason));
    ch->broadcast(wire, h);
    if (notifyHolder) {
        if (ackSeq)
            h->sendControl(overWire(ch->name(), h->id(), t.sid, reason, ackSeq));
        else
            h->sendControl(wire);
    }
}

void RelayServerPrivate::updateAudioLimiter(Connection *c)
{
    if (cfg.audioRateFactor <= 0 || c->holdings.empty()) {
        c->audio.configure(0, 0);
        return;
    }
    // factor x the frames per second of everything this connection may send right now; the
    // burst is one second of that (a pre-roll, a stall that clears).
    double fps = 0;
    for (const FloorControl *f : c->holdings)
        fps += 1000.0 / f->current().ptime;
    const double rate = cfg.audioRateFactor * fps;
    c->audio.configure(rate, std::max(rate, 10.0));
}

// ---------------------------------------------------------------------------------------------
// RelayServer

RelayServer::RelayServer(RelayConfig config, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<RelayServerPrivate>(this, std::move(config)))
{
}

RelayServer::~RelayServer()
{
    close();
    // Connections still pending deletion go now, while the channels they point to exist.
    qDeleteAll(findChildren<Connection *>(QString(), Qt::FindDirectChildrenOnly));
}

bool RelayServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    QString why;
    if (!validateConfig(d->cfg, &why))
        return fail(why);
    d->tls.reset();
    if (!d->cfg.tlsCertificateFile.isEmpty()) {
        if (!QSslSocket::supportsSsl())
            return fail(QStringLiteral("TLS is not available (no TLS backend in this Qt)"));
        const QList<QSslCertificate> chain = QSslCertificate::fromPath(d->cfg.tlsCertificateFile, QSsl::Pem);
        if (chain.isEmpty())
            return fail(QStringLiteral("no PEM certificate in %1").arg(d->cfg.tlsCertificateFile));
        QFile keyFile(d->cfg.tlsKeyFile);
        if (!keyFile.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("cannot read %1: %2").arg(d->cfg.tlsKeyFile, keyFile.errorString()));
        const QByteArray pem = keyFile.readAll();
        QSslKey key(pem, QSsl::Rsa, QSsl::Pem);
        if (key.isNull())
            key = QSslKey(pem, QSsl::Ec, QSsl::Pem);
        if (key.isNull())
            return fail(QStringLiteral("no unencrypted RSA or EC private key in %1").arg(d->cfg.tlsKeyFile));
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setLocalCertificateChain(chain);
        ssl.setPrivateKey(key);
        ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
        d->tls = ssl;
    }
    if (!d->listener->listen(address, port))
        return fail(QStringLiteral("cannot listen on %1:%2: %3")
                        .arg(address.toString())
                        .arg(port)
                        .arg(d->listener->errorString()));
    d->listenAddress = address;
    if (d->cfg.pingIntervalMs > 0)
        d->pingTimer.start(d->cfg.pingIntervalMs);
    return true;
}

bool RelayServer::isListening() const
{
    return d->listener->isListening();
}

quint16 RelayServer::port() const
{
    return d->listener->serverPort();
}

QUrl RelayServer::url() const
{
    QHostAddress host = d->listener->serverAddress();
    if (host == QHostAddress::Any || host == QHostAddress::AnyIPv4 || host.isNull())
        host = QHostAddress(QHostAddress::LocalHost);
    else if (host == QHostAddress::AnyIPv6)
        host = QHostAddress(QHostAddress::LocalHostIPv6);
    QUrl u;
    u.setScheme(d->tls ? QStringLiteral("wss") : QStringLiteral("ws"));
    u.setHost(host.toString());
    u.setPort(port());
    u.setPath(QStringLiteral("/"));
    return u;
}

void RelayServer::close()
{
    d->listener->close();
    d->pingTimer.stop();
    d->outbox.flushAll(); // what was said before the shutdown still goes out
    // Everything stops first, then the close frames go out (1001), then the objects go.
    for (const auto &[serial, c] : d->connections) {
        Q_UNUSED(serial);
        c->setState(Connection::State::Closing);
        c->markClosed();
        c->holdings.clear();
        c->channels.clear();
        c->echo.reset();
    }
    for (auto &[name, ch] : d->channels) {
        Q_UNUSED(name);
        if (FloorControl *f = ch->floor())
            f->release();
    }
    for (const auto &[serial, c] : d->connections) {
        Q_UNUSED(serial);
        if (QWebSocket *ws = c->webSocket())
            ws->close(kCloseGoingAway, QStringLiteral("relay shutting down"));
        if (QTcpSocket *tcp = c->tcp())
            tcp->flush();
        c->deleteLater();
    }
    const bool hadSockets = d->webSockets > 0;
    d->connections.clear();
    d->handshaking.clear();
    d->perIp.clear();
    d->webSockets = 0;
    d->channels.clear();
    d->createStandingChannels();
    if (hadSockets)
        Q_EMIT connectionCountChanged(0);
}

RelayStats RelayServer::stats() const
{
    RelayStats s = d->counters;
    s.connections = d->webSockets;
    s.channels = int(d->channels.size());
    s.talkers = 0;
    for (const auto &[serial, c] : d->connections) {
        Q_UNUSED(serial);
        s.talkers += int(c->holdings.size());
        s.maxQueuedBytes = std::max(s.maxQueuedBytes, c->maxQueuedSeen());
    }
    return s;
}

const RelayConfig &RelayServer::config() const
{
    return d->cfg;
}

} // namespace tenfour::relay
