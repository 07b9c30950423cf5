#pragma once
// Tenfour on a broadcast relay (docs/compatibility.md): the relay forwards every message to
// every other client and does nothing else, so this client does the relay's work for itself.
// It announces itself (announce/bye, answering newcomers' hello), keeps the member list
// (PeerDirectory), sends `talking`/`over` for its own transmissions, and decides the floor
// with the same rules as every other client (DistributedFloor). Its signals are RelaySession's,
// with the same meaning, so nothing above the session knows which kind of relay it is on:
// a request is answered granted or denied "busy", a lost collision is denied "busy" too.
//
// Everything else a broadcast relay passes along (other clients' requests, forged replies,
// garbage) is refused here: handleControl() returns false and the session counts it.
// Messages go out through outgoing(); RelaySession puts them on the socket.

#include "net/DistributedFloor.h"
#include "net/PeerDirectory.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

namespace tenfour::net {

class BroadcastRoom : public QObject {
    Q_OBJECT
public:
    static constexpr int kAnnounceEveryMs = 30000;
    static constexpr int kForgetAfterMs = 75000; // 2.5 announce intervals without a word
    static constexpr int kTickMs = 250;
    // Answers to newcomers' hello are at most this close together: a flood of hellos from a
    // broken client must not make every client flood the room in turn.
    static constexpr int kMinAnswerGapMs = 250;

    explicit BroadcastRoom(QObject *parent = nullptr);

    // Enters the room `room` (the relay URL: a broadcast relay has no channels) as selfId/name
    // and announces it. Events are reported on channel `channel` (what the user joined).
    void start(const QString &selfId, const QString &selfName, const QString &client, const QString &room,
               const QString &channel);
    // Leaves: our transmission ends (transmitEnded), the one we hear ends (talkEnded), both
    // with `reason`. polite: a bye goes out first.
    void stop(const QString &reason, bool polite);
    bool isActive() const { return m_active; }
    QString channel() const { return m_channel; }
    // Events are reported on this channel from now on.
    void setChannel(const QString &channel) { m_channel = channel; }

    // The other members and the talker, as a Tenfour relay's `joined` has them.
    QJsonArray members() const { return m_peers.members(); }
    QJsonObject talker() const;

    // A control message another client sent: true when it was for us.
    bool handleControl(const QString &type, const QJsonObject &o);
    // An audio frame of transmission sid: true when it is the floor holder's (to be played).
    bool acceptAudio(quint32 sid);

    // Our transmission `sid` starts: granted() or denied() follows (queued, as a relay's answer).
    void requestTalk(const QString &channel, quint32 sid);
    bool mayTransmit(quint32 sid) const { return m_floor.holdsOwn(sid); }
    // Ends it: `over` goes out, transmitEnded(released) follows.
    void sendOver(quint32 sid);

    // For tests: a shorter floor window/idle time.
    void setFloorTiming(int collisionWindowMs, int idleMs)
    {
        m_floor = DistributedFloor(collisionWindowMs, idleMs);
    }

Q_SIGNALS:
    void outgoing(const QString &text);
    void granted(const QString &channel, quint32 sid);
    void denied(const QString &channel, quint32 sid, const QString &reason, const QString &talkerName);
    void transmitEnded(const QString &channel, quint32 sid, const QString &reason);
    void talkStarted(const QString &channel, quint32 sid, const QString &id, const QString &name);
    void talkEnded(const QString &channel, quint32 sid, const QString &reason);
    void memberJoined(const QString &channel, const QString &id, const QString &name);
    void memberLeft(const QString &channel, const QString &id, const QString &name);

private:
    qint64 now() const { return m_clock.elapsed(); }
    void send(QJsonObject o);
    void announce();
    void sendTalking(quint32 sid);
    void answerNewcomer();
    void notePeer(const QString &id, const QString &name);
    bool onTalking(const QJsonObject &o);
    bool onOver(const QJsonObject &o);
    bool onBye(const QJsonObject &o);
    void loseOwn(const QString &winnerName);
    void tick();

    bool m_active = false;
    QString m_selfId, m_selfName, m_client, m_room, m_channel;
    quint32 m_ownSid = 0; // our transmission (0: none)
    QString m_ownChannel;
    PeerDirectory m_peers;
    DistributedFloor m_floor;
    QElapsedTimer m_clock;
    qint64 m_lastAnnounceMs = 0;
    qint64 m_lastAnswerMs = -1; // the last answer to a newcomer's hello
    QTimer m_tick;
    QTimer m_answer; // a coalesced answer to newcomers
};

} // namespace tenfour::net
