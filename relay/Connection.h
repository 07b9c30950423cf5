#pragma once
// One client connection: its sockets, who it is, where it is, its limiters and its send path.
// Internal to the relay (RelayServer owns every Connection).
//
// Everything the relay sends is written straight to the TCP (or TLS) socket under the
// QWebSocket as a ready-made frame (WireFrame.h): one frame built per message, the same bytes
// written to every receiver. QWebSocket itself only reads, answers pings and closes.

#include "relay/FloorControl.h"
#include "relay/RateLimiter.h"

#include <QByteArray>
#include <QObject>
#include <QSslSocket>
#include <QString>
#include <QTcpSocket>
#include <QWebSocket>

#include <memory>
#include <vector>

namespace tenfour::relay {

class Channel;
class EchoRecorder;

class Connection : public QObject {
    Q_OBJECT
public:
    enum class State { Handshaking, AwaitHello, Ready, Closing };

    Connection(quint64 serial, QTcpSocket *tcp, qint64 maxQueued, qint64 maxQueuedHard, QObject *parent);
    ~Connection() override;

    quint64 serial() const { return serial_; }
    const QString &id() const { return id_; }
    State state() const { return state_; }
    void setState(State s) { state_ = s; }
    bool isOpen() const { return open_; }

    QTcpSocket *tcp() const { return tcp_; }
    QWebSocket *webSocket() const { return ws_; }
    void attach(QWebSocket *ws); // after the WebSocket handshake

    // Audio: dropped (false) while the socket holds more than maxQueued unsent bytes.
    bool sendAudio(const QByteArray &wire)
    {
        if (!open_)
            return false;
        const qint64 queued = queuedBytes();
        if (queued > maxQueued_)
            return false;
        tcp_->write(wire);
        noteQueued(queued + wire.size());
        return true;
    }
    // Control messages are never dropped; a connection whose queue passes maxQueuedHard is
    // aborted (it is not reading at all).
    bool sendControl(const QByteArray &wire);

    qint64 queuedBytes() const
    {
        qint64 n = tcp_->bytesToWrite();
        if (ssl_)
            n += ssl_->encryptedBytesToWrite();
        return n;
    }
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
    qint64 maxQueued_;
    qint64 maxQueuedHard_;
    qint64 maxQueuedSeen_ = 0;
};

} // namespace tenfour::relay
