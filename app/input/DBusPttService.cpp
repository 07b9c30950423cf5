#include "input/DBusPttService.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusError>

namespace tenfour::input {

DBusPttService::DBusPttService(QObject *parent) : QObject(parent) {}

DBusPttService::~DBusPttService()
{
    if (!m_serviceName.isEmpty()) {
        QDBusConnection bus = QDBusConnection::sessionBus();
        bus.unregisterObject(QLatin1String(kObjectPath));
        bus.unregisterService(m_serviceName);
    }
}

bool DBusPttService::registerOnSessionBus(const QString &serviceName)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        m_error = tr("No D-Bus session bus: %1").arg(bus.lastError().message());
        return false;
    }
    if (!bus.registerObject(QLatin1String(kObjectPath), this, QDBusConnection::ExportScriptableSlots)) {
        m_error = tr("Cannot register %1 on the session bus.").arg(QLatin1String(kObjectPath));
        return false;
    }
    if (!bus.registerService(serviceName)) {
        bus.unregisterObject(QLatin1String(kObjectPath));
        m_error = tr("The D-Bus name %1 is taken (is Tenfour already running?).").arg(serviceName);
        return false;
    }
    m_serviceName = serviceName;
    return true;
}

void DBusPttService::StartTalking()
{
    Q_EMIT startRequested();
}

void DBusPttService::StopTalking()
{
    Q_EMIT stopRequested();
}

void DBusPttService::ToggleTalking()
{
    Q_EMIT toggleRequested();
}

} // namespace tenfour::input
