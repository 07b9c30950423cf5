#pragma once
// One client connection: its sockets, who it is, where it is, its limiters and its send path.
// Internal to the relay (RelayServer owns every Connection).
//
// Everything the relay sends goes straight to the TCP (or TLS) socket under the QWebSocket as
// ready-made frames (WireFrame.h), through the Outbox: one frame built per message, the same
// bytes queued for every receiver, written once per event-loop turn. QWebSocket itself only
// reads, answers pings and closes.

#include "relay/FloorControl.h"
#include "relay/Outbox.h"
#include "relay/RateLimiter.h"

#include <QByteArray>
#include <QObject>
#include <QSslSocket>
#include <QString>
#include <QTcpSocket>
#include <QWebSocket>

#include <memory>
#include <vector>

// Linux: the Outbox writes with sendmsg() (see Outbox.h); elsewhere through QTcpSocket::write.
#if defined(Q_OS_LINUX) && !defined(TENFOUR_RELAY_NO_SENDMSG)
#define TENFOUR_RELAY_SENDMSG 1
#include <sys/uio.h>
#endif

namespace tenfour::relay {

class Channel;
class EchoRecorder;

class Connection : public QObject {
    Q_OBJECT
public:
    enum class State { Handshaking, AwaitHello, Ready, Closing };

    Connection(quint64 serial, QTcpSocket *tcp, Outbox &outbox, qint64 maxQueued, qint64 maxQueuedHard,
               QObject *parent);
    ~Connection() override;

    quint64 serial() const { return serial_; }
    const QString &id() const { return id_; }
    State state() const { return state_; }
    void setState(State s) { state_ = s; }
    bool isOpen() const { return open_; }

    QTcpSocket *tcp() const { return tcp_; }
    QWebSocket *webSocket() const { return ws_; }
    void attach(QWebSocket *ws); // after the WebSocket handshake

    // Audio: dropped (false) while more than maxQueued bytes wait for this receiver.
    bool sendAudio(Wire wire)
    {
        if (!open_)
            return false;
        const qint64 queued = queuedBytes();
        if (queued > maxQueued_)
            return false;
        enqueue(wire);
        noteQueued(queued + wire.size);
        return true;
    }
    // Control messages are never dropped; a connection whose queue passes maxQueuedHard is
    // aborted (it is not reading at all).
    bool sendControl(Wire wire);
    bool sendControl(QByteArray wire) { return sendControl(outbox_.keep(std::move(wire))); }

    // Bytes not yet taken by the kernel: this turn's queue and the socket's buffer.
    qint64 queuedBytes() const
    {
        qint64 n = pendingBytes_ + tcp_->bytesToWrite();
        if (ssl_)
            n += ssl_->encryptedBytesToWrite();
        return n;
    }
    // Writes this turn's queue now (Outbox::flushAll, or before a close frame).
    void flush();
    qint64 maxQueuedSeen() const { return maxQueuedSeen_; }

    // Stops every send (the close frame of QWebSocket aside) from now on. Also happens by
    // itself when the socket disconnects or QWebSocket starts its closing handshake.
    void markClosed() { open_ = false; }
    void abort();

    // Identity, after hello.
    QString name;
    QString client;
    QString peerKey;      // "address|port" of the TCP peer, until the WebSocket handshake is done
    QString address;      // the client address the per-IP limit counts (proxy headers applied)
    bool countedPerIp = false;
    bool countedTotal = false;

    // Membership and floors held.
    std::vector<Channel *> channels;
    std::vector<FloorControl *> holdings;
    std::unique_ptr<EchoRecorder> echo; // while a member of the echo channel

    FloorControl *holdingForSid(quint32 sid) const
    {
        for (FloorControl *f : holdings) {
            if (f->heldSid() == sid)
                return f;
        }
        return nullptr;
    }
    bool isMember(const Channel *c) const;

    RateLimiter control;
    RateLimiter audio;
    qint64 lastSeenMs = 0;
    qint64 lastErrorNs[4] = {0, 0, 0, 0}; // throttles of repeated errors, by ErrorKind

Q_SIGNALS:
    void queueOverflow(Connection *self);

private:
    void enqueue(Wire w)
    {
        if (pending_.empty())
            outbox_.dirty(this);
#ifdef TENFOUR_RELAY_SENDMSG
        pending_.push_back(iovec{const_cast<char *>(w.data), size_t(w.size)});
#else
        pending_.push_back(w);
#endif
        pendingBytes_ += w.size;
    }
    void noteQueued(qint64 n)
    {
        if (n > maxQueuedSeen_)
            maxQueuedSeen_ = n;
    }

    quint64 serial_;
    QString id_;
    State state_ = State::Handshaking;
    bool open_ = false;
    QTcpSocket *tcp_; // null once destroyed (QWebSocketServer deletes it on disconnect)
    QSslSocket *ssl_ = nullptr;
    QWebSocket *ws_ = nullptr;
    Outbox &outbox_;
#ifdef TENFOUR_RELAY_SENDMSG
    std::vector<iovec> pending_;
    int fd_ = -1; // for sendmsg(); -1 with TLS (QSslSocket encrypts)
#else
    std::vector<Wire> pending_;
#endif
    qint64 pendingBytes_ = 0;
    qint64 maxQueued_;
    qint64 maxQueuedHard_;
    qint64 maxQueuedSeen_ = 0;
};

} // namespace tenfour::relay
