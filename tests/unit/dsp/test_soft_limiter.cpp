// SoftLimiter: no sample exceeds full scale, quiet signals pass unchanged, the curve is smooth and
// monotonic (no hard-clipping corner).

#include "audio/SoftLimiter.h"

#include <QTest>
#include <cmath>
#include <limits>
#include <vector>

using tenfour::audio::SoftLimiter;

class TestSoftLimiter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void quietSignalsPassUnchanged()
    {
        SoftLimiter lim;
        std::vector<float> in;
        for (int v = -23000; v <= 23000; v += 7)
            in.push_back(float(v));
        std::vector<qint16> out(in.size());
        lim.process(in.data(), out.data(), int(in.size()));
        for (size_t i = 0; i < in.size(); ++i)
            QCOMPARE(int(out[i]), int(in[i]));
        QVERIFY(std::fabs(lim.knee() - 0.7079f) < 0.001f);
    }

    void neverExceedsFullScale()
    {
        SoftLimiter lim;
        std::vector<float> in;
        for (double v = -8 * 32768.0; v <= 8 * 32768.0; v += 97.3)
            in.push_back(float(v));
        in.push_back(1e30f);
        in.push_back(-1e30f);
        in.push_back(std::numeric_limits<float>::infinity());
        in.push_back(std::numeric_limits<float>::quiet_NaN());
        std::vector<qint16> out(in.size());
        lim.process(in.data(), out.data(), int(in.size()));
        for (size_t i = 0; i < in.size(); ++i) {
            QVERIFY(std::fabs(lim.apply(in[i] / 32768.0f)) < 1.0f);
            // The sign survives limiting.
            if (in[i] > 32768.0f)
                QVERIFY(out[i] > 23000);
            if (in[i] < -32768.0f)
                QVERIFY(out[i] < -23000);
        }
        QCOMPARE(int(out.back()), 0); // NaN
        // Only inputs far above full scale get to the last code; twice full scale stays below it.
        std::vector<float> two = {65536.0f, -65536.0f};
        std::vector<qint16> o2(2);
        lim.process(two.data(), o2.data(), 2);
        QVERIFY(o2[0] < 32767 && o2[0] > 31000);
        QVERIFY(o2[1] > -32768 && o2[1] < -31000);
    }

    void smoothAndMonotonic()
    {
        SoftLimiter lim;
        float prev = lim.apply(0.0f);
        float prevSlope = 1.0f;
        const float step = 0.0005f;
        for (float x = step; x < 4.0f; x += step) {
            const float y = lim.apply(x);
            QVERIFY(y >= prev);
            const float slope = (y - prev) / step;
            // No corner: the slope never jumps (a hard clip would drop from 1 to 0 at once).
            QVERIFY2(std::fabs(slope - prevSlope) < 0.02f, qPrintable(QString::number(x)));
            prev = y;
            prevSlope = slope;
        }
        QCOMPARE(lim.apply(-0.9f), -lim.apply(0.9f));
        // Above the knee it really limits.
        QVERIFY(lim.apply(1.0f) < 0.95f);
        QVERIFY(lim.apply(0.8f) < 0.8f && lim.apply(0.8f) > 0.78f);
    }

    void kneeIsConfigurable()
    {
        SoftLimiter lim(-6.0f);
        QVERIFY(std::fabs(lim.knee() - 0.501f) < 0.001f);
        QCOMPARE(lim.apply(0.5f), 0.5f);
        QVERIFY(lim.apply(0.6f) < 0.6f);
        lim.setKneeDb(10.0f); // clamped below full scale
        QVERIFY(lim.kneeDb() < 0.0f);
        QVERIFY(lim.apply(5.0f) < 1.0f);
    }
};

QTEST_GUILESS_MAIN(TestSoftLimiter)
#include "test_soft_limiter.moc"
