#include "PushPaced.h"
#include "TransmitterSignals.h"

#include "codec/OpusDecoder.h"
#include "engine/Transmitter.h"

#include <QSignalSpy>
#include <QtTest>
#include <cmath>

using tenfour::device::CaptureFrame;
using tenfour::engine::Transmitter;

namespace {

CaptureFrame toneFrame(int index, bool pressed, double amplitude = 8000.0)
{
    CaptureFrame f;
    f.pressed = pressed;
    f.captureUs = qint64(index) * 20000;
    for (int i = 0; i < 960; ++i)
        f.samples[i] =
            qint16(std::lround(amplitude * std::sin(2 * M_PI * 440.0 * (index * 960 + i) / 48000.0)));
    return f;
}

// Waits until the worker has taken `n` frames in total (it runs on its own thread).
bool waitProcessed(const Transmitter &tx, quint64 n)
{
    return QTest::qWaitFor([&] { return tx.framesProcessed() >= n; }, 5000);
}

} // namespace

class TestTransmitter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void scriptedTransmissionHasConsecutiveSeqAndDecodes()
    {
        Transmitter::Config cfg;
        cfg.tailMs = 0;
        Transmitter tx(cfg);
        TransmitterSignals sig(&tx);
        QSignalSpy started(&sig, &TransmitterSignals::transmissionStarted);
        QSignalSpy packets(&sig, &TransmitterSignals::packetReady);
        QSignalSpy ended(&sig, &TransmitterSignals::transmissionEnded);
        tx.start();
        constexpr int kFrames = 25;
        for (int i = 0; i < kFrames; ++i)
            pushPaced(tx, toneFrame(i, true));
        pushPaced(tx, toneFrame(kFrames, false)); // the release: ends it, not sent
        QVERIFY(QTest::qWaitFor([&] { return ended.count() == 1; }, 5000));
        QCOMPARE(started.count(), 1);
        QCOMPARE(packets.count(), kFrames);

        tenfour::codec::OpusDecoder dec;
        qint16 pcm[5760];
        for (int i = 0; i < kFrames; ++i) {
            const QList<QVariant> args = packets.at(i);
            QCOMPARE(args.at(0).toUInt(), quint32(i)); // seq +1 per 20 ms frame, from 0
            const QByteArray opus = args.at(1).toByteArray();
            QVERIFY(opus.size() > 2 && opus.size() <= 1275);
            QCOMPARE(args.at(2).toLongLong(), qint64(i) * 20000); // capture time carried through
            QCOMPARE(dec.decode(reinterpret_cast<const unsigned char *>(opus.constData()), int(opus.size()),
                                pcm, 5760),
                     960);
        }
        // 25 frames at ~24 kbit/s VBR: about 60 bytes each, far from the 1275 maximum.
        qint64 bytes = 0;
        for (const auto &args : packets)
            bytes += args.at(1).toByteArray().size();
        QVERIFY2(bytes / kFrames < 200, qPrintable(QString::number(bytes / kFrames)));
        QVERIFY(!tx.transmitting());
    }

    void liveGateSendsPreRollThenTail()
    {
        Transmitter::Config cfg;
        cfg.preRollMs = 100; // 5 frames
        cfg.tailMs = 60;     // 3 frames
        Transmitter tx(cfg);
        TransmitterSignals sig(&tx);
        QSignalSpy packets(&sig, &TransmitterSignals::packetReady);
        QSignalSpy ended(&sig, &TransmitterSignals::transmissionEnded);
        tx.start();
        int index = 0;
        for (; index < 10; ++index)
            tx.queue()->push(toneFrame(index, false));
        QVERIFY(waitProcessed(tx, 10));
        QCOMPARE(packets.count(), 0); // nothing goes out while released

        tx.setPressed(true);
        for (int k = 0; k < 4; ++k, ++index)
            tx.queue()->push(toneFrame(index, false));
        QVERIFY(waitProcessed(tx, 14));
        tx.setPressed(false);
        for (int k = 0; k < 6; ++k, ++index)
            tx.queue()->push(toneFrame(index, false));
        QVERIFY(QTest::qWaitFor([&] { return ended.count() == 1; }, 5000));
        // 5 pre-roll frames + the frame of the press, 3 more live, then a 3-frame tail.
        QCOMPARE(packets.count(), 5 + 1 + 3 + 3);
        for (int i = 0; i < packets.count(); ++i)
            QCOMPARE(packets.at(i).at(0).toUInt(), quint32(i));
        // The pre-roll is audio from before the press: its capture times run 20 ms apart.
        QCOMPARE(packets.at(0).at(2).toLongLong(), qint64(5) * 20000);
        QCOMPARE(packets.at(5).at(2).toLongLong(), qint64(10) * 20000);
    }

    void dtxSkipsSilenceButCountsSeq()
    {
        Transmitter::Config cfg;
        cfg.tailMs = 0;
        cfg.dtx = true;
        Transmitter tx(cfg);
        TransmitterSignals sig(&tx);
        QSignalSpy packets(&sig, &TransmitterSignals::packetReady);
        QSignalSpy ended(&sig, &TransmitterSignals::transmissionEnded);
        tx.start();
        int i = 0;
        for (; i < 10; ++i)
            pushPaced(tx, toneFrame(i, true));
        for (; i < 60; ++i)
            pushPaced(tx, toneFrame(i, true, 0.0)); // digital silence: DTX kicks in
        for (; i < 70; ++i)
            pushPaced(tx, toneFrame(i, true));
        pushPaced(tx, toneFrame(i, false));
        QVERIFY(QTest::qWaitFor([&] { return ended.count() == 1; }, 5000));
        QVERIFY2(tx.dtxSkipped() > 20, qPrintable(QString::number(tx.dtxSkipped())));
        QCOMPARE(quint64(packets.count()) + tx.dtxSkipped(), quint64(70));
        // The tone after the silence keeps its place in time: seq jumps over the skipped frames.
        QCOMPARE(packets.last().at(0).toUInt(), 69u);
        quint32 prev = packets.first().at(0).toUInt();
        bool gap = false;
        for (int k = 1; k < packets.count(); ++k) {
            const quint32 s = packets.at(k).at(0).toUInt();
            QVERIFY(s > prev);
            gap = gap || s > prev + 1;
            prev = s;
        }
        QVERIFY(gap);
    }

    void fullQueueDropsAndCounts()
    {
        Transmitter tx; // not started: nobody drains
        int pushed = 0;
        while (tx.queue()->push(toneFrame(pushed, false)))
            ++pushed;
        QCOMPARE(pushed, int(tenfour::device::CaptureQueue::kCapacity));
        QCOMPARE(tx.queue()->dropped(), quint64(1));
    }
};

QTEST_GUILESS_MAIN(TestTransmitter)
#include "test_transmitter.moc"
