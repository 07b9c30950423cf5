#pragma once
// Records what the playout path produces without a sound card: a precise timer takes the place
// of the sink and pulls 20 ms from the PlayoutMixer (jitter buffers, decoders, mix: the same
// code a speaker plays from) each time a frame is due on the monotonic clock, and writes it to
// a WAV file (48 kHz mono 16-bit, silence included). Timer lateness never accumulates: a late
// tick renders every frame that has fallen due.

#include "engine/WavWriter.h"

#include <QObject>
#include <QTimer>
#include <array>

namespace tenfour::audio {
class PlayoutMixer;
}

namespace tenfour::engine {

class MixRecorder : public QObject {
    Q_OBJECT
public:
    explicit MixRecorder(audio::PlayoutMixer *mixer, QObject *parent = nullptr);

    // Starts now; finished() after `seconds` of audio (rounded to whole 20 ms frames).
    bool start(const QString &path, double seconds, QString *error);
    void stop();
    qint64 framesWritten() const { return m_written; }
    qint64 framesTotal() const { return m_total; }

Q_SIGNALS:
    void finished(bool ok, const QString &error);

private:
    void tick();

    audio::PlayoutMixer *m_mixer;
    WavWriter m_writer;
    QTimer m_timer;
    qint64 m_startUs = 0;
    qint64 m_written = 0;
    qint64 m_total = 0;
    std::array<qint16, 960> m_frame{};
};

} // namespace tenfour::engine
