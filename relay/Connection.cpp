#include "relay/Connection.h"

#include "relay/Channel.h"
#include "relay/EchoRecorder.h"

#include <algorithm>

namespace tenfour::relay {

Connection::Connection(quint64 serial, QTcpSocket *tcp, qint64 maxQueued, qint64 maxQueuedHard, QObject *parent)
    : QObject(parent)
    , serial_(serial)
    , id_(QStringLiteral("u%1").arg(serial))
    , tcp_(tcp)
    , ssl_(qobject_cast<QSslSocket *>(tcp))
    , maxQueued_(maxQueued)
    , maxQueuedHard_(maxQueuedHard)
{
    tcp_->setParent(this);
    // Direct connections: these only flip flags, so they are safe from inside any send path.
    connect(tcp_, &QObject::destroyed, this, [this] {
        tcp_ = nullptr;
        ssl_ = nullptr;
        open_ = false;
    });
    connect(tcp_, &QAbstractSocket::disconnected, this, [this] { open_ = false; });
}

Connection::~Connection()
{
    // The relay detached us from every channel before. The sockets go first, with our
    // connections to them cut, so none of their last signals reaches a half-destroyed object.
    echo.reset();
    if (ws_) {
        ws_->disconnect(this);
        delete ws_;
    }
    if (tcp_) {
        tcp_->disconnect(this);
        delete tcp_;
    }
}

void Connection::attach(QWebSocket *ws)
{
    ws_ = ws;
    ws_->setParent(this);
    open_ = tcp_ && tcp_->state() == QAbstractSocket::ConnectedState;
    connect(ws_, &QWebSocket::aboutToClose, this, [this] { open_ = false; });
}

bool Connection::sendControl(const QByteArray &wire)
{
    if (!open_)
        return false;
    const qint64 queued = queuedBytes();
    if (queued + wire.size() > maxQueuedHard_) {
        open_ = false;
        Q_EMIT queueOverflow(this);
        return false;
    }
    tcp_->write(wire);
    noteQueued(queued + wire.size());
    return true;
}

void Connection::abort()
{
    open_ = false;
    if (ws_)
        ws_->abort();
    else if (tcp_)
        tcp_->abort();
}

bool Connection::isMember(const Channel *c) const
{
    return std::find(channels.begin(), channels.end(), c) != channels.end();
}

} // namespace tenfour::relay
