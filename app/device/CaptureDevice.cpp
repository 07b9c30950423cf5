#include "device/CaptureDevice.h"

#include "audio/Resampler.h"
#include "device/MonotonicClock.h"
#include "device/SampleConverter.h"

#include <QAudioSource>
#include <QDebug>
#include <algorithm>
#include <cstring>

namespace tenfour::device {

namespace {

constexpr int kReadChunkMs = 100; // largest read in one go; PulseAudio hands ~one fragment

QString describeFormat(const QAudioFormat &f)
{
    static const char *const names[] = {"unknown", "UInt8", "Int16", "Int32", "Float"};
    const int sf = int(f.sampleFormat());
    return QStringLiteral("%1 Hz, %2 ch, %3")
        .arg(f.sampleRate())
        .arg(f.channelCount())
        .arg(QLatin1String(sf >= 0 && sf < 5 ? names[sf] : "?"));
}

} // namespace

CaptureDevice::CaptureDevice(CaptureQueue *queue, QObject *parent) : CaptureBackend(parent), m_framer(queue)
{
}

CaptureDevice::~CaptureDevice()
{
    stop();
}

void CaptureDevice::start(const QAudioDevice &device, int bufferMs)
{
    stop();
    if (device.isNull()) {
        Q_EMIT failed(QByteArray(), QStringLiteral("no microphone found"));
        return;
    }
    m_device = device;
    m_format = SampleConverter::streamFormat(device);
    m_resampler.reset();
    const bool native = m_format.sampleRate() == audio::kSampleRate && m_format.channelCount() == 1 &&
                        m_format.sampleFormat() == QAudioFormat::Int16;
    if (!native) {
        m_resampler = std::make_unique<audio::Resampler>(m_format.sampleRate(), m_format.channelCount());
        if (!m_resampler->isValid()) {
            Q_EMIT failed(
                device.id(),
                QStringLiteral("cannot convert the microphone's format (%1)").arg(describeFormat(m_format)));
            m_resampler.reset();
            return;
        }
    }

    // Every buffer sized once, here: the read path allocates nothing.
    const int bytesPerFrame = m_format.bytesPerFrame();
    const int chunkFrames = m_format.sampleRate() * kReadChunkMs / 1000;
    m_raw.assign(size_t(chunkFrames) * size_t(bytesPerFrame), 0);
    m_rawFill = 0;
    m_pcm.assign(size_t(chunkFrames) * size_t(m_format.channelCount()), 0);
    m_mono.assign(size_t(m_resampler ? m_resampler->outputCapacityFor(chunkFrames) : chunkFrames), 0);
    m_framer.reset();

    m_source = new QAudioSource(device, m_format, this);
    // Before start(): it sets the PulseAudio fragment, i.e. how often data is handed to us
    // (Qt 6.4 ignores a later change until the next start()).
    m_source->setBufferSize(qsizetype(m_format.bytesForDuration(qint64(std::max(bufferMs, 5)) * 1000)));
    connect(m_source, &QAudioSource::stateChanged, this, &CaptureDevice::onStateChanged);
    m_io = m_source->start();
    if (!m_io || m_source->error() != QAudio::NoError) {
        const QString why = QStringLiteral("cannot open microphone \"%1\" (Qt audio error %2)")
                                .arg(device.description())
                                .arg(int(m_source->error()));
        stop();
        Q_EMIT failed(device.id(), why);
        return;
    }
    connect(m_io, &QIODevice::readyRead, this, &CaptureDevice::readAvailable);
    Q_EMIT started(device.id(), device.description(), describeFormat(m_format));
}

void CaptureDevice::stop()
{
    if (!m_source)
        return;
    disconnect(m_source, nullptr, this, nullptr);
    if (m_io)
        disconnect(m_io, nullptr, this, nullptr);
    m_source->stop();
    delete m_source;
    m_source = nullptr;
    m_io = nullptr;
    Q_EMIT stopped();
}

void CaptureDevice::onStateChanged(QAudio::State state)
{
    if (!m_source)
        return;
    const QAudio::Error err = m_source->error();
    // Idle with UnderrunError only means "no data yet" (a pipe source with no writer): not fatal.
    if (state == QAudio::StoppedState && err != QAudio::NoError) {
        const QByteArray id = m_device.id();
        const QString why = QStringLiteral("microphone \"%1\" stopped (Qt audio error %2)")
                                .arg(m_device.description())
                                .arg(int(err));
        stop();
        Q_EMIT failed(id, why);
    }
}

void CaptureDevice::readAvailable()
{
    if (!m_io)
        return;
    const int bytesPerFrame = m_format.bytesPerFrame();
    for (;;) {
        const qint64 room = qint64(m_raw.size()) - m_rawFill;
        const qint64 n = m_io->read(m_raw.data() + m_rawFill, room);
        if (n <= 0)
            return;
        const qint64 total = m_rawFill + n;
        const qint64 frames = total / bytesPerFrame;
        consume(m_raw.data(), frames);
        // Keep a partial device frame for the next read (PulseAudio normally hands whole ones).
        m_rawFill = int(total - frames * bytesPerFrame);
        if (m_rawFill > 0)
            std::memmove(m_raw.data(), m_raw.data() + frames * bytesPerFrame, size_t(m_rawFill));
        if (n < room)
            return;
    }
}

void CaptureDevice::consume(const char *bytes, qint64 frames)
{
    if (frames <= 0)
        return;
    const qint16 *mono;
    qint64 count;
    if (!m_resampler) {
        mono = reinterpret_cast<const qint16 *>(bytes);
        count = frames;
    } else {
        const qint64 samples = frames * m_format.channelCount();
        SampleConverter::toInt16(bytes, m_format.sampleFormat(), samples, m_pcm.data());
        count = m_resampler->process(m_pcm.data(), int(frames), m_mono.data(), int(m_mono.size()));
        if (count <= 0)
            return;
        mono = m_mono.data();
    }
    m_framer.push(mono, count, monotonicUs());
}

} // namespace tenfour::device
