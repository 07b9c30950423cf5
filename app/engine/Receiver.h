#pragma once
// The network side of the receive path: turns what RelaySession reports (a transmission
// starts, its audio frames, its end) into IncomingPackets for the PlayoutMixer, stamped with
// their arrival time, and applies per-speaker volume and mute. Runs on the network (main)
// thread; the mixer's own queue carries everything to the playout thread.

#include <QHash>
#include <QObject>
#include <QString>

namespace tenfour::audio {
class PlayoutMixer;
struct IncomingPacket;
} // namespace tenfour::audio

namespace tenfour::net {
class RelaySession;
}

namespace tenfour::engine {

class Receiver : public QObject {
    Q_OBJECT
public:
    explicit Receiver(audio::PlayoutMixer *mixer, QObject *parent = nullptr);
    ~Receiver() override;

    // Plays everything this session receives (others' transmissions, echo playback).
    void attach(net::RelaySession *session);

    // Linear gain per speaker (by display name), 0 mutes. Applies at once to a stream playing.
    void setSpeakerGain(const QString &speaker, float gain);
    float speakerGain(const QString &speaker) const { return m_gains.value(speaker, 1.0f); }
    void setSpeakerMuted(const QString &speaker, bool muted);
    bool speakerMuted(const QString &speaker) const { return m_muted.contains(speaker); }

    // The arrival clock; monotonicUs() unless a test simulates time. Must be the clock the
    // mixer's render() is given.
    using Clock = qint64 (*)(void *context);
    void setClock(Clock clock, void *context)
    {
        m_clock = clock;
        m_clockContext = context;
    }

    quint64 framesReceived() const { return m_frames; }
    quint64 framesRefused() const { return m_refused; } // mixer queue full

public Q_SLOTS:
    void streamStarted(quint32 sid, const QString &speaker);
    void audioFrame(quint32 sid, quint32 seq, const QByteArray &opus);
    void streamEnded(quint32 sid);
    // Connection lost: every stream ends.
    void endAll();

private:
    float effectiveGain(const QString &speaker) const;
    void control(quint8 kind, quint32 sid, float gain);

    audio::PlayoutMixer *m_mixer;
    qint64 now() const;

    audio::IncomingPacket *m_packet; // reused for every frame (it is ~1.3 KiB)
    Clock m_clock = nullptr;
    void *m_clockContext = nullptr;
    QHash<quint32, QString> m_speakerOfSid;
    QHash<QString, float> m_gains;
    QHash<QString, bool> m_muted;
    quint64 m_frames = 0;
    quint64 m_refused = 0;
};

} // namespace tenfour::engine
