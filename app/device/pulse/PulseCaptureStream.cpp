#include "device/pulse/PulseCaptureStream.h"

#include "audio/AudioFormat.h"
#include "device/MonotonicClock.h"
#include "device/pulse/PulseContext.h"

#include <algorithm>
#include <pulse/stream.h>

namespace tenfour::device {

namespace {
using audio::kBytesPerMs;
}

PulseCaptureStream::PulseCaptureStream(CaptureQueue *queue, QObject *parent)
    : CaptureBackend(parent), m_framer(queue)
{
}

PulseCaptureStream::~PulseCaptureStream()
{
    stop();
}

void PulseCaptureStream::start(const QAudioDevice &device, int bufferMs)
{
    stop();
    if (device.isNull()) {
        Q_EMIT failed(QByteArray(), QStringLiteral("no microphone found"));
        return;
    }
    m_device = device;
    m_framer.reset();

    const QString what = QStringLiteral("cannot open microphone \"%1\"").arg(device.description());
    m_ctx = std::make_unique<PulseContext>();
    QString error;
    if (!m_ctx->connect(QStringLiteral("Tenfour"), kConnectTimeoutMs, &error)) {
        m_ctx.reset();
        Q_EMIT failed(device.id(), QStringLiteral("%1: %2").arg(what, error));
        return;
    }

    pa_buffer_attr attr;
    attr.maxlength = uint32_t(-1);
    attr.tlength = uint32_t(-1);
    attr.prebuf = uint32_t(-1);
    attr.minreq = uint32_t(-1);
    // How much the server collects before handing it over: the capture latency we pay.
    attr.fragsize = uint32_t(std::max(bufferMs, kMinFragmentMs) * kBytesPerMs);
    const pa_sample_spec spec{PA_SAMPLE_S16LE, uint32_t(audio::kSampleRate), 1};

    m_ctx->lock();
    m_failure.arm(this, m_ctx.get(), QStringLiteral("microphone \"%1\"").arg(device.description()),
                  [this](const QString &why) { onFailedInOwnerThread(why); });
    m_stream = pa_stream_new(m_ctx->context(), "Tenfour capture", &spec, nullptr);
    bool ready = false;
    if (m_stream) {
        pa_stream_set_state_callback(m_stream, &PulseStreamFailure::onState, &m_failure);
        pa_stream_set_read_callback(m_stream, &PulseCaptureStream::onRead, this);
        // No AUTO_TIMING_UPDATE: nothing here reads the stream's latency, and the timing queries
        // it sends ten times a second wake the mainloop thread for nothing.
        const auto flags = PA_STREAM_ADJUST_LATENCY;
        const QByteArray id = device.id();
        if (pa_stream_connect_record(m_stream, id.isEmpty() ? nullptr : id.constData(), &attr, flags) == 0) {
            pa_stream *s = m_stream;
            m_ctx->waitUntil(
                [s] {
                    const pa_stream_state_t st = pa_stream_get_state(s);
                    return st == PA_STREAM_READY || !PA_STREAM_IS_GOOD(st);
                },
                kConnectTimeoutMs);
            ready = pa_stream_get_state(m_stream) == PA_STREAM_READY;
        }
    }
    if (!ready) {
        error = m_stream ? m_ctx->lastError() : QStringLiteral("cannot create a stream");
        m_ctx->unlock();
        stop();
        Q_EMIT failed(device.id(), QStringLiteral("%1: %2").arg(what, error));
        return;
    }
    const pa_buffer_attr *got = pa_stream_get_buffer_attr(m_stream);
    m_fragmentMs = got ? int(got->fragsize / kBytesPerMs) : bufferMs;
    m_ctx->unlock();
    Q_EMIT started(device.id(), device.description(),
                   QStringLiteral("%1 Hz, 1 ch, Int16, PulseAudio stream (fragment %2 ms)")
                       .arg(audio::kSampleRate)
                       .arg(m_fragmentMs));
}

QByteArray PulseCaptureStream::currentDevice() const
{
    return m_ctx ? m_ctx->deviceName(m_stream) : QByteArray();
}

void PulseCaptureStream::stop()
{
    if (!m_ctx)
        return;
    // No callback after this: the queue's producer side is free for the next stream.
    m_ctx->releaseStream(m_stream);
    m_ctx.reset();
    m_fragmentMs = 0;
    Q_EMIT stopped();
}

void PulseCaptureStream::onRead(pa_stream *s, size_t, void *userdata)
{
    auto *self = static_cast<PulseCaptureStream *>(userdata);
    for (;;) {
        const void *data = nullptr;
        size_t n = 0;
        if (pa_stream_peek(s, &data, &n) < 0 || n == 0)
            return; // an error, or nothing (more) to read
        // data == nullptr: a hole (the source skipped) of n bytes, kept as silence so the
        // timing of what follows stays right.
        self->m_framer.push(static_cast<const qint16 *>(data), qint64(n / sizeof(qint16)), monotonicUs());
        pa_stream_drop(s);
    }
}

void PulseCaptureStream::onFailedInOwnerThread(const QString &why)
{
    if (!m_stream)
        return;
    const QByteArray id = m_device.id();
    stop();
    Q_EMIT failed(id, why);
}

} // namespace tenfour::device
