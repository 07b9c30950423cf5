#include "relay/Connection.h"

#include "relay/Channel.h"
#include "relay/EchoRecorder.h"

#include <algorithm>

#ifdef TENFOUR_RELAY_SENDMSG
#include <cerrno>
#include <climits>
#include <sys/socket.h>
#endif

namespace tenfour::relay {

Connection::Connection(quint64 serial, QTcpSocket *tcp, Outbox &outbox, qint64 maxQueued, qint64 maxQueuedHard,
                       QObject *parent)
    : QObject(parent)
    , serial_(serial)
    , id_(QStringLiteral("u%1").arg(serial))
    , tcp_(tcp)
    , ssl_(qobject_cast<QSslSocket *>(tcp))
    , outbox_(outbox)
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
    outbox_.forget(this);
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
#ifdef TENFOUR_RELAY_SENDMSG
    if (open_ && !ssl_)
        fd_ = int(tcp_->socketDescriptor());
#endif
    connect(ws_, &QWebSocket::aboutToClose, this, [this] { open_ = false; });
}

bool Connection::sendControl(Wire wire)
{
    if (!open_)
        return false;
    const qint64 queued = queuedBytes();
    if (queued + wire.size > maxQueuedHard_) {
        open_ = false;
        Q_EMIT queueOverflow(this);
        return false;
    }
    enqueue(wire);
    noteQueued(queued + wire.size);
    return true;
}

void Connection::flush()
{
    if (pending_.empty())
        return;
    if (!open_ || !tcp_) {
        pending_.clear();
        pendingBytes_ = 0;
        return;
    }
    size_t i = 0;
#ifdef TENFOUR_RELAY_SENDMSG
    // Straight to the kernel while the socket's own buffer is empty (otherwise the order of
    // bytes would change); what the kernel does not take goes to that buffer below.
    if (fd_ >= 0 && tcp_->bytesToWrite() == 0) {
        while (i < pending_.size()) {
            const size_t batch = std::min<size_t>(pending_.size() - i, IOV_MAX);
            msghdr msg{};
            msg.msg_iov = &pending_[i];
            msg.msg_iovlen = batch;
            const ssize_t sent = ::sendmsg(fd_, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
            if (sent < 0) {
                if (errno == EINTR)
                    continue;
                if (errno == EAGAIN || errno == EWOULDBLOCK)
                    break;
                // The peer is gone; the socket's own error handling closes the connection.
                open_ = false;
                pending_.clear();
                pendingBytes_ = 0;
                return;
            }
            size_t left = size_t(sent);
            const size_t end = i + batch;
            while (i < end && left >= pending_[i].iov_len) {
                left -= pending_[i].iov_len;
                ++i;
            }
            if (i < end) {
                // A partial frame: the kernel is full; the rest goes to the socket's buffer.
                pending_[i].iov_base = static_cast<char *>(pending_[i].iov_base) + left;
                pending_[i].iov_len -= left;
                break;
            }
        }
    }
    for (; i < pending_.size(); ++i)
        tcp_->write(static_cast<const char *>(pending_[i].iov_base), qint64(pending_[i].iov_len));
#else
    for (; i < pending_.size(); ++i)
        tcp_->write(pending_[i].data, pending_[i].size);
#endif
    pending_.clear();
    pendingBytes_ = 0;
}

void Connection::abort()
{
    open_ = false;
    pending_.clear();
    pendingBytes_ = 0;
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
