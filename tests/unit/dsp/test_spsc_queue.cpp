// SpscQueue: single-threaded semantics and a two-thread stress that checks order and completeness.

#include "audio/SpscQueue.h"

#include <QTest>
#include <atomic>
#include <thread>

using tenfour::audio::SpscQueue;

class TestSpscQueue : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void emptyAndFull()
    {
        SpscQueue<int, 4> q;
        int v = -1;
        QCOMPARE(q.sizeApprox(), size_t(0));
        QVERIFY(q.emptyApprox());
        QVERIFY(!q.tryPop(v));
        QCOMPARE(v, -1); // untouched
        for (int i = 0; i < 4; ++i)
            QVERIFY(q.tryPush(i));
        QCOMPARE(q.sizeApprox(), size_t(4));
        QVERIFY(!q.tryPush(99)); // full: refused, nothing overwritten
        for (int i = 0; i < 4; ++i) {
            QVERIFY(q.tryPop(v));
            QCOMPARE(v, i);
        }
        QVERIFY(!q.tryPop(v));
        QCOMPARE(q.capacity(), size_t(4));
    }

    void wrapsAroundManyTimes()
    {
        // A capacity that is not a power of two, cycled far past its size.
        SpscQueue<int, 3> q;
        int next = 0, expect = 0, v = 0;
        for (int round = 0; round < 1000; ++round) {
            const int burst = 1 + round % 3;
            for (int i = 0; i < burst; ++i)
                QVERIFY(q.tryPush(next++));
            QCOMPARE(q.sizeApprox(), size_t(burst));
            for (int i = 0; i < burst; ++i) {
                QVERIFY(q.tryPop(v));
                QCOMPARE(v, expect++);
            }
        }
    }

    void carriesLargeTrivialStructs()
    {
        struct Big {
            int seq;
            unsigned char data[1300];
        };
        SpscQueue<Big, 8> q;
        Big b{};
        for (int i = 0; i < 8; ++i) {
            b.seq = i;
            b.data[1299] = static_cast<unsigned char>(i);
            QVERIFY(q.tryPush(b));
        }
        Big out{};
        for (int i = 0; i < 8; ++i) {
            QVERIFY(q.tryPop(out));
            QCOMPARE(out.seq, i);
            QCOMPARE(int(out.data[1299]), i);
        }
    }

    void indicesLiveOnSeparateCacheLines()
    {
        // The producer's and consumer's indices must not share a 64-byte line (false sharing).
        using Q = SpscQueue<int, 4>;
        QVERIFY(sizeof(Q) >= 3 * 64);
        QCOMPARE(alignof(Q), size_t(64));
    }

    void twoThreadStress()
    {
        constexpr quint64 kItems = 300000;
        SpscQueue<quint64, 64> q;
        std::atomic<bool> orderOk{true};
        std::atomic<quint64> received{0};
        std::thread consumer([&] {
            quint64 expect = 0, v = 0;
            while (expect < kItems) {
                if (q.tryPop(v)) {
                    if (v != expect * 2654435761ull)
                        orderOk = false;
                    ++expect;
                } else {
                    std::this_thread::yield();
                }
            }
            received = expect;
        });
        quint64 refused = 0;
        for (quint64 i = 0; i < kItems;) {
            if (q.tryPush(i * 2654435761ull))
                ++i;
            else {
                ++refused;
                std::this_thread::yield();
            }
        }
        consumer.join();
        QVERIFY(orderOk);
        QCOMPARE(quint64(received), kItems);
        QCOMPARE(q.sizeApprox(), size_t(0));
        qInfo("producer found the queue full %llu times", refused);
    }
};

QTEST_GUILESS_MAIN(TestSpscQueue)
#include "test_spsc_queue.moc"
