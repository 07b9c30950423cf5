// The Wayland portal backend against a stand-in for xdg-desktop-portal's GlobalShortcuts on a
// real (private) session bus: Debian 12's portal predates GlobalShortcuts, and no compositor
// runs here, so the portal itself is the faked edge. The backend's D-Bus traffic is real.
#include "input/PortalKeyBackend.h"

#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusContext>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QSignalSpy>
#include <QThread>
#include <QtTest>

using tenfour::input::PortalKeyBackend;
using tenfour::input::PttKey;

struct FakeShortcut {
    QString id;
    QVariantMap properties;
};
Q_DECLARE_METATYPE(FakeShortcut)
QDBusArgument &operator<<(QDBusArgument &a, const FakeShortcut &s)
{
    a.beginStructure();
    a << s.id << s.properties;
    a.endStructure();
    return a;
}
const QDBusArgument &operator>>(const QDBusArgument &a, FakeShortcut &s)
{
    a.beginStructure();
    a >> s.id >> s.properties;
    a.endStructure();
    return a;
}

static const QString kPath = QStringLiteral("/org/freedesktop/portal/desktop");
static const QString kIface = QStringLiteral("org.freedesktop.portal.GlobalShortcuts");

class FakePortal : public QObject, protected QDBusContext {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.portal.GlobalShortcuts")
    Q_PROPERTY(uint version READ version)
public:
    explicit FakePortal(const QString &connectionName) : m_connection(connectionName) {}
    uint version() const { return 1; }
    QString boundTrigger;
    QString session = QStringLiteral("/org/freedesktop/portal/desktop/session/1/tenfour_session");

public Q_SLOTS:
    QDBusObjectPath CreateSession(const QVariantMap &options)
    {
        const QString request = requestPath(options);
        respond(request, {{QStringLiteral("session_handle"), session}});
        return QDBusObjectPath(request);
    }
    QDBusObjectPath BindShortcuts(const QDBusObjectPath &, const QList<FakeShortcut> &shortcuts,
                                  const QString &, const QVariantMap &options)
    {
        if (!shortcuts.isEmpty())
            boundTrigger = shortcuts.first().properties.value(QStringLiteral("preferred_trigger")).toString();
        const QString request = requestPath(options);
        QList<FakeShortcut> result;
        for (FakeShortcut s : shortcuts) {
            s.properties.insert(QStringLiteral("trigger_description"),
                                s.properties.value(QStringLiteral("preferred_trigger")));
            result << s;
        }
        respond(request, {{QStringLiteral("shortcuts"), QVariant::fromValue(result)}});
        return QDBusObjectPath(request);
    }
    // The portal (or the user in the desktop's settings) ended our session.
    void closeSession()
    {
        QDBusMessage sig = QDBusMessage::createSignal(
            session, QStringLiteral("org.freedesktop.portal.Session"), QStringLiteral("Closed"));
        sig << QVariantMap();
        QDBusConnection(m_connection).send(sig);
    }
    void emitShortcut(bool activated, const QString &id)
    {
        QDBusMessage sig = QDBusMessage::createSignal(
            kPath, kIface, activated ? QStringLiteral("Activated") : QStringLiteral("Deactivated"));
        sig << QVariant::fromValue(QDBusObjectPath(session)) << id << qulonglong(1234) << QVariantMap();
        QDBusConnection(m_connection).send(sig);
    }

private:
    QString requestPath(const QVariantMap &options) const
    {
        QString sender = message().service().mid(1);
        sender.replace(QLatin1Char('.'), QLatin1Char('_'));
        return QStringLiteral("/org/freedesktop/portal/desktop/request/%1/%2")
            .arg(sender, options.value(QStringLiteral("handle_token")).toString());
    }
    void respond(const QString &request, const QVariantMap &results)
    {
        // After the method reply, as a real portal does.
        QMetaObject::invokeMethod(
            this,
            [this, request, results] {
                QDBusMessage sig = QDBusMessage::createSignal(
                    request, QStringLiteral("org.freedesktop.portal.Request"), QStringLiteral("Response"));
                sig << uint(0) << results;
                QDBusConnection(m_connection).send(sig);
            },
            Qt::QueuedConnection);
    }
    QString m_connection;
};

class TestPortalKeyBackend : public QObject {
    Q_OBJECT
    QThread m_thread;
    FakePortal *m_portal = nullptr;

private Q_SLOTS:
    void initTestCase()
    {
        if (!QDBusConnection::sessionBus().isConnected()) {
            if (qEnvironmentVariableIsSet("TENFOUR_TEST_ENV"))
                QFAIL("the test environment must provide a D-Bus session bus");
            QSKIP("no D-Bus session bus (run inside scripts/test-env.sh)");
        }
        qDBusRegisterMetaType<FakeShortcut>();
        qDBusRegisterMetaType<QList<FakeShortcut>>();
        // The portal lives on its own connection and thread: the backend makes blocking calls.
        QDBusConnection conn =
            QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("fakeportal"));
        QVERIFY(conn.isConnected());
        m_portal = new FakePortal(QStringLiteral("fakeportal"));
        m_portal->moveToThread(&m_thread);
        m_thread.start();
        QVERIFY(conn.registerObject(kPath, m_portal,
                                    QDBusConnection::ExportAllSlots | QDBusConnection::ExportAllProperties));
        if (!conn.registerService(QStringLiteral("org.freedesktop.portal.Desktop")))
            QSKIP("a real desktop portal owns the name on this bus");
    }
    void cleanupTestCase()
    {
        m_thread.quit();
        m_thread.wait();
        delete m_portal;
    }
    void bindsAndReportsPressAndRelease()
    {
        PortalKeyBackend backend;
        QSignalSpy ready(&backend, &PortalKeyBackend::sessionReady);
        QSignalSpy bound(&backend, &PortalKeyBackend::bound);
        QVERIFY2(backend.start(), qPrintable(backend.errorString()));
        QVERIFY(backend.bind({PttKey::fromString(QStringLiteral("Ctrl+F8"))}));
        QTRY_COMPARE(ready.count(), 1);
        QTRY_COMPARE(bound.count(), 1);
        QCOMPARE(bound.at(0).at(0).toStringList(), QStringList{QStringLiteral("CTRL+F8")});
        QCOMPARE(m_portal->boundTrigger, QStringLiteral("CTRL+F8"));

        QSignalSpy down(&backend, &PortalKeyBackend::pressed);
        QSignalSpy up(&backend, &PortalKeyBackend::released);
        QMetaObject::invokeMethod(m_portal, [this] { m_portal->emitShortcut(true, QStringLiteral("ptt0")); });
        QTRY_COMPARE(down.count(), 1);
        QCOMPARE(down.at(0).at(0).toInt(), 0);
        QMetaObject::invokeMethod(m_portal,
                                  [this] { m_portal->emitShortcut(false, QStringLiteral("ptt0")); });
        QTRY_COMPARE(up.count(), 1);
        // Another app's shortcut on the same portal is not ours.
        QMetaObject::invokeMethod(m_portal,
                                  [this] { m_portal->emitShortcut(true, QStringLiteral("screenshot")); });
        QTest::qWait(100);
        QCOMPARE(down.count(), 1);
    }
    void closedSessionCountsAsLost()
    {
        PortalKeyBackend backend;
        QSignalSpy ready(&backend, &PortalKeyBackend::sessionReady);
        QSignalSpy lost(&backend, &PortalKeyBackend::lost);
        QVERIFY2(backend.start(), qPrintable(backend.errorString()));
        QTRY_COMPARE(ready.count(), 1);
        QSignalSpy down(&backend, &PortalKeyBackend::pressed);
        QMetaObject::invokeMethod(m_portal, [this] { m_portal->emitShortcut(true, QStringLiteral("ptt0")); });
        QTRY_COMPARE(down.count(), 1);
        // Held, then the session goes: the Deactivated will never come, so the key is lost.
        QMetaObject::invokeMethod(m_portal, [this] { m_portal->closeSession(); });
        QTRY_COMPARE(lost.count(), 1);
        QVERIFY(!backend.errorString().isEmpty());
    }
    void refusesModifierOnlyKeys()
    {
        // A shortcut trigger is not a modifier alone: the default Right Ctrl cannot be bound.
        PortalKeyBackend backend;
        QVERIFY(!backend.bind({PttKey::fromString(QStringLiteral("Control_R"))}));
        QVERIFY(backend.errorString().contains(QLatin1String("modifier")));
        QVERIFY(backend.bind({PttKey::fromString(QStringLiteral("Ctrl+F8"))}));
    }
    void refusesMouseButtons()
    {
        PortalKeyBackend backend;
        QVERIFY(!backend.bind({PttKey::fromString(QStringLiteral("Mouse8"))}));
        QVERIFY(!backend.errorString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPortalKeyBackend)
#include "test_portal_key_backend.moc"
