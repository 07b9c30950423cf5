// OpusEncoder: configuration (bitrate range, FEC, DTX, loss percentage) and argument checking.

#include "DspTestSignals.h"
#include "codec/OpusEncoder.h"

#include <QTest>
#include <vector>

using namespace tenfour;
using namespace tenfour::dsptest;

class TestOpusEncoder : public QObject {
    Q_OBJECT

    // Average packet size over 100 frames (2 s) of speech-like signal.
    static double averagePacketBytes(codec::OpusEncoder &enc, quint64 seed)
    {
        SpeechSynth synth(seed);
        std::vector<qint16> frame(960);
        unsigned char buf[1275];
        double total = 0;
        for (int i = 0; i < 100; ++i) {
            synth.next(frame.data());
            const int n = enc.encode(frame.data(), buf, int(sizeof(buf)));
            if (n <= 0)
                return -1;
            total += n;
        }
        return total / 100.0;
    }

private Q_SLOTS:
    void defaults()
    {
        codec::OpusEncoder enc;
        QVERIFY2(enc.isValid(), qPrintable(enc.errorString()));
        QCOMPARE(enc.bitrate(), 24000);
        QCOMPARE(enc.config().complexity, 10);
        QVERIFY(enc.config().fec);
        QCOMPARE(enc.expectedLossPercent(), 5);
        QVERIFY(!enc.dtx());
        QVERIFY(enc.lookaheadSamples() > 0);
        QVERIFY(enc.errorString().isEmpty());
    }

    void bitrateIsClampedToRange()
    {
        codec::OpusEncoder enc;
        enc.setBitrate(1000);
        QCOMPARE(enc.bitrate(), codec::kMinBitrate);
        enc.setBitrate(500000);
        QCOMPARE(enc.bitrate(), codec::kMaxBitrate);
        enc.setBitrate(32000);
        QCOMPARE(enc.bitrate(), 32000);
        enc.setExpectedLossPercent(-3);
        QCOMPARE(enc.expectedLossPercent(), 0);
        enc.setExpectedLossPercent(250);
        QCOMPARE(enc.expectedLossPercent(), 100);
    }

    void bitrateChangesPacketSize()
    {
        codec::OpusEncoder low(codec::EncoderConfig{8000, 10, true, 5, false});
        codec::OpusEncoder mid;
        codec::OpusEncoder high(codec::EncoderConfig{64000, 10, true, 5, false});
        const double a = averagePacketBytes(low, 3), b = averagePacketBytes(mid, 3),
                     c = averagePacketBytes(high, 3);
        qInfo("average packet: 8k %.1f B, 24k %.1f B, 64k %.1f B", a, b, c);
        QVERIFY(a > 0 && b > a * 1.5 && c > b * 1.5);
        // About bitrate * 20 ms / 8 (VBR, so loosely).
        QVERIFY2(b > 30 && b < 90, qPrintable(QString::number(b)));

        // A change on a running encoder takes effect.
        mid.setBitrate(64000);
        const double after = averagePacketBytes(mid, 4);
        QVERIFY2(after > b * 1.5, qPrintable(QString::number(after)));
    }

    void dtxSendsTinyPacketsInSilence()
    {
        codec::EncoderConfig cfg;
        cfg.dtx = true;
        codec::OpusEncoder enc(cfg);
        QVERIFY(enc.dtx());
        std::vector<qint16> zero(960, 0);
        unsigned char buf[1275];
        int tiny = 0;
        for (int i = 0; i < 50; ++i) {
            const int n = enc.encode(zero.data(), buf, int(sizeof(buf)));
            QVERIFY(n > 0);
            tiny += n <= 2;
        }
        QVERIFY(tiny > 30);
        enc.setDtx(false);
        const int n = enc.encode(zero.data(), buf, int(sizeof(buf)));
        QVERIFY(n >= 1);
    }

    void badArgumentsAreRefused()
    {
        codec::OpusEncoder enc;
        std::vector<qint16> pcm(960, 0);
        unsigned char buf[1275];
        QVERIFY(enc.encode(nullptr, buf, 1275) < 0);
        QVERIFY(enc.encode(pcm.data(), nullptr, 1275) < 0);
        QVERIFY(enc.encode(pcm.data(), buf, 0) < 0);
        QVERIFY(enc.encode(pcm.data(), buf, -5) < 0);
    }

    void neverWritesPastMaxBytes()
    {
        codec::OpusEncoder enc(codec::EncoderConfig{64000, 10, true, 0, false});
        Rng rng(1);
        std::vector<qint16> pcm(960);
        unsigned char buf[64];
        for (int i = 0; i < 20; ++i) {
            toneWithNoise(pcm.data(), 960, i * 960, rng, 440.0, 12000.0, 8000.0);
            std::fill(buf, buf + sizeof(buf), 0xAB);
            const int n = enc.encode(pcm.data(), buf, 40);
            QVERIFY(n > 0 && n <= 40);
            for (size_t k = 40; k < sizeof(buf); ++k)
                QCOMPARE(buf[k], static_cast<unsigned char>(0xAB));
        }
    }

    void resetKeepsConfiguration()
    {
        codec::OpusEncoder enc;
        enc.setBitrate(16000);
        enc.reset();
        QCOMPARE(enc.bitrate(), 16000);
        QVERIFY(averagePacketBytes(enc, 5) > 0);
    }
};

QTEST_GUILESS_MAIN(TestOpusEncoder)
#include "test_opus_encoder.moc"
