// Audio cues through the real PlayoutMixer::render(): a triggered cue shows up in the output at
// its configured volume and length, a disabled one stays silent, the master volume scales the
// whole output (cues and voices), and cues from another thread arrive without a lock.

#include "audio/PlayoutMixer.h"

#include <QTest>
#include <cmath>
#include <thread>
#include <vector>

using tenfour::audio::CuePlayer;
using tenfour::audio::PlayoutMixer;
using Cue = CuePlayer::Cue;

namespace {
std::vector<qint16> renderMs(PlayoutMixer &m, int ms)
{
    std::vector<qint16> out(std::size_t(ms * 48), 0);
    // Odd block sizes, as a real sink asks.
    std::size_t pos = 0;
    qint64 t = 0;
    while (pos < out.size()) {
        const int n = int(std::min<std::size_t>(441, out.size() - pos));
        m.render(out.data() + pos, n, t);
        pos += std::size_t(n);
        t += qint64(n) * 1000000 / 48000;
    }
    return out;
}

int peak(const std::vector<qint16> &x)
{
    int p = 0;
    for (qint16 s : x)
        p = std::max(p, std::abs(int(s)));
    return p;
}

int nonSilent(const std::vector<qint16> &x)
{
    int n = 0;
    for (qint16 s : x)
        n += std::abs(int(s)) > 50;
    return n;
}
} // namespace

class TestCuePlayer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void triggeredCueIsRenderedAtItsVolume()
    {
        for (Cue cue : {Cue::Permit, Cue::End, Cue::Busy}) {
            PlayoutMixer m;
            QCOMPARE(peak(renderMs(m, 100)), 0); // nothing before
            m.cues().trigger(cue);               // off by default
            QCOMPARE(peak(renderMs(m, 500)), 0);
            m.cues().setEnabled(cue, true);
            m.cues().setVolume(cue, 50);
            m.cues().trigger(cue);
            const std::vector<qint16> out = renderMs(m, 1000);
            const int p = peak(out);
            const int want = int(CuePlayer::kFullVolumeAmplitude * 0.5f);
            QVERIFY2(std::abs(p - want) < want / 20, qPrintable(QStringLiteral("%1 vs %2").arg(p).arg(want)));
            // Sound lasts about as long as the cue's tones (pauses of the busy tone excluded).
            const int len = CuePlayer::lengthSamples(cue);
            QVERIFY(nonSilent(out) <= len);
            QVERIFY(nonSilent(out) > (cue == Cue::Busy ? len / 2 : len * 8 / 10));
            // And then silence: the cue ended.
            QCOMPARE(peak(renderMs(m, 200)), 0);
            QVERIFY(!m.cues().playing());

            // Twice the volume, twice the amplitude.
            m.cues().setVolume(cue, 100);
            m.cues().trigger(cue);
            const int p2 = peak(renderMs(m, 1000));
            QVERIFY2(std::abs(p2 - 2 * p) < p / 20, qPrintable(QStringLiteral("%1 vs %2").arg(p2).arg(p)));
        }
    }

    void disabledCueStaysSilent()
    {
        PlayoutMixer m;
        m.cues().setEnabled(Cue::Busy, true);
        m.cues().setEnabled(Cue::Busy, false);
        m.cues().trigger(Cue::Busy);
        QCOMPARE(peak(renderMs(m, 1000)), 0);
        m.cues().setEnabled(Cue::Busy, true);
        m.cues().setVolume(Cue::Busy, 0);
        m.cues().trigger(Cue::Busy);
        QCOMPARE(peak(renderMs(m, 1000)), 0);
    }

    void masterVolumeScalesTheOutput()
    {
        PlayoutMixer a, b;
        b.setMasterVolume(0.25f);
        QCOMPARE(b.masterVolume(), 0.25f);
        for (PlayoutMixer *m : {&a, &b}) {
            m->cues().setEnabled(Cue::End, true);
            m->cues().setVolume(Cue::End, 100);
            renderMs(*m, 40); // b's ramp to 0.25 happens over its first frame
            m->cues().trigger(Cue::End);
        }
        const int pa = peak(renderMs(a, 300));
        const int pb = peak(renderMs(b, 300));
        QVERIFY2(std::abs(pb * 4 - pa) < pa / 20, qPrintable(QStringLiteral("%1 %2").arg(pa).arg(pb)));
        b.setMasterVolume(9.0f);
        QCOMPARE(b.masterVolume(), PlayoutMixer::kMaxMasterVolume);
        b.setMasterVolume(0.0f);
        renderMs(b, 40);
        b.cues().trigger(Cue::End);
        QCOMPARE(peak(renderMs(b, 300)), 0);
    }

    void triggerFromAnotherThread()
    {
        PlayoutMixer m;
        m.cues().setEnabled(Cue::Permit, true);
        std::thread t([&m] { m.cues().trigger(Cue::Permit); });
        t.join();
        QVERIFY(peak(renderMs(m, 300)) > 1000);
    }
};

QTEST_GUILESS_MAIN(TestCuePlayer)
#include "test_cue_player.moc"
