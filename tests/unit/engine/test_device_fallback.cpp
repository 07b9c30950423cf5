// Device choice against the real test PulseAudio (label "audio"): a sink that appears is
// noticed by polling, the engine plays on the chosen sink, falls back to another when it
// disappears (and says so), and returns to it when it comes back.

#include "device/DeviceCatalog.h"
#include "device/DeviceWatcher.h"
#include "engine/VoiceEngine.h"
#include "net/RelaySession.h"

#include <QProcess>
#include <QSignalSpy>
#include <QtTest>

using namespace tenfour;

namespace {

QString pactl(const QStringList &args, bool *ok)
{
    QProcess p;
    p.start(QStringLiteral("pactl"), args);
    *ok = p.waitForFinished(5000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

const QString kSink = QStringLiteral("tenfourFallbackSink");

} // namespace

class TestDeviceFallback : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        bool ok = false;
        const QString sinks =
            pactl({QStringLiteral("list"), QStringLiteral("short"), QStringLiteral("sinks")}, &ok);
        if (!ok || !sinks.contains(QLatin1String("spkA"))) {
            const QString why =
                QStringLiteral("no test PulseAudio (sink spkA) reachable; run under scripts/test-env.sh");
            if (qEnvironmentVariable("TENFOUR_REQUIRE_AUDIO") == QLatin1String("1"))
                QFAIL(qPrintable(QStringLiteral("TENFOUR_REQUIRE_AUDIO=1 but ") + why));
            QSKIP(qPrintable(why));
        }
    }

    void cleanup() { unloadSink(); }

    void watcherSeesASinkComeAndGo()
    {
        device::DeviceWatcher watcher;
        watcher.setInterval(100);
        watcher.start();
        QSignalSpy added(&watcher, &device::DeviceWatcher::deviceAdded);
        QSignalSpy removed(&watcher, &device::DeviceWatcher::deviceRemoved);
        QVERIFY(loadSink());
        QVERIFY(QTest::qWaitFor([&] { return added.count() >= 1; }, 5000));
        QCOMPARE(added.last().at(0).value<QAudioDevice::Mode>(), QAudioDevice::Output);
        QCOMPARE(added.last().at(1).toByteArray(), kSink.toUtf8());
        QVERIFY(watcher.outputIds().contains(kSink.toUtf8()));
        unloadSink();
        QVERIFY(QTest::qWaitFor([&] { return removed.count() >= 1; }, 5000));
        QCOMPARE(removed.last().at(1).toByteArray(), kSink.toUtf8());
    }

    void engineFallsBackAndReturns()
    {
        QVERIFY(loadSink());
        QVERIFY(QTest::qWaitFor(
            [] { return !device::DeviceCatalog::byId(QAudioDevice::Output, kSink.toUtf8()).isNull(); },
            5000));
        net::RelaySession session; // never opened: this test is about devices only
        engine::VoiceEngine::Config cfg;
        cfg.capture = false;
        cfg.outputDevice = kSink; // chosen by id
        cfg.devicePollMs = 100;
        engine::VoiceEngine engine(&session, cfg);
        QSignalSpy opened(&engine, &engine::VoiceEngine::outputOpened);
        QSignalSpy notices(&engine, &engine::VoiceEngine::deviceNotice);
        engine.start();
        QVERIFY(QTest::qWaitFor([&] { return opened.count() == 1; }, 5000));
        QCOMPARE(opened.at(0).at(0).toByteArray(), kSink.toUtf8());
        QVERIFY(QTest::qWaitFor([&] { return engine.samplesPlayed() > 4800; }, 5000)); // it plays

        unloadSink();
        QVERIFY(QTest::qWaitFor([&] { return opened.count() == 2; }, 5000));
        QVERIFY(opened.at(1).at(0).toByteArray() != kSink.toUtf8());
        QVERIFY(!notices.isEmpty());
        QVERIFY2(notices.first().at(0).toString().contains(QLatin1String("disappeared")),
                 qPrintable(notices.first().at(0).toString()));
        const quint64 before = engine.samplesPlayed();
        QVERIFY(
            QTest::qWaitFor([&] { return engine.samplesPlayed() > before + 4800; }, 5000)); // still playing

        QVERIFY(loadSink());
        QVERIFY(QTest::qWaitFor([&] { return opened.count() == 3; }, 5000));
        QCOMPARE(opened.at(2).at(0).toByteArray(), kSink.toUtf8());
        QVERIFY(notices.last().at(0).toString().contains(QLatin1String("back")));
        engine.stop();
    }

private:
    bool loadSink()
    {
        bool ok = false;
        m_module = pactl({QStringLiteral("load-module"), QStringLiteral("module-null-sink"),
                          QStringLiteral("sink_name=") + kSink, QStringLiteral("rate=48000"),
                          QStringLiteral("channels=1")},
                         &ok);
        return ok && !m_module.isEmpty();
    }
    void unloadSink()
    {
        if (m_module.isEmpty())
            return;
        bool ok = false;
        pactl({QStringLiteral("unload-module"), m_module}, &ok); // by index: only the module we loaded
        m_module.clear();
    }

    QString m_module;
};

QTEST_GUILESS_MAIN(TestDeviceFallback)
#include "test_device_fallback.moc"
