#pragma once
// The fallback that works on every Linux desktop: a session-bus object with StartTalking,
// StopTalking and ToggleTalking, which users bind to a key in their compositor or macro tool
// (e.g. `dbus-send --session --dest=org.tenfour.Tenfour /PushToTalk org.tenfour.PushToTalk.StartTalking`).

#include <QObject>

class QDBusConnection;

namespace tenfour::input {

class DBusPttService : public QObject {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.tenfour.PushToTalk")
public:
    static constexpr const char *kServiceName = "org.tenfour.Tenfour";
    static constexpr const char *kObjectPath = "/PushToTalk";

    explicit DBusPttService(QObject *parent = nullptr);
    ~DBusPttService() override;
    // Registers the object and claims the service name on the session bus.
    bool registerOnSessionBus(const QString &serviceName = QLatin1String(kServiceName));
    QString errorString() const { return m_error; }

public Q_SLOTS:
    Q_SCRIPTABLE void StartTalking();
    Q_SCRIPTABLE void StopTalking();
    Q_SCRIPTABLE void ToggleTalking();

Q_SIGNALS:
    void startRequested();
    void stopRequested();
    void toggleRequested();

private:
    QString m_error;
    QString m_serviceName;
};

} // namespace tenfour::input
