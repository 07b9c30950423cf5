// JitterBuffer: ordering by sequence number, duplicates, late packets, wrap, jumps, start reorder.

#include "audio/JitterBuffer.h"

#include <QTest>

using tenfour::audio::JitterBuffer;
using R = JitterBuffer::InsertResult;

class TestJitterBuffer : public QObject {
    Q_OBJECT

    static R put(JitterBuffer &b, quint32 seq)
    {
        const unsigned char data[3] = {static_cast<unsigned char>(seq), static_cast<unsigned char>(seq >> 8),
                                       7};
        return b.insert(seq, data, 3);
    }
    // Plays the head; returns its seq's low byte from the payload, or -1 when missing.
    static int play(JitterBuffer &b)
    {
        const JitterBuffer::Packet *p = b.find(b.nextSeq());
        const int v = p ? p->data[0] : -1;
        b.advance();
        return v;
    }

private Q_SLOTS:
    void inOrder()
    {
        JitterBuffer b;
        QVERIFY(!b.hasPosition());
        QVERIFY(b.empty());
        for (quint32 s = 10; s < 15; ++s)
            QCOMPARE(put(b, s), R::Inserted);
        QCOMPARE(b.count(), 5);
        QCOMPARE(b.span(), 5);
        QCOMPARE(b.nextSeq(), 10u);
        for (int s = 10; s < 15; ++s)
            QCOMPARE(play(b), s);
        QVERIFY(b.empty());
        QCOMPARE(b.span(), 0);
    }

    void reorderedAndGaps()
    {
        JitterBuffer b;
        for (quint32 s : {20u, 22u, 21u, 25u})
            QCOMPARE(put(b, s), R::Inserted);
        QCOMPARE(b.span(), 6);
        QCOMPARE(b.count(), 4);
        QCOMPARE(play(b), 20);
        QCOMPARE(play(b), 21);
        QCOMPARE(play(b), 22);
        QCOMPARE(play(b), -1); // 23 missing
        QCOMPARE(put(b, 24), R::Inserted);
        QCOMPARE(play(b), 24);
        QCOMPARE(play(b), 25);
    }

    void duplicatesAndLate()
    {
        JitterBuffer b;
        QCOMPARE(put(b, 5), R::Inserted);
        QCOMPARE(put(b, 5), R::Duplicate);
        QCOMPARE(put(b, 6), R::Inserted);
        QCOMPARE(play(b), 5);
        QCOMPARE(put(b, 5), R::Late); // already played
        QCOMPARE(put(b, 6), R::Duplicate);
        QCOMPARE(put(b, 2), R::Late);
        QCOMPARE(b.count(), 1);
    }

    void earlierPacketBeforePlaybackMovesTheStart()
    {
        JitterBuffer b;
        QCOMPARE(put(b, 101), R::Inserted);
        QCOMPARE(put(b, 100), R::Inserted); // reordered at the very start: not late
        QCOMPARE(b.nextSeq(), 100u);
        QCOMPARE(play(b), 100);
        QCOMPARE(put(b, 99), R::Late); // once playing, earlier means late
    }

    // Found by tests/fuzz/fuzz_jitter_buffer: before playback starts, a packet half the u32 range
    // away is "behind" the start and "ahead of" the newest packet at once (signed distances
    // near 2^31). It used to become the new start: the play position jumped ~2^31 back, span()
    // went negative and the slot check reported a duplicate.
    void packetHalfTheRangeAwayBeforePlaybackIsLate()
    {
        JitterBuffer b;
        for (quint32 s : {2328465098u, 2328465099u, 2328465100u})
            QCOMPARE(put(b, s), R::Inserted);
        QCOMPARE(put(b, 180981451u), R::Late); // 2328465100 - 180981451 = 2^31 + 1
        QCOMPARE(b.nextSeq(), 2328465098u);
        QCOMPARE(b.count(), 3);
        QCOMPARE(b.span(), 3);
        QCOMPARE(play(b), int(2328465098u & 0xFF));
    }

    void sequenceWrap()
    {
        JitterBuffer b;
        const quint32 start = 0xFFFFFFFEu;
        QCOMPARE(put(b, start), R::Inserted);
        QCOMPARE(put(b, 1), R::Inserted); // 0xFFFFFFFE, _FF, 0, 1: two missing across the wrap
        QCOMPARE(put(b, 0xFFFFFFFFu), R::Inserted);
        QCOMPARE(b.span(), 4);
        QCOMPARE(play(b), 0xFE);
        QCOMPARE(play(b), 0xFF);
        QCOMPARE(b.nextSeq(), 0u);
        QCOMPARE(put(b, 0), R::Inserted);
        QCOMPARE(play(b), 0);
        QCOMPARE(play(b), 1);
        QCOMPARE(put(b, 0xFFFFFFFFu), R::Late);
    }

    void farJumpRestarts()
    {
        JitterBuffer b;
        QCOMPARE(put(b, 1), R::Inserted);
        QCOMPARE(put(b, 2), R::Inserted);
        QCOMPARE(play(b), 1);
        QCOMPARE(put(b, 1 + JitterBuffer::kCapacity), R::Inserted); // fits exactly
        QCOMPARE(put(b, 5000), R::Reset);
        QCOMPARE(b.count(), 1);
        QCOMPARE(b.nextSeq(), 5000u);
        QCOMPARE(play(b), 5000 & 0xFF);
    }

    void rejectsBadPayloads()
    {
        JitterBuffer b;
        unsigned char big[1276] = {};
        QCOMPARE(b.insert(1, nullptr, 3), R::Invalid);
        QCOMPARE(b.insert(1, big, 0), R::Invalid);
        QCOMPARE(b.insert(1, big, 1276), R::Invalid);
        QCOMPARE(b.insert(1, big, 1275), R::Inserted);
        QCOMPARE(b.find(1)->size, quint16(1275));
        b.clear();
        QVERIFY(!b.hasPosition());
        QVERIFY(!b.find(1));
    }
};

QTEST_GUILESS_MAIN(TestJitterBuffer)
#include "test_jitter_buffer.moc"
