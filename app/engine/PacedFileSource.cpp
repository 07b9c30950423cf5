#include "engine/PacedFileSource.h"

#include "audio/AudioFormat.h"
#include "audio/Resampler.h"
#include "device/MonotonicClock.h"
#include "engine/WavFile.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace tenfour::engine {

PacedFileSource::PacedFileSource(QObject *parent) : QObject(parent)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &PacedFileSource::tick);
}

bool PacedFileSource::load(const QString &path, QString *error)
{
    WavFile wav;
    if (!WavFile::read(path, wav, error))
        return false;
    if (wav.frames() == 0) {
        if (error)
            *error = path + QStringLiteral(": no audio in the file");
        return false;
    }
    std::vector<qint16> pcm(wav.samples.size());
    for (size_t i = 0; i < pcm.size(); ++i)
        pcm[i] = qint16(std::lrint(std::clamp(wav.samples[i], -1.0f, 1.0f) * 32767.0f));
    audio::Resampler rs(wav.sampleRate, wav.channels);
    if (!rs.isValid()) {
        if (error)
            *error =
                path +
                QStringLiteral(": cannot resample %1 Hz, %2 channels").arg(wav.sampleRate).arg(wav.channels);
        return false;
    }
    const int frames = int(wav.frames());
    std::vector<qint16> out(size_t(rs.outputCapacityFor(frames)) + 1024);
    int n = rs.process(pcm.data(), frames, out.data(), int(out.size()));
    if (n < 0) {
        if (error)
            *error = path + QStringLiteral(": resampling failed");
        return false;
    }
    n += std::max(0, rs.flush(out.data() + n, int(out.size()) - n));
    out.resize(size_t(n));
    m_samples = std::move(out);
    return true;
}

int PacedFileSource::frameCount() const
{
    return int((m_samples.size() + audio::kFrameSamples - 1) / audio::kFrameSamples);
}

double PacedFileSource::durationSeconds() const
{
    return double(m_samples.size()) / audio::kSampleRate;
}

void PacedFileSource::start(device::CaptureQueue *queue)
{
    m_timer.stop();
    m_queue = queue;
    m_next = 0;
    m_startUs = device::monotonicUs();
    tick();
}

void PacedFileSource::stop()
{
    m_timer.stop();
}

void PacedFileSource::pushFrame(int index, bool pressed)
{
    device::CaptureFrame f;
    f.pressed = pressed;
    f.captureUs = device::monotonicUs();
    const size_t begin = size_t(index) * audio::kFrameSamples;
    const size_t n =
        begin < m_samples.size() ? std::min<size_t>(audio::kFrameSamples, m_samples.size() - begin) : 0;
    if (n > 0)
        std::memcpy(f.samples, m_samples.data() + begin, n * sizeof(qint16));
    std::fill(f.samples + n, f.samples + audio::kFrameSamples, qint16(0));
    m_queue->push(f);
}

void PacedFileSource::tick()
{
    // Frame k is due at start + k * 20 ms: catch up after a late tick, never run ahead.
    const qint64 elapsedUs = device::monotonicUs() - m_startUs;
    const int due = int(elapsedUs / (audio::kFrameMs * 1000)) + 1;
    const int total = frameCount();
    while (m_next < due && m_next <= total) {
        pushFrame(m_next, m_next < total); // frame `total` is the released end marker
        ++m_next;
    }
    if (m_next > total) {
        Q_EMIT finished();
        return;
    }
    // Re-armed each time for the next frame's due time (20 ms minus this tick's lateness).
    const qint64 nextDueUs = qint64(m_next) * audio::kFrameMs * 1000;
    const qint64 waitUs = nextDueUs - (device::monotonicUs() - m_startUs);
    m_timer.start(int(std::max<qint64>(0, (waitUs + 999) / 1000)));
}

} // namespace tenfour::engine
