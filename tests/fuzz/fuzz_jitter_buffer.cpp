// The receive side's packet store and delay estimate (app/audio/JitterBuffer.h,
// DelayEstimator.h) fed arbitrary packet sequences decoded from the input: in order, reordered,
// duplicated, bursts with one arrival time, jumps anywhere in the u32 space (wraps, huge gaps,
// sender restarts), empty and oversized payloads, interleaved with playout (advance) as a 20 ms
// pull would do it and with virtual time that may jump by days.
//
// Invariants, checked after every step against a shadow model of what was accepted (abort on
// any violation):
// - bounded memory/size: count() <= kCapacity, count() equals the packets accepted and not yet
//   played or discarded, span() in [count, kCapacity], every stored packet within kCapacity of
//   the play position;
// - the insert result matches the packet: Inserted/Reset grow the store (Reset: to one packet),
//   Duplicate only for a stored seq, Late only behind the play position, Invalid only for an
//   empty or oversized payload;
// - find() returns exactly the payload first accepted for that seq;
// - monotonic playout: the play position moves forward one seq per advance, and the packets
//   played come out in strictly increasing (wrap-aware) sequence order;
// - bounded delay: the estimator's target always lies within its [min, max] bounds, and its
//   jitter measure is never negative.

#include "FuzzCheck.h"
#include "audio/DelayEstimator.h"
#include "audio/JitterBuffer.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <vector>

using tenfour::audio::DelayEstimator;
using tenfour::audio::JitterBuffer;
using tenfour::audio::kMaxPacketBytes;
using R = JitterBuffer::InsertResult;

namespace {

constexpr int kCap = JitterBuffer::kCapacity;

struct Shadow {
    int len = 0;
    unsigned char salt = 0;
};

// Payload bytes are a function of (seq, salt, index): what find() returns can be checked
// without storing copies. The seq's bytes first, the salt after them (cheap to write and check).
unsigned char payloadByte(quint32 seq, unsigned char salt, int i)
{
    return i < 4 ? static_cast<unsigned char>(seq >> (8 * i)) : salt;
}

class Harness {
public:
    Harness(int minMs, int maxMs) : m_est(minMs, maxMs) {}

    void insert(quint32 seq, int len, unsigned char salt, qint64 arrivalUs)
    {
        std::vector<unsigned char> &buf = m_buf;
        buf.assign(size_t(std::max(len, 4)), salt);
        for (int i = 0; i < 4; ++i)
            buf[size_t(i)] = payloadByte(seq, salt, i);
        const bool hadPosition = m_jb.hasPosition();
        const quint32 nextBefore = m_jb.nextSeq();
        const bool stored = m_shadow.count(seq) > 0;
        const int countBefore = m_jb.count();

        const R r = m_jb.insert(seq, buf.data(), len);
        if (len <= 0 || len > kMaxPacketBytes) {
            FUZZ_CHECK(r == R::Invalid);
            FUZZ_CHECK(m_jb.count() == countBefore);
            return;
        }
        FUZZ_CHECK(r != R::Invalid);
        // The receive path feeds the estimator with every valid packet that reaches the store.
        m_est.addArrival(seq, arrivalUs);
        switch (r) {
        case R::Inserted:
            FUZZ_CHECK(!stored);
            FUZZ_CHECK(m_jb.count() == countBefore + 1);
            m_shadow[seq] = Shadow{len, salt};
            checkPacket(seq, m_shadow[seq]);
            break;
        case R::Reset:
            FUZZ_CHECK(hadPosition && qint32(seq - nextBefore) >= kCap);
            FUZZ_CHECK(m_jb.count() == 1 && m_jb.nextSeq() == seq);
            // Forward (checked above), so playout stays monotonic; the next comparison starts
            // here (several jumps in a row may add up to more than half the u32 range).
            m_playedAny = false;
            m_shadow.clear();
            m_shadow[seq] = Shadow{len, salt};
            break;
        case R::Duplicate:
            FUZZ_CHECK(stored);
            FUZZ_CHECK(m_jb.count() == countBefore);
            break;
        case R::Late:
            FUZZ_CHECK(hadPosition && qint32(seq - nextBefore) < 0);
            FUZZ_CHECK(!stored && m_jb.count() == countBefore);
            break;
        case R::Invalid:
            break;
        }
        checkSize();
    }

    void advance()
    {
        if (!m_jb.hasPosition()) {
            m_jb.advance();
            FUZZ_CHECK(!m_jb.hasPosition());
            return;
        }
        const quint32 next = m_jb.nextSeq();
        const JitterBuffer::Packet *p = m_jb.find(next);
        const auto it = m_shadow.find(next);
        FUZZ_CHECK((p != nullptr) == (it != m_shadow.end()));
        if (p) {
            // Monotonic playout: each packet played is later in sequence than the one before.
            FUZZ_CHECK(!m_playedAny || qint32(next - m_lastPlayed) > 0);
            m_playedAny = true;
            m_lastPlayed = next;
            m_shadow.erase(it);
        }
        m_jb.advance();
        FUZZ_CHECK(m_jb.nextSeq() == next + 1);
        checkSize();
    }

    void clear()
    {
        m_jb.clear();
        m_shadow.clear();
        m_playedAny = false;
        FUZZ_CHECK(m_jb.empty() && !m_jb.hasPosition() && m_jb.span() == 0);
    }

    void resetEstimator(int initialMs) { m_est.reset(initialMs); }
    void setBounds(int minMs, int maxMs) { m_est.setBounds(minMs, maxMs); }
    void checkEstimator() const
    {
        FUZZ_CHECK(m_est.targetDelayUs() >= qint64(m_est.minDelayMs()) * 1000);
        FUZZ_CHECK(m_est.targetDelayUs() <= qint64(m_est.maxDelayMs()) * 1000);
        FUZZ_CHECK(m_est.maxDelayMs() <= 5000);
        FUZZ_CHECK(m_est.jitterUs() >= 0);
    }

    // The whole store against the shadow (O(capacity): after playout and at the end of input).
    void check()
    {
        checkSize();
        for (const auto &[seq, s] : m_shadow)
            checkPacket(seq, s);
    }

private:
    void checkPacket(quint32 seq, const Shadow &s) const
    {
        const qint32 ahead = qint32(seq - m_jb.nextSeq());
        FUZZ_CHECK(ahead >= 0 && ahead < kCap);
        FUZZ_CHECK(ahead < m_jb.span());
        const JitterBuffer::Packet *p = m_jb.find(seq);
        FUZZ_CHECK(p && p->seq == seq && p->size == s.len);
        for (int i = 0; i < std::min(s.len, 4); ++i)
            FUZZ_CHECK(p->data[i] == payloadByte(seq, s.salt, i));
        FUZZ_CHECK(p->data[s.len - 1] == payloadByte(seq, s.salt, s.len - 1));
    }

    void checkSize() const
    {
        const int count = m_jb.count();
        FUZZ_CHECK(count >= 0 && count <= kCap);
        FUZZ_CHECK(count == int(m_shadow.size()));
        FUZZ_CHECK(m_jb.empty() == (count == 0));
        const int span = m_jb.span();
        if (count == 0) {
            FUZZ_CHECK(span == 0);
        } else {
            FUZZ_CHECK(span >= count && span <= kCap);
        }
        checkEstimator();
    }

    JitterBuffer m_jb;
    DelayEstimator m_est;
    std::map<quint32, Shadow> m_shadow;
    std::vector<unsigned char> m_buf;
    bool m_playedAny = false;
    quint32 m_lastPlayed = 0;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzedDataProvider in(data, size);
    const int minMs = in.ConsumeIntegralInRange<int>(-10, 400);
    const int maxMs = in.ConsumeIntegralInRange<int>(-10, 6000);
    Harness h(minMs, maxMs);
    h.checkEstimator();

    quint32 seq = in.ConsumeIntegral<quint32>(); // start anywhere, near the wrap included
    qint64 nowUs = in.ConsumeIntegralInRange<qint64>(0, qint64(1) << 40);
    // Reads the payload length, then the salt (explicitly sequenced: argument evaluation order
    // is unspecified, and make_corpus.py lays the seeds out in this order).
    auto put = [&](quint32 s) {
        const int len = in.ConsumeIntegralInRange<int>(1, kMaxPacketBytes);
        const unsigned char salt = in.ConsumeIntegral<unsigned char>();
        h.insert(s, len, salt, nowUs);
    };

    while (in.remaining_bytes() > 0) {
        switch (in.ConsumeIntegral<uint8_t>() % 10) {
        case 0: // the next packet, on time or a little late
        case 1:
            nowUs += in.ConsumeIntegralInRange<qint64>(0, 100000);
            put(++seq);
            break;
        case 2: // a duplicate of a recent packet
            nowUs += in.ConsumeIntegralInRange<qint64>(0, 5000);
            put(seq - in.ConsumeIntegralInRange<quint32>(0, 80));
            break;
        case 3: { // reordering: a packet a few places off
            nowUs += in.ConsumeIntegralInRange<qint64>(0, 40000);
            put(seq + quint32(in.ConsumeIntegralInRange<int>(-70, 70)));
            break;
        }
        case 4: { // a burst: several packets with one arrival time
            nowUs += in.ConsumeIntegralInRange<qint64>(0, 2000000);
            const int n = in.ConsumeIntegralInRange<int>(1, 40);
            for (int i = 0; i < n; ++i)
                put(++seq);
            break;
        }
        case 5: // a jump anywhere: wrap, huge gap, sender restart, after a long silence
            nowUs += in.ConsumeIntegralInRange<qint64>(0, qint64(1) << 36);
            seq += in.ConsumeIntegral<quint32>();
            put(seq);
            break;
        case 6: // playout: one or more 20 ms pulls
        case 7: {
            const int n = in.ConsumeIntegralInRange<int>(1, 8);
            for (int i = 0; i < n; ++i) {
                nowUs += 20000;
                h.advance();
            }
            h.check();
            break;
        }
        case 8: // a payload the store must refuse
        {
            const int len = in.ConsumeBool()
                                ? 0
                                : in.ConsumeIntegralInRange<int>(kMaxPacketBytes + 1, 2 * kMaxPacketBytes);
            h.insert(seq + 1, len, in.ConsumeIntegral<unsigned char>(), nowUs);
        } break;
        case 9: // a new stream, or new bounds
            switch (in.ConsumeIntegral<uint8_t>() % 3) {
            case 0:
                h.clear();
                break;
            case 1:
                h.resetEstimator(in.ConsumeIntegralInRange<int>(-5, 10000));
                break;
            default:
                h.setBounds(in.ConsumeIntegralInRange<int>(-10, 3000),
                            in.ConsumeIntegralInRange<int>(-10, 6000));
                break;
            }
            h.checkEstimator();
            break;
        }
    }
    h.check();
    return 0;
}
