#include "engine/MixRecorder.h"

#include "audio/AudioFormat.h"
#include "audio/PlayoutMixer.h"
#include "device/MonotonicClock.h"

#include <algorithm>
#include <cmath>

namespace tenfour::engine {

namespace {
constexpr qint64 kFrameUs = qint64(audio::kFrameMs) * 1000;
}

MixRecorder::MixRecorder(audio::PlayoutMixer *mixer, QObject *parent) : QObject(parent), m_mixer(mixer)
{
    static_assert(audio::kFrameSamples == 960, "m_frame holds one frame");
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &MixRecorder::tick);
}

bool MixRecorder::start(const QString &path, double seconds, QString *error)
{
    stop();
    if (!m_writer.open(path, audio::kSampleRate, 1, error))
        return false;
    m_total = std::max<qint64>(1, std::llround(seconds * 1000.0 / audio::kFrameMs));
    m_written = 0;
    m_startUs = device::monotonicUs();
    m_timer.start(0);
    return true;
}

void MixRecorder::stop()
{
    m_timer.stop();
    if (m_writer.isOpen())
        m_writer.close();
}

void MixRecorder::tick()
{
    // Frame k covers [start + k*20 ms, start + (k+1)*20 ms): it is rendered once its end is
    // due, as a sink would pull it. The mixer gets the real time: its jitter estimate compares
    // it with the packets' arrival times.
    const qint64 now = device::monotonicUs();
    while (m_written < m_total && m_startUs + (m_written + 1) * kFrameUs <= now) {
        m_mixer->render(m_frame.data(), audio::kFrameSamples, now);
        if (!m_writer.write(m_frame.data(), audio::kFrameSamples)) {
            const QString err = QStringLiteral("cannot write the recording: %1").arg(m_writer.errorString());
            stop();
            Q_EMIT finished(false, err);
            return;
        }
        ++m_written;
    }
    if (m_written >= m_total) {
        QString err;
        const bool ok = m_writer.close(&err);
        Q_EMIT finished(ok, err);
        return;
    }
    const qint64 waitUs = m_startUs + (m_written + 1) * kFrameUs - device::monotonicUs();
    m_timer.start(int(std::max<qint64>(0, (waitUs + 999) / 1000)));
}

} // namespace tenfour::engine
