#include "relay/FloorControl.h"

#include "relay/WireFrame.h"

namespace tenfour::relay {

FloorControl::FloorControl(Channel *channel, EchoRecorder *echo, int maxTalkMs, int idleRevokeMs, QObject *parent)
    : QObject(parent)
    , channel_(channel)
    , echo_(echo)
    , maxTalkMs_(maxTalkMs)
    , idleRevokeMs_(idleRevokeMs)
{
    maxTimer_.setSingleShot(true);
    idleTimer_.setSingleShot(true);
    // Short limits (tests, tight configs) want precise timers; a coarse timer may be 5 % late.
    maxTimer_.setTimerType(Qt::PreciseTimer);
    idleTimer_.setTimerType(Qt::PreciseTimer);
    connect(&maxTimer_, &QTimer::timeout, this, [this] {
        if (isHeld())
            Q_EMIT expired(this, "max_time");
    });
    connect(&idleTimer_, &QTimer::timeout, this, &FloorControl::checkIdle);
}

void FloorControl::grant(const Transmission &t, qint64 nowMs)
{
    t_ = t;
    t_.grantedMs = nowMs;
    t_.lastAudioMs = 0;
    t_.frames = 0;
    maxTimer_.start(maxTalkMs_);
    idleTimer_.start(idleRevokeMs_);
}

Transmission FloorControl::release()
{
    maxTimer_.stop();
    idleTimer_.stop();
    Transmission t = t_;
    t_ = Transmission();
    return t;
}

void FloorControl::checkIdle()
{
    if (!isHeld())
        return;
    // The timer runs from the last frame we know of; frames do not restart it (that would
    // cost a timer update per frame), so re-arm for the rest of the silence when audio came.
    const qint64 last = t_.lastAudioMs ? t_.lastAudioMs : t_.grantedMs;
    const qint64 silent = monotonicMs() - last;
    if (silent >= idleRevokeMs_) {
        Q_EMIT expired(this, "idle");
        return;
    }
    idleTimer_.start(int(idleRevokeMs_ - silent));
}

} // namespace tenfour::relay
