#pragma once
// The audio side the UI needs, one per application: sessions per server, the devices and
// processing settings, the level meter, history replay and the speaker mute. The engine adapter
// (EngineVoiceBackend) implements it over VoiceEngine; the widget tests use a fake.

#include "ui/AppSettings.h"

#include <QByteArray>
#include <QObject>

namespace tenfour::ui {

class VoiceSession;

class VoiceBackend : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~VoiceBackend() override = default;

    virtual VoiceSession *createSession(QObject *parent) = 0;
    // Devices, gains, noise suppression/AGC, jitter bounds, PTT tail/pre-roll, cues, bitrate.
    virtual void applySettings(const AppSettings &settings) = 0;
    virtual void setSpeakerMuted(bool muted) = 0;
    // Keeps the microphone open for the level meter while not talking (mic test, VOX threshold).
    virtual void setMonitoring(bool on) = 0;
    // Plays 48 kHz mono s16 PCM locally (history replay); playbackFinished() when done or stopped.
    virtual void play(const QByteArray &pcm) = 0;
    virtual void stopPlayback() = 0;

Q_SIGNALS:
    // Input level, dBFS (-100..0), about every 20-50 ms while the microphone is open.
    void inputLevel(float dbfs);
    void playbackFinished();
    // A device or audio failure the user must see.
    void audioError(const QString &message);
};

} // namespace tenfour::ui
