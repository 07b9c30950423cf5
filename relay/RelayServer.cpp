#include "relay/RelayServer.h"
#include "relay/RelayServerPrivate.h"

#include "relay/EchoRecorder.h"
#include "relay/Messages.h"
#include "relay/TcpListener.h"
#include "relay/WireFrame.h"

#include "tenfour/Version.h"

#include <QFile>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTimer>
#include <QWebSocketCorsAuthenticator>
#include <QWebSocketServer>

#include <limits>

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <unistd.h>
#endif

namespace tenfour::relay {

namespace {

// TCP connections still in the TLS or WebSocket handshake; more are refused at once.
constexpr int kMaxHandshaking = 1024;

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

} // namespace

RelayServerPrivate::RelayServerPrivate(RelayServer *q_, RelayConfig config)
    : q(q_), cfg(std::move(config)), outbox([this] {
          QMetaObject::invokeMethod(
              q, [this] { outbox.flushAll(); }, Qt::QueuedConnection);
      })
{
    listener = new TcpListener(q);
    QObject::connect(listener, &TcpListener::descriptorAccepted, q, [this](qintptr fd) { onDescriptor(fd); });
    // accept() failing for lack of descriptors pauses the listener for good: resume it later.
    QObject::connect(listener, &QTcpServer::acceptError, q, [this](QAbstractSocket::SocketError) {
        QTimer::singleShot(250, listener, [this] { listener->resumeAccepting(); });
    });

    wsServer =
        new QWebSocketServer(QString::fromLatin1(tenfour::kRelayId), QWebSocketServer::NonSecureMode, q);
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
    if (handshaking.size() >= kMaxHandshaking ||
        (cfg.maxConnections > 0 && int(connections.size()) >= cfg.maxConnections + kMaxHandshaking)) {
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
    QObject::connect(
        sock, &QAbstractSocket::disconnected, c,
        [this, c] {
            if (!c->webSocket())
                dropConnection(c);
        },
        Qt::QueuedConnection);
    QObject::connect(
        c, &Connection::queueOverflow, c,
        [this, c] {
            ++counters.connectionsRejected;
            c->abort();
        },
        Qt::QueuedConnection);
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

        QObject::connect(ws, &QWebSocket::textMessageReceived, c,
                         [this, c](const QString &t) { onText(c, t); });
        QObject::connect(ws, &QWebSocket::binaryMessageReceived, c,
                         [this, c](const QByteArray &b) { onBinary(c, b); });
        QObject::connect(ws, &QWebSocket::pong, c,
                         [c](quint64, const QByteArray &) { c->lastSeenMs = monotonicMs(); });
        QObject::connect(
            ws, &QWebSocket::disconnected, c, [this, c] { dropConnection(c); }, Qt::QueuedConnection);
        // QWebSocket closing by itself (a protocol error, a message above the limit, the peer's
        // close frame): the connection is over for the channels now, and it gets the same
        // grace as our own closes before it is dropped.
        QObject::connect(
            ws, &QWebSocket::aboutToClose, c,
            [this, c] {
                if (c->state() == Connection::State::Closing)
                    return;
                detach(c);
                c->setState(Connection::State::Closing);
                QTimer::singleShot(cfg.closeGraceMs, Qt::PreciseTimer, c, [c] { c->abort(); });
            },
            Qt::QueuedConnection);
        // After QWebSocket's own readyRead handler (connected before): the output of every
        // message that one read brought leaves now, together.
        QObject::connect(c->tcp(), &QIODevice::readyRead, c, [this] { outbox.releaseAndFlush(); });

        ++webSockets;
        c->countedTotal = true;
        Q_EMIT q->connectionCountChanged(webSockets);

        c->address = clientAddress(ws);
        const bool exempt = QHostAddress(c->address).isLoopback() && !cfg.limitLoopback;
        if (cfg.maxConnections > 0 && webSockets > cfg.maxConnections) {
            reject(c, kCodeTooManyConnections,
                   QStringLiteral("the relay is full (%1 connections)").arg(cfg.maxConnections),
                   kClosePolicy);
            continue;
        }
        if (!exempt && cfg.maxConnectionsPerIp > 0) {
            int &n = perIp[c->address];
            if (n >= cfg.maxConnectionsPerIp) {
                reject(c, kCodeTooManyConnections,
                       QStringLiteral("too many connections from %1 (at most %2)")
                           .arg(c->address)
                           .arg(cfg.maxConnectionsPerIp),
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
        reject(c, kCodeTimeout, QStringLiteral("no hello within %1 ms").arg(cfg.helloTimeoutMs),
               kClosePolicy);
    }
}

void RelayServerPrivate::reject(Connection *c, const char *code, const QString &msg,
                                QWebSocketProtocol::CloseCode closeCode, std::optional<qint64> seq)
{
    ++counters.connectionsRejected;
    sendError(c, code, msg, seq);
    closeConnection(c, closeCode, msg);
}

void RelayServerPrivate::closeConnection(Connection *c, QWebSocketProtocol::CloseCode code,
                                         const QString &reason)
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
// RelayServer

RelayServer::RelayServer(RelayConfig config, QObject *parent)
    : QObject(parent), d(std::make_unique<RelayServerPrivate>(this, std::move(config)))
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
