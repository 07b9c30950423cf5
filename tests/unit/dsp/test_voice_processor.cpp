// VoiceProcessor: noise suppression attenuates stationary noise, AGC raises quiet speech, input
// gain is exact, settings change live, and with everything off the signal passes untouched.

#include "VoiceTestSignals.h"
#include "audio/VoiceProcessor.h"

#include <QTest>

using tenfour::audio::VoiceProcessor;
using namespace voicetest;

namespace {
constexpr int kRate = 48000;
constexpr int kFrame = 960;

std::vector<qint16> run(VoiceProcessor &p, std::vector<qint16> x)
{
    for (std::size_t i = 0; i + kFrame <= x.size(); i += kFrame)
        p.process(x.data() + i);
    return x;
}
} // namespace

class TestVoiceProcessor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void createsTheApm()
    {
        VoiceProcessor p;
        QVERIFY(p.isValid());
    }

    void noiseSuppressionAttenuatesNoise()
    {
        const std::vector<qint16> in = toPcm(scaleTo(noise(4 * kRate, 7), -30.0));
        VoiceProcessor on(VoiceProcessor::Settings{true, false, 0});
        VoiceProcessor off(VoiceProcessor::Settings{false, false, 0});
        const std::vector<qint16> a = run(on, in);
        const std::vector<qint16> b = run(off, in);
        // The last 2 s: after the noise estimate has converged.
        const std::size_t from = 2 * kRate, n = in.size() - from;
        const double inDb = rmsDb(in.data() + from, n);
        const double onDb = rmsDb(a.data() + from, n);
        const double offDb = rmsDb(b.data() + from, n);
        qInfo("noise -30 dBFS: in %.1f dB, NS on %.1f dB (%.1f dB less), NS off %.1f dB", inDb, onDb,
              inDb - onDb, offDb);
        QCOMPARE(b, in); // off: bit-exact
        QVERIFY2(inDb - onDb > 10.0, qPrintable(QString::number(inDb - onDb)));
    }

    void autoGainRaisesQuietSpeech()
    {
        const std::vector<qint16> in = toPcm(scaleTo(speechLike(6 * kRate), -42.0));
        VoiceProcessor p(VoiceProcessor::Settings{false, true, 0});
        const std::vector<qint16> out = run(p, in);
        const std::size_t from = 3 * kRate, n = in.size() - from;
        const double inDb = rmsDb(in.data() + from, n);
        const double outDb = rmsDb(out.data() + from, n);
        qInfo("quiet speech: in %.1f dBFS, AGC out %.1f dBFS (+%.1f dB)", inDb, outDb, outDb - inDb);
        QVERIFY2(outDb - inDb > 6.0, qPrintable(QString::number(outDb - inDb)));
        // Loud speech is not pushed into clipping.
        const std::vector<qint16> loud = toPcm(scaleTo(speechLike(3 * kRate), -12.0));
        VoiceProcessor q(VoiceProcessor::Settings{false, true, 0});
        const std::vector<qint16> lo = run(q, loud);
        int clipped = 0;
        for (qint16 s : lo)
            clipped += (s == 32767 || s == -32768);
        QVERIFY2(clipped < 10, qPrintable(QString::number(clipped)));
    }

    void inputGainIsExact()
    {
        const std::vector<qint16> in = toPcm(scaleTo(speechLike(kRate), -30.0));
        VoiceProcessor p(VoiceProcessor::Settings{false, false, 6});
        const std::vector<qint16> out = run(p, in);
        double si = 0.0, so = 0.0;
        for (std::size_t i = 0; i < in.size(); ++i) {
            si += std::abs(double(in[i]));
            so += std::abs(double(out[i]));
        }
        const double ratio = so / si;
        qInfo("+6 dB: amplitude x%.4f", ratio);
        QVERIFY(std::abs(ratio - 2.0) < 0.01);

        // A live change applies from the next frame; out of range clamps.
        p.setInputGainDb(-40);
        QCOMPARE(p.settings().inputGainDb, VoiceProcessor::kMinGainDb);
        std::vector<qint16> f(kFrame, 10000);
        p.process(f.data());
        QCOMPARE(int(f[0]), 1000);
        p.setInputGainDb(20);
        std::fill(f.begin(), f.end(), qint16(10000));
        p.process(f.data());
        QCOMPARE(int(f[0]), 32767); // saturates, never wraps
    }

    void toggledLive()
    {
        const std::vector<qint16> in = toPcm(scaleTo(noise(4 * kRate, 11), -30.0));
        VoiceProcessor p(VoiceProcessor::Settings{false, false, 0});
        std::vector<qint16> x = in;
        const std::size_t half = 2 * kRate;
        for (std::size_t i = 0; i + kFrame <= x.size(); i += kFrame) {
            if (i == half)
                p.setNoiseSuppression(true); // as the settings dialog would, between frames
            p.process(x.data() + i);
        }
        QVERIFY(std::equal(x.begin(), x.begin() + long(half), in.begin()));
        const std::size_t from = 3 * kRate;
        QVERIFY(rmsDb(in.data() + from, in.size() - from) - rmsDb(x.data() + from, x.size() - from) > 10.0);
    }
};

QTEST_GUILESS_MAIN(TestVoiceProcessor)
#include "test_voice_processor.moc"
