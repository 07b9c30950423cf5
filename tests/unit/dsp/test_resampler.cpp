// Resampler: 44.1 kHz stereo -> 48 kHz mono keeps the frequency and the length; pass-through and
// downmix at 48 kHz; streaming in odd chunk sizes matches one big call.

#include "audio/Resampler.h"

#include <QTest>
#include <cmath>
#include <vector>

using tenfour::audio::Resampler;

class TestResampler : public QObject {
    Q_OBJECT

    static std::vector<qint16> stereoSine(int rate, double freq, int frames)
    {
        std::vector<qint16> v(size_t(frames) * 2);
        for (int i = 0; i < frames; ++i) {
            const qint16 s = qint16(std::lrint(10000.0 * std::sin(2.0 * M_PI * freq * i / rate)));
            v[size_t(i) * 2] = s;
            v[size_t(i) * 2 + 1] = s;
        }
        return v;
    }
    // Frequency from the zero crossings (upward) over the middle of the signal.
    static double frequency(const std::vector<qint16> &v, int rate)
    {
        int first = -1, last = -1, count = 0;
        for (size_t i = v.size() / 10; i + 1 < v.size() * 9 / 10; ++i) {
            if (v[i] < 0 && v[i + 1] >= 0) {
                if (first < 0)
                    first = int(i);
                last = int(i);
                ++count;
            }
        }
        return count > 1 ? double(count - 1) * rate / double(last - first) : 0.0;
    }

private Q_SLOTS:
    void stereo44kTo48kMono()
    {
        Resampler r(44100, 2);
        QVERIFY(r.isValid());
        const int frames = 44100; // one second
        const auto in = stereoSine(44100, 1000.0, frames);
        std::vector<qint16> out(size_t(r.outputCapacityFor(frames)) + 1024);
        int n = r.process(in.data(), frames, out.data(), int(out.size()));
        QVERIFY(n > 0);
        n += r.flush(out.data() + n, int(out.size()) - n);
        out.resize(size_t(n));
        QVERIFY2(std::abs(n - 48000) <= 4, qPrintable(QString::number(n)));
        const double f = frequency(out, 48000);
        QVERIFY2(std::fabs(f - 1000.0) < 1.0, qPrintable(QString::number(f)));
        // Amplitude kept (the downmix averages two equal channels).
        double peak = 0;
        for (size_t i = 4800; i < out.size() - 4800; ++i)
            peak = std::max(peak, std::fabs(double(out[i])));
        QVERIFY(peak > 9500 && peak < 10500);
    }

    void streamingInOddChunksMatchesOneCall()
    {
        const auto in = stereoSine(44100, 440.0, 20000);
        Resampler whole(44100, 2), parts(44100, 2);
        std::vector<qint16> a(30000), b(30000);
        const int na = whole.process(in.data(), 20000, a.data(), int(a.size()));
        int nb = 0, done = 0, chunk = 1;
        while (done < 20000) {
            const int k = std::min(chunk, 20000 - done);
            const int w = parts.process(in.data() + done * 2, k, b.data() + nb, parts.outputCapacityFor(k));
            QVERIFY(w >= 0);
            nb += w;
            done += k;
            chunk = chunk * 3 % 997 + 1;
        }
        QCOMPARE(nb, na);
        for (int i = 0; i < na; ++i)
            QVERIFY(std::abs(a[size_t(i)] - b[size_t(i)]) <= 1);
    }

    void passThroughAndDownmix()
    {
        Resampler mono(48000, 1);
        std::vector<qint16> in = {1, -2, 3, 32767, -32768};
        std::vector<qint16> out(8);
        QCOMPARE(mono.process(in.data(), 5, out.data(), 8), 5);
        QCOMPARE(std::vector<qint16>(out.begin(), out.begin() + 5), in);
        QCOMPARE(mono.latencySamples(), 0);

        Resampler quad(48000, 4);
        std::vector<qint16> q = {100, 200, 300, 400, -32768, -32768, -32768, -32768};
        QCOMPARE(quad.process(q.data(), 2, out.data(), 8), 2);
        QCOMPARE(int(out[0]), 250);
        QCOMPARE(int(out[1]), -32768);
    }

    void boundedOutput()
    {
        Resampler r(16000, 1);
        std::vector<qint16> in(1600, 1000);
        std::vector<qint16> out(200, 0x7777);
        const int n = r.process(in.data(), 1600, out.data(), 100);
        QVERIFY(n >= 0 && n <= 100);
        for (size_t i = 100; i < out.size(); ++i)
            QCOMPARE(out[i], qint16(0x7777));
    }

    void invalidSetups()
    {
        QVERIFY(!Resampler(0, 1).isValid());
        QVERIFY(!Resampler(44100, 0).isValid());
        QVERIFY(!Resampler(44100, 2, -1).isValid());
        Resampler bad(0, 1);
        qint16 s[4] = {};
        QVERIFY(bad.process(s, 4, s, 4) < 0);
        Resampler ok(22050, 1);
        QVERIFY(ok.process(nullptr, 4, s, 4) < 0);
        QCOMPARE(ok.process(s, 0, s, 4), 0);
    }
};

QTEST_GUILESS_MAIN(TestResampler)
#include "test_resampler.moc"
