// RelayServerPrivate, part 2: the protocol's requests (hello, join, leave, talk, over) and the
// audio frames. See RelayServerPrivate.h for how the relay's internals are split.
#include "relay/RelayServerPrivate.h"

#include "relay/EchoRecorder.h"
#include "relay/Messages.h"
#include "relay/WireFrame.h"

#include "protocol/AudioFrame.h"
#include "protocol/JsonFields.h"
#include "tenfour/Version.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QWebSocket>

namespace tenfour::relay {

namespace {

// Budget of a list in welcome/joined, so every message stays below the 8 KiB control limit.
constexpr int kListBudget = 6000;

// An upper bound of a string's size in compact JSON (names have no control characters; anything
// outside ASCII is counted as a \uXXXX escape).
int jsonSize(const QString &s)
{
    int n = 2;
    for (const QChar ch : s) {
        const char16_t u = ch.unicode();
        n += u >= 0x80 ? 6 : (u == '"' || u == '\\' ? 2 : 1);
    }
    return n;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Messages

void RelayServerPrivate::sendError(Connection *c, const char *code, const QString &msg,
                                   std::optional<qint64> seq)
{
    ++counters.errorsSent;
    c->sendControl(errorWire(code, msg, seq));
}

void RelayServerPrivate::sendThrottledError(Connection *c, ErrorKind kind, const char *code,
                                            const QString &msg)
{
    const qint64 now = monotonicNs();
    if (c->lastErrorNs[kind] != 0 && now - c->lastErrorNs[kind] < 1000000000LL)
        return;
    c->lastErrorNs[kind] = now;
    sendError(c, code, msg);
}

void RelayServerPrivate::onText(Connection *c, const QString &text)
{
    outbox.hold();
    if (c->state() == Connection::State::Closing)
        return;
    c->lastSeenMs = monotonicMs();
    if (proto::isTextSafeFrame(text)) {
        QByteArray frame;
        const proto::FrameError err = proto::decodeTextSafe(text, frame);
        if (err != proto::FrameError::None) {
            ++counters.framesIn;
            ++counters.droppedMalformed;
            ++counters.framesDropped;
            sendThrottledError(c, kBadAudio,
                               err == proto::FrameError::TooLarge ? proto::code::kTooLarge
                                                                  : proto::code::kBadRequest,
                               QString::fromLatin1(proto::frameErrorText(err)));
            return;
        }
        onBinary(c, frame);
        return;
    }
    ++counters.controlIn;
    if (!c->control.tryTake(monotonicNs())) {
        sendThrottledError(
            c, kControlRate, proto::code::kRateLimited,
            QStringLiteral("more than %1 control messages per second; message dropped").arg(cfg.controlRate));
        return;
    }
    const QByteArray utf8 = text.toUtf8();
    proto::ControlMessage m;
    const proto::ControlError err = proto::parseControlMessage(utf8, m);
    if (err != proto::ControlError::None) {
        sendError(c, err == proto::ControlError::TooLarge ? proto::code::kTooLarge : proto::code::kBadRequest,
                  QString::fromLatin1(proto::controlErrorText(err)));
        return;
    }
    const QString &t = m.type;
    if (c->state() == Connection::State::AwaitHello) {
        if (t == QLatin1String(proto::type::kHello))
            onHello(c, m);
        else if (t == QLatin1String(proto::type::kJoin) || t == QLatin1String(proto::type::kLeave) ||
                 t == QLatin1String(proto::type::kTalk) || t == QLatin1String(proto::type::kOver))
            sendError(c, proto::code::kBadRequest, QStringLiteral("say hello first"), m.seq);
        return; // unknown types are ignored
    }
    if (t == QLatin1String(proto::type::kJoin))
        onJoin(c, m);
    else if (t == QLatin1String(proto::type::kTalk))
        onTalk(c, m);
    else if (t == QLatin1String(proto::type::kOver))
        onOver(c, m);
    else if (t == QLatin1String(proto::type::kLeave))
        onLeave(c, m);
    else if (t == QLatin1String(proto::type::kHello))
        sendError(c, proto::code::kBadRequest, QStringLiteral("hello was already received"), m.seq);
    // anything else: ignored (forward compatibility)
}

void RelayServerPrivate::onBinary(Connection *c, const QByteArray &frame)
{
    outbox.hold();
    ++counters.framesIn;
    if (c->state() != Connection::State::Ready) {
        ++counters.droppedNotHolder;
        ++counters.framesDropped;
        return;
    }
    proto::AudioFrameView v;
    const proto::FrameError err = proto::parseAudioFrame(frame, v);
    if (Q_UNLIKELY(err != proto::FrameError::None)) {
        ++counters.droppedMalformed;
        ++counters.framesDropped;
        sendThrottledError(c, kBadAudio,
                           err == proto::FrameError::TooLarge ? proto::code::kTooLarge
                                                              : proto::code::kBadRequest,
                           QString::fromLatin1(proto::frameErrorText(err)));
        return;
    }
    FloorControl *floor = c->holdingForSid(v.sid);
    if (!floor) {
        ++counters.droppedNotHolder;
        ++counters.framesDropped;
        return;
    }
    const qint64 nowNs = monotonicNs();
    c->lastSeenMs = nowNs / 1000000;
    if (!c->audio.tryTake(nowNs)) {
        ++counters.droppedRateLimited;
        ++counters.framesDropped;
        sendThrottledError(
            c, kAudioRate, proto::code::kRateLimited,
            QStringLiteral("audio faster than %1x real time; frames dropped").arg(cfg.audioRateFactor));
        return;
    }
    floor->noteAudio(c->lastSeenMs);
    if (EchoRecorder *echo = floor->echo()) {
        echo->record(frame, nowNs);
        return;
    }
    floor->channel()->forward(c, outbox.keep(makeBinaryWire(frame)), counters);
}

void RelayServerPrivate::onHello(Connection *c, const proto::ControlMessage &m)
{
    qint64 v = 0;
    const QJsonValue vv = m.body.value(QLatin1String("v"));
    if (vv.isUndefined()) {
        sendError(c, proto::code::kBadRequest, QStringLiteral("hello needs \"v\" (the protocol version, 1)"),
                  m.seq);
        return;
    }
    if (!proto::integralValue(vv, -1e15, 1e15, v) || v != proto::kProtocolVersion) {
        reject(c, proto::code::kVersion,
               QStringLiteral("this relay speaks protocol version %1").arg(proto::kProtocolVersion),
               kCloseProtocol, m.seq);
        return;
    }
    QString name;
    if (verifier) {
        const QJsonValue tok = m.body.value(QLatin1String("token"));
        TokenClaims claims;
        const TokenError err =
            tok.isString() ? verifier->verify(tok.toString().toUtf8(), &claims) : TokenError::Missing;
        if (err != TokenError::None) {
            reject(c, proto::code::kUnauthorized, QString::fromLatin1(tokenErrorText(err)), kClosePolicy,
                   m.seq);
            return;
        }
        name = claims.name;
    } else {
        name = m.body.value(QLatin1String("name")).toString().trimmed();
        if (!isValidName(name)) {
            sendError(c, proto::code::kBadRequest,
                      QStringLiteral("hello needs \"name\": 1 to 64 characters, no control characters"),
                      m.seq);
            return;
        }
    }
    c->name = name;
    c->client = m.body.value(QLatin1String("client")).toString().left(128);
    c->setState(Connection::State::Ready);
    sendWelcome(c, m.seq);
}

void RelayServerPrivate::sendWelcome(Connection *c, std::optional<qint64> seq)
{
    QJsonArray list;
    int budget = kListBudget;
    bool more = false;
    auto addChannel = [&](const Channel *ch) {
        if (more)
            return;
        const FloorControl *floor = ch->floor();
        const int size = 40 + jsonSize(ch->name()) +
                         (floor && floor->isHeld()
                              ? 100 + jsonSize(floor->holder()->name) + jsonSize(floor->current().codec)
                              : 0);
        if (size > budget) {
            more = true;
            return;
        }
        budget -= size;
        list.append(QJsonObject{{QLatin1String("ch"), ch->name()},
                                {QLatin1String("members"), ch->memberCount()},
                                {QLatin1String("talker"), talkerJson(floor)}});
    };
    // Configured channels in their order, echo, then the ad-hoc ones by name.
    for (const QString &name : cfg.channels) {
        if (const Channel *ch = findChannel(name))
            addChannel(ch);
    }
    if (!cfg.channels.contains(QLatin1String(kEchoChannel)))
        addChannel(findChannel(QLatin1String(kEchoChannel)));
    for (const auto &[name, ch] : channels) {
        if (!ch->isConfigured())
            addChannel(ch.get());
    }
    QJsonObject o{
        {QLatin1String("t"), QLatin1String(proto::type::kWelcome)},
        {QLatin1String("v"), proto::kProtocolVersion},
        {QLatin1String("relay"), QLatin1String(tenfour::kRelayId)},
        {QLatin1String("id"), c->id()},
        {QLatin1String("name"), c->name},
        {QLatin1String("channels"), list},
        {QLatin1String("ad_hoc"), cfg.allowAdHocChannels},
        {QLatin1String("limits"), QJsonObject{{QLatin1String("max_talk_ms"), cfg.maxTalkMs},
                                              {QLatin1String("idle_ms"), cfg.idleRevokeMs},
                                              {QLatin1String("max_msg"), proto::kMaxControlMessage},
                                              {QLatin1String("max_audio"), proto::kMaxOpusPacket}}}};
    if (more)
        o.insert(QLatin1String("more"), true);
    c->sendControl(controlWire(o, seq));
}

void RelayServerPrivate::sendJoined(Connection *c, Channel *ch, std::optional<qint64> seq)
{
    QJsonArray members;
    bool more = false;
    if (!ch->isEcho()) {
        int budget = kListBudget;
        for (const Connection *m : ch->members()) {
            if (m == c)
                continue;
            const int size = 20 + jsonSize(m->id()) + jsonSize(m->name);
            if (size > budget) {
                more = true;
                break;
            }
            budget -= size;
            members.append(QJsonObject{{QLatin1String("id"), m->id()}, {QLatin1String("name"), m->name}});
        }
    }
    QJsonObject o{{QLatin1String("t"), QLatin1String(proto::type::kJoined)},
                  {QLatin1String("ch"), ch->name()},
                  {QLatin1String("members"), members},
                  {QLatin1String("count"), ch->memberCount()},
                  {QLatin1String("talker"), talkerJson(ch->floor())}};
    if (more)
        o.insert(QLatin1String("more"), true);
    c->sendControl(controlWire(o, seq));
}

void RelayServerPrivate::onJoin(Connection *c, const proto::ControlMessage &m)
{
    const QString name = m.body.value(QLatin1String("ch")).toString();
    if (!isValidName(name)) {
        sendError(c, proto::code::kBadRequest,
                  QStringLiteral("join needs \"ch\": 1 to 64 characters, no control characters"), m.seq);
        return;
    }
    Channel *ch = findChannel(name);
    if (ch && c->isMember(ch)) {
        sendJoined(c, ch, m.seq); // joining twice is harmless
        return;
    }
    if (cfg.maxChannelsPerConnection > 0 && int(c->channels.size()) >= cfg.maxChannelsPerConnection) {
        sendError(c, kCodeTooManyChannels,
                  QStringLiteral("at most %1 channels per connection").arg(cfg.maxChannelsPerConnection),
                  m.seq);
        return;
    }
    if (!ch) {
        if (!cfg.allowAdHocChannels) {
            sendError(c, kCodeNoChannel, QStringLiteral("no channel \"%1\" on this relay").arg(name), m.seq);
            return;
        }
        if (cfg.maxChannels > 0 && int(channels.size()) >= cfg.maxChannels) {
            sendError(c, kCodeTooManyChannels, QStringLiteral("the relay has too many channels"), m.seq);
            return;
        }
        ch = createChannel(name, false);
    }
    ch->add(c);
    c->channels.push_back(ch);
    if (ch->isEcho()) {
        c->echo = std::make_unique<EchoRecorder>(ch, c, cfg.maxTalkMs, cfg.idleRevokeMs, counters, outbox);
        QObject::connect(c->echo->floor(), &FloorControl::expired, q,
                         [this](FloorControl *f, const char *reason) {
                             endTransmission(f, reason, true, std::nullopt, true);
                         });
    }
    sendJoined(c, ch, m.seq);
    if (!ch->isEcho())
        ch->broadcast(outbox.keep(presenceWire(ch->name(), *c, "joined")), c);
}

void RelayServerPrivate::onLeave(Connection *c, const proto::ControlMessage &m)
{
    const QString name = m.body.value(QLatin1String("ch")).toString();
    Channel *ch = findChannel(name);
    if (!ch || !c->isMember(ch)) {
        sendError(c, proto::code::kNotJoined, QStringLiteral("not in channel \"%1\"").arg(name), m.seq);
        return;
    }
    leaveChannel(c, ch, "released");
    c->sendControl(controlWire(
        QJsonObject{{QLatin1String("t"), QLatin1String(proto::type::kLeft)}, {QLatin1String("ch"), name}},
        m.seq));
}

void RelayServerPrivate::onTalk(Connection *c, const proto::ControlMessage &m)
{
    const QString name = m.body.value(QLatin1String("ch")).toString();
    Channel *ch = findChannel(name);
    if (!ch || !c->isMember(ch)) {
        sendError(c, proto::code::kNotJoined, QStringLiteral("join \"%1\" before talking in it").arg(name),
                  m.seq);
        return;
    }
    Transmission t;
    t.holder = c;
    if (!proto::u32Field(m.body, "sid", t.sid)) {
        sendError(c, proto::code::kBadRequest,
                  QStringLiteral("talk needs \"sid\": an integer from 0 to 4294967295"), m.seq);
        return;
    }
    const QJsonValue codec = m.body.value(QLatin1String("codec"));
    const QJsonValue rate = m.body.value(QLatin1String("rate"));
    const QJsonValue ptime = m.body.value(QLatin1String("ptime"));
    qint64 rateValue = 48000;
    if (!codec.isUndefined()) {
        t.codec = codec.toString();
        if (t.codec.isEmpty() || t.codec.size() > 32 || !isValidName(t.codec)) {
            sendError(c, proto::code::kBadRequest,
                      QStringLiteral("\"codec\" must be a short string such as \"opus\""), m.seq);
            return;
        }
    }
    if (!rate.isUndefined() && !proto::integralValue(rate, 8000, 384000, rateValue)) {
        sendError(c, proto::code::kBadRequest,
                  QStringLiteral("\"rate\" must be an integer from 8000 to 384000"), m.seq);
        return;
    }
    t.rate = int(rateValue);
    if (!ptime.isUndefined()) {
        const double p = ptime.toDouble(-1);
        if (!ptime.isDouble() || !(p >= 2.5 && p <= 120)) {
            sendError(c, proto::code::kBadRequest,
                      QStringLiteral("\"ptime\" must be a number from 2.5 to 120 (ms)"), m.seq);
            return;
        }
        t.ptime = p;
    }
    FloorControl *other = c->holdingForSid(t.sid);
    if (other && other->channel() != ch) {
        sendError(
            c, proto::code::kBadRequest,
            QStringLiteral("sid %1 is already talking in \"%2\"").arg(t.sid).arg(other->channel()->name()),
            m.seq);
        return;
    }

    FloorControl *floor = ch->isEcho() ? c->echo->floor() : ch->floor();
    if (floor->isHeld()) {
        if (floor->holder() == c && floor->heldSid() == t.sid) {
            // The same request again: the floor is already this transmission's.
            c->sendControl(controlWire(QJsonObject{{QLatin1String("t"), QLatin1String(proto::type::kGranted)},
                                                   {QLatin1String("ch"), ch->name()},
                                                   {QLatin1String("sid"), double(t.sid)},
                                                   {QLatin1String("max_ms"), cfg.maxTalkMs}},
                                       m.seq));
            return;
        }
        if (floor->holder() != c) {
            const Transmission &h = floor->current();
            c->sendControl(controlWire(
                QJsonObject{{QLatin1String("t"), QLatin1String(proto::type::kDenied)},
                            {QLatin1String("ch"), ch->name()},
                            {QLatin1String("sid"), double(t.sid)},
                            {QLatin1String("reason"), QLatin1String("busy")},
                            {QLatin1String("talker"), QJsonObject{{QLatin1String("id"), h.holder->id()},
                                                                  {QLatin1String("name"), h.holder->name},
                                                                  {QLatin1String("sid"), double(h.sid)}}}},
                m.seq));
            return;
        }
        // The holder starts a new transmission: the old one ends for the others first.
        endTransmission(floor, "released", false, std::nullopt, false);
    }
    if (EchoRecorder *echo = floor->echo())
        echo->startRecording();
    grant(c, floor, t, m.seq);
}

void RelayServerPrivate::onOver(Connection *c, const proto::ControlMessage &m)
{
    quint32 sid = 0;
    if (!proto::u32Field(m.body, "sid", sid)) {
        sendError(c, proto::code::kBadRequest,
                  QStringLiteral("over needs \"sid\": an integer from 0 to 4294967295"), m.seq);
        return;
    }
    FloorControl *floor = c->holdingForSid(sid);
    if (!floor) {
        sendError(c, kCodeNotTalking, QStringLiteral("sid %1 holds no floor (it ended before)").arg(sid),
                  m.seq);
        return;
    }
    endTransmission(floor, "released", true, m.seq, true);
}

} // namespace tenfour::relay
