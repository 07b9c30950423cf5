#pragma once
// A speaker as the engine sees it, whatever opens it (Qt Multimedia, native PulseAudio): it
// plays what audio::PlayoutMixer renders, asking for exactly as much as the device needs. An
// AudioBackend creates it; VoiceEngine moves it to the playout thread and calls start()/stop()
// there (queued). failed() after a successful start means the device or the sound server went
// away, and the engine falls back to another device.

#include <QAudioDevice>
#include <QObject>

namespace tenfour::device {

class PlayoutBackend : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    // Samples the speaker has taken since this object exists (any thread): a speaker that
    // stops pulling shows here.
    virtual quint64 framesPulled() const = 0;

    // Optional: stop pulling after ms without anything to play, until the mixer's PlayoutWake
    // hook fires (0: never). A backend that cannot sleep keeps pulling. Any thread.
    virtual void setSleepWhenIdleMs(int ms) { Q_UNUSED(ms); }

public Q_SLOTS:
    // bufferMs: the speaker buffer wanted (a backend may round it up to what it can run).
    virtual void start(const QAudioDevice &device, int bufferMs) = 0;
    virtual void stop() = 0;

Q_SIGNALS:
    // bufferMs: what the speaker's buffer actually got.
    void started(const QByteArray &id, const QString &description, const QString &format, int bufferMs);
    void failed(const QByteArray &id, const QString &reason);
    void stopped();
};

} // namespace tenfour::device
