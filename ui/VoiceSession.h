#pragma once
// What the UI needs from the engine for one server: the connection, the channels, the floor,
// and finished incoming transmissions for the history. An adapter over the engine's
// RelaySession/VoiceEngine implements it (EngineVoiceSession); the widget tests drive a fake.
// The UI holds no protocol or audio logic: it only calls these and observes the signals.

#include "ui/ConnectionState.h"

#include <QByteArray>
#include <QDateTime>
#include <QObject>
#include <QStringList>
#include <QUrl>

namespace tenfour::ui {

class VoiceSession : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~VoiceSession() override = default;

    // Connects (and keeps reconnecting) as `name`; secret is the token/password, may be empty.
    virtual void open(const QUrl &url, const QString &name, const QString &secret) = 0;
    virtual void close() = 0;
    virtual void join(const QString &channel) = 0;
    virtual void leave(const QString &channel) = 0;
    // Asks for the floor of a joined channel and transmits while granted; stopTalking() ends
    // the transmission (after the release tail) and gives the floor back.
    virtual void startTalking(const QString &channel) = 0;
    virtual void stopTalking() = 0;
    // Per-member playout gain (0 mutes), linear.
    virtual void setMemberGain(const QString &member, float gain) = 0;
    // What this server turned out to be last time ("smart", "broadcast"; see relayKindChanged),
    // given before open(): a remembered "broadcast" spares the wait for a welcome.
    virtual void setRelayKindHint(const QString &kind) { Q_UNUSED(kind); }

Q_SIGNALS:
    // retryInSeconds: when Reconnecting, seconds until the next attempt; detail: words for people.
    void stateChanged(tenfour::ui::ConnectionState state, int retryInSeconds, const QString &detail);
    void joined(const QString &channel, const QStringList &members);
    void left(const QString &channel);
    void memberJoined(const QString &channel, const QString &member);
    void memberLeft(const QString &channel, const QString &member);
    // Someone else holds the floor of channel; an empty member means the floor is free again.
    void talkerChanged(const QString &channel, const QString &member);
    // Our own request: granted (we transmit), denied (holder talks), or our transmission ended.
    void floorGranted(const QString &channel);
    void floorDenied(const QString &channel, const QString &holder);
    void transmitEnded(const QString &channel);
    // A finished incoming transmission, decoded: 48 kHz mono signed 16-bit PCM (for the history).
    // The kind of relay the connection reached: "smart" (a Tenfour relay) or "broadcast" (a
    // basic forward-to-all relay: no floor control, everyone in one room; docs/compatibility.md).
    void relayKindChanged(const QString &kind);
    void transmissionReceived(const QString &channel, const QString &member, const QDateTime &started,
                              const QByteArray &pcm);
};

} // namespace tenfour::ui
