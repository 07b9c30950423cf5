// The relay kind in the UI: a session reporting a basic broadcast relay shows up in the connection
// status ("no floor control, everyone in one room") and is remembered per server in QSettings,
// for the next start.

#include "FakeVoiceBackend.h"
#include "ui/ConnectionStatusLabel.h"
#include "ui/SessionManager.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace tenfour::ui;

class TestUiRelayKind : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void shownAndRemembered()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("t.ini")), QSettings::IniFormat);
        ServerConfig server;
        server.id = QStringLiteral("srv-1");
        server.name = QStringLiteral("Ratchet");
        server.url = QUrl(QStringLiteral("ws://127.0.0.1:8080/"));
        {
            FakeVoiceBackend backend;
            SessionManager manager(&backend, nullptr);
            manager.setRelayKindStore(&settings);
            ConnectionStatusLabel label;
            QObject::connect(&manager, &SessionManager::currentConnectionChanged, &label,
                             &ConnectionStatusLabel::setState);
            manager.setServers({server}, QStringLiteral("Me"));
            FakeVoiceSession *s = backend.last();
            QVERIFY(s);
            Q_EMIT s->stateChanged(ConnectionState::Connected, 0, QStringLiteral("tenfour-relay/0.1.0"));
            QCOMPARE(label.text(), QStringLiteral("Connected")); // a Tenfour relay: nothing to add
            Q_EMIT s->relayKindChanged(QStringLiteral("broadcast"));
            QCOMPARE(label.text(),
                     QStringLiteral("Connected: basic relay: no floor control, everyone in one room"));
            QCOMPARE(manager.relayKind(server.id), QStringLiteral("broadcast"));
            // Lost: the usual words, no relay kind.
            Q_EMIT s->stateChanged(ConnectionState::Reconnecting, 2, QStringLiteral("connection closed"));
            QVERIFY(label.text().startsWith(QLatin1String("Connection lost")));
        }
        settings.sync();
        QCOMPARE(settings.value(QStringLiteral("relayKind/srv-1")).toString(), QStringLiteral("broadcast"));

        // The next start knows it before connecting.
        FakeVoiceBackend backend;
        SessionManager manager(&backend, nullptr);
        manager.setRelayKindStore(&settings);
        QCOMPARE(manager.relayKind(server.id), QStringLiteral("broadcast"));
        manager.setServers({server}, QStringLiteral("Me"));
        // ... and a later smart relay at that address replaces it.
        Q_EMIT backend.last()->relayKindChanged(QStringLiteral("smart"));
        QCOMPARE(settings.value(QStringLiteral("relayKind/srv-1")).toString(), QStringLiteral("smart"));
    }
};

QTEST_MAIN(TestUiRelayKind)
#include "test_ui_relay_kind.moc"
