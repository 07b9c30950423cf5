// TimeStretcher: removes exactly one period from periodic signals without a discontinuity, and
// refuses signals without a period.

#include "DspTestSignals.h"
#include "audio/TimeStretcher.h"

#include <QTest>
#include <cmath>
#include <vector>

using tenfour::audio::TimeStretcher;

class TestTimeStretcher : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void removesOnePeriod_data()
    {
        QTest::addColumn<double>("freq");
        QTest::newRow("200 Hz") << 200.0; // period 240 samples
        QTest::newRow("120 Hz") << 120.0; // 400
        QTest::newRow("80 Hz") << 80.0;   // 600
    }

    void removesOnePeriod()
    {
        QFETCH(double, freq);
        const int len = 1920;
        std::vector<qint16> buf(static_cast<size_t>(len));
        for (int i = 0; i < len; ++i)
            buf[size_t(i)] = qint16(std::lrint(8000 * std::sin(2 * M_PI * freq * i / 48000.0) +
                                               3000 * std::sin(2 * M_PI * 2 * freq * i / 48000.0)));
        const std::vector<qint16> orig = buf;
        const int removed = TimeStretcher::shorten(buf.data(), len);
        const int period = int(std::lrint(48000.0 / freq));
        QVERIFY2(std::abs(removed - period) <= 1, qPrintable(QString::number(removed)));
        // What remains still is the same waveform, just one period shorter: no step anywhere.
        double maxStep = 0, origMaxStep = 0;
        for (int i = 1; i < len - removed; ++i)
            maxStep = std::max(maxStep, std::fabs(double(buf[size_t(i)]) - buf[size_t(i - 1)]));
        for (int i = 1; i < len; ++i)
            origMaxStep = std::max(origMaxStep, std::fabs(double(orig[size_t(i)]) - orig[size_t(i - 1)]));
        QVERIFY2(maxStep <= origMaxStep * 1.1 + 2,
                 qPrintable(QStringLiteral("%1 vs %2").arg(maxStep).arg(origMaxStep)));
        // The tail moved by exactly the removed length.
        for (int i = 2 * removed; i < len; ++i)
            QCOMPARE(buf[size_t(i - removed)], orig[size_t(i)]);
    }

    void refusesNoiseAndSilence()
    {
        tenfour::dsptest::Rng rng(5);
        std::vector<qint16> noise(1440);
        for (auto &s : noise)
            s = qint16(std::lrint((rng.uniform() * 2 - 1) * 8000));
        const auto orig = noise;
        QCOMPARE(TimeStretcher::shorten(noise.data(), int(noise.size())), 0);
        QCOMPARE(noise, orig);
        std::vector<qint16> zero(1440, 0);
        QCOMPARE(TimeStretcher::shorten(zero.data(), 1440), 0);
        // Forced (minimum correlation 0) it shortens noise too.
        QVERIFY(TimeStretcher::shorten(noise.data(), 1440, -1.0f) >= TimeStretcher::kMinLag);
    }

    void respectsLimits()
    {
        std::vector<qint16> buf(960);
        for (int i = 0; i < 960; ++i)
            buf[size_t(i)] = qint16(std::lrint(8000 * std::sin(2 * M_PI * 100.0 * i / 48000.0)));
        // Too short to hold two of the shortest periods.
        QCOMPARE(TimeStretcher::shorten(buf.data(), TimeStretcher::kNeeded - 1), 0);
        QCOMPARE(TimeStretcher::shorten(nullptr, 960), 0);
        // The caller's maximum lag wins: a 480-sample period cannot be taken with a 300 limit.
        const int removed = TimeStretcher::shorten(buf.data(), 960, -1.0f, 300);
        QVERIFY(removed >= TimeStretcher::kMinLag && removed <= 300);
    }
};

QTEST_GUILESS_MAIN(TestTimeStretcher)
#include "test_time_stretcher.moc"
