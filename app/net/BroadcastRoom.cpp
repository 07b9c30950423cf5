#include "net/BroadcastRoom.h"

#include "net/BroadcastWire.h"
#include "protocol/ControlMessage.h"
#include "protocol/JsonFields.h"

namespace tenfour::net {

namespace proto = tenfour::protocol;

using proto::key;

BroadcastRoom::BroadcastRoom(QObject *parent) : QObject(parent)
{
    m_clock.start();
    m_tick.setInterval(kTickMs);
    connect(&m_tick, &QTimer::timeout, this, &BroadcastRoom::tick);
    m_answer.setSingleShot(true);
    connect(&m_answer, &QTimer::timeout, this, &BroadcastRoom::answerNewcomer);
}

void BroadcastRoom::start(const QString &selfId, const QString &selfName, const QString &client,
                          const QString &room, const QString &channel)
{
    m_active = true;
    m_selfId = selfId;
    m_selfName = selfName;
    m_client = client;
    m_room = room;
    m_channel = channel;
    m_ownSid = 0;
    m_lastAnswerMs = -1;
    m_peers.clear();
    m_floor.clear();
    m_tick.start();
    announce();
}

void BroadcastRoom::stop(const QString &reason, bool polite)
{
    if (!m_active)
        return;
    if (polite && m_ownSid != 0)
        send(QJsonObject{{key("t"), key(proto::type::kOver)},
                         {key("sid"), double(m_ownSid)},
                         {key("reason"), QStringLiteral("released")}});
    if (polite)
        send(QJsonObject{{key("t"), key(wire::kBye)}});
    m_active = false;
    m_tick.stop();
    m_answer.stop();
    const std::optional<DistributedFloor::Talker> holder = m_floor.holder();
    m_floor.clear();
    m_peers.clear();
    if (const quint32 own = std::exchange(m_ownSid, 0))
        Q_EMIT transmitEnded(m_ownChannel, own, reason);
    if (holder && !holder->own)
        Q_EMIT talkEnded(m_channel, holder->sid, reason);
}

QJsonObject BroadcastRoom::talker() const
{
    const std::optional<DistributedFloor::Talker> &h = m_floor.holder();
    if (!h || h->own)
        return {};
    return QJsonObject{{key("id"), h->id}, {key("name"), h->name}, {key("sid"), double(h->sid)}};
}

void BroadcastRoom::send(QJsonObject o)
{
    // Every message says who sent it and where: the relay does not.
    o.insert(key("id"), m_selfId);
    o.insert(key("ch"), m_room);
    Q_EMIT outgoing(proto::serializeControl(std::move(o)));
}

void BroadcastRoom::announce()
{
    m_lastAnnounceMs = now();
    send(QJsonObject{{key("t"), key(wire::kAnnounce)}, {key("name"), m_selfName}, {key("client"), m_client}});
}

void BroadcastRoom::answerNewcomer()
{
    // A newcomer cannot know who is here, nor that we are talking (it may have connected just
    // after our `talking` went by), unless we say so.
    const qint64 since = now() - m_lastAnswerMs;
    if (m_lastAnswerMs >= 0 && since < kMinAnswerGapMs) {
        if (!m_answer.isActive())
            m_answer.start(int(kMinAnswerGapMs - since));
        return;
    }
    m_lastAnswerMs = now();
    announce();
    if (m_ownSid != 0)
        sendTalking(m_ownSid);
}

void BroadcastRoom::notePeer(const QString &id, const QString &name)
{
    if (m_peers.note(id, name, now()) == PeerDirectory::Noted::New)
        Q_EMIT memberJoined(m_channel, id, name);
}

bool BroadcastRoom::handleControl(const QString &type, const QJsonObject &o)
{
    if (!m_active)
        return false;
    if (type == QLatin1String(proto::type::kTalking))
        return onTalking(o);
    if (type == QLatin1String(proto::type::kOver))
        return onOver(o);
    if (type == QLatin1String(wire::kBye))
        return onBye(o);
    const QString id = o.value(key("id")).toString();
    if (type == QLatin1String(wire::kAnnounce)) {
        if (id == m_selfId || !PeerDirectory::isValidName(id))
            return false;
        notePeer(id, o.value(key("name")).toString());
        return true;
    }
    if (type == QLatin1String(proto::type::kHello)) {
        answerNewcomer();
        return true;
    }
    return false; // requests meant for a smart relay, forged replies, unknown types
}

bool BroadcastRoom::onTalking(const QJsonObject &o)
{
    DistributedFloor::Talker t;
    t.id = o.value(key("id")).toString();
    t.name = o.value(key("name")).toString();
    if (!proto::u32Field(o, "sid", t.sid) || t.sid == 0 || t.id == m_selfId ||
        !PeerDirectory::isValidName(t.id))
        return false;
    if (!PeerDirectory::isValidName(t.name))
        t.name = t.id;
    notePeer(t.id, t.name);
    t.startMs = t.lastHeardMs = now();
    const DistributedFloor::Outcome out = m_floor.otherStarted(t);
    if (out.verdict == DistributedFloor::Verdict::Ignored)
        return true; // a loser of a collision, or late while someone talks: not played
    if (out.displaced && out.displaced->own)
        loseOwn(t.name);
    else if (out.displaced)
        Q_EMIT talkEnded(m_channel, out.displaced->sid, QStringLiteral("collision"));
    Q_EMIT talkStarted(m_channel, t.sid, t.id, t.name);
    return true;
}

void BroadcastRoom::loseOwn(const QString &winnerName)
{
    // Reported as a relay's busy denial: the caller shows busy and plays the busy tone.
    const quint32 sid = std::exchange(m_ownSid, 0);
    send(QJsonObject{{key("t"), key(proto::type::kOver)},
                     {key("sid"), double(sid)},
                     {key("reason"), QStringLiteral("collision")}});
    Q_EMIT denied(m_ownChannel, sid, QStringLiteral("busy"), winnerName);
}

bool BroadcastRoom::onOver(const QJsonObject &o)
{
    quint32 sid = 0;
    const QString id = o.value(key("id")).toString();
    if (!proto::u32Field(o, "sid", sid) || id == m_selfId || sid == m_ownSid)
        return false; // nobody else ends our transmission
    const std::optional<DistributedFloor::Talker> &h = m_floor.holder();
    if (h && h->id != id)
        return false; // only the talker's own `over` ends it
    if (!m_floor.release(sid))
        return false; // a transmission we ignored (a collision's loser) or never heard of
    Q_EMIT talkEnded(m_channel, sid, o.value(key("reason")).toString(QStringLiteral("released")));
    return true;
}

bool BroadcastRoom::onBye(const QJsonObject &o)
{
    const QString id = o.value(key("id")).toString();
    PeerDirectory::Peer gone;
    if (id.isEmpty() || id == m_selfId || !m_peers.remove(id, &gone))
        return false;
    const std::optional<DistributedFloor::Talker> &h = m_floor.holder();
    if (h && !h->own && h->id == id) {
        const quint32 sid = h->sid;
        m_floor.release(sid);
        Q_EMIT talkEnded(m_channel, sid, QStringLiteral("disconnected"));
    }
    Q_EMIT memberLeft(m_channel, gone.id, gone.name);
    return true;
}

bool BroadcastRoom::acceptAudio(quint32 sid)
{
    return m_active && m_floor.noteAudio(sid, now());
}

void BroadcastRoom::requestTalk(const QString &channel, quint32 sid)
{
    if (m_ownSid != 0)
        sendOver(m_ownSid); // a new transmission ends ours, as on a Tenfour relay
    DistributedFloor::Talker own{sid, m_selfId, m_selfName, now(), now(), true};
    DistributedFloor::Talker holder;
    if (!m_active || !m_floor.tryTake(own, &holder)) {
        const QString name = holder.name;
        QMetaObject::invokeMethod(
            this, [this, channel, sid, name] { Q_EMIT denied(channel, sid, QStringLiteral("busy"), name); },
            Qt::QueuedConnection);
        return;
    }
    m_ownSid = sid;
    m_ownChannel = channel;
    sendTalking(sid);
    // Granted at once (no round trip to wait for); a collision in the next window still
    // takes it back with a busy denial.
    QMetaObject::invokeMethod(
        this,
        [this, channel, sid] {
            if (m_floor.holdsOwn(sid))
                Q_EMIT granted(channel, sid);
        },
        Qt::QueuedConnection);
}

void BroadcastRoom::sendTalking(quint32 sid)
{
    send(QJsonObject{{key("t"), key(proto::type::kTalking)},
                     {key("name"), m_selfName},
                     {key("sid"), double(sid)},
                     {key("codec"), QStringLiteral("opus")},
                     {key("rate"), 48000},
                     {key("ptime"), 20}});
}

void BroadcastRoom::sendOver(quint32 sid)
{
    if (sid == 0 || sid != m_ownSid)
        return;
    m_ownSid = 0;
    m_floor.release(sid);
    send(QJsonObject{{key("t"), key(proto::type::kOver)},
                     {key("sid"), double(sid)},
                     {key("reason"), QStringLiteral("released")}});
    const QString channel = m_ownChannel;
    QMetaObject::invokeMethod(
        this, [this, channel, sid] { Q_EMIT transmitEnded(channel, sid, QStringLiteral("released")); },
        Qt::QueuedConnection);
}

void BroadcastRoom::tick()
{
    const qint64 t = now();
    if (const std::optional<DistributedFloor::Talker> gone = m_floor.expire(t))
        Q_EMIT talkEnded(m_channel, gone->sid, QStringLiteral("idle"));
    for (const PeerDirectory::Peer &p : m_peers.expire(t, kForgetAfterMs))
        Q_EMIT memberLeft(m_channel, p.id, p.name);
    if (t - m_lastAnnounceMs >= kAnnounceEveryMs)
        announce();
}

} // namespace tenfour::net
