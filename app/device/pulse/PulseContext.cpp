#include "device/pulse/PulseContext.h"

#include <algorithm>
#include <pulse/context.h>
#include <pulse/error.h>
#include <pulse/rtclock.h>
#include <pulse/stream.h>
#include <pulse/thread-mainloop.h>
#include <pulse/timeval.h>
#include <sched.h>

namespace tenfour::device {

namespace {

struct Deadline {
    PulseContext *self;
    bool expired = false;
};

void onContextState(pa_context *, void *userdata)
{
    static_cast<PulseContext *>(userdata)->signal();
}

bool isFinal(pa_context_state_t s)
{
    return s == PA_CONTEXT_READY || !PA_CONTEXT_IS_GOOD(s);
}

// Runs on the mainloop thread: with a 15-20 ms speaker buffer, a callback that waits behind
// ordinary processes on a busy machine makes the stream run dry (measured: 1-2 underruns per
// 1.5 s at load 10 on 2 cores). Real-time round-robin just below the PulseAudio daemon's own
// default (5) where the system allows it (root, CAP_SYS_NICE, an RLIMIT_RTPRIO grant);
// elsewhere the thread stays as it is. The callbacks are short and bounded, so it cannot hog a core.
void makeRealtime(pa_threaded_mainloop *, void *)
{
    sched_param param{};
    param.sched_priority = std::min(3, sched_get_priority_max(SCHED_RR));
    // pid 0 = the calling thread on Linux (pthread_setschedparam refuses SCHED_RESET_ON_FORK).
    sched_setscheduler(0, SCHED_RR | SCHED_RESET_ON_FORK, &param);
}

} // namespace

PulseContext::PulseContext() : m_mainloop(pa_threaded_mainloop_new()) {}

PulseContext::~PulseContext()
{
    if (!m_mainloop)
        return;
    if (m_context) {
        lock();
        pa_context_set_state_callback(m_context, nullptr, nullptr);
        pa_context_disconnect(m_context);
        pa_context_unref(m_context);
        m_context = nullptr;
        unlock();
    }
    if (m_running)
        pa_threaded_mainloop_stop(m_mainloop);
    pa_threaded_mainloop_free(m_mainloop);
}

bool PulseContext::connect(const QString &clientName, int timeoutMs, QString *error)
{
    if (!m_mainloop || m_context) {
        *error = QStringLiteral("cannot create a PulseAudio main loop");
        return false;
    }
    m_context = pa_context_new(pa_threaded_mainloop_get_api(m_mainloop), clientName.toUtf8().constData());
    if (!m_context) {
        *error = QStringLiteral("cannot create a PulseAudio context");
        return false;
    }
    pa_context_set_state_callback(m_context, onContextState, this);
    if (pa_context_connect(m_context, nullptr, PA_CONTEXT_NOFLAGS, nullptr) < 0) {
        *error = QStringLiteral("cannot connect to PulseAudio: %1").arg(lastError());
        return false;
    }
    if (pa_threaded_mainloop_start(m_mainloop) < 0) {
        *error = QStringLiteral("cannot start the PulseAudio main loop thread");
        return false;
    }
    m_running = true;
    lock();
    // Under the lock like every call into a running loop: it adds a defer event to it.
    pa_threaded_mainloop_once_unlocked(m_mainloop, makeRealtime, nullptr);
    const bool settled = waitUntil([this] { return isFinal(pa_context_get_state(m_context)); }, timeoutMs);
    const bool ready = pa_context_get_state(m_context) == PA_CONTEXT_READY;
    unlock();
    if (!ready) {
        *error = settled ? QStringLiteral("cannot connect to PulseAudio: %1").arg(lastError())
                         : QStringLiteral("PulseAudio did not answer within %1 ms").arg(timeoutMs);
        return false;
    }
    return true;
}

bool PulseContext::probe(int timeoutMs, QString *error)
{
    PulseContext c;
    return c.connect(QStringLiteral("Tenfour (probe)"), timeoutMs, error);
}

QString PulseContext::lastError() const
{
    return QString::fromUtf8(pa_strerror(m_context ? pa_context_errno(m_context) : PA_ERR_UNKNOWN));
}

void PulseContext::lock()
{
    pa_threaded_mainloop_lock(m_mainloop);
}

void PulseContext::unlock()
{
    pa_threaded_mainloop_unlock(m_mainloop);
}

QByteArray PulseContext::deviceName(pa_stream *stream)
{
    if (!stream)
        return QByteArray();
    lock();
    const char *name = pa_stream_get_device_name(stream);
    const QByteArray out(name ? name : "");
    unlock();
    return out;
}

void PulseContext::releaseStream(pa_stream *&stream)
{
    if (!stream)
        return;
    lock();
    pa_stream_set_state_callback(stream, nullptr, nullptr);
    pa_stream_set_read_callback(stream, nullptr, nullptr);
    pa_stream_set_write_callback(stream, nullptr, nullptr);
    pa_stream_set_underflow_callback(stream, nullptr, nullptr);
    pa_stream_disconnect(stream);
    pa_stream_unref(stream);
    stream = nullptr;
    unlock();
}

void PulseContext::signal()
{
    pa_threaded_mainloop_signal(m_mainloop, 0);
}

bool PulseContext::waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return true;
    // A timer on the mainloop wakes us when the time is up, so the wait is bounded.
    Deadline deadline{this};
    pa_mainloop_api *api = pa_threaded_mainloop_get_api(m_mainloop);
    pa_time_event *timer = pa_context_rttime_new(
        m_context, pa_rtclock_now() + pa_usec_t(timeoutMs) * PA_USEC_PER_MSEC,
        [](pa_mainloop_api *, pa_time_event *, const timeval *, void *userdata) {
            auto *d = static_cast<Deadline *>(userdata);
            d->expired = true;
            d->self->signal();
        },
        &deadline);
    while (!done() && !deadline.expired)
        pa_threaded_mainloop_wait(m_mainloop);
    if (timer)
        api->time_free(timer);
    return done();
}

} // namespace tenfour::device
