// The talkers' side of a worker: asking for the floor, then sending audio frames either as
// fast as the window to the slowest listener allows (saturation) or at a fixed rate.
#include "WorkerConn.h"
#include "WsFraming.h"

#include <algorithm>
#include <cstring>

namespace relaybench {
namespace {

constexpr int64_t kIdleWakeNs = 10 * 1000 * 1000;  // bound on how late a phase change is seen
constexpr int64_t kWindowWakeNs = 2 * 1000 * 1000; // safety net when a talker's window is full

} // namespace

void Worker::onPhase(int phase)
{
    const int64_t now = nowNs();
    const int64_t period = 1000000000LL / s_.cfg.rate;
    for (size_t k = 0; k < talkers_.size(); ++k) {
        Conn &t = *talkers_[k];
        if (phase == kTalk && t.state == Conn::kReady) {
            if (s_.cfg.proto == Proto::Raw) {
                t.state = Conn::kTalking;
                s_.granted.fetch_add(1);
            } else {
                t.state = Conn::kAwaitGranted;
                const std::string ch = "\"b" + std::to_string(t.channel) + "\"";
                sendControl(t, "{\"t\":\"talk\",\"seq\":3,\"ch\":" + ch +
                                   ",\"sid\":" + std::to_string(t.sid) +
                                   ",\"codec\":\"opus\",\"rate\":48000,\"ptime\":20}");
            }
        }
        // Spread the talkers' phases over one period, as unsynchronised clients would be.
        if (phase == kRun)
            t.nextDue = now + period * int64_t(k) / int64_t(talkers_.size());
    }
}

void Worker::pumpTalkers(int phase, int64_t now)
{
    if (phase != kRun)
        return;
    for (Conn *t : talkers_) {
        if (t->state != Conn::kTalking)
            continue;
        if (s_.cfg.scenario == Scenario::Saturate)
            pumpSaturate(*t);
        else
            pumpFixed(*t, now);
    }
}

uint32_t Worker::slowestListenerSeq(const Conn &t) const
{
    const int per = s_.cfg.listenersPerChannel;
    uint32_t m = UINT32_MAX;
    for (int i = 0; i < per; ++i) {
        const uint32_t v = s_.lastSeq[size_t(t.channel * per + i)].v.load(std::memory_order_relaxed);
        if (v < m)
            m = v;
    }
    return m;
}

size_t Worker::buildFrame(char *dst, Conn &t, int64_t sentAt)
{
    frame_[0] = 0x01;
    writeBe32(&frame_[1], t.sid);
    writeBe32(&frame_[5], ++t.seq);
    memcpy(&frame_[kHeader], &sentAt, sizeof sentAt);
    return writeClientFrame(dst, kBinary, frame_.data(), frame_.size());
}

void Worker::pumpSaturate(Conn &t)
{
    const uint32_t window = uint32_t(s_.cfg.window);
    // Bounded: at most 16 batches per pass, then the loop serves the listeners again.
    for (int round = 0; round < 16 && t.out.size() == t.outOff; ++round) {
        uint32_t inFlight = t.seq - slowestListenerSeq(t);
        if (inFlight >= window) {
            // Ask for a wake-up, then look again: a listener that advanced just before the
            // flag was set would not kick us (both sides fence; see run()).
            s_.talkerWaiting.store(true, std::memory_order_relaxed);
            std::atomic_thread_fence(std::memory_order_seq_cst);
            inFlight = t.seq - slowestListenerSeq(t);
            if (inFlight >= window)
                return;
        }
        const uint32_t k = std::min<uint32_t>(window - inFlight, uint32_t(s_.cfg.batch));
        const int64_t sentAt = nowNs();
        size_t n = 0;
        for (uint32_t i = 0; i < k; ++i)
            n += buildFrame(tx_.data() + n, t, sentAt);
        sent_ += k;
        if (!sendBytes(t, tx_.data(), n))
            return;
    }
}

void Worker::pumpFixed(Conn &t, int64_t now)
{
    if (now < t.nextDue)
        return;
    const int64_t period = 1000000000LL / s_.cfg.rate;
    const size_t n = buildFrame(tx_.data(), t, now);
    ++sent_;
    t.nextDue += period;
    if (now - t.nextDue > period) {
        // This worker fell more than a period behind: do not burst to catch up.
        const int64_t behind = (now - t.nextDue) / period;
        skipped_ += uint64_t(behind);
        t.nextDue += behind * period;
    }
    sendBytes(t, tx_.data(), n);
}

int64_t Worker::waitNs(int phase, int64_t now) const
{
    int64_t wait = kIdleWakeNs;
    if (phase != kRun)
        return wait;
    for (const Conn *t : talkers_) {
        if (t->state != Conn::kTalking)
            continue;
        if (s_.cfg.scenario == Scenario::Saturate)
            wait = std::min(wait, kWindowWakeNs);
        else
            wait = std::min(wait, std::max<int64_t>(0, t->nextDue - now));
    }
    return wait;
}

} // namespace relaybench
