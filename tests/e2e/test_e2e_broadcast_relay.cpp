// Tenfour through a dumb broadcast relay (docs/compatibility.md), end to end: the real
// tenfour-cli processes through tests/fixtures/broadcast-relay/broadcast-relay.js, in both modes:
//   ratchet - binary re-sent as text, HTTP 426 to any subprotocol, no pings (the PHP Ratchet
//             tutorial relay);
//   binary  - a binary-preserving Node `ws` forward-to-all-others relay.
// Speech sent by one client is recorded by two others; two sends started at the same moment end
// with exactly one talker (the other exits 3, busy, as on a Tenfour relay); a client spamming
// garbage through the relay disturbs nobody.

#include "E2eProcess.h"
#include "SpeechCompare.h"
#include "engine/WavFile.h"

#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

using namespace tenfour::test;

namespace {

const QString kFixtureDir = QStringLiteral(TENFOUR_BROADCAST_RELAY_DIR);

QUrl startBroadcastRelay(QProcess &relay, const QString &mode)
{
    relay.setWorkingDirectory(kFixtureDir);
    relay.start(QStringLiteral("node"), {QStringLiteral("broadcast-relay.js"), QStringLiteral("--mode"), mode,
                                         QStringLiteral("--port"), QStringLiteral("0")});
    QByteArray out;
    if (!waitForOutput(relay, "listening on ", &out))
        return {};
    const QRegularExpressionMatch m =
        QRegularExpression(QStringLiteral("listening on (ws://\\S+)")).match(QString::fromUtf8(out));
    return m.hasMatch() ? QUrl(m.captured(1)) : QUrl();
}

QStringList cliArgs(const QUrl &url, const QString &name, const QStringList &rest)
{
    return QStringList{QStringLiteral("--server"),  url.toString(),        QStringLiteral("--name"), name,
                       QStringLiteral("--channel"), QStringLiteral("room")} +
           rest;
}

// Starts `tenfour-cli record` and waits until it records. (Its stderr is read only at the end:
// QVERIFY2 evaluates its message even when the check passes.)
bool startRecorder(QProcess &rec, const QUrl &url, const QString &name, const QString &file, double seconds)
{
    rec.start(cliPath(), cliArgs(url, name,
                                 {QStringLiteral("record"), file, QStringLiteral("--seconds"),
                                  QString::number(seconds, 'f', 2)}));
    QByteArray out;
    return waitForOutput(rec, "recording ", &out, 15000);
}

// Why a process did not come up: Qt's reason (it may not have started at all) and its stderr.
QString startFailure(QProcess &p)
{
    return QStringLiteral("%1 (state %2, exit %3): %4")
        .arg(p.errorString())
        .arg(int(p.state()))
        .arg(p.exitCode())
        .arg(QString::fromUtf8(p.readAllStandardError()));
}

struct Finished {
    int code = -1;
    QString err;
};

Finished waitFinished(QProcess &p, int ms)
{
    Finished f;
    if (!p.waitForFinished(ms)) {
        stopProcess(p);
        f.err = QStringLiteral("(timed out) ") + QString::fromUtf8(p.readAllStandardError());
        return f;
    }
    f.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    f.err = QString::fromUtf8(p.readAllStandardError());
    return f;
}

QString describe(const Finished &f)
{
    return QStringLiteral("exit %1: %2").arg(f.code).arg(f.err);
}

} // namespace

class TestE2eBroadcastRelay : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_speechA, m_speechB;
    std::vector<float> m_sentA, m_sentB;

    // Reads a recording and checks it against what was sent: the engine e2e test's bar.
    void checkRecording(const QString &file, const std::vector<float> &sent, double speechToleranceMs,
                        const QString &who)
    {
        tenfour::engine::WavFile wav;
        QString error;
        QVERIFY2(tenfour::engine::WavFile::read(file, wav, &error), qPrintable(error));
        QCOMPARE(wav.sampleRate, 48000);
        const SpeechMatch m = compareSpeech(sent, wav.toMono());
        qInfo().noquote() << who << m.describe();
        QVERIFY2(m.correlation >= 0.9, qPrintable(who + QLatin1Char(' ') + m.describe()));
        QVERIFY2(std::abs(m.recordedSpeechMs - m.sentSpeechMs) <= speechToleranceMs,
                 qPrintable(who + QLatin1Char(' ') + m.describe()));
        QVERIFY2(m.recordedPeakDb > -30.0, qPrintable(who + QLatin1Char(' ') + m.describe()));
    }

    double recordSeconds(const std::vector<float> &sent) const
    {
        // Whole 20 ms frames; room for the other processes to start (slower under ASan).
        return std::ceil(double(sent.size()) / 48000.0 * 2.0) / 2.0 + 3.0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFile::exists(kFixtureDir + QStringLiteral("/node_modules/ws/package.json")),
                 "run `npm ci` in tests/fixtures/broadcast-relay (scripts/test.sh does)");
        m_speechA = m_dir.filePath(QStringLiteral("a.wav"));
        m_speechB = m_dir.filePath(QStringLiteral("b.wav"));
        QString error;
        QVERIFY2(makeSpeech(m_speechA, QStringLiteral("Tenfour test. One, two, three. Over."), &error),
                 qPrintable(error));
        QVERIFY2(makeSpeech(m_speechB,
                            QStringLiteral("Broadcast relay check. Seven, eight, nine. Over and out."),
                            &error),
                 qPrintable(error));
        m_sentA = loadMono48k(m_speechA, &error);
        m_sentB = loadMono48k(m_speechB, &error);
        QVERIFY2(!m_sentA.empty() && !m_sentB.empty(), qPrintable(error));
    }

    void speechReachesEveryOtherClient_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("ratchet") << QStringLiteral("ratchet");
        QTest::newRow("binary") << QStringLiteral("binary");
    }
    void speechReachesEveryOtherClient()
    {
        QFETCH(QString, mode);
        QProcess relay;
        const QUrl url = startBroadcastRelay(relay, mode);
        QVERIFY2(url.isValid(), relay.readAllStandardError().constData());

        const double seconds = recordSeconds(m_sentA);
        const QString file1 = m_dir.filePath(mode + QStringLiteral("-rec1.wav"));
        const QString file2 = m_dir.filePath(mode + QStringLiteral("-rec2.wav"));
        QProcess rec1, rec2;
        if (!startRecorder(rec1, url, QStringLiteral("Rec1"), file1, seconds))
            QFAIL(qPrintable(startFailure(rec1)));
        if (!startRecorder(rec2, url, QStringLiteral("Rec2"), file2, seconds))
            QFAIL(qPrintable(startFailure(rec2)));

        QProcess send;
        send.start(cliPath(), cliArgs(url, QStringLiteral("Snd"), {QStringLiteral("send"), m_speechA}));
        const Finished s = waitFinished(send, 20000);
        QVERIFY2(s.code == 0, qPrintable(describe(s)));
        // Told once which kind of relay this is.
        QCOMPARE(s.err.count(QStringLiteral("relay: basic broadcast relay (no floor control)")), 1);

        const Finished r1 = waitFinished(rec1, int(seconds * 1000) + 15000);
        const Finished r2 = waitFinished(rec2, int(seconds * 1000) + 15000);
        stopProcess(relay);
        QVERIFY2(r1.code == 0, qPrintable(describe(r1)));
        QVERIFY2(r2.code == 0, qPrintable(describe(r2)));
        QVERIFY2(r1.err.contains(QLatin1String("relay: basic broadcast relay")), qPrintable(r1.err));
        QVERIFY2(!r1.err.contains(QLatin1String("connection lost")), qPrintable(r1.err));
        QVERIFY2(!r2.err.contains(QLatin1String("connection lost")), qPrintable(r2.err));
        checkRecording(file1, m_sentA, 60.0, QStringLiteral("Rec1"));
        checkRecording(file2, m_sentA, 60.0, QStringLiteral("Rec2"));
    }

    void collisionLeavesOneTalker_data() { speechReachesEveryOtherClient_data(); }
    void collisionLeavesOneTalker()
    {
        QFETCH(QString, mode);
        QProcess relay;
        const QUrl url = startBroadcastRelay(relay, mode);
        QVERIFY2(url.isValid(), relay.readAllStandardError().constData());

        const double seconds = recordSeconds(m_sentB);
        const QString file = m_dir.filePath(mode + QStringLiteral("-collision.wav"));
        QProcess rec;
        if (!startRecorder(rec, url, QStringLiteral("Rec"), file, seconds))
            QFAIL(qPrintable(startFailure(rec)));

        // Both at the same moment: each hears the recorder's announce at once, so both start
        // talking within a few ms of each other, well inside the collision window.
        QProcess sendA, sendB;
        sendA.start(cliPath(), cliArgs(url, QStringLiteral("Alice"), {QStringLiteral("send"), m_speechA}));
        sendB.start(cliPath(), cliArgs(url, QStringLiteral("Bob"), {QStringLiteral("send"), m_speechB}));
        const Finished a = waitFinished(sendA, 20000);
        const Finished b = waitFinished(sendB, 20000);
        const Finished r = waitFinished(rec, int(seconds * 1000) + 15000);
        stopProcess(relay);
        QVERIFY2(r.code == 0, qPrintable(describe(r)));

        // Exactly one talker: one send went through, the other was told busy (exit 3).
        QVERIFY2((a.code == 0 && b.code == 3) || (a.code == 3 && b.code == 0),
                 qPrintable(QStringLiteral("Alice: %1\nBob: %2").arg(describe(a), describe(b))));
        const bool aliceWon = a.code == 0;
        const Finished &loser = aliceWon ? b : a;
        QVERIFY2(loser.err.contains(QLatin1String("is busy")), qPrintable(describe(loser)));
        qInfo().noquote() << (aliceWon ? "Alice" : "Bob") << "won;" << loser.err.trimmed();
        // ... and the recording is the winner's speech alone, not a mix.
        checkRecording(file, aliceWon ? m_sentA : m_sentB, 100.0, QStringLiteral("Rec"));
    }

    void garbageSenderDisturbsNobody_data() { speechReachesEveryOtherClient_data(); }
    void garbageSenderDisturbsNobody()
    {
        QFETCH(QString, mode);
        QProcess relay;
        const QUrl url = startBroadcastRelay(relay, mode);
        QVERIFY2(url.isValid(), relay.readAllStandardError().constData());

        const double seconds = recordSeconds(m_sentA);
        const QString file = m_dir.filePath(mode + QStringLiteral("-garbage.wav"));
        QProcess rec;
        if (!startRecorder(rec, url, QStringLiteral("Rec"), file, seconds))
            QFAIL(qPrintable(startFailure(rec)));

        // Random binary through a Ratchet relay arrives as text that is not UTF-8, which every
        // RFC 6455 client must drop the connection for (see invalidUtf8ThroughRatchetRelay):
        // binary garbage that is valid UTF-8 there, random bytes on the binary relay.
        QProcess garbage;
        garbage.setWorkingDirectory(kFixtureDir);
        garbage.start(QStringLiteral("node"),
                      {QStringLiteral("garbage-sender.js"), QStringLiteral("--url"), url.toString(),
                       QStringLiteral("--seconds"), QString::number(seconds + 2.0),
                       QStringLiteral("--interval"), QStringLiteral("5"), QStringLiteral("--binary"),
                       mode == QLatin1String("ratchet") ? QStringLiteral("utf8") : QStringLiteral("random")});
        QByteArray gout;
        QVERIFY2(waitForOutput(garbage, "garbage: connected", &gout),
                 garbage.readAllStandardError().constData());
        QTest::qWait(500); // a flood is on before the talker comes

        QProcess send;
        send.start(cliPath(), cliArgs(url, QStringLiteral("Snd"), {QStringLiteral("send"), m_speechA}));
        const Finished s = waitFinished(send, 20000);
        const Finished r = waitFinished(rec, int(seconds * 1000) + 15000);
        garbage.waitForFinished(int(seconds * 1000) + 10000);
        gout += garbage.readAllStandardOutput();
        stopProcess(garbage);
        stopProcess(relay);
        qInfo().noquote() << gout.trimmed();
        QVERIFY2(s.code == 0, qPrintable(describe(s)));
        QVERIFY2(r.code == 0, qPrintable(describe(r)));
        QVERIFY2(!s.err.contains(QLatin1String("connection lost")), qPrintable(s.err));
        QVERIFY2(!r.err.contains(QLatin1String("connection lost")), qPrintable(r.err));
        const QRegularExpressionMatch sent =
            QRegularExpression(QStringLiteral("garbage: sent (\\d+)")).match(QString::fromUtf8(gout));
        QVERIFY2(sent.hasMatch() && sent.captured(1).toInt() > 500, gout.constData());
        checkRecording(file, m_sentA, 60.0, QStringLiteral("Rec"));
    }

    // What a Ratchet relay does to random binary cannot be survived on the same connection
    // (invalid UTF-8 in a text frame: close 1007, RFC 6455 8.1). The client reconnects as usual,
    // straight into broadcast mode, and the next transmission is recorded all the same.
    void invalidUtf8ThroughRatchetRelay()
    {
        QProcess relay;
        const QUrl url = startBroadcastRelay(relay, QStringLiteral("ratchet"));
        QVERIFY2(url.isValid(), relay.readAllStandardError().constData());
        const double seconds = recordSeconds(m_sentA) + 2.0;
        const QString file = m_dir.filePath(QStringLiteral("utf8-reconnect.wav"));
        QProcess rec;
        if (!startRecorder(rec, url, QStringLiteral("Rec"), file, seconds))
            QFAIL(qPrintable(startFailure(rec)));

        QProcess garbage;
        garbage.setWorkingDirectory(kFixtureDir);
        garbage.start(QStringLiteral("node"),
                      {QStringLiteral("garbage-sender.js"), QStringLiteral("--url"), url.toString(),
                       QStringLiteral("--seconds"), QStringLiteral("0.3"), QStringLiteral("--interval"),
                       QStringLiteral("20"), QStringLiteral("--binary"), QStringLiteral("random")});
        QVERIFY(garbage.waitForFinished(10000));
        QTest::qWait(1500); // the recorder's reconnect (backoff 0.5 s and jitter)

        QProcess send;
        send.start(cliPath(), cliArgs(url, QStringLiteral("Snd"), {QStringLiteral("send"), m_speechA}));
        const Finished s = waitFinished(send, 20000);
        const Finished r = waitFinished(rec, int(seconds * 1000) + 15000);
        stopProcess(relay);
        QVERIFY2(s.code == 0, qPrintable(describe(s)));
        QVERIFY2(r.code == 0, qPrintable(describe(r)));
        QVERIFY2(r.err.contains(QLatin1String("connection lost")), qPrintable(r.err));
        checkRecording(file, m_sentA, 60.0, QStringLiteral("Rec"));
    }
};

QTEST_GUILESS_MAIN(TestE2eBroadcastRelay)
#include "test_e2e_broadcast_relay.moc"
