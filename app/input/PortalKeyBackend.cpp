#include "input/PortalKeyBackend.h"

#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusReply>
#include <QDBusVariant>

namespace tenfour::input {

namespace {
const QString kPortalService = QStringLiteral("org.freedesktop.portal.Desktop");
const QString kPortalPath = QStringLiteral("/org/freedesktop/portal/desktop");
const QString kShortcutsInterface = QStringLiteral("org.freedesktop.portal.GlobalShortcuts");
const QString kRequestInterface = QStringLiteral("org.freedesktop.portal.Request");
const QString kSessionInterface = QStringLiteral("org.freedesktop.portal.Session");

// One entry of BindShortcuts' a(sa{sv}).
struct PortalShortcut {
    QString id;
    QVariantMap properties;
};
} // namespace

} // namespace tenfour::input

Q_DECLARE_METATYPE(tenfour::input::PortalShortcut)

namespace tenfour::input {
namespace {
QDBusArgument &operator<<(QDBusArgument &arg, const PortalShortcut &s)
{
    arg.beginStructure();
    arg << s.id << s.properties;
    arg.endStructure();
    return arg;
}
const QDBusArgument &operator>>(const QDBusArgument &arg, PortalShortcut &s)
{
    arg.beginStructure();
    arg >> s.id >> s.properties;
    arg.endStructure();
    return arg;
}
} // namespace

PortalKeyBackend::PortalKeyBackend(const QString &appId, QObject *parent)
    : GlobalKeyBackend(parent), m_appId(appId)
{
    qDBusRegisterMetaType<PortalShortcut>();
    qDBusRegisterMetaType<QList<PortalShortcut>>();
}

BackendCapabilities PortalKeyBackend::capabilities() const
{
    BackendCapabilities c;
    c.swallowsKey = true; // the compositor consumes a bound shortcut
    return c;
}

QString PortalKeyBackend::preferredTrigger(const PttKey &key)
{
    if (key.kind() != PttKey::Kind::Key)
        return {};
    QStringList parts;
    if (key.modifiers() & PttKey::Control)
        parts << QStringLiteral("CTRL");
    if (key.modifiers() & PttKey::Alt)
        parts << QStringLiteral("ALT");
    if (key.modifiers() & PttKey::Shift)
        parts << QStringLiteral("SHIFT");
    if (key.modifiers() & PttKey::Super)
        parts << QStringLiteral("LOGO");
    parts << key.keyName();
    return parts.join(QLatin1Char('+'));
}

QString PortalKeyBackend::requestPath(const QString &token) const
{
    // The portal's documented request path: sender's unique name without ':' and '.' -> '_'.
    QString sender = QDBusConnection::sessionBus().baseService().mid(1);
    sender.replace(QLatin1Char('.'), QLatin1Char('_'));
    return QStringLiteral("/org/freedesktop/portal/desktop/request/%1/%2").arg(sender, token);
}

bool PortalKeyBackend::expectResponse(const QString &token, Pending what)
{
    // Subscribe before the call, so a fast portal cannot answer before we listen.
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!m_pendingPath.isEmpty())
        bus.disconnect(kPortalService, m_pendingPath, kRequestInterface, QStringLiteral("Response"), this,
                       SLOT(onResponse(uint, QVariantMap)));
    m_pendingPath = requestPath(token);
    m_pending = what;
    return bus.connect(kPortalService, m_pendingPath, kRequestInterface, QStringLiteral("Response"), this,
                       SLOT(onResponse(uint, QVariantMap)));
}

bool PortalKeyBackend::start()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        m_error = tr("No D-Bus session bus.");
        return false;
    }
    if (!bus.interface()->isServiceRegistered(kPortalService).value() &&
        !bus.interface()->activatableServiceNames().value().contains(kPortalService)) {
        m_error =
            tr("No desktop portal is running: bind a key to Tenfour's D-Bus StartTalking/StopTalking in "
               "your desktop's keyboard settings instead.");
        return false;
    }
    QDBusMessage version = QDBusMessage::createMethodCall(kPortalService, kPortalPath,
                                                          QStringLiteral("org.freedesktop.DBus.Properties"),
                                                          QStringLiteral("Get"));
    version << kShortcutsInterface << QStringLiteral("version");
    const QDBusMessage reply = bus.call(version, QDBus::Block, 3000);
    if (reply.type() != QDBusMessage::ReplyMessage) {
        m_error =
            tr("This desktop's portal has no global shortcuts (GlobalShortcuts): bind a key to Tenfour's "
               "D-Bus StartTalking/StopTalking in your desktop's keyboard settings instead.");
        return false;
    }
    // xdg-desktop-portal >= 1.21 wants host (non-Flatpak) apps to say who they are first; older
    // portals have no such interface, which is fine.
    QDBusMessage reg = QDBusMessage::createMethodCall(kPortalService, kPortalPath,
                                                      QStringLiteral("org.freedesktop.host.portal.Registry"),
                                                      QStringLiteral("Register"));
    reg << m_appId << QVariantMap();
    bus.call(reg, QDBus::Block, 3000);

    bus.connect(kPortalService, kPortalPath, kShortcutsInterface, QStringLiteral("Activated"), this,
                SLOT(onActivated(QDBusObjectPath, QString, qulonglong, QVariantMap)));
    bus.connect(kPortalService, kPortalPath, kShortcutsInterface, QStringLiteral("Deactivated"), this,
                SLOT(onDeactivated(QDBusObjectPath, QString, qulonglong, QVariantMap)));

    const QString token = QStringLiteral("tenfour%1").arg(++m_tokenCounter);
    expectResponse(token, Pending::CreateSession);
    QDBusMessage create = QDBusMessage::createMethodCall(kPortalService, kPortalPath, kShortcutsInterface,
                                                         QStringLiteral("CreateSession"));
    create << QVariantMap{{QStringLiteral("handle_token"), token},
                          {QStringLiteral("session_handle_token"), QStringLiteral("tenfour_session")}};
    const QDBusMessage created = bus.call(create, QDBus::Block, 5000);
    if (created.type() != QDBusMessage::ReplyMessage) {
        m_error = tr("The desktop portal refused a global-shortcuts session: %1").arg(created.errorMessage());
        return false;
    }
    m_error.clear();
    return true; // the session handle arrives in the Response
}

bool PortalKeyBackend::bind(const QList<PttKey> &keys)
{
    for (const PttKey &k : keys) {
        if (k.kind() == PttKey::Kind::MouseButton) {
            m_error = tr("The desktop portal cannot bind mouse buttons.");
            return false;
        }
        // A shortcut trigger needs a key that is not a modifier: "Control_R" alone would be
        // refused by the compositor later (or bound as something else), so say it now.
        if (k.isModifierOnly()) {
            m_error = tr("The desktop portal cannot bind a modifier key alone (%1); choose another key, "
                         "such as a function key.")
                          .arg(k.displayName());
            return false;
        }
    }
    m_keys = keys;
    m_bindWanted = true;
    if (!m_sessionPath.isEmpty() && m_pending == Pending::None)
        sendBind();
    return true;
}

void PortalKeyBackend::sendBind()
{
    m_bindWanted = false;
    QList<PortalShortcut> shortcuts;
    for (int i = 0; i < m_keys.size(); ++i) {
        shortcuts.append({QStringLiteral("ptt%1").arg(i),
                          {{QStringLiteral("description"), tr("Push to talk")},
                           {QStringLiteral("preferred_trigger"), preferredTrigger(m_keys[i])}}});
    }
    const QString token = QStringLiteral("tenfour%1").arg(++m_tokenCounter);
    expectResponse(token, Pending::Bind);
    QDBusMessage msg = QDBusMessage::createMethodCall(kPortalService, kPortalPath, kShortcutsInterface,
                                                      QStringLiteral("BindShortcuts"));
    msg << QVariant::fromValue(QDBusObjectPath(m_sessionPath)) << QVariant::fromValue(shortcuts) << QString()
        << QVariantMap{{QStringLiteral("handle_token"), token}};
    QDBusConnection::sessionBus().call(msg, QDBus::NoBlock);
}

void PortalKeyBackend::onResponse(uint response, const QVariantMap &results)
{
    const Pending what = m_pending;
    m_pending = Pending::None;
    if (response != 0) {
        m_error = what == Pending::Bind ? tr("The desktop did not bind the push-to-talk shortcut.")
                                        : tr("The desktop portal refused a global-shortcuts session.");
        Q_EMIT lost(m_error);
        return;
    }
    if (what == Pending::CreateSession) {
        m_sessionPath = results.value(QStringLiteral("session_handle")).toString();
        // The portal or the user may end the session (desktop settings, portal restart): the
        // key is then gone, and a held one will never see its Deactivated.
        QDBusConnection::sessionBus().connect(kPortalService, m_sessionPath, kSessionInterface,
                                              QStringLiteral("Closed"), this, SLOT(onSessionClosed()));
        Q_EMIT sessionReady();
        if (m_bindWanted)
            sendBind();
    } else if (what == Pending::Bind) {
        QStringList triggers;
        const auto arg = results.value(QStringLiteral("shortcuts")).value<QDBusArgument>();
        if (arg.currentType() == QDBusArgument::ArrayType) {
            QList<PortalShortcut> list;
            arg >> list;
            for (const PortalShortcut &s : list)
                triggers << s.properties.value(QStringLiteral("trigger_description")).toString();
        }
        Q_EMIT bound(triggers);
    }
}

void PortalKeyBackend::onSessionClosed()
{
    QDBusConnection::sessionBus().disconnect(kPortalService, m_sessionPath, kSessionInterface,
                                             QStringLiteral("Closed"), this, SLOT(onSessionClosed()));
    m_sessionPath.clear();
    m_error = tr("The desktop closed the global-shortcuts session.");
    Q_EMIT lost(m_error);
}

void PortalKeyBackend::onActivated(const QDBusObjectPath &session, const QString &shortcutId,
                                   qulonglong timestamp, const QVariantMap &)
{
    if (session.path() != m_sessionPath || !shortcutId.startsWith(QLatin1String("ptt")))
        return;
    Q_EMIT pressed(shortcutId.mid(3).toInt(), qint64(timestamp) * 1000000);
}

void PortalKeyBackend::onDeactivated(const QDBusObjectPath &session, const QString &shortcutId,
                                     qulonglong timestamp, const QVariantMap &)
{
    if (session.path() != m_sessionPath || !shortcutId.startsWith(QLatin1String("ptt")))
        return;
    Q_EMIT released(shortcutId.mid(3).toInt(), qint64(timestamp) * 1000000);
}

} // namespace tenfour::input
