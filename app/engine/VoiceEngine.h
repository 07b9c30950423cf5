#pragma once
// Wires one voice client together (docs/architecture.md, "Threads and real-time rules"):
//
//   capture thread   CaptureBackend --CaptureQueue--> Transmitter (encoder worker)
//   main thread      Transmitter --signals--> Uplink --> RelaySession --> Receiver --> PlayoutMixer queue
//   playout thread   PlayoutBackend <- PlayoutRenderer <- PlayoutMixer::render
//
// The capture and playout objects come from an AudioBackend picked at start() from
// device::AudioBackendRegistry (Config::audioBackend): native PulseAudio by default where a server
// answers (its callbacks run on libpulse's own mainloop threads), else Qt Multimedia (QAudioSource,
// QAudioSink in pull mode, on the capture/playout threads).
//
// It also owns the device policy: devices are chosen by id (or name) and remembered; when the
// one in use disappears the engine falls back to the default and says so (deviceNotice), and
// goes back to the chosen one when it reappears. Device lists are polled (DeviceWatcher).
// The Opus encoder's expected loss follows what this client's own receive path measures
// (concealed + late frames over the last seconds).

#include "audio/CuePlayer.h"
#include "audio/JitterBuffer.h"
#include "engine/Transmitter.h"

#include <QAudioDevice>
#include <QObject>
#include <QTimer>
#include <memory>

class QThread;

namespace tenfour::audio {
class PlayoutMixer;
}
namespace tenfour::device {
class AudioBackend;
class CaptureBackend;
class DeviceWatcher;
class PlayoutBackend;
} // namespace tenfour::device
namespace tenfour::net {
class RelaySession;
}

namespace tenfour::engine {

class Receiver;
class Uplink;

class VoiceEngine : public QObject {
    Q_OBJECT
public:
    struct Config {
        QString inputDevice;  // id or name; empty: the default (PULSE_SOURCE honoured)
        QString outputDevice; // id or name; empty: the default (PULSE_SINK honoured)
        // "auto" (PulseAudio when a server answers, else Qt), "pulse" or "qt".
        QString audioBackend = QStringLiteral("auto");
        int sourceBufferMs = 10; // capture fragment (Qt's source hands out ~this + 2 ms)
        int sinkBufferMs = 20;   // speaker latency; the Qt backend raises it to 40
        // The speaker stops pulling after this long with nothing to play (no speaker, no cue) and
        // wakes on the next packet or cue: an idle client costs ~nothing. 0: always pull.
        int speakerSleepMs = 1000;

        bool capture = true; // open a microphone
        bool playout = true; // open a speaker
        int devicePollMs = 2000;
        Transmitter::Config transmit;
        audio::JitterConfig jitter;
        float outputVolume = 1.0f; // master volume, linear 0..1.5
        struct CueSetting {
            bool enabled = false; // off by default: a recorder or bot must not hear beeps
            int volume = 60;      // percent
        };
        CueSetting cuePermit, cueEnd, cueBusy; // talk permit, end of transmission, busy
    };

    VoiceEngine(net::RelaySession *session, const Config &config, QObject *parent = nullptr);
    ~VoiceEngine() override;

    // Starts the threads and opens the devices (results arrive as signals).
    void start();
    void stop();

    // The channel push-to-talk transmits into.
    void setChannel(const QString &channel);
    void setPttPressed(bool pressed);
    bool pttPressed() const;

    // A new choice (id or name; empty = default), remembered for when the device comes back.
    void setInputDevice(const QString &idOrName);
    void setOutputDevice(const QString &idOrName);
    QByteArray inputDeviceId() const { return m_inputId; }
    QByteArray outputDeviceId() const { return m_outputId; }
    // Peak of the last frame after capture processing (gain, NS, AGC): what is sent.
    float inputPeak() const;

    // Master output volume (linear, 0..1.5) and the local audio cues (talk permit on a grant,
    // end beep when a received transmission ends, busy tone on a denial). Any time, live.
    void setOutputVolume(float gain);
    void setCue(audio::CuePlayer::Cue cue, bool enabled, int volumePercent);
    // Samples the speaker pulled so far (0 without one): playout progress, for diagnostics.
    quint64 samplesPlayed() const;
    // The audio backend in use after start() ("pulse", "qt"; empty before).
    QString audioBackendId() const;

    Transmitter *transmitter() { return m_transmitter.get(); }
    Receiver *receiver() { return m_receiver; }
    Uplink *uplink() { return m_uplink; }
    audio::PlayoutMixer *mixer() { return m_mixer.get(); }

Q_SIGNALS:
    void inputOpened(const QByteArray &id, const QString &description, const QString &format);
    void outputOpened(const QByteArray &id, const QString &description, const QString &format, int bufferMs);
    // Something the user should know that is not an error: a fallback, a device coming back.
    void deviceNotice(const QString &message);
    void audioError(const QString &message);

private:
    void openInput(const QString &why);
    void openOutput(const QString &why);
    void onDeviceRemoved(QAudioDevice::Mode mode, const QByteArray &id);
    void onDeviceAdded(QAudioDevice::Mode mode, const QByteArray &id);
    void onInputFailed(const QByteArray &id, const QString &reason);
    void onOutputFailed(const QByteArray &id, const QString &reason);
    void updateExpectedLoss();
    QAudioDevice pick(QAudioDevice::Mode mode, const QString &preferred, const QByteArray &avoid,
                      QString *notice);

    net::RelaySession *m_session;
    Config m_config;
    std::unique_ptr<audio::PlayoutMixer> m_mixer;
    std::unique_ptr<Transmitter> m_transmitter;
    Receiver *m_receiver;
    Uplink *m_uplink;
    device::DeviceWatcher *m_watcher;
    std::unique_ptr<device::AudioBackend> m_backend;
    QThread *m_captureThread = nullptr;
    QThread *m_playoutThread = nullptr;
    device::CaptureBackend *m_capture = nullptr;
    device::PlayoutBackend *m_sink = nullptr;
    QByteArray m_inputId;
    QByteArray m_outputId;
    int m_inputFailures = 0; // consecutive; stops the fallback from looping
    int m_outputFailures = 0;
    QTimer m_lossTimer;
    quint64 m_lastPlayed = 0;
    quint64 m_lastConcealed = 0;
    quint64 m_lastLate = 0;
    bool m_running = false;
};

} // namespace tenfour::engine
