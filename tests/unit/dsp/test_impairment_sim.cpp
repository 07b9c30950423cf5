// Impairment simulation: a seeded network with delay, jitter, reordering and loss in front of one
// SpeakerStream proves that it conceals, keeps playing, and adapts its delay up and back down.

#include "StreamSim.h"
#include "audio/SpeakerStream.h"

#include <QTest>
#include <algorithm>

using namespace tenfour;
using namespace tenfour::dsptest;

class TestImpairmentSim : public QObject {
    Q_OBJECT

private:
    EncodedStream m_speech;
    static constexpr int kFrames = 1500;   // 30 s
    static constexpr int kJitterEnd = 600; // jitter for the first 12 s, then a clean network

    static double mean(const std::vector<double> &v, size_t from, size_t to)
    {
        double s = 0;
        size_t n = 0;
        for (size_t i = from; i < std::min(to, v.size()); ++i, ++n)
            s += v[i];
        return n ? s / double(n) : 0.0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Wideband, so that libopus 1.3 codes FEC at 5% expected loss (see EncoderConfig).
        codec::EncoderConfig cfg;
        cfg.maxBandwidthHz = 8000;
        m_speech = encodeStream(kFrames, 21, false, cfg);
    }

    void jitterAndLoss_data()
    {
        QTest::addColumn<quint64>("seed");
        QTest::newRow("seed 1") << quint64(1);
        QTest::newRow("seed 2") << quint64(2);
        QTest::newRow("seed 3") << quint64(3);
    }

    void jitterAndLoss()
    {
        QFETCH(quint64, seed);
        NetConditions c;
        c.jitterMs = 40;
        c.jitterTo = kJitterEnd;
        c.loss = 0.05;
        c.seed = seed;
        audio::SpeakerStream s;
        const SimResult r = runStream(s, m_speech, c);

        const int lost = kFrames - int(makeArrivals(kFrames, c).size());
        const double lossRate = double(lost) / kFrames;
        qInfo("loss %.3f conceal %.3f late %llu fec %llu dropped %llu stretched %llu interruptions %d",
              lossRate, r.concealRatio(), r.counters.late, r.counters.fecRecovered, r.counters.dropped,
              r.counters.stretched, r.interruptions150);

        // It kept playing: from the first audible pull to the end, every pull carried audio.
        QVERIFY(r.idlePull > 0);
        QCOMPARE(r.audiblePulls, r.idlePull - r.firstAudiblePull);
        QCOMPARE(r.interruptions150, 0);
        // Concealment close to the loss rate: few extra frames were late.
        QVERIFY2(r.concealRatio() >= lossRate * 0.8, qPrintable(QString::number(r.concealRatio())));
        QVERIFY2(r.concealRatio() <= lossRate + 0.03, qPrintable(QString::number(r.concealRatio())));
        QVERIFY(r.counters.fecRecovered > 0);

        // The target rose to cover the jitter, then came back down once it stopped.
        const int peak = *std::max_element(r.targetMs.begin(), r.targetMs.begin() + kJitterEnd);
        QVERIFY2(peak >= 30 && peak <= 60, qPrintable(QString::number(peak)));
        QVERIFY2(r.targetMs.back() <= 25, qPrintable(QString::number(r.targetMs.back())));
        // Fast up: within the first second of jitter the target is already most of the way.
        QVERIFY(*std::max_element(r.targetMs.begin(), r.targetMs.begin() + 60) >= 25);
        // Slow down: a second after the jitter stopped it is still up.
        const size_t stopPull = size_t(kJitterEnd + r.firstAudiblePull);
        QVERIFY(r.targetMs[stopPull + 50] >= peak - 10);

        const double during = mean(r.delayMs, 100, size_t(kJitterEnd));
        const double after = mean(r.delayMs, r.delayMs.size() - 250, r.delayMs.size());
        qInfo("delay during jitter %.1f ms, after %.1f ms, target peak %d ms", during, after, peak);
        QVERIFY(during > after + 10);
        QVERIFY2(after < 45.0, qPrintable(QString::number(after)));
    }

    void beatsAFixedBuffer()
    {
        NetConditions c;
        c.jitterMs = 40;
        c.loss = 0.05;
        c.seed = 7;
        audio::SpeakerStream s;
        const SimResult r = runStream(s, m_speech, c);
        const FixedResult f = runFixedBuffer(kFrames, c, 200.0);
        const double fixedMean = mean(f.delayMs, 0, f.delayMs.size());
        qInfo("adaptive %.1f ms (conceal %.3f), fixed 200 ms buffer %.1f ms (conceal %.3f)", r.meanDelay(),
              r.concealRatio(), fixedMean, double(f.concealed) / f.frames);
        QVERIFY(r.meanDelay() < fixedMean / 2);
        QVERIFY(r.concealRatio() < double(f.concealed) / f.frames + 0.03);
    }
};

QTEST_GUILESS_MAIN(TestImpairmentSim)
#include "test_impairment_sim.moc"
