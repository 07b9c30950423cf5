// The Transmitter's capture processing on its real worker thread: voice activation starts and
// ends a transmission like the key (with the pre-roll ahead of the first loud frame), stays
// quiet when off; input gain shows in the level after processing; live setters take effect.

#include "PushPaced.h"
#include "TransmitterSignals.h"

#include "engine/Transmitter.h"

#include <QSignalSpy>
#include <QtTest>
#include <cmath>

using tenfour::device::CaptureFrame;
using tenfour::engine::Transmitter;

namespace {

CaptureFrame frame(int index, double amplitude)
{
    CaptureFrame f;
    f.captureUs = qint64(index) * 20000;
    for (int i = 0; i < 960; ++i)
        f.samples[i] =
            qint16(std::lround(amplitude * std::sin(2 * M_PI * 300.0 * (index * 960 + i) / 48000.0)));
    return f;
}

// 20 quiet frames (-66 dBFS), 25 loud ones (-13 dBFS), 40 quiet ones.
void pushScene(Transmitter &tx)
{
    int i = 0;
    for (; i < 20; ++i)
        pushPaced(tx, frame(i, 20.0));
    for (; i < 45; ++i)
        pushPaced(tx, frame(i, 8000.0));
    for (; i < 85; ++i)
        pushPaced(tx, frame(i, 20.0));
}

} // namespace

class TestTransmitterProcessing : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void voiceActivationTransmitsLikeAKey()
    {
        Transmitter::Config cfg;
        cfg.preRollMs = 100;
        cfg.tailMs = 0;
        cfg.voiceActivation = true;
        cfg.voiceThresholdDb = -30;
        Transmitter tx(cfg);
        TransmitterSignals sig(&tx);
        QSignalSpy started(&sig, &TransmitterSignals::transmissionStarted);
        QSignalSpy packets(&sig, &TransmitterSignals::packetReady);
        QSignalSpy ended(&sig, &TransmitterSignals::transmissionEnded);
        tx.start();
        pushScene(tx);
        QVERIFY(QTest::qWaitFor([&] { return tx.framesProcessed() == 85; }, 5000));
        QVERIFY(QTest::qWaitFor([&] { return ended.count() == 1; }, 5000));
        QCOMPARE(started.count(), 1);
        // The pre-roll (5 frames) comes before the first loud frame (capture time 400 ms).
        QCOMPARE(packets.first().at(2).toLongLong(), qint64(15) * 20000);
        // Loud frames, pre-roll and the VAD's hangover (400 ms = 20 frames) went out; not the rest.
        QVERIFY2(packets.count() >= 25 + 5 && packets.count() <= 25 + 5 + 21,
                 qPrintable(QString::number(packets.count())));
        tx.stop();
    }

    void withoutVoiceActivationNothingGoesOut()
    {
        Transmitter::Config cfg;
        cfg.voiceThresholdDb = -30;
        Transmitter tx(cfg);
        QVERIFY(!tx.voiceActivation());
        TransmitterSignals sig(&tx);
        QSignalSpy started(&sig, &TransmitterSignals::transmissionStarted);
        tx.start();
        pushScene(tx);
        QVERIFY(QTest::qWaitFor([&] { return tx.framesProcessed() == 85; }, 5000));
        QTest::qWait(50);
        QCOMPARE(started.count(), 0);
        tx.stop();
    }

    void levelIsMeasuredAfterProcessing()
    {
        Transmitter tx; // processing off by default: bit-exact
        const auto p = tx.processing();
        QVERIFY(!p.noiseSuppression && !p.autoGain && p.inputGainDb == 0);
        QVERIFY(tx.processingAvailable());
        tx.start();
        pushPaced(tx, frame(0, 4000.0));
        QVERIFY(QTest::qWaitFor([&] { return tx.framesProcessed() == 1; }, 5000));
        QVERIFY(std::abs(tx.processedPeak() - 4000.0f / 32768.0f) < 0.001f);
        tx.setInputGainDb(6); // live, from another thread
        QCOMPARE(tx.processing().inputGainDb, 6);
        pushPaced(tx, frame(1, 4000.0));
        QVERIFY(QTest::qWaitFor([&] { return tx.framesProcessed() == 2; }, 5000));
        QVERIFY2(std::abs(tx.processedPeak() - 7981.0f / 32768.0f) < 0.002f,
                 qPrintable(QString::number(tx.processedPeak())));
        QVERIFY(tx.processedLevelDb() > -16.0f && tx.processedLevelDb() < -12.0f);
        tx.setVoiceThresholdDb(-25);
        QCOMPARE(tx.voiceThresholdDb(), -25);
        tx.stop();
    }
};

QTEST_GUILESS_MAIN(TestTransmitterProcessing)
#include "test_transmitter_processing.moc"
