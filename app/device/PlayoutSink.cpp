#include "device/PlayoutSink.h"

#include "audio/AudioFormat.h"
#include "device/PlayoutDevice.h"
#include "device/SampleConverter.h"

#include <QAudioSink>
#include <algorithm>

namespace tenfour::device {

namespace {
constexpr int kMinBufferMs = 40; // two periods of Qt's PulseAudio sink (see start())
}

PlayoutSink::PlayoutSink(audio::PlayoutMixer *mixer, QObject *parent) : PlayoutBackend(parent), m_mixer(mixer)
{
}

PlayoutSink::~PlayoutSink()
{
    stop();
}

void PlayoutSink::start(const QAudioDevice &device, int bufferMs)
{
    stop();
    if (device.isNull()) {
        Q_EMIT failed(QByteArray(), QStringLiteral("no speaker found"));
        return;
    }
    m_device = device;
    const QAudioFormat format = SampleConverter::streamFormat(device);
    m_io = new PlayoutDevice(m_mixer, &m_pulled, this);
    m_io->configure(format);
    m_io->open(QIODevice::ReadOnly | QIODevice::Unbuffered);

    // Qt 6.4's PulseAudio sink writes in 20 ms periods, and only when 20 ms are free in the
    // stream's buffer; PulseAudio only starts playing once its pre-buffer (~2/3 of the buffer)
    // is full. A buffer under two periods can therefore stall for good after the first write
    // (measured: asking 40 or 50 ms gave 30 or 37.5 ms, and playback never started). So the
    // stream buffer is made at least 40 ms.
    const qint64 wantBytes = format.bytesForDuration(qint64(std::max(bufferMs, kMinBufferMs)) * 1000);
    qint64 request = wantBytes;
    for (int attempt = 0;; ++attempt) {
        m_sink = new QAudioSink(device, format, this);
        // Before every start(): PulseAudio's target length, i.e. the speaker's own latency.
        m_sink->setBufferSize(qsizetype(request));
        connect(m_sink, &QAudioSink::stateChanged, this, &PlayoutSink::onStateChanged);
        m_sink->start(m_io);
        if (m_sink->error() != QAudio::NoError || m_sink->state() == QAudio::StoppedState)
            break;
        const qint64 got = m_sink->bufferSize();
        if (attempt > 0 || got <= 0 || got >= wantBytes * 9 / 10)
            break;
        // PulseAudio kept part of the latency for the sink (ADJUST_LATENCY; 25% on a null
        // sink): ask again for enough that the stream's own buffer is what we want.
        request = request * wantBytes / got;
        disconnect(m_sink, nullptr, this, nullptr);
        m_sink->stop();
        delete m_sink;
        m_sink = nullptr;
    }
    if (m_sink->error() != QAudio::NoError || m_sink->state() == QAudio::StoppedState) {
        const QString why = QStringLiteral("cannot open speaker \"%1\" (Qt audio error %2)")
                                .arg(device.description())
                                .arg(int(m_sink->error()));
        stop();
        Q_EMIT failed(device.id(), why);
        return;
    }
    const int gotMs = int(format.durationForBytes(qint32(m_sink->bufferSize())) / 1000);
    Q_EMIT started(device.id(), device.description(),
                   QStringLiteral("%1 Hz, %2 ch").arg(format.sampleRate()).arg(format.channelCount()), gotMs);
}

void PlayoutSink::stop()
{
    if (!m_sink)
        return;
    disconnect(m_sink, nullptr, this, nullptr);
    m_sink->stop();
    delete m_sink;
    m_sink = nullptr;
    delete m_io;
    m_io = nullptr;
    Q_EMIT stopped();
}

void PlayoutSink::onStateChanged(QAudio::State state)
{
    if (!m_sink)
        return;
    const QAudio::Error err = m_sink->error();
    // Underruns are recoverable (the sink keeps pulling); a stop with an error is not.
    if (state == QAudio::StoppedState && err != QAudio::NoError && err != QAudio::UnderrunError) {
        const QByteArray id = m_device.id();
        const QString why = QStringLiteral("speaker \"%1\" stopped (Qt audio error %2)")
                                .arg(m_device.description())
                                .arg(int(err));
        stop();
        Q_EMIT failed(id, why);
    }
}

} // namespace tenfour::device
