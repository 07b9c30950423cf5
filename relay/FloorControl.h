#pragma once
// Who holds one floor, since when, and the two timers that take it back: the longest
// transmission (max_talk_ms, reason "max_time") and the longest silence (idle, reason "idle").
// A normal channel has one floor; in the echo channel every member has its own.

#include <QObject>
#include <QString>
#include <QTimer>

namespace tenfour::relay {

class Channel;
class Connection;
class EchoRecorder;

struct Transmission {
    Connection *holder = nullptr;
    quint32 sid = 0;
    QString codec = QStringLiteral("opus");
    int rate = 48000;
    double ptime = 20;
    qint64 grantedMs = 0;
    qint64 lastAudioMs = 0; // 0 = no audio yet
    quint64 frames = 0;
};

class FloorControl : public QObject {
    Q_OBJECT
public:
    FloorControl(Channel *channel, EchoRecorder *echo, int maxTalkMs, int idleRevokeMs, QObject *parent = nullptr);

    Channel *channel() const { return channel_; }
    EchoRecorder *echo() const { return echo_; } // null outside the echo channel

    bool isHeld() const { return t_.holder != nullptr; }
    Connection *holder() const { return t_.holder; }
    quint32 heldSid() const { return t_.sid; }
    const Transmission &current() const { return t_; }

    // Starts a transmission (the floor must be free) and its timers.
    void grant(const Transmission &t, qint64 nowMs);
    // Ends the transmission, stops the timers and returns what it was.
    Transmission release();
    // Called for every forwarded frame: no timer is touched here.
    void noteAudio(qint64 nowMs)
    {
        t_.lastAudioMs = nowMs;
        ++t_.frames;
    }

Q_SIGNALS:
    // The floor was not released in time; reason "max_time" or "idle". The floor is still held:
    // the receiver ends the transmission.
    void expired(FloorControl *floor, const char *reason);

private:
    void checkIdle();

    Channel *channel_;
    EchoRecorder *echo_;
    int maxTalkMs_;
    int idleRevokeMs_;
    Transmission t_;
    QTimer maxTimer_;
    QTimer idleTimer_;
};

} // namespace tenfour::relay
