// End to end through the real `tenfour` app under Xvfb: a per-channel key. The app is in channel
// A with F8 as its key and F9 bound to channel B. `xdotool keydown F9` must start a transmission
// that a `tenfour-cli record` in B hears and one in A does not; `keyup` ends it with an over, the
// app leaves B again (after the over), and F8 then talks in A: the app is back where it was.
// Observer RelaySessions in A and B see the presence and the talks. Needs scripts/test-env.sh.

#include "AppE2eSupport.h"

#include "net/RelaySession.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace app_e2e;

namespace {

constexpr double kRecordSeconds = 6.0;

// What one observer saw of the app in its channel, in order: "joined", "talk", "over:<reason>", "left".
struct Observer {
    tenfour::net::RelaySession session;
    QStringList events;
    QString channel;
    void open(QObject *ctx, const QString &url, const QString &name, const QString &ch)
    {
        channel = ch;
        QObject::connect(&session, &tenfour::net::RelaySession::memberJoined, ctx,
                         [this](const QString &c, const QString &, const QString &who) {
                             if (c == channel && who == QLatin1String("app"))
                                 events << QStringLiteral("joined");
                         });
        QObject::connect(&session, &tenfour::net::RelaySession::memberLeft, ctx,
                         [this](const QString &c, const QString &, const QString &who) {
                             if (c == channel && who == QLatin1String("app"))
                                 events << QStringLiteral("left");
                         });
        QObject::connect(&session, &tenfour::net::RelaySession::talkStarted, ctx,
                         [this](const QString &c, quint32 sid, const QString &, const QString &who) {
                             if (c == channel && who == QLatin1String("app")) {
                                 m_appSid = sid;
                                 events << QStringLiteral("talk");
                             }
                         });
        QObject::connect(&session, &tenfour::net::RelaySession::talkEnded, ctx,
                         [this](const QString &c, quint32 sid, const QString &reason) {
                             if (c == channel && sid == m_appSid)
                                 events << QStringLiteral("over:") + reason;
                         });
        tenfour::net::RelaySession::Options o;
        o.url = QUrl(url);
        o.name = name;
        session.open(o);
        session.join(ch);
    }
    int count(const QString &e) const { return int(events.count(e)); }

private:
    quint32 m_appSid = 0;
};

bool xdotool(const QString &what, const QString &key)
{
    return QProcess::execute(QStringLiteral("xdotool"), {what, key}) == 0;
}

} // namespace

class TestAppE2eChannelKey : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariable("TENFOUR_TEST_ENV") != QLatin1String("1") ||
            qEnvironmentVariableIsEmpty("TENFOUR_TEST_MIC_A_FIFO"))
            QSKIP("needs scripts/test-env.sh (PulseAudio with micA, a D-Bus session, Xvfb)");
        if (QStandardPaths::findExecutable(QStringLiteral("xdotool")).isEmpty())
            QFAIL("xdotool is missing (Debian package xdotool)");
        if (qEnvironmentVariableIsEmpty("DISPLAY"))
            QFAIL("DISPLAY is not set: scripts/test-env.sh starts Xvfb");
    }

    void channelKeyTalksInTheOtherChannelAndComesBack()
    {
        QTemporaryDir dir;
        dir.setAutoRemove(qEnvironmentVariableIsEmpty("TENFOUR_KEEP_TEST_FILES"));
        QVERIFY(dir.isValid());

        QProcess relay;
        QByteArray relayOut;
        const QUrl relayUrl = startRelay(relay, {}, &relayOut);
        QVERIFY2(!relayUrl.isEmpty(), relayOut.constData());
        const QString url = relayUrl.toString();
        const QString chanA = QStringLiteral("chan-a");
        const QString chanB = QStringLiteral("chan-b");

        QVERIFY2(writeProfile(dir, {{QStringLiteral("F9"), chanB}}), "cannot write the app's settings");

        Observer obsA, obsB;
        obsA.open(this, url, QStringLiteral("observer-a"), chanA);
        obsB.open(this, url, QStringLiteral("observer-b"), chanB);
        QTRY_VERIFY_WITH_TIMEOUT(obsA.session.isJoined(chanA) && obsB.session.isJoined(chanB), 5000);

        QProcess app;
        startApp(app, dir, QStringLiteral("tenfour-app-e2e-chankey"), QStringLiteral("xcb"), url, chanA);
        QVERIFY2(app.waitForStarted(5000), qPrintable(app.errorString()));
        // In A (and only there), with its global keys bound by then.
        QTRY_VERIFY_WITH_TIMEOUT(obsA.count(QStringLiteral("joined")) == 1, 10000);
        QTest::qWait(500);
        QVERIFY(obsB.events.isEmpty());

        ToneFeeder feeder(qEnvironmentVariable("TENFOUR_TEST_MIC_A_FIFO"));
        QVERIFY2(feeder.isOpen(), "cannot open micA's FIFO for writing");
        feeder.start();

        const QString wavA = dir.filePath(QStringLiteral("a.wav"));
        const QString wavB = dir.filePath(QStringLiteral("b.wav"));
        QProcess recA, recB;
        QByteArray recOut; // what the recorder being started printed
        const auto record = [&](QProcess &rec, const QString &name, const QString &ch, const QString &wav) {
            recOut.clear();
            return startRecorder(rec, url, name, ch, wav, kRecordSeconds, &recOut);
        };
        QVERIFY2(record(recB, QStringLiteral("rec-b"), chanB, wavB), recOut.constData());
        QVERIFY2(record(recA, QStringLiteral("rec-a"), chanA, wavA), recOut.constData());

        // Hold F9 from 1.5 s to 3.5 s of the recordings, the tone playing exactly meanwhile.
        QTest::qWait(1500);
        feeder.setTone(true);
        QVERIFY(xdotool(QStringLiteral("keydown"), QStringLiteral("F9")));
        QTest::qWait(2000);
        QVERIFY(xdotool(QStringLiteral("keyup"), QStringLiteral("F9")));
        feeder.setTone(false);
        // B: the app joined, talked, ended with an over, and left after it.
        QTRY_VERIFY_WITH_TIMEOUT(obsB.count(QStringLiteral("left")) == 1, 5000);
        QCOMPARE(obsB.events, (QStringList{"joined", "talk", "over:released", "left"}));
        // A: nothing happened there.
        QCOMPARE(obsA.events, QStringList{"joined"});

        QVERIFY2(recA.waitForFinished(int(kRecordSeconds * 1000) + 8000),
                 "tenfour-cli record (A) did not finish");
        QVERIFY2(recB.waitForFinished(int(kRecordSeconds * 1000) + 8000),
                 "tenfour-cli record (B) did not finish");
        QCOMPARE(recA.exitCode(), 0);
        QCOMPARE(recB.exitCode(), 0);

        // Back in A: the main key talks there, and nothing goes to B.
        feeder.setTone(true);
        QVERIFY(xdotool(QStringLiteral("keydown"), QStringLiteral("F8")));
        QTRY_VERIFY_WITH_TIMEOUT(obsA.count(QStringLiteral("talk")) == 1, 3000);
        QVERIFY(xdotool(QStringLiteral("keyup"), QStringLiteral("F8")));
        feeder.setTone(false);
        QTRY_VERIFY_WITH_TIMEOUT(obsA.count(QStringLiteral("over:released")) == 1, 3000);
        QCOMPARE(obsA.events, (QStringList{"joined", "talk", "over:released"}));
        QCOMPARE(obsB.events.size(), 4);

        stopProcess(app);
        obsA.session.close();
        obsB.session.close();
        stopProcess(relay);

        QString error;
        const Levels b = analyse(wavB, kRecordSeconds, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const Levels a = analyse(wavA, kRecordSeconds, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        qInfo("B: longest sound run %d frames, head peak %.1f dB, tail peak %.1f dB; A: peak %.1f dB",
              b.longestRun, b.headPeak, b.tailPeak, a.peak);
        QVERIFY2(b.longestRun >= 75, "the tone did not reach B for most of the 2 s talk");
        QVERIFY2(b.longestRun <= 125, "sound in B for longer than the talk (plus pre-roll and tail)");
        QVERIFY2(b.headPeak < -60.0, "sound in B before the key was pressed");
        QVERIFY2(b.tailPeak < -60.0, "sound in B after the key was released");
        QVERIFY2(a.peak < -60.0, "the channel key's talk was heard in A");
    }
};

QTEST_GUILESS_MAIN(TestAppE2eChannelKey)
#include "test_app_e2e_channel_key.moc"
