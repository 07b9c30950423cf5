// End to end on loopback: the real tenfour-relay, `tenfour-cli record` and `tenfour-cli send`
// as separate processes. What the recorder writes (its jitter buffer, decoder and PlayoutMixer,
// clocked in real time) must be the speech that was sent.

#include "E2eProcess.h"
#include "SpeechCompare.h"
#include "engine/WavFile.h"

#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

using namespace tenfour::test;

class TestE2eSendRecord : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void recordedSpeechMatchesSentSpeech()
    {
        QTemporaryDir dir;
        const QString speech = dir.filePath(QStringLiteral("speech.wav"));
        const QString recorded = dir.filePath(QStringLiteral("recorded.wav"));
        QString error;
        QVERIFY2(makeSpeech(speech, QStringLiteral("Tenfour test. One, two, three. Over."), &error),
                 qPrintable(error));
        const std::vector<float> sent = loadMono48k(speech, &error);
        QVERIFY2(!sent.empty(), qPrintable(error));
        const double sentSeconds = double(sent.size()) / 48000.0;
        QVERIFY2(sentSeconds > 2.0 && sentSeconds < 5.0, qPrintable(QString::number(sentSeconds)));

        QProcess relay;
        const QUrl url = startRelay(relay);
        QVERIFY2(url.isValid(), "tenfour-relay did not start");

        const double recordSeconds = std::ceil(sentSeconds * 2.0) / 2.0 + 1.5; // whole 20 ms frames
        QProcess rec;
        rec.start(cliPath(), {QStringLiteral("--server"), url.toString(), QStringLiteral("--name"),
                              QStringLiteral("Rec"), QStringLiteral("--channel"), QStringLiteral("e2e"),
                              QStringLiteral("record"), recorded, QStringLiteral("--seconds"),
                              QString::number(recordSeconds)});
        QByteArray recOut;
        QVERIFY2(waitForOutput(rec, "recording ", &recOut), rec.readAllStandardError().constData());

        QProcess send;
        QElapsedTimer sendTime;
        sendTime.start();
        send.start(cliPath(), {QStringLiteral("--server"), url.toString(), QStringLiteral("--name"),
                               QStringLiteral("Snd"), QStringLiteral("--channel"), QStringLiteral("e2e"),
                               QStringLiteral("send"), speech});
        QVERIFY(send.waitForFinished(int(sentSeconds * 1000) + 15000));
        const qint64 sendMs = sendTime.elapsed();
        QVERIFY2(send.exitStatus() == QProcess::NormalExit && send.exitCode() == 0,
                 send.readAllStandardError().constData());
        // Real time: the sender paced 20 ms frames, it did not burst the file out.
        QVERIFY2(sendMs >= sentSeconds * 1000 * 0.95, qPrintable(QString::number(sendMs)));

        QVERIFY(rec.waitForFinished(int(recordSeconds * 1000) + 15000));
        QVERIFY2(rec.exitStatus() == QProcess::NormalExit && rec.exitCode() == 0,
                 rec.readAllStandardError().constData());
        stopProcess(relay);

        tenfour::engine::WavFile wav;
        QVERIFY2(tenfour::engine::WavFile::read(recorded, wav, &error), qPrintable(error));
        QCOMPARE(wav.sampleRate, 48000);
        QCOMPARE(wav.channels, 1);
        QCOMPARE(wav.frames(), qint64(std::llround(recordSeconds * 50)) * 960); // silence included
        const SpeechMatch m = compareSpeech(sent, wav.toMono());
        qInfo().noquote() << "send/record:" << m.describe() << "; send took" << sendMs << "ms";
        QVERIFY2(m.correlation >= 0.9, qPrintable(m.describe()));
        QVERIFY2(std::abs(m.recordedSpeechMs - m.sentSpeechMs) <= 60.0, qPrintable(m.describe()));
        QVERIFY2(m.recordedPeakDb > -30.0, qPrintable(m.describe()));
    }
};

QTEST_GUILESS_MAIN(TestE2eSendRecord)
#include "test_e2e_send_record.moc"
