#include "device/pulse/PulsePlayoutStream.h"

#include "audio/AudioFormat.h"
#include "audio/PlayoutMixer.h"
#include "device/MonotonicClock.h"
#include "device/pulse/PulseContext.h"

#include <QAudioFormat>
#include <algorithm>
#include <pulse/stream.h>

namespace tenfour::device {

namespace {

using audio::kBytesPerMs;

} // namespace

PulsePlayoutStream::PulsePlayoutStream(audio::PlayoutMixer *mixer, QObject *parent)
    : PlayoutBackend(parent), m_mixer(mixer), m_renderer(mixer, &m_pulled)
{
}

PulsePlayoutStream::~PulsePlayoutStream()
{
    stop();
}

void PulsePlayoutStream::start(const QAudioDevice &device, int bufferMs)
{
    stop();
    if (device.isNull()) {
        Q_EMIT failed(QByteArray(), QStringLiteral("no speaker found"));
        return;
    }
    m_device = device;
    QAudioFormat format;
    format.setSampleRate(audio::kSampleRate);
    format.setChannelCount(1);
    format.setSampleFormat(QAudioFormat::Int16);
    m_renderer.configure(format); // PulseAudio converts to the sink's own format

    const QString what = QStringLiteral("cannot open speaker \"%1\"").arg(device.description());
    m_ctx = std::make_unique<PulseContext>();
    QString error;
    if (!m_ctx->connect(QStringLiteral("Tenfour"), kConnectTimeoutMs, &error)) {
        m_ctx.reset();
        Q_EMIT failed(device.id(), QStringLiteral("%1: %2").arg(what, error));
        return;
    }

    // The whole latency we ask for (ADJUST_LATENCY: stream buffer + sink buffer together).
    // minreq sets how often the server asks for data: small enough that the buffer never sinks
    // far below tlength, large enough not to wake the mainloop thread needlessly.
    const int ms = std::max(bufferMs, kMinBufferMs);
    const int minreqMs = std::clamp(ms / 4, 5, 10);
    pa_buffer_attr attr;
    attr.maxlength = uint32_t(-1);
    attr.tlength = uint32_t(ms * kBytesPerMs);
    attr.minreq = uint32_t(minreqMs * kBytesPerMs);
    // Start (and restart after an underrun) as soon as one request's worth is there: the
    // callback always fills the whole request at once, so waiting for more only adds delay.
    attr.prebuf = attr.minreq;
    attr.fragsize = uint32_t(-1);
    const pa_sample_spec spec{PA_SAMPLE_S16LE, uint32_t(audio::kSampleRate), 1};

    m_ctx->lock();
    m_failure.arm(this, m_ctx.get(), QStringLiteral("speaker \"%1\"").arg(device.description()),
                  [this](const QString &why) { onFailedInOwnerThread(why); });
    m_corked = false;
    m_idleSamples = 0;
    m_mixer->wake().awake();
    m_mixer->wake().setHook(&PulsePlayoutStream::onWake, this);
    m_stream = pa_stream_new(m_ctx->context(), "Tenfour playout", &spec, nullptr);
    bool ready = false;
    if (m_stream) {
        pa_stream_set_state_callback(m_stream, &PulseStreamFailure::onState, &m_failure);
        pa_stream_set_write_callback(m_stream, &PulsePlayoutStream::onWrite, this);
        pa_stream_set_underflow_callback(m_stream, &PulsePlayoutStream::onUnderflow, this);
        // No AUTO_TIMING_UPDATE: its timing queries, ten a second, woke the mainloop thread for
        // a figure only latencyUs() reads, and that asks for it itself.
        const auto flags = PA_STREAM_ADJUST_LATENCY;
        const QByteArray id = device.id();
        if (pa_stream_connect_playback(m_stream, id.isEmpty() ? nullptr : id.constData(), &attr, flags,
                                       nullptr, nullptr) == 0) {
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
    const int gotMs = got ? int(got->tlength / kBytesPerMs) : ms;
    const int gotMinreqMs = got ? int(got->minreq / kBytesPerMs) : minreqMs;
    m_ctx->unlock();
    Q_EMIT started(device.id(), device.description(),
                   QStringLiteral("%1 Hz, 1 ch, PulseAudio stream (minreq %2 ms)")
                       .arg(audio::kSampleRate)
                       .arg(gotMinreqMs),
                   gotMs);
}

QByteArray PulsePlayoutStream::currentDevice() const
{
    return m_ctx ? m_ctx->deviceName(m_stream) : QByteArray();
}

void PulsePlayoutStream::stop()
{
    if (!m_ctx)
        return;
    // No callback after this: the mixer is ours again (and the next stream's after that).
    m_ctx->releaseStream(m_stream);
    m_mixer->wake().setHook(nullptr, nullptr);
    m_mixer->wake().awake();
    m_ctx.reset();
    Q_EMIT stopped();
}

qint64 PulsePlayoutStream::latencyUs() const
{
    if (!m_ctx || !m_stream)
        return -1;
    m_ctx->lock();
    // A fresh timing report first (the stream has no automatic updates).
    PulseContext *ctx = m_ctx.get();
    pa_operation *op = pa_stream_update_timing_info(
        m_stream, [](pa_stream *, int, void *c) { static_cast<PulseContext *>(c)->signal(); }, ctx);
    if (op) {
        ctx->waitUntil([op] { return pa_operation_get_state(op) != PA_OPERATION_RUNNING; },
                       kConnectTimeoutMs);
        pa_operation_unref(op);
    }
    pa_usec_t usec = 0;
    int negative = 0;
    const int r = pa_stream_get_latency(m_stream, &usec, &negative);
    m_ctx->unlock();
    if (r < 0)
        return -1;
    return negative ? -qint64(usec) : qint64(usec);
}

void PulsePlayoutStream::onWrite(pa_stream *s, size_t nbytes, void *userdata)
{
    auto *self = static_cast<PulsePlayoutStream *>(userdata);
    qint64 nowUs = monotonicUs();
    qint64 rendered = 0;
    while (nbytes > 0) {
        void *buf = nullptr;
        size_t n = nbytes;
        if (pa_stream_begin_write(s, &buf, &n) < 0 || !buf || n == 0)
            break;
        const qint64 got =
            self->m_renderer.render(static_cast<char *>(buf), qint64(std::min(n, nbytes)), nowUs);
        if (got <= 0) {
            pa_stream_cancel_write(s);
            break;
        }
        pa_stream_write(s, buf, size_t(got), nullptr, 0, PA_SEEK_RELATIVE);
        nbytes -= size_t(got);
        nowUs += got / qint64(sizeof(qint16)) * 1000000 / audio::kSampleRate;
        rendered += got / qint64(sizeof(qint16));
    }
    self->sleepIfIdle(s, rendered);
}

void PulsePlayoutStream::setSleepWhenIdleMs(int ms)
{
    m_sleepAfterMs.store(std::max(0, ms), std::memory_order_relaxed);
}

void PulsePlayoutStream::sleepIfIdle(pa_stream *s, qint64 renderedSamples)
{
    const int afterMs = m_sleepAfterMs.load(std::memory_order_relaxed);
    if (afterMs <= 0 || m_corked)
        return;
    if (!m_mixer->idle()) {
        m_idleSamples = 0;
        return;
    }
    m_idleSamples += renderedSamples;
    if (m_idleSamples < qint64(afterMs) * audio::kSampleRate / 1000 || !m_mixer->trySleep())
        return;
    // Corked, the server asks for nothing and this thread sleeps until the mixer's wake hook.
    if (pa_operation *op = pa_stream_cork(s, 1, nullptr, nullptr))
        pa_operation_unref(op);
    m_corked = true;
    m_idleSamples = 0;
}

void PulsePlayoutStream::onWake(void *context)
{
    // On the producer's thread (network, cue trigger): hand over to the owner thread, which owns
    // m_stream; a queued call to a deleted object is dropped by Qt.
    auto *self = static_cast<PulsePlayoutStream *>(context);
    QMetaObject::invokeMethod(self, &PulsePlayoutStream::resume, Qt::QueuedConnection);
}

void PulsePlayoutStream::resume()
{
    if (!m_ctx || !m_stream)
        return;
    m_ctx->lock();
    if (m_corked) {
        // The silence still queued would only delay the first syllable: dropped, then the
        // server asks for a whole buffer at once and playback starts after `prebuf`.
        if (pa_operation *op = pa_stream_flush(m_stream, nullptr, nullptr))
            pa_operation_unref(op);
        if (pa_operation *op = pa_stream_cork(m_stream, 0, nullptr, nullptr))
            pa_operation_unref(op);
        m_corked = false;
        ++m_wakeups;
    }
    m_ctx->unlock();
}

void PulsePlayoutStream::onUnderflow(pa_stream *, void *userdata)
{
    static_cast<PulsePlayoutStream *>(userdata)->m_underruns.fetch_add(1, std::memory_order_relaxed);
}

void PulsePlayoutStream::onFailedInOwnerThread(const QString &why)
{
    if (!m_stream)
        return;
    const QByteArray id = m_device.id();
    stop();
    Q_EMIT failed(id, why);
}

} // namespace tenfour::device
