#pragma once
// Turns the Transmitter's transmissions into the protocol's: transmissionStarted -> `talk`
// (a fresh sid), packets held back until `granted` (the relay drops frames of a sid it has not
// granted) and then sent as they come, transmissionEnded -> `over`. A denied or revoked
// transmission is dropped until the next press. Runs on the network (main) thread.

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QVector>

namespace tenfour::net {
class RelaySession;
}

namespace tenfour::engine {

class Transmitter;

class Uplink : public QObject {
    Q_OBJECT
public:
    // Frames kept while waiting for the grant: 2 s (the relay answers in a round trip).
    static constexpr int kMaxPending = 100;

    Uplink(Transmitter *transmitter, net::RelaySession *session, QObject *parent = nullptr);

    // The channel transmissions go to.
    void setChannel(const QString &channel) { m_channel = channel; }
    QString channel() const { return m_channel; }

    // Requesting or granted (the relay's view of our floor).
    bool isTalking() const { return m_state == State::Requesting || m_state == State::Granted; }
    quint32 sid() const { return m_sid; }
    quint64 framesSent() const { return m_sent; }
    quint64 framesDropped() const { return m_dropped; }

Q_SIGNALS:
    void talkRequested(const QString &channel, quint32 sid);
    void talkGranted(const QString &channel, quint32 sid);
    void talkDenied(const QString &channel, const QString &reason, const QString &talker);
    // Our transmission is over: reason "released" once the relay acknowledged the `over`,
    // or "max_time", "idle", "disconnected".
    void talkEnded(const QString &channel, quint32 sid, const QString &reason);
    // PTT pressed but nothing could be asked (not connected, not in the channel).
    void talkFailed(const QString &reason);

private:
    enum class State { Idle, Requesting, Granted, Dropping };
    struct Pending {
        quint32 seq;
        QByteArray opus;
    };

    void onStarted();
    void onPacket(quint32 seq, const QByteArray &opus);
    void onEnded();
    void onGranted(const QString &channel, quint32 sid);
    void onDenied(const QString &channel, quint32 sid, const QString &reason, const QString &talker);
    void onTransmitEnded(const QString &channel, quint32 sid, const QString &reason);

    net::RelaySession *m_session;
    QString m_channel;
    State m_state = State::Idle;
    quint32 m_sid = 0;
    bool m_endPending = false; // the release came before the grant
    QVector<Pending> m_pending;
    quint64 m_sent = 0;
    quint64 m_dropped = 0;
};

} // namespace tenfour::engine
