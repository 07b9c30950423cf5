#pragma once
// The speaker's data source in pull mode: QAudioSink reads this QIODevice on its own timer and
// every read renders fresh audio from the PlayoutMixer (jitter buffers, decoders, mix). Pull mode
// because push mode on a Qt 6.4 sink silently drops what does not fit.
//
// readData() always fills the whole request (silence when nobody talks): returning 0 would make
// the Qt sink stop its timer and go idle. Rendering and format conversion are PlayoutRenderer's
// (shared with the PulseAudio backend): no lock and no allocation per read.

#include "device/PlayoutRenderer.h"

#include <QAudioFormat>
#include <QIODevice>
#include <atomic>

namespace tenfour::audio {
class PlayoutMixer;
} // namespace tenfour::audio

namespace tenfour::device {

class PlayoutDevice : public QIODevice {
    Q_OBJECT
public:
    // rendered: optional counter of samples handed to the sink (owned by the caller, any thread).
    explicit PlayoutDevice(audio::PlayoutMixer *mixer, std::atomic<quint64> *rendered = nullptr,
                           QObject *parent = nullptr);
    ~PlayoutDevice() override;

    // Call before open(): the format the sink was opened with.
    void configure(const QAudioFormat &format);
    bool isSequential() const override { return true; }
    // Always "plenty": the mixer can render any amount on demand.
    qint64 bytesAvailable() const override;

protected:
    qint64 readData(char *data, qint64 maxlen) override;
    qint64 writeData(const char *data, qint64 len) override;

private:
    PlayoutRenderer m_renderer;
};

} // namespace tenfour::device
