// PttGate: pre-roll frames come out first and are the right ones, the tail has its length, a press
// during the tail continues the transmission, and already-sent frames are never pre-roll again.

#include "audio/PttGate.h"

#include <QTest>
#include <vector>

using tenfour::audio::PttGate;
using Event = PttGate::Event;

class TestPttGate : public QObject {
    Q_OBJECT

    // Frames are tagged with their capture index in sample 0.
    struct Driver {
        PttGate gate;
        int captured = 0;
        std::vector<int> sent;
        std::vector<qint16> frame = std::vector<qint16>(960, 0);
        const qint16 *out[PttGate::kMaxOut] = {};

        Driver(int preRoll, int tail) : gate(preRoll, tail) {}
        Event step(bool pressed, int maxOut = PttGate::kMaxOut)
        {
            frame[0] = qint16(captured);
            frame[959] = qint16(-captured);
            ++captured;
            int n = -1;
            const Event e = gate.process(frame.data(), pressed, out, maxOut, &n);
            for (int i = 0; i < n; ++i) {
                if (out[i][959] != -out[i][0])
                    return Event(99); // torn frame
                sent.push_back(out[i][0]);
            }
            return e;
        }
    };

private Q_SLOTS:
    void preRollComesFirstInOrder()
    {
        Driver d(160, 200);
        for (int i = 0; i < 20; ++i)
            QCOMPARE(d.step(false), Event::None);
        QVERIFY(d.sent.empty());
        QVERIFY(!d.gate.transmitting());
        QCOMPARE(d.step(true), Event::Start); // frame 20 is live
        QVERIFY(d.gate.transmitting());
        QCOMPARE(d.sent, (std::vector<int>{12, 13, 14, 15, 16, 17, 18, 19, 20}));
        QCOMPARE(d.step(true), Event::None);
        QCOMPARE(d.sent.back(), 21);
        QCOMPARE(int(d.sent.size()), 10);
    }

    void shortHistoryGivesWhatThereIs()
    {
        Driver d(160, 0);
        d.step(false);
        d.step(false);
        QCOMPARE(d.step(true), Event::Start);
        QCOMPARE(d.sent, (std::vector<int>{0, 1, 2}));
    }

    void tailLengthThenStop()
    {
        Driver d(0, 200); // 10 frames of tail
        QCOMPARE(d.step(true), Event::Start);
        QCOMPARE(d.sent, (std::vector<int>{0}));
        for (int i = 0; i < 5; ++i)
            QCOMPARE(d.step(true), Event::None);
        // Release: frames 6..15 are the tail, the last one comes with Stop.
        for (int i = 0; i < 9; ++i)
            QCOMPARE(d.step(false), Event::None);
        QCOMPARE(d.step(false), Event::Stop);
        QVERIFY(!d.gate.transmitting());
        QCOMPARE(int(d.sent.size()), 16);
        QCOMPARE(d.sent.back(), 15);
        QCOMPARE(d.step(false), Event::None);
        QCOMPARE(int(d.sent.size()), 16);
    }

    void zeroTailStopsAtRelease()
    {
        Driver d(0, 0);
        d.step(true);
        QCOMPARE(d.step(false), Event::Stop);
        QCOMPARE(d.sent, (std::vector<int>{0}));
    }

    void pressDuringTailContinues()
    {
        Driver d(160, 200);
        QCOMPARE(d.step(true), Event::Start);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(d.step(false), Event::None); // in the tail
        QCOMPARE(d.step(true), Event::None);      // pressed again: same transmission, no Start
        QVERIFY(d.gate.transmitting());
        for (int i = 0; i < 9; ++i)
            QCOMPARE(d.step(false), Event::None);
        QCOMPARE(d.step(false), Event::Stop);
        // Every frame from the press on went out exactly once, in order.
        std::vector<int> expect;
        for (int i = 0; i < d.captured; ++i)
            expect.push_back(i);
        QCOMPARE(d.sent, expect);
    }

    void sentFramesAreNotPreRollAgain()
    {
        Driver d(160, 100);
        d.step(true);
        for (int i = 0; i < 5; ++i)
            d.step(false); // tail: frames 1..5, Stop on 5
        QVERIFY(!d.gate.transmitting());
        d.step(false); // frame 6, never sent
        d.step(false); // frame 7
        QCOMPARE(d.step(true), Event::Start);
        QCOMPARE(std::vector<int>(d.sent.end() - 3, d.sent.end()), (std::vector<int>{6, 7, 8}));
        QCOMPARE(int(d.sent.size()), 9); // 0..5, then 6, 7, 8: no repeats
    }

    void smallOutputKeepsNewest()
    {
        Driver d(160, 0);
        for (int i = 0; i < 10; ++i)
            d.step(false);
        QCOMPARE(d.step(true, 3), Event::Start);
        QCOMPARE(d.sent, (std::vector<int>{8, 9, 10}));
    }

    void settersClampAndRound()
    {
        PttGate g;
        QCOMPARE(g.preRollMs(), 160);
        QCOMPARE(g.tailMs(), 200);
        g.setPreRollMs(110);
        QCOMPARE(g.preRollMs(), 100);
        g.setPreRollMs(5000);
        QCOMPARE(g.preRollMs(), PttGate::kMaxPreRollMs);
        g.setTailMs(-4);
        QCOMPARE(g.tailMs(), 0);
        g.setTailMs(3000);
        QCOMPARE(g.tailMs(), 1000);
    }

    void resetEndsSilently()
    {
        Driver d(160, 200);
        d.step(false);
        d.step(true);
        d.gate.reset();
        QVERIFY(!d.gate.transmitting());
        const size_t before = d.sent.size();
        QCOMPARE(d.step(true), Event::Start);
        QCOMPARE(d.sent.size(), before + 1); // history was forgotten: only the live frame
    }

    void nullArgumentsAreHarmless()
    {
        PttGate g;
        int n = 5;
        std::vector<qint16> f(960, 0);
        QCOMPARE(g.process(nullptr, true, nullptr, 0, &n), Event::None);
        QCOMPARE(n, 0);
        QCOMPARE(g.process(f.data(), true, nullptr, 4, &n), Event::None);
        QCOMPARE(g.process(f.data(), true, nullptr, 0, nullptr), Event::None);
    }
};

QTEST_GUILESS_MAIN(TestPttGate)
#include "test_ptt_gate.moc"
