// DelayEstimator: the target rises fast under jitter, falls slowly when it stops, stays in bounds,
// and ignores a pre-roll burst.

#include "DspTestSignals.h"
#include "audio/DelayEstimator.h"

#include <QTest>

using tenfour::audio::DelayEstimator;
using tenfour::dsptest::Rng;

class TestDelayEstimator : public QObject {
    Q_OBJECT

    // Feeds frames [from, to) sent every 20 ms with uniform jitter in [0, jitterMs].
    static void feed(DelayEstimator &e, int from, int to, double jitterMs, Rng &rng, quint32 base = 0)
    {
        for (int n = from; n < to; ++n)
            e.addArrival(base + quint32(n),
                         qint64(n) * 20000 + 5000 + qint64(rng.uniform() * jitterMs * 1000));
    }

private Q_SLOTS:
    void cleanNetworkStaysAtMinimum()
    {
        DelayEstimator e(20, 300);
        Rng rng(1);
        feed(e, 0, 500, 0.0, rng);
        QCOMPARE(e.targetDelayMs(), 20);
        QCOMPARE(e.jitterUs(), qint64(0));
        QCOMPARE(e.referenceUs(), qint64(5000));
    }

    void risesFastFallsSlowly()
    {
        DelayEstimator e(20, 300);
        Rng rng(2);
        feed(e, 0, 100, 0.0, rng);
        feed(e, 100, 125, 60.0, rng); // half a second of 60 ms jitter
        const int risen = e.targetDelayMs();
        QVERIFY2(risen >= 45, qPrintable(QString::number(risen)));
        feed(e, 125, 500, 60.0, rng);
        const int steady = e.targetDelayMs();
        QVERIFY2(steady >= 52 && steady <= 60, qPrintable(QString::number(steady)));
        feed(e, 500, 550, 0.0, rng); // one second clean: barely moves
        QVERIFY(e.targetDelayMs() >= steady - 5);
        feed(e, 550, 600, 0.0, rng); // two seconds: the window still remembers
        QVERIFY(e.targetDelayMs() >= steady / 2);
        feed(e, 600, 1100, 0.0, rng); // ten seconds: back at the floor
        QVERIFY2(e.targetDelayMs() <= 22, qPrintable(QString::number(e.targetDelayMs())));
    }

    void staysWithinBounds()
    {
        DelayEstimator e(40, 120);
        Rng rng(3);
        feed(e, 0, 200, 0.0, rng);
        QCOMPARE(e.targetDelayMs(), 40);
        feed(e, 200, 600, 400.0, rng);
        QCOMPARE(e.targetDelayMs(), 120);
        e.setBounds(20, 100);
        QCOMPARE(e.targetDelayMs(), 100);
        e.reset(500);
        QCOMPARE(e.targetDelayMs(), 100);
        e.reset(5);
        QCOMPARE(e.targetDelayMs(), 20);
        e.reset(-1);
        QCOMPARE(e.targetDelayMs(), 20);
    }

    void preRollBurstIsNotJitter()
    {
        // Nine frames captured over 160 ms all arrive at once, then live frames every 20 ms.
        DelayEstimator e(20, 300);
        for (int n = 0; n <= 8; ++n)
            e.addArrival(quint32(n), 8 * 20000 + 3000);
        for (int n = 9; n < 200; ++n)
            e.addArrival(quint32(n), qint64(n) * 20000 + 3000);
        QCOMPARE(e.targetDelayMs(), 20);
        QCOMPARE(e.referenceUs(), qint64(3000));
    }

    void latePacketRaisesTargetAtOnce()
    {
        DelayEstimator e(20, 300);
        Rng rng(4);
        feed(e, 0, 100, 0.0, rng);
        for (int n = 100; n < 110; ++n) // a burst of 80 ms late frames
            e.addArrival(quint32(n), qint64(n) * 20000 + 5000 + 80000);
        QVERIFY2(e.targetDelayMs() >= 75, qPrintable(QString::number(e.targetDelayMs())));
    }

    void sequenceWrapAndReorder()
    {
        DelayEstimator e(20, 300);
        const quint32 base = 0xFFFFFFFFu - 50;
        for (int n = 0; n < 100; ++n) {
            const int m = (n % 2 == 0 && n + 1 < 100) ? n + 1 : (n % 2 ? n - 1 : n); // swap pairs
            e.addArrival(base + quint32(m), qint64(n) * 20000);
        }
        QCOMPARE(e.extend(base + 100) - e.extend(base), qint64(100));
        // Swapped pairs: every second frame comes a slot early, its predecessor a slot late; that is
        // 40 ms from the earliest to the latest, exactly, across the wrap.
        QCOMPARE(e.jitterUs(), qint64(40000));
        QCOMPARE(e.targetDelayMs(), 40);
    }
};

QTEST_GUILESS_MAIN(TestDelayEstimator)
#include "test_delay_estimator.moc"
