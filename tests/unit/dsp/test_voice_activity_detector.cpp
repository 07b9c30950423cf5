// VoiceActivityDetector: opens on speech above the threshold, stays open through the gaps
// between syllables (hangover), closes after silence, ignores noise below the threshold; and
// driving a PttGate with it keeps the first syllable through the pre-roll.

#include "VoiceTestSignals.h"
#include "audio/PttGate.h"
#include "audio/VoiceActivityDetector.h"

#include <QTest>

using tenfour::audio::PttGate;
using tenfour::audio::VoiceActivityDetector;
using namespace voicetest;

namespace {
constexpr int kRate = 48000;
constexpr int kFrame = 960;

// 1 s of noise at -60 dBFS, 1 s of speech at -25 dBFS (plus the noise), 1 s of noise.
std::vector<qint16> scene()
{
    std::vector<double> n = scaleTo(noise(3 * kRate, 3), -60.0);
    const std::vector<double> s = scaleTo(speechLike(kRate), -25.0);
    for (int i = 0; i < kRate; ++i)
        n[std::size_t(kRate + i)] += s[std::size_t(i)];
    return toPcm(n);
}
} // namespace

class TestVoiceActivityDetector : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void followsSpeechWithHangover()
    {
        const std::vector<qint16> x = scene();
        VoiceActivityDetector vad(-40, 300);
        std::vector<bool> active;
        for (std::size_t i = 0; i + kFrame <= x.size(); i += kFrame)
            active.push_back(vad.process(x.data() + i));
        QCOMPARE(int(active.size()), 150);
        // Noise only: closed.
        for (int f = 0; f < 50; ++f)
            QVERIFY2(!active[size_t(f)], qPrintable(QString::number(f)));
        // Opens within the first syllable's rise (a few frames) and stays open through the gaps.
        int first = -1;
        for (int f = 50; f < 60 && first < 0; ++f)
            if (active[size_t(f)])
                first = f;
        QVERIFY2(first >= 50 && first <= 53, qPrintable(QString::number(first)));
        for (int f = first; f < 100; ++f)
            QVERIFY2(active[size_t(f)], qPrintable(QString::number(f)));
        // Closes after the hangover (300 ms = 15 frames) past the last syllable (~frame 97).
        QVERIFY(active[100]);
        for (int f = 115; f < 150; ++f)
            QVERIFY2(!active[size_t(f)], qPrintable(QString::number(f)));
    }

    void thresholdAboveTheSpeechStaysClosed()
    {
        const std::vector<qint16> x = scene();
        VoiceActivityDetector vad(-40);
        vad.setThresholdDb(-10);
        QCOMPARE(vad.thresholdDb(), -10);
        for (std::size_t i = 0; i + kFrame <= x.size(); i += kFrame)
            QVERIFY(!vad.process(x.data() + i));
        vad.setThresholdDb(-200);
        QCOMPARE(vad.thresholdDb(), VoiceActivityDetector::kMinThresholdDb);
    }

    void drivesTheGateWithPreRoll()
    {
        const std::vector<qint16> x = scene();
        VoiceActivityDetector vad(-40, 300);
        PttGate gate(100, 0);
        const qint16 *out[PttGate::kMaxOut];
        std::vector<qint16> sent;
        int starts = 0, stops = 0;
        for (std::size_t i = 0; i + kFrame <= x.size(); i += kFrame) {
            const bool voice = vad.process(x.data() + i);
            int n = 0;
            const PttGate::Event e = gate.process(x.data() + i, voice, out, PttGate::kMaxOut, &n);
            starts += e == PttGate::Event::Start;
            stops += e == PttGate::Event::Stop;
            for (int k = 0; k < n; ++k)
                sent.insert(sent.end(), out[k], out[k] + kFrame);
        }
        QCOMPARE(starts, 1);
        QCOMPARE(stops, 1);
        // The transmission starts with the pre-roll (before the speech), so the first syllable's
        // onset is whole: its first 20 ms are among what was sent, quiet noise ahead of it.
        QVERIFY(sent.size() >= std::size_t(kRate));
        QVERIFY(rmsDb(sent.data(), kFrame) < -50.0);
        const auto onset =
            std::search(sent.begin(), sent.end(), x.begin() + kRate, x.begin() + kRate + kFrame);
        QVERIFY(onset != sent.end());
    }
};

QTEST_GUILESS_MAIN(TestVoiceActivityDetector)
#include "test_voice_activity_detector.moc"
