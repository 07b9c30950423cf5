// PlayoutMixer: speakers mixed, gain and mute, StreamEnd, render with odd sample counts, stats,
// the slot pool, and the queue as the thread boundary.

#include "DspTestSignals.h"
#include "audio/PlayoutMixer.h"

#include <QTest>
#include <atomic>
#include <cmath>
#include <cstring>
#include <thread>
#include <vector>

using namespace tenfour;
using namespace tenfour::dsptest;
using audio::IncomingPacket;
using audio::PlayoutMixer;

namespace {

std::vector<std::vector<unsigned char>> toneStream(double freq, int frames, double amp = 6000.0)
{
    codec::OpusEncoder enc;
    std::vector<std::vector<unsigned char>> out;
    std::vector<qint16> pcm(960);
    unsigned char buf[1275];
    for (int f = 0; f < frames; ++f) {
        for (int i = 0; i < 960; ++i)
            pcm[size_t(i)] = qint16(std::lrint(amp * std::sin(2 * M_PI * freq * (f * 960 + i) / 48000.0)));
        const int n = enc.encode(pcm.data(), buf, 1275);
        out.emplace_back(buf, buf + n);
    }
    return out;
}

IncomingPacket audioPacket(quint32 sid, quint32 seq, qint64 at, const std::vector<unsigned char> &data)
{
    IncomingPacket p;
    p.kind = IncomingPacket::Audio;
    p.sid = sid;
    p.seq = seq;
    p.arrivalUs = at;
    p.size = quint16(data.size());
    std::memcpy(p.data, data.data(), data.size());
    return p;
}

IncomingPacket control(IncomingPacket::Kind kind, quint32 sid, float gain = 1.0f)
{
    IncomingPacket p;
    p.kind = kind;
    p.sid = sid;
    p.gain = gain;
    return p;
}

// Goertzel power of one frequency, normalised to the amplitude of a sine at that frequency.
double amplitudeAt(const std::vector<qint16> &x, size_t from, size_t n, double freq)
{
    const double w = 2 * M_PI * freq / 48000.0, coeff = 2 * std::cos(w);
    double s1 = 0, s2 = 0;
    for (size_t i = from; i < from + n && i < x.size(); ++i) {
        const double s0 = x[i] + coeff * s1 - s2;
        s2 = s1;
        s1 = s0;
    }
    const double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
    return 2.0 * std::sqrt(std::max(0.0, power)) / double(n);
}

} // namespace

class TestPlayoutMixer : public QObject {
    Q_OBJECT

    std::vector<std::vector<unsigned char>> m_a, m_b;

    // Delivers stream packets 20 ms apart (arriving 5 ms into each period) while rendering in
    // 480-sample (10 ms) blocks; returns everything rendered.
    static std::vector<qint16>
    run(PlayoutMixer &m, int ms,
        const std::vector<std::pair<quint32, const std::vector<std::vector<unsigned char>> *>> &streams,
        int fromFrame = 0, qint64 startUs = 0)
    {
        std::vector<qint16> out;
        std::vector<qint16> block(480);
        for (qint64 t = startUs; t < startUs + qint64(ms) * 1000; t += 10000) {
            for (const auto &s : streams) {
                const qint64 f = (t - startUs) / 20000 + fromFrame;
                if ((t - startUs) % 20000 == 0 && f < qint64(s.second->size()))
                    m.enqueue(audioPacket(s.first, quint32(f), t + 5000, (*s.second)[size_t(f)]));
            }
            m.render(block.data(), 480, t + 6000);
            out.insert(out.end(), block.begin(), block.end());
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_a = toneStream(400.0, 150);
        m_b = toneStream(1000.0, 150);
    }

    void silentWhenIdle()
    {
        PlayoutMixer m;
        std::vector<qint16> out(1000, 123);
        m.render(out.data(), 1000, 0);
        for (qint16 s : out)
            QCOMPARE(s, qint16(0));
        QCOMPARE(m.stats().activeSpeakers, 0);
        QCOMPARE(m.stats().targetDelayMs, 20);
    }

    void twoSpeakersMixed()
    {
        PlayoutMixer m;
        m.enqueue(control(IncomingPacket::StreamStart, 1));
        m.enqueue(control(IncomingPacket::StreamStart, 2));
        const auto out = run(m, 2000, {{1, &m_a}, {2, &m_b}});
        const double a = amplitudeAt(out, 48000, 48000, 400.0), b = amplitudeAt(out, 48000, 48000, 1000.0);
        qInfo("400 Hz %.0f, 1000 Hz %.0f", a, b);
        QVERIFY(a > 4500 && a < 7000);
        QVERIFY(b > 4500 && b < 7000);
        const auto st = m.stats();
        QCOMPARE(st.activeSpeakers, 2);
        QVERIFY(st.played >= 2 * 90);
        QCOMPARE(st.concealed, quint64(0));
        QCOMPARE(st.targetDelayMs, 20);
        QVERIFY2(st.bufferedMs >= 10 && st.bufferedMs <= 45, qPrintable(QString::number(st.bufferedMs)));
        QVERIFY(m.isAudible(1) && m.isAudible(2) && !m.isAudible(3));
    }

    void gainAndMute()
    {
        PlayoutMixer m;
        m.enqueue(control(IncomingPacket::StreamStart, 1, 0.5f));
        m.enqueue(control(IncomingPacket::StreamStart, 2));
        auto out = run(m, 1000, {{1, &m_a}, {2, &m_b}});
        const double half = amplitudeAt(out, 24000, 24000, 400.0),
                     full = amplitudeAt(out, 24000, 24000, 1000.0);
        QVERIFY2(std::fabs(half / full - 0.5) < 0.08, qPrintable(QString::number(half / full)));

        m.enqueue(control(IncomingPacket::SetGain, 2, 0.0f)); // mute speaker 2
        out = run(m, 1000, {{1, &m_a}, {2, &m_b}}, 50, 1000000);
        QVERIFY(amplitudeAt(out, 4800, 43200, 1000.0) < 50);
        QVERIFY(amplitudeAt(out, 4800, 43200, 400.0) > 2000);
        QVERIFY(!m.isAudible(2));
        QVERIFY(m.isAudible(1));
        // The mute ramps over one frame: the first samples still carry some of speaker 2.
        QVERIFY(amplitudeAt(out, 0, 480, 1000.0) > 300);
    }

    void streamEndStopsAfterPlayout()
    {
        PlayoutMixer m;
        std::vector<std::vector<unsigned char>> shortStream(m_a.begin(), m_a.begin() + 20);
        auto out = run(m, 400, {{7, &shortStream}}); // all 20 sent, the last ones not played yet
        QCOMPARE(m.stats().activeSpeakers, 1);
        QVERIFY(m.stats().played < 20);
        m.enqueue(control(IncomingPacket::StreamEnd, 7));
        out = run(m, 200, {}, 0, 400000);
        // Everything buffered was still played, then it went idle.
        QCOMPARE(m.stats().played, quint64(20));
        QCOMPARE(m.stats().activeSpeakers, 0);
        QVERIFY(amplitudeAt(out, 0, 480, 400.0) > 2000);
        QVERIFY(amplitudeAt(out, out.size() - 4800, 4800, 400.0) < 10);
        // A straggler for the ended stream neither reopens it nor plays.
        m.enqueue(audioPacket(7, 21, 605000, m_a[21]));
        out = run(m, 100, {}, 0, 600000);
        QCOMPARE(m.stats().activeSpeakers, 0);
        QCOMPARE(m.stats().late, quint64(1));
        // An explicit StreamStart makes the sid usable again.
        m.enqueue(control(IncomingPacket::StreamStart, 7));
        run(m, 200, {{7, &shortStream}}, 0, 700000);
        QCOMPARE(m.stats().activeSpeakers, 1);
        QVERIFY(m.stats().played > 20);
    }

    void timeoutWithoutStreamEnd()
    {
        PlayoutMixer m(audio::JitterConfig{20, 300, 500});
        std::vector<std::vector<unsigned char>> shortStream(m_a.begin(), m_a.begin() + 10);
        run(m, 200, {{3, &shortStream}});
        QCOMPARE(m.stats().activeSpeakers, 1);
        run(m, 400, {}, 0, 200000);
        QCOMPARE(m.stats().activeSpeakers, 1);
        run(m, 300, {}, 0, 600000);
        QCOMPARE(m.stats().activeSpeakers, 0);
        // Unlike after StreamEnd, the same sid may come back (a long pause in the same talk).
        run(m, 200, {{3, &shortStream}}, 0, 900000);
        QCOMPARE(m.stats().activeSpeakers, 1);
    }

    void oddRenderSizesGiveTheSameAudio()
    {
        // All packets are queued up front, so only the render sizes differ between the two runs.
        std::vector<qint16> ref, odd;
        for (int pass = 0; pass < 2; ++pass) {
            PlayoutMixer m;
            for (int f = 0; f < 40; ++f) {
                // Arrival stamps off the 20 ms grid: a pull time rounded 1 us differently by the
                // two runs cannot flip a decision.
                m.enqueue(audioPacket(1, quint32(f), f * 20000 + 3100, m_a[size_t(f)]));
                m.enqueue(audioPacket(2, quint32(f), f * 20000 + 5300, m_b[size_t(f)]));
            }
            std::vector<qint16> &out = pass == 0 ? ref : odd;
            const int total = 48000;
            int done = 0, k = 0;
            const int sizes[] = {1, 7, 441, 1000, 333, 960, 2, 4097};
            while (done < total) {
                const int n = std::min(total - done, pass == 0 ? 960 : sizes[k++ % 8]);
                std::vector<qint16> buf(size_t(n) + 1, 0x1234);
                m.render(buf.data(), n, qint64(done) * 1000000 / 48000);
                QCOMPARE(buf[size_t(n)], qint16(0x1234)); // wrote exactly n samples
                out.insert(out.end(), buf.begin(), buf.begin() + n);
                done += n;
            }
        }
        QCOMPARE(ref.size(), odd.size());
        QVERIFY(ref == odd);
        QVERIFY(amplitudeAt(ref, 4800, 19200, 400.0) > 4000);
    }

    void statsCountDuplicatesAndLoss()
    {
        PlayoutMixer m;
        std::vector<qint16> block(960);
        for (int f = 0; f < 60; ++f) {
            const qint64 t = qint64(f) * 20000;
            if (f != 35)
                m.enqueue(audioPacket(9, quint32(f), t + 2000, m_a[size_t(f)]));
            if (f % 10 == 0)
                m.enqueue(audioPacket(9, quint32(f), t + 2000, m_a[size_t(f)]));
            m.render(block.data(), 960, t + 4000);
        }
        const auto st = m.stats();
        QCOMPARE(st.duplicates, quint64(6));
        QCOMPARE(st.concealed, quint64(1));
        QVERIFY(st.played >= 57);
        QCOMPARE(st.activeSpeakers, 1);
    }

    void limiterKeepsLoudMixesInRange()
    {
        // Two in-phase tones at 20000 sum to 1.2x full scale: limited below the rail, not clipped.
        PlayoutMixer m;
        const auto loud = toneStream(400.0, 60, 20000.0);
        const auto out = run(m, 1000, {{1, &loud}, {2, &loud}});
        int peak = 0;
        for (qint16 s : out)
            peak = std::max(peak, std::abs(int(s)));
        QVERIFY2(peak > 30000 && peak < 32767, qPrintable(QString::number(peak)));
        // Below the knee the mix is untouched: the quiet start of each cycle is exactly the sum.
        QVERIFY(amplitudeAt(out, 24000, 24000, 400.0) > 30000);
    }

    void poolAndQueueLimits()
    {
        PlayoutMixer m;
        for (quint32 sid = 1; sid <= quint32(PlayoutMixer::kMaxSpeakers) + 1; ++sid)
            m.enqueue(control(IncomingPacket::StreamStart, sid));
        std::vector<qint16> block(960);
        m.render(block.data(), 960, 1000);
        QCOMPARE(m.stats().activeSpeakers, PlayoutMixer::kMaxSpeakers);
        QCOMPARE(m.stats().rejected, quint64(1));

        PlayoutMixer q;
        size_t accepted = 0;
        for (size_t i = 0; i < PlayoutMixer::kQueueCapacity + 10; ++i)
            accepted += q.enqueue(control(IncomingPacket::SetGain, 1));
        QCOMPARE(accepted, PlayoutMixer::kQueueCapacity);
        QCOMPARE(q.stats().queueOverflows, quint64(10));
        IncomingPacket bad = audioPacket(1, 0, 0, m_a[0]);
        bad.size = 0;
        q.render(block.data(), 960, 0); // drains the queue
        QVERIFY(q.enqueue(bad));
        q.render(block.data(), 960, 20000);
        QCOMPARE(q.stats().rejected, quint64(1));
    }

    // The sleep/wake handshake a corked speaker relies on (PlayoutWake): idle only with nothing
    // playing or queued, one hook call per sleep, from a packet or from a cue.
    void sleepsWhenIdleAndWakesOnce()
    {
        PlayoutMixer m;
        std::atomic<int> hooks{0};
        m.wake().setHook([](void *c) { static_cast<std::atomic<int> *>(c)->fetch_add(1); }, &hooks);
        QVERIFY(m.idle());
        m.enqueue(control(IncomingPacket::StreamStart, 7)); // awake: no hook
        QCOMPARE(hooks.load(), 0);
        QVERIFY(!m.idle()); // something queued
        QVERIFY(!m.trySleep());
        std::vector<std::vector<unsigned char>> shortStream(m_a.begin(), m_a.begin() + 5);
        run(m, 100, {{7, &shortStream}});
        QVERIFY(!m.idle()); // a speaker stream is open
        m.enqueue(control(IncomingPacket::StreamEnd, 7));
        run(m, 200, {}, 0, 100000);
        QCOMPARE(m.stats().activeSpeakers, 0);
        QVERIFY(m.idle());

        QVERIFY(m.trySleep());
        QVERIFY(m.wake().asleep());
        m.enqueue(audioPacket(9, 0, 400000, m_b[0]));
        m.enqueue(audioPacket(9, 1, 420000, m_b[1]));
        QCOMPARE(hooks.load(), 1); // once per sleep, not per packet
        QVERIFY(!m.wake().asleep());
        m.enqueue(control(IncomingPacket::StreamEnd, 9));
        run(m, 300, {}, 0, 400000); // plays it, then goes idle again
        QVERIFY(m.stats().played >= 2);
        QVERIFY(m.idle());

        // A cue wakes it; a disabled cue does nothing.
        QVERIFY(m.trySleep());
        m.cues().trigger(audio::CuePlayer::Cue::End); // disabled by default
        QCOMPARE(hooks.load(), 1);
        m.cues().setEnabled(audio::CuePlayer::Cue::End, true);
        m.cues().trigger(audio::CuePlayer::Cue::End);
        QCOMPARE(hooks.load(), 2);
        QVERIFY(!m.idle()); // the cue is pending until rendered
        QVERIFY(!m.trySleep());
        m.wake().setHook(nullptr, nullptr);
    }

    void networkThreadFeedsPlayoutThread()
    {
        // The real split: one thread enqueues 3 s of audio for two speakers, this one renders.
        PlayoutMixer m;
        std::atomic<bool> done{false};
        std::atomic<qint64> clock{0};
        std::atomic<int> sent{0};
        std::thread producer([&] {
            for (int f = 0; f < 150; ++f) {
                // Paced by the playout clock, as a network would be: at most 100 ms ahead.
                while (clock.load() + 100000 < f * 20000)
                    std::this_thread::yield();
                for (quint32 sid : {1u, 2u}) {
                    const auto &src = sid == 1 ? m_a : m_b;
                    while (!m.enqueue(audioPacket(sid, quint32(f), f * 20000, src[size_t(f)])))
                        std::this_thread::yield();
                }
                sent = f + 1;
            }
            done = true;
        });
        std::vector<qint16> block(960);
        qint64 t = 0;
        while (!done || m.stats().played < 300) {
            // Neither side may run away from the other in virtual time.
            while (!done && qint64(sent.load()) * 20000 < t)
                std::this_thread::yield();
            m.render(block.data(), 960, t);
            t += 20000;
            clock = t;
            if (t > 20000000)
                break;
        }
        producer.join();
        while (m.stats().activeSpeakers > 0 && t < 30000000) {
            m.render(block.data(), 960, t);
            t += 20000;
        }
        QCOMPARE(m.stats().played + m.stats().late, quint64(300));
        QCOMPARE(m.stats().duplicates, quint64(0));
    }
};

QTEST_GUILESS_MAIN(TestPlayoutMixer)
#include "test_playout_mixer.moc"
