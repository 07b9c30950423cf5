#include "device/pulse/PulseStreamFailure.h"

#include "device/pulse/PulseContext.h"

#include <pulse/stream.h>

namespace tenfour::device {

void PulseStreamFailure::arm(QObject *owner, PulseContext *ctx, const QString &what,
                             std::function<void(const QString &)> onFailure)
{
    m_owner = owner;
    m_ctx = ctx;
    m_what = what;
    m_onFailure = std::move(onFailure);
    ++m_generation;
    m_queued = false;
}

void PulseStreamFailure::onState(pa_stream *s, void *userdata)
{
    auto *self = static_cast<PulseStreamFailure *>(userdata);
    self->m_ctx->signal(); // start() may be waiting for this
    if (PA_STREAM_IS_GOOD(pa_stream_get_state(s)) || self->m_queued)
        return;
    // While start() waits it reports this itself (it sees the state); afterwards the owner is
    // told. A call queued to a deleted owner is dropped by Qt.
    self->m_queued = true;
    const quint64 generation = self->m_generation;
    const QString why = QStringLiteral("%1 stopped: %2").arg(self->m_what, self->m_ctx->lastError());
    QMetaObject::invokeMethod(
        self->m_owner,
        [self, generation, why] {
            if (generation == self->m_generation && self->m_onFailure)
                self->m_onFailure(why);
        },
        Qt::QueuedConnection);
}

} // namespace tenfour::device
