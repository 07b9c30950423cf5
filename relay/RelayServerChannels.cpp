// RelayServerPrivate, part 3: channels and floor control. See RelayServerPrivate.h for how the
// relay's internals are split.
#include "relay/RelayServerPrivate.h"

#include "relay/EchoRecorder.h"
#include "relay/Messages.h"
#include "relay/WireFrame.h"

#include <QWebSocket>

#include <algorithm>

namespace tenfour::relay {

// ---------------------------------------------------------------------------------------------
// Channels and floors

Channel *RelayServerPrivate::findChannel(const QString &name) const
{
    auto it = channels.find(name);
    return it == channels.end() ? nullptr : it->second.get();
}

Channel *RelayServerPrivate::createChannel(const QString &name, bool configured)
{
    const bool echo = name == QLatin1String(kEchoChannel);
    auto ch = std::make_unique<Channel>(name, configured || echo, echo, cfg.maxTalkMs, cfg.idleRevokeMs);
    if (FloorControl *floor = ch->floor()) {
        QObject::connect(floor, &FloorControl::expired, q, [this](FloorControl *f, const char *reason) {
            endTransmission(f, reason, true, std::nullopt, true);
        });
    }
    Channel *raw = ch.get();
    channels[name] = std::move(ch);
    return raw;
}

void RelayServerPrivate::createStandingChannels()
{
    createChannel(QLatin1String(kEchoChannel), true);
    for (const QString &name : cfg.channels) {
        if (!findChannel(name))
            createChannel(name, true);
    }
}

void RelayServerPrivate::leaveChannel(Connection *c, Channel *ch, const char *reason)
{
    if (ch->isEcho()) {
        if (c->echo) {
            FloorControl *f = c->echo->floor();
            if (f->isHeld())
                endTransmission(f, reason, false, std::nullopt, false);
            c->echo.reset();
        }
    } else if (ch->floor()->holder() == c) {
        endTransmission(ch->floor(), reason, false, std::nullopt, false);
    }
    ch->remove(c);
    c->channels.erase(std::remove(c->channels.begin(), c->channels.end(), ch), c->channels.end());
    if (!ch->isEcho())
        ch->broadcast(outbox.keep(presenceWire(ch->name(), *c, "left")), c);
    if (!ch->isConfigured() && ch->memberCount() == 0)
        channels.erase(ch->name());
}

void RelayServerPrivate::grant(Connection *c, FloorControl *floor, const Transmission &t,
                               std::optional<qint64> seq)
{
    Channel *ch = floor->channel();
    floor->grant(t, monotonicMs());
    c->holdings.push_back(floor);
    updateAudioLimiter(c);
    c->sendControl(controlWire(QJsonObject{{QLatin1String("t"), QLatin1String(proto::type::kGranted)},
                                           {QLatin1String("ch"), ch->name()},
                                           {QLatin1String("sid"), double(t.sid)},
                                           {QLatin1String("max_ms"), cfg.maxTalkMs}},
                               seq));
    if (!floor->echo())
        ch->broadcast(outbox.keep(talkingWire(ch->name(), *c, floor->current())), c);
}

void RelayServerPrivate::endTransmission(FloorControl *floor, const char *reason, bool notifyHolder,
                                         std::optional<qint64> ackSeq, bool playback)
{
    if (!floor->isHeld())
        return;
    const Transmission t = floor->release();
    Connection *h = t.holder;
    h->holdings.erase(std::remove(h->holdings.begin(), h->holdings.end(), floor), h->holdings.end());
    updateAudioLimiter(h);
    Channel *ch = floor->channel();
    if (EchoRecorder *echo = floor->echo()) {
        if (notifyHolder)
            h->sendControl(overWire(ch->name(), h->id(), t.sid, reason, ackSeq));
        if (playback)
            echo->startPlayback(t);
        return;
    }
    const Wire wire = outbox.keep(overWire(ch->name(), h->id(), t.sid, reason));
    ch->broadcast(wire, h);
    if (notifyHolder) {
        if (ackSeq)
            h->sendControl(overWire(ch->name(), h->id(), t.sid, reason, ackSeq));
        else
            h->sendControl(wire);
    }
}

void RelayServerPrivate::updateAudioLimiter(Connection *c)
{
    if (cfg.audioRateFactor <= 0 || c->holdings.empty()) {
        c->audio.configure(0, 0);
        return;
    }
    // factor x the frames per second of everything this connection may send right now; the
    // burst is one second of that (a pre-roll, a stall that clears).
    double fps = 0;
    for (const FloorControl *f : c->holdings)
        fps += 1000.0 / f->current().ptime;
    const double rate = cfg.audioRateFactor * fps;
    c->audio.configure(rate, std::max(rate, 10.0));
}

} // namespace tenfour::relay
