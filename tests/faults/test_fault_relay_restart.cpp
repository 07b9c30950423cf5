// Fault: the relay is SIGKILLed while two clients are in a channel and one is talking, then
// started again on the same port. Clients: the talker is the engine in-process (RelaySession,
// Transmitter, Uplink fed by a paced WAV, as `tenfour-cli send` does), the listener a real
// `tenfour-cli record` process, and an in-process observer session that reports what a
// listener's session and the relay itself think. Checks:
//  - the talker's transmission ends at once ("disconnected"), nothing stays "talking": the
//    uplink, the observer's view of the talker, and the relay's (after the restart, the channel
//    has no talker and a new `talk` is granted, not "busy");
//  - everybody is back in the channel within 2 s of the relay listening again;
//  - the next transmission works: the recorder records the new speech.

#include "FaultUtil.h"
#include "SpeechCompare.h"
#include "engine/PacedFileSource.h"
#include "engine/Transmitter.h"
#include "engine/Uplink.h"
#include "engine/WavFile.h"
#include "net/RelaySession.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace tenfour;
using namespace tenfour::test;

namespace {

const QString kChannel = QStringLiteral("faults");
constexpr qint64 kRejoinWithinMs = 2000;

net::RelaySession::Options sessionOptions(const QUrl &url, const QString &name)
{
    net::RelaySession::Options o;
    o.url = url;
    o.name = name;
    return o; // the production backoff, pings and timeouts
}

} // namespace

class TestFaultRelayRestart : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void killedRelayComesBackAndTalkResumes()
    {
        QTemporaryDir dir;
        const QString speech1 = dir.filePath(QStringLiteral("speech1.wav"));
        const QString speech2 = dir.filePath(QStringLiteral("speech2.wav"));
        const QString recorded = dir.filePath(QStringLiteral("recorded.wav"));
        QString error;
        QVERIFY2(makeSpeech(speech1,
                            QStringLiteral("One, two, three, four, five, six, seven, eight, nine, ten."),
                            &error),
                 qPrintable(error));
        QVERIFY2(makeSpeech(speech2, QStringLiteral("The relay is back. Tenfour, over."), &error),
                 qPrintable(error));

        QElapsedTimer clock;
        clock.start();
        QProcess relay;
        const QUrl url = startRelayAt(relay, 0);
        QVERIFY2(url.isValid(), "tenfour-relay did not start");
        const int port = url.port();

        // The listener: a real tenfour-cli recording the channel (its recording goes on
        // across reconnects).
        QProcess rec;
        rec.start(cliPath(),
                  {QStringLiteral("--server"), url.toString(), QStringLiteral("--name"),
                   QStringLiteral("Rec"), QStringLiteral("--channel"), kChannel, QStringLiteral("record"),
                   recorded, QStringLiteral("--seconds"), QStringLiteral("16")});
        StderrLines recErr(rec, clock);
        QByteArray recOut;
        QVERIFY2(waitFor([&] { return (recOut += rec.readAllStandardOutput()).contains("recording "); },
                         10000, {&recErr}),
                 qPrintable(recErr.all()));
        const qint64 recStartMs = clock.elapsed();

        // The talker, in-process.
        net::RelaySession talker;
        engine::Transmitter::Config tc;
        tc.preRollMs = 0;
        tc.tailMs = 0;
        engine::Transmitter tx(tc);
        engine::Uplink uplink(&tx, &talker);
        uplink.setChannel(kChannel);
        engine::PacedFileSource source;
        QSignalSpy talkerJoined(&talker, &net::RelaySession::joined);
        QSignalSpy granted(&uplink, &engine::Uplink::talkGranted);
        QSignalSpy ended(&uplink, &engine::Uplink::talkEnded);
        talker.open(sessionOptions(url, QStringLiteral("Talker")));
        talker.join(kChannel);

        // The observer: what a listener's session believes.
        net::RelaySession observer;
        QSignalSpy observerJoined(&observer, &net::RelaySession::joined);
        QSignalSpy observerTalkStarted(&observer, &net::RelaySession::talkStarted);
        QSignalSpy observerTalkEnded(&observer, &net::RelaySession::talkEnded);
        observer.open(sessionOptions(url, QStringLiteral("Observer")));
        observer.join(kChannel);
        QVERIFY(waitFor([&] { return talkerJoined.count() == 1 && observerJoined.count() == 1; }, 5000,
                        {&recErr}));

        // Talk, and kill the relay in the middle of it.
        QVERIFY2(source.load(speech1, &error), qPrintable(error));
        tx.start();
        source.start(tx.queue());
        QVERIFY(waitFor([&] { return granted.count() == 1 && observerTalkStarted.count() == 1; }, 3000,
                        {&recErr}));
        waitFor([] { return false; }, 1000, {&recErr}); // a second of speech
        QVERIFY(uplink.isTalking());
        QVERIFY(signalProcess(relay, SIGKILL));
        QVERIFY(relay.waitForFinished(3000));
        const qint64 killedMs = clock.elapsed();

        // The transmission ends at once, on both sides, and the user is told.
        QVERIFY2(
            waitFor([&] { return ended.count() == 1 && observerTalkEnded.count() == 1; }, 1000, {&recErr}),
            "the transmission did not end when the relay died");
        QCOMPARE(ended.at(0).at(2).toString(), QStringLiteral("disconnected"));
        QCOMPARE(observerTalkEnded.at(0).at(2).toString(), QStringLiteral("disconnected"));
        QVERIFY(!uplink.isTalking());
        QVERIFY(talker.state() == net::RelaySession::State::Reconnecting ||
                talker.state() == net::RelaySession::State::Connecting);
        QVERIFY2(
            waitFor([&] { return recErr.count(QStringLiteral("connection lost")) >= 1; }, 1000, {&recErr}),
            qPrintable(recErr.all()));

        // Three seconds of outage: long enough for the backoff to have grown, and for the rest
        // of the first speech to play into nowhere (the uplink drops it until the release).
        waitFor([] { return false; }, 3000, {&recErr});
        QVERIFY2(waitFor([&] { return !tx.transmitting() && !source.running(); }, 5000, {&recErr}),
                 "the transmitter still transmits after the end of its input");
        QVERIFY(!uplink.isTalking());

        QProcess relay2;
        const QUrl url2 = startRelayAt(relay2, port);
        QVERIFY2(url2 == url,
                 qPrintable(QStringLiteral("restart on the same port failed: %1 / %2")
                                .arg(url2.toString(), QString::fromUtf8(relay2.readAllStandardError()))));
        const qint64 backMs = clock.elapsed();
        qInfo().noquote()
            << QStringLiteral("relay killed at %1 ms, listening again at %2 ms").arg(killedMs).arg(backMs);
        QVERIFY2(waitFor(
                     [&] {
                         return talkerJoined.count() == 2 && observerJoined.count() == 2 &&
                                recErr.count(QStringLiteral("joined channel")) >= 2;
                     },
                     5000, {&recErr}),
                 qPrintable(recErr.all()));
        const qint64 talkerBackMs = clock.elapsed(); // upper bound for the in-process sessions
        const qint64 recBackMs = recErr.timeOf(QStringLiteral("joined channel"), 1);
        qInfo().noquote() << QStringLiteral("relay killed at %1 ms, listening again at %2 ms; rejoined: "
                                            "in-process sessions by %3 ms, tenfour-cli record at %4 ms")
                                 .arg(killedMs)
                                 .arg(backMs)
                                 .arg(talkerBackMs)
                                 .arg(recBackMs);
        QVERIFY2(talkerBackMs - backMs <= kRejoinWithinMs,
                 qPrintable(QString::number(talkerBackMs - backMs)));
        QVERIFY2(recBackMs - backMs <= kRejoinWithinMs, qPrintable(recErr.all()));

        // The relay's view after the restart: nobody holds the floor of the channel.
        const QJsonObject lastJoinTalker = observerJoined.last().at(2).toJsonObject();
        QVERIFY2(lastJoinTalker.isEmpty(), "the relay reports a talker after the restart");

        // The next transmission: granted (not "busy"), heard by the recorder.
        QVERIFY2(source.load(speech2, &error), qPrintable(error));
        const qint64 speech2Ms = clock.elapsed();
        source.start(tx.queue());
        QVERIFY2(waitFor([&] { return granted.count() == 2; }, 3000, {&recErr}),
                 "the next talk was not granted");
        QVERIFY(waitFor([&] { return observerTalkStarted.count() == 2; }, 2000, {&recErr}));
        QVERIFY2(waitFor([&] { return ended.count() == 2; }, 10000, {&recErr}),
                 "the next transmission did not end");
        QCOMPARE(ended.at(1).at(2).toString(), QStringLiteral("released"));
        QVERIFY(waitFor([&] { return observerTalkEnded.count() == 2; }, 2000, {&recErr}));
        QCOMPARE(observerTalkEnded.at(1).at(2).toString(), QStringLiteral("released"));
        tx.stop();

        QVERIFY(waitFor([&] { return rec.state() == QProcess::NotRunning; }, 20000, {&recErr}));
        QVERIFY2(rec.exitStatus() == QProcess::NormalExit && rec.exitCode() == 0, qPrintable(recErr.all()));
        talker.close();
        observer.close();
        stopProcess(relay2);

        // The recording from just before the second speech on must hold that speech.
        engine::WavFile wav;
        QVERIFY2(engine::WavFile::read(recorded, wav, &error), qPrintable(error));
        std::vector<float> all = wav.toMono();
        const qint64 from = std::max<qint64>(0, (speech2Ms - recStartMs - 500) * 48);
        QVERIFY2(from < qint64(all.size()), "the recording ended before the second speech");
        const std::vector<float> tail(all.begin() + from, all.end());
        const std::vector<float> sent = loadMono48k(speech2, &error);
        const SpeechMatch m = compareSpeech(sent, tail);
        qInfo().noquote() << "after the restart:" << m.describe();
        QVERIFY2(m.correlation >= 0.85, qPrintable(m.describe()));
        QVERIFY2(m.recordedPeakDb > -30.0, qPrintable(m.describe()));
    }
};

QTEST_GUILESS_MAIN(TestFaultRelayRestart)
#include "test_fault_relay_restart.moc"
