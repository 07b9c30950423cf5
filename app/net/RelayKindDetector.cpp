#include "net/RelayKindDetector.h"

#include "net/BroadcastWire.h"
#include "protocol/ControlMessage.h"

namespace tenfour::net {

QString relayKindName(RelayKind kind)
{
    switch (kind) {
    case RelayKind::Smart:
        return QStringLiteral("smart");
    case RelayKind::Broadcast:
        return QStringLiteral("broadcast");
    case RelayKind::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString relayKindDescription(RelayKind kind)
{
    switch (kind) {
    case RelayKind::Smart:
        return QStringLiteral("Tenfour relay: channels and floor control");
    case RelayKind::Broadcast:
        return QStringLiteral("basic relay: no floor control, everyone in one room");
    case RelayKind::Unknown:
        break;
    }
    return QStringLiteral("relay kind not known yet");
}

RelayKind relayKindFromName(const QString &name)
{
    if (name == QLatin1String("smart"))
        return RelayKind::Smart;
    if (name == QLatin1String("broadcast"))
        return RelayKind::Broadcast;
    return RelayKind::Unknown;
}

RelayKindDetector::RelayKindDetector(QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        decide(RelayKind::Broadcast,
               QStringLiteral("no welcome within %1 s of hello").arg(m_windowMs / 1000.0));
    });
}

void RelayKindDetector::start(RelayKind hint)
{
    m_kind = RelayKind::Unknown;
    m_running = true;
    if (hint == RelayKind::Broadcast) {
        decide(RelayKind::Broadcast, QStringLiteral("remembered from an earlier connection"));
        return;
    }
    m_timer.start(m_windowMs);
}

void RelayKindDetector::stop()
{
    m_running = false;
    m_timer.stop();
    m_kind = RelayKind::Unknown;
}

void RelayKindDetector::noteWelcome()
{
    if (m_running && m_kind != RelayKind::Smart)
        decide(RelayKind::Smart, QStringLiteral("the relay answered hello with welcome"));
}

bool RelayKindDetector::revealsBroadcast(const QString &type)
{
    namespace t = protocol::type;
    for (const char *c :
         {t::kHello, t::kJoin, t::kLeave, t::kTalk, t::kTalking, t::kOver, wire::kAnnounce, wire::kBye}) {
        if (type == QLatin1String(c))
            return true;
    }
    return false;
}

bool RelayKindDetector::noteMessage(const QString &type)
{
    if (!m_running || m_kind != RelayKind::Unknown || !revealsBroadcast(type))
        return false;
    decide(RelayKind::Broadcast, QStringLiteral("another client's \"%1\" came through the relay").arg(type));
    return true;
}

bool RelayKindDetector::noteForeignWelcome()
{
    if (!m_running || m_kind != RelayKind::Unknown)
        return false;
    decide(RelayKind::Broadcast, QStringLiteral("a welcome meant for another client came through the relay"));
    return true;
}

void RelayKindDetector::decide(RelayKind kind, const QString &why)
{
    m_timer.stop();
    m_kind = kind;
    Q_EMIT detected(kind, why);
}

} // namespace tenfour::net
