#pragma once
// The echo channel for one member: its own floor, the recording of its transmission, and the
// playback of that recording to it alone once the transmission ends, as a normal `talking`,
// frames with their original spacing, `over` (reason "released"). Recording is capped by the
// floor's max talk time (and by kMaxRecordedBytes).

#include "relay/FloorControl.h"
#include "relay/Outbox.h"
#include "relay/RelayStats.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include <vector>

namespace tenfour::relay {

class Channel;
class Connection;

class EchoRecorder : public QObject {
    Q_OBJECT
public:
    static constexpr qint64 kMaxRecordedBytes = 8 * 1024 * 1024;

    EchoRecorder(Channel *echoChannel, Connection *member, int maxTalkMs, int idleRevokeMs, RelayStats &stats,
                 Outbox &outbox);
    ~EchoRecorder() override;

    FloorControl *floor() { return &floor_; }

    // Starts a new recording (the floor was just granted); ends any playback first.
    void startRecording();
    // One frame of the transmission, as received (the bytes are shared, not copied).
    void record(const QByteArray &frame, qint64 nowNs);
    // Plays the recording back (t is the transmission that just ended); nothing when empty.
    void startPlayback(const Transmission &t);
    // Stops a playback early; the member gets its `over`.
    void stopPlayback();
    bool isPlaying() const { return playing_; }

private:
    struct Frame {
        qint64 offsetNs;
        QByteArray bytes;
    };
    void playDue();

    Channel *channel_;
    Connection *member_;
    RelayStats &stats_;
    Outbox &outbox_;
    FloorControl floor_;

    std::vector<Frame> recording_;
    qint64 recordedBytes_ = 0;
    qint64 firstNs_ = 0;

    std::vector<Frame> playback_;
    size_t next_ = 0;
    bool playing_ = false;
    qint64 playStartNs_ = 0;
    Transmission playMeta_;
    QTimer timer_;
};

} // namespace tenfour::relay
