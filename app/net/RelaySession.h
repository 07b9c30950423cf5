#pragma once
// The client side of the Tenfour protocol (docs/protocol.md) over one QWebSocket:
// hello/welcome, join/leave, talk/granted/denied, audio frames, over, presence, errors.
//
// It keeps itself connected: a lost connection is retried with exponential backoff and jitter,
// and the channels that were joined are joined again after the new welcome. It never retries
// after the relay refused the credentials (state Unauthorized) or the protocol version.
// A relay that stops answering is noticed by WebSocket pings: one every pingIntervalMs, and
// nothing (pong or message) for deadAfterMs drops the connection (a dead relay is detected in
// under 10 s with the defaults).
//
// Transport facts (Qt 6.4, checked with strace): QWebSocket sets TCP_NODELAY and SO_KEEPALIVE
// on its own socket after connecting; the socket itself is not exposed, so nothing to do here.
// No Sec-WebSocket-Protocol header is sent (some relays answer any subprotocol with HTTP 426).
//
// Robustness: unknown message types and unknown fields are ignored; a malformed message (not
// JSON, wrong field types, a bad audio frame) is counted and logged, never a disconnect.
// Audio is accepted as binary frames and in the text-safe form ("~" + base64) that relays
// which turn binary frames into text deliver.
//
// Relay kind (RelayKindDetector, docs/compatibility.md): a relay that does not answer hello
// with welcome within 2 s, or that delivers another client's hello, is a broadcast relay
// (forward-to-all-others, e.g. the PHP Ratchet tutorial relay). The session is then Connected
// all the same and does the relay's work itself (BroadcastRoom): join() is local (the one room
// is the relay URL), requestTalk() is decided by distributed floor control, audio goes out in
// the text-safe form only. Detection starts afresh on every connection; a welcome always wins.

#include "net/Backoff.h"
#include "net/BroadcastRoom.h"
#include "net/KeepAlive.h"
#include "net/RelayKindDetector.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QUrl>
#include <QWebSocketProtocol>

class QWebSocket;

namespace tenfour::protocol {
struct ControlMessage;
}

namespace tenfour::net {

class RelaySession : public QObject {
    Q_OBJECT
public:
    enum class State {
        Disconnected, // not asked to connect, or closed
        Connecting,   // TCP + WebSocket handshake + hello, waiting for welcome
        Connected,    // welcomed
        Reconnecting, // lost; the next attempt is scheduled (see stateChanged's retryInMs)
        Unauthorized, // the relay refused the name/token: retrying cannot help
        Failed,       // cannot go on (bad URL, protocol version, or the first attempt failed
                      // with retryFirstAttempt off); detail says why
    };
    Q_ENUM(State)

    struct Options {
        QUrl url;
        QString name;
        QString token;  // empty: none sent
        QString client; // "client" of hello; empty: tenfour/<version>
        int pingIntervalMs = 3000;
        int deadAfterMs = 7000;       // silence (no pong, no message) that means the relay is gone
        int connectTimeoutMs = 10000; // from open to welcome
        int backoffInitialMs = 500;
        int backoffMaxMs = 30000;
        // For the first youngOutageMs of an outage the backoff stays under youngBackoffCapMs
        // (jittered 50-100 % of it), so a relay that restarts is rejoined within 2 s of being
        // back (docs/reliability.md, "Faults"); later the delay grows to backoffMaxMs.
        int youngOutageMs = 60000;
        int youngBackoffCapMs = 1600;
        qint64 maxIncomingMessageBytes = 64 * 1024;
        bool textSafeAudio = false;    // send audio as "~"+base64 text frames
        bool retryFirstAttempt = true; // false: fail at once when the very first attempt fails
        // What this server was last time (remembered by the caller): Broadcast skips the wait
        // for a welcome that will not come. A welcome still wins.
        RelayKind kindHint = RelayKind::Unknown;
        int detectWindowMs = RelayKindDetector::kDefaultWindowMs;
    };

    struct Stats {
        quint64 malformed = 0;    // messages we could not use (counted, logged, ignored)
        quint64 ignoredTypes = 0; // control messages of a type we do not know
        quint64 audioIn = 0;      // audio frames received (both forms)
        quint64 audioInTextSafe = 0;
        quint64 audioOut = 0;
        quint64 connects = 0;     // welcomes received
        quint64 serverErrors = 0; // {"t":"error"} received
        quint64 foreign = 0;      // broadcast relay: other clients' messages not meant for us
    };

    explicit RelaySession(QObject *parent = nullptr);
    ~RelaySession() override;

    // Connects (and keeps reconnecting). Calling it again starts over with the new options.
    void open(const Options &options);
    // Disconnects for good (state Disconnected); joined channels are forgotten.
    void close();

    State state() const { return m_state; }
    bool isConnected() const { return m_state == State::Connected; }
    const Options &options() const { return m_options; }
    QString selfId() const { return m_selfId; }
    QString selfName() const { return m_selfName; }
    // Channels asked for with join() (joined now, or to be joined after the next welcome).
    QStringList channels() const { return m_channels; }
    bool isJoined(const QString &channel) const { return m_joined.contains(channel); }
    const Stats &stats() const { return m_stats; }
    // The last welcome (limits, channel list) for whoever wants to show it.
    QJsonObject welcome() const { return m_welcome; }
    // The kind of relay this connection reached (Unknown until detected).
    RelayKind relayKind() const { return m_kind; }

    void join(const QString &channel);
    void leave(const QString &channel);

    // Asks for the floor of a joined channel; returns the new transmission's sid (random, so
    // streams of different senders do not collide), or 0 when not connected/joined.
    quint32 requestTalk(const QString &channel);
    // One audio frame of a granted transmission. False when not connected.
    bool sendAudio(quint32 sid, quint32 seq, QByteArrayView opus);
    // Ends our transmission; transmitEnded() follows when the relay acknowledges.
    void sendOver(quint32 sid);

    static QString stateName(State s);

Q_SIGNALS:
    // Every state change. retryInMs: when Reconnecting, the delay before the next attempt.
    // detail: words for people (the error, the reason for the retry).
    void stateChanged(tenfour::net::RelaySession::State state, int retryInMs, const QString &detail);
    void welcomed(const QString &selfId, const QString &selfName);
    // The relay kind of this connection was found out (once per connection; a broadcast guess
    // from the hint may be followed by Smart when a welcome comes after all).
    void relayKindChanged(tenfour::net::RelayKind kind, const QString &why);
    // members: the other members, [{id, name}]; talker: {id, name, sid} or empty.
    void joined(const QString &channel, const QJsonArray &members, const QJsonObject &talker);
    void left(const QString &channel);
    void memberJoined(const QString &channel, const QString &id, const QString &name);
    void memberLeft(const QString &channel, const QString &id, const QString &name);

    void granted(const QString &channel, quint32 sid);
    // reason: "busy" (talkerName holds the floor), or an error code of the relay.
    void denied(const QString &channel, quint32 sid, const QString &reason, const QString &talkerName);
    // Our transmission is over: reason "released" (acknowledged), "max_time", "idle" (revoked),
    // "disconnected" (the connection went away while talking).
    void transmitEnded(const QString &channel, quint32 sid, const QString &reason);

    // Someone else's transmission.
    void talkStarted(const QString &channel, quint32 sid, const QString &id, const QString &name);
    void audioReceived(quint32 sid, quint32 seq, const QByteArray &opus);
    void talkEnded(const QString &channel, quint32 sid, const QString &reason);

    void serverError(const QString &code, const QString &message);

private:
    enum class Sent { Nothing, Pending, Granted };
    struct Own {
        QString channel;
        Sent state = Sent::Nothing;
        bool overSent = false;
    };

    void connectNow();
    void setState(State s, int retryInMs = 0, const QString &detail = QString());
    void scheduleReconnect(const QString &reason);
    void stopTimers();
    void dropSocket();
    void onConnected();
    void onDisconnected();
    void onSocketError();
    void onText(const QString &text);
    void onBinary(const QByteArray &frame);
    void handleAudio(QByteArrayView frame, bool textSafe);
    void handleControl(const protocol::ControlMessage &m);
    void onWelcome(const QJsonObject &o);
    void onJoined(const QJsonObject &o);
    void onGrantedOrDenied(const QJsonObject &o, bool granted);
    void onOver(const QJsonObject &o);
    void onTalking(const QJsonObject &o);
    void onPresence(const QJsonObject &o);
    void onError(const QJsonObject &o);
    void malformed(const QString &why);
    void sendControl(QJsonObject obj);
    void endOwnTransmissions(const QString &reason);
    void onKindDetected(RelayKind kind, const QString &why);
    void enterBroadcast();
    void leaveBroadcast(const QString &reason, bool polite);
    void joinedLocally(const QString &channel);

    Options m_options;
    QWebSocket *m_ws = nullptr;
    State m_state = State::Disconnected;
    QString m_selfId;
    QString m_selfName;
    QJsonObject m_welcome;
    QStringList m_channels;           // wanted, in join order
    QStringList m_joined;             // confirmed by the relay on this connection
    QHash<quint32, Own> m_own;        // our transmissions by sid
    QHash<quint32, QString> m_others; // sid -> channel of others' transmissions in progress
    qint64 m_nextSeq = 1;
    Backoff m_backoff;
    bool m_everWelcomed = false;
    bool m_refused = false; // unauthorized/version error seen on this connection
    QString m_refusal;
    QString m_lostReason; // why the current socket went away, when we know better than Qt
    State m_refusalState = State::Unauthorized;
    QTimer m_retryTimer;
    QElapsedTimer m_outage; // since the connection was lost (invalid while connected)
    KeepAlive m_keepAlive;
    QTimer m_connectTimer;
    QElapsedTimer m_malformedLog; // throttles the log of malformed messages
    Stats m_stats;
    RelayKindDetector m_detector;
    BroadcastRoom m_room;
    RelayKind m_kind = RelayKind::Unknown;     // of this connection
    RelayKind m_lastKind = RelayKind::Unknown; // of the last one that found out
    qint64 m_helloSeq = -1;
};

} // namespace tenfour::net
