// End to end through the real `tenfour` app: its microphone (the test PulseAudio's pipe source
// micA, fed a tone in real time) must reach `tenfour-cli record` on the same channel while the
// PTT is held, and nothing while it is not. TENFOUR_APP_E2E_MODE picks the PTT: "dbus"
// (dbus-send to org.tenfour.Tenfour /PushToTalk) or "x11" (the global key F8 under Xvfb, pressed
// with xdotool). An observer RelaySession in this process checks the transmission starts and
// ends (talkStarted/talkEnded from the app's name). Needs scripts/test-env.sh.

#include "AppE2eSupport.h"

#include "net/RelaySession.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace app_e2e;

namespace {

constexpr double kRecordSeconds = 6.0;

} // namespace

class TestAppE2e : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_mode = qEnvironmentVariable("TENFOUR_APP_E2E_MODE", QStringLiteral("dbus"));
        if (qEnvironmentVariable("TENFOUR_TEST_ENV") != QLatin1String("1") ||
            qEnvironmentVariableIsEmpty("TENFOUR_TEST_MIC_A_FIFO"))
            QSKIP("needs scripts/test-env.sh (PulseAudio with micA, a D-Bus session, Xvfb)");
        const QString tool =
            m_mode == QLatin1String("x11") ? QStringLiteral("xdotool") : QStringLiteral("dbus-send");
        if (QStandardPaths::findExecutable(tool).isEmpty())
            QFAIL(qPrintable(QStringLiteral("%1 is missing (Debian package %2)")
                                 .arg(tool, m_mode == QLatin1String("x11") ? QStringLiteral("xdotool")
                                                                           : QStringLiteral("dbus"))));
        if (m_mode == QLatin1String("x11") && qEnvironmentVariableIsEmpty("DISPLAY"))
            QFAIL("DISPLAY is not set: scripts/test-env.sh starts Xvfb");
    }

    void micReachesRecorderWhileTalking()
    {
        QTemporaryDir dir;
        dir.setAutoRemove(qEnvironmentVariableIsEmpty("TENFOUR_KEEP_TEST_FILES"));
        QVERIFY(dir.isValid());
        const bool x11 = m_mode == QLatin1String("x11");

        QProcess relay;
        QByteArray relayOut;
        const QUrl relayUrl = startRelay(relay, {}, &relayOut);
        QVERIFY2(!relayUrl.isEmpty(), relayOut.constData());
        const QString url = relayUrl.toString();
        const QString channel = QStringLiteral("app-e2e");

        // A clean profile: no first-run guide, F8 as the PTT key, nothing else saved.
        QVERIFY2(writeProfile(dir), "cannot write the app's settings");

        // The observer: sees the app's transmission start and end.
        tenfour::net::RelaySession observer;
        int started = 0, ended = 0;
        connect(&observer, &tenfour::net::RelaySession::talkStarted, this,
                [&](const QString &, quint32 sid, const QString &, const QString &name) {
                    qInfo("talk started: sid %u by %s", sid, qPrintable(name));
                    if (name == QLatin1String("app"))
                        ++started;
                });
        connect(&observer, &tenfour::net::RelaySession::talkEnded, this,
                [&](const QString &, quint32 sid, const QString &reason) {
                    qInfo("talk ended: sid %u (%s)", sid, qPrintable(reason));
                    ++ended;
                });
        tenfour::net::RelaySession::Options o;
        o.url = QUrl(url);
        o.name = QStringLiteral("observer");
        observer.open(o);
        observer.join(channel);

        QProcess app;
        startApp(app, dir, QStringLiteral("tenfour-app-e2e-%1").arg(m_mode),
                 x11 ? QStringLiteral("xcb") : QStringLiteral("offscreen"), url, channel);
        QVERIFY2(app.waitForStarted(5000), qPrintable(app.errorString()));

        // The app is ready when its D-Bus service answers (in both modes: it comes up with the rest).
        QElapsedTimer t;
        t.start();
        bool up = false;
        while (!up && t.elapsed() < 8000 && app.state() == QProcess::Running) {
            up = QProcess::execute(QStringLiteral("dbus-send"),
                                   {QStringLiteral("--session"), QStringLiteral("--print-reply"),
                                    QStringLiteral("--dest=org.tenfour.Tenfour"),
                                    QStringLiteral("/PushToTalk"),
                                    QStringLiteral("org.freedesktop.DBus.Peer.Ping")}) == 0;
            if (!up)
                QTest::qWait(100);
        }
        QVERIFY2(up, "the app never published org.tenfour.Tenfour on the session bus");

        ToneFeeder feeder(qEnvironmentVariable("TENFOUR_TEST_MIC_A_FIFO"));
        QVERIFY2(feeder.isOpen(), "cannot open micA's FIFO for writing");
        feeder.start();

        const QString wav = dir.filePath(QStringLiteral("out.wav"));
        QProcess rec;
        QByteArray recOut;
        QVERIFY2(startRecorder(rec, url, QStringLiteral("rec"), channel, wav, kRecordSeconds, &recOut),
                 recOut.constData());
        QTRY_VERIFY_WITH_TIMEOUT(observer.isJoined(channel), 5000);

        // Talk from 1.5 s to 3.5 s of the recording; the tone plays exactly while the key is held.
        QTest::qWait(1500);
        feeder.setTone(true);
        press(true);
        QTest::qWait(2000);
        press(false);
        feeder.setTone(false);
        QTRY_COMPARE_WITH_TIMEOUT(ended, 1, 3000);
        QCOMPARE(started, 1);

        QVERIFY2(rec.waitForFinished(int(kRecordSeconds * 1000) + 8000), "tenfour-cli record did not finish");
        QCOMPARE(rec.exitCode(), 0);
        stopProcess(app);
        observer.close();
        stopProcess(relay);

        QString error;
        const Levels l = analyse(wav, kRecordSeconds, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        qInfo("longest sound run %d frames, head peak %.1f dB, tail peak %.1f dB", l.longestRun, l.headPeak,
              l.tailPeak);
        QVERIFY2(l.longestRun >= 75, "the tone did not come through for most of the 2 s talk");
        QVERIFY2(l.longestRun <= 125, "sound for longer than the talk (plus pre-roll and tail)");
        QVERIFY2(l.headPeak < -60.0, "sound before the PTT was pressed");
        QVERIFY2(l.tailPeak < -60.0, "sound after the PTT was released");
    }

private:
    void press(bool down)
    {
        int rc = -1;
        if (m_mode == QLatin1String("x11")) {
            rc = QProcess::execute(
                QStringLiteral("xdotool"),
                {down ? QStringLiteral("keydown") : QStringLiteral("keyup"), QStringLiteral("F8")});
        } else {
            rc = QProcess::execute(QStringLiteral("dbus-send"),
                                   {QStringLiteral("--session"), QStringLiteral("--print-reply"),
                                    QStringLiteral("--dest=org.tenfour.Tenfour"),
                                    QStringLiteral("/PushToTalk"),
                                    down ? QStringLiteral("org.tenfour.PushToTalk.StartTalking")
                                         : QStringLiteral("org.tenfour.PushToTalk.StopTalking")});
        }
        QCOMPARE(rc, 0);
    }

    QString m_mode;
};

QTEST_GUILESS_MAIN(TestAppE2e)
#include "test_app_e2e.moc"
