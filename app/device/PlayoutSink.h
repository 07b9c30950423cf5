#pragma once
// The speaker: a QAudioSink in pull mode reading a PlayoutDevice. Lives in the playout thread
// (create it, moveToThread(), call start()/stop() there): Qt's PulseAudio sink feeds itself from
// a timer in the thread that owns it, so the mixer renders on this thread only. The buffer size
// is set before every start() (Qt 6.4 otherwise keeps whatever PulseAudio picked, ~145 ms).

#include "device/PlayoutBackend.h"

#include <QAudio>
#include <QAudioDevice>
#include <QAudioFormat>
#include <atomic>

class QAudioSink;

namespace tenfour::audio {
class PlayoutMixer;
}

namespace tenfour::device {

class PlayoutDevice;

// The Qt Multimedia playout backend (QtAudioBackend).
class PlayoutSink : public PlayoutBackend {
    Q_OBJECT
public:
    explicit PlayoutSink(audio::PlayoutMixer *mixer, QObject *parent = nullptr);
    ~PlayoutSink() override;

    // Samples the speaker has pulled since this object exists (any thread): a sink that stops
    // pulling shows here.
    quint64 framesPulled() const override { return m_pulled.load(std::memory_order_relaxed); }

public Q_SLOTS:
    // bufferMs is raised to 40 ms at least (see start()).
    void start(const QAudioDevice &device, int bufferMs) override;
    void stop() override;

private:
    void onStateChanged(QAudio::State state);

    audio::PlayoutMixer *m_mixer;
    QAudioSink *m_sink = nullptr;
    PlayoutDevice *m_io = nullptr;
    QAudioDevice m_device;
    std::atomic<quint64> m_pulled{0};
};

} // namespace tenfour::device
