// First start, for real: nothing configured, the app assembled as main() does it with the real
// engine (EngineVoiceBackend, the test PulseAudio's devices) and a real relay in this process
// as "This computer". The user lands in the echo channel of that relay, connected, and the
// push-to-talk button takes the echo channel's floor and gives it back.

#include "relay/RelayServer.h"
#include "ui/AppController.h"
#include "ui/EngineVoiceBackend.h"
#include "ui/ServerTreeModel.h"
#include "ui/SessionManager.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <fcntl.h>
#include <unistd.h>

using namespace tenfour::ui;

class TestUiFirstStart : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void landsInTheEchoChannelOfThisComputer()
    {
        // The default microphone is the test PulseAudio's pipe source micA: it delivers only
        // what is written into its FIFO, so keep it fed with silence in real time (the gate
        // starts a transmission on a captured frame).
        const int mic = ::open(qgetenv("TENFOUR_TEST_MIC_A_FIFO").constData(), O_WRONLY | O_NONBLOCK);
        QVERIFY2(mic >= 0, "run under scripts/test-env.sh (micA's FIFO)");
        const auto closeMic = qScopeGuard([mic] { ::close(mic); });
        QTimer feeder;
        QObject::connect(&feeder, &QTimer::timeout, [mic] {
            static const char silence[1920] = {};
            [[maybe_unused]] const ssize_t n = ::write(mic, silence, sizeof silence); // full: dropped
        });
        feeder.setTimerType(Qt::PreciseTimer);
        feeder.start(20);

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        tenfour::relay::RelayServer relay{tenfour::relay::RelayConfig{}};
        QString error;
        QVERIFY2(relay.listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));

        QSettings settings(dir.filePath(QStringLiteral("tenfour.ini")), QSettings::IniFormat); // empty
        EngineVoiceBackend backend;
        AppController::Options options;
        options.instanceName =
            QStringLiteral("tenfour-test-first-%1").arg(QCoreApplication::applicationPid());
        options.embeddedUrl = relay.url();
        AppController app(&backend, &settings, CommandLine(), options);
        QVERIFY(app.claimInstance());

        const QList<ServerConfig> servers = app.effectiveServers();
        QCOMPARE(servers.size(), 1);
        QCOMPARE(servers.first().id, AppController::embeddedServerId());
        QCOMPARE(servers.first().url, relay.url());

        app.start(false);
        SessionManager *sessions = app.sessions();
        const QString here = AppController::embeddedServerId();
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         return sessions->currentChannel() == QLatin1String("echo") &&
                                sessions->tree()->isJoined(here, QStringLiteral("echo"));
                     },
                     10000),
                 qPrintable(sessions->currentChannel()));
        QCOMPARE(sessions->currentServer(), AppController::embeddedServerId());
        QCOMPARE(relay.stats().connections, 1);

        // The big button: press takes the echo channel's floor on the relay, release ends it.
        sessions->pttPress();
        QVERIFY(QTest::qWaitFor([&] { return sessions->isTransmitting(); }, 5000));
        QVERIFY(QTest::qWaitFor([&] { return relay.stats().talkers == 1; }, 5000));
        sessions->pttRelease();
        QVERIFY(QTest::qWaitFor([&] { return !sessions->isTransmitting(); }, 5000));
        QVERIFY(QTest::qWaitFor([&] { return relay.stats().talkers == 0; }, 5000));
    }
};

QTEST_MAIN(TestUiFirstStart)
#include "test_ui_first_start.moc"
