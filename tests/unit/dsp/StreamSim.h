#pragma once
// In-process network impairment simulation for one SpeakerStream on a virtual clock: each frame is
// "sent" every 20 ms of the sender's clock (which may drift), crosses a network with a base delay,
// random jitter, loss and duplication, and is pulled by a playout clock every 20 ms. Used by the
// SpeakerStream / impairment unit tests and by bench/dsp/jitter_sim.

#include "DspTestSignals.h"
#include "audio/SpeakerStream.h"

#include <algorithm>
#include <vector>

namespace tenfour::dsptest {

using audio::SpeakerStream;

struct NetConditions {
    double baseDelayMs = 10.0;
    double jitterMs = 0.0; // extra delay, uniform in [0, jitterMs]
    int jitterFrom = 0;    // frames [jitterFrom, jitterTo) get the jitter
    int jitterTo = 1 << 30;
    double loss = 0.0;      // probability a packet is lost
    double duplicate = 0.0; // probability a packet arrives twice
    double drift = 0.0;     // +0.005: the sender's clock runs 0.5% fast
    int preRoll = 0;        // frames [0, preRoll] are sent together (a PTT pre-roll burst)
    quint32 seqBase = 1000;
    quint64 seed = 1;
    bool sendEnd = true;                               // an `over` after the last frame
    std::vector<int> drop;                             // frames that are always lost
    std::vector<std::pair<int, double>> delayOverride; // frame -> extra delay in ms
};

struct Arrival {
    int frame;
    qint64 atUs;
};

struct SimResult {
    SpeakerStream::Counters counters;
    std::vector<double> delayMs;   // per pull while playing: added delay of the next frame
    std::vector<int> targetMs;     // per pull
    std::vector<bool> concealPull; // per pull: did it conceal?
    std::vector<float> out;        // everything pulled, as float (for signal checks)
    int pulls = 0;
    int audiblePulls = 0;
    int firstAudiblePull = -1;
    int idlePull = -1; // first pull after which the stream was idle again
    int interruptions150 = 0;
    int framesSent = 0;
    qint64 firstArrivalUs = 0;
    qint64 firstAudibleUs = 0;

    double concealRatio() const
    {
        const double total = double(counters.played + counters.concealed);
        return total > 0 ? double(counters.concealed) / total : 0.0;
    }
    double meanDelay(int fromPull = 0) const
    {
        double s = 0;
        int n = 0;
        for (size_t i = size_t(std::max(0, fromPull)); i < delayMs.size(); ++i, ++n)
            s += delayMs[i];
        return n ? s / n : 0.0;
    }
    double percentileDelay(double p) const
    {
        if (delayMs.empty())
            return 0.0;
        std::vector<double> v = delayMs;
        std::sort(v.begin(), v.end());
        return v[size_t(p * double(v.size() - 1))];
    }
};

inline qint64 captureTimeUs(int frame, const NetConditions &c)
{
    return qint64(double(frame) * 20000.0 / (1.0 + c.drift));
}

inline qint64 sendTimeUs(int frame, const NetConditions &c)
{
    const int sendFrame = std::max(frame, c.preRoll);
    return qint64(double(sendFrame) * 20000.0 / (1.0 + c.drift));
}

inline std::vector<Arrival> makeArrivals(int frames, const NetConditions &c)
{
    Rng rng(c.seed);
    std::vector<Arrival> a;
    for (int f = 0; f < frames; ++f) {
        // Draw every random number for every frame, so changing one knob keeps the others' draws.
        const bool lost = rng.chance(c.loss);
        const double j1 = rng.uniform();
        const bool dup = rng.chance(c.duplicate);
        const double j2 = rng.uniform();
        if (lost || std::find(c.drop.begin(), c.drop.end(), f) != c.drop.end())
            continue;
        const bool jittered = f >= c.jitterFrom && f < c.jitterTo;
        double extra = jittered ? j1 * c.jitterMs : 0.0;
        for (const auto &o : c.delayOverride) {
            if (o.first == f)
                extra = o.second;
        }
        const qint64 at = sendTimeUs(f, c) + qint64((c.baseDelayMs + extra) * 1000.0);
        a.push_back({f, at});
        if (dup)
            a.push_back({f, at + qint64(j2 * std::max(c.jitterMs, 20.0) * 1000.0)});
    }
    std::stable_sort(a.begin(), a.end(), [](const Arrival &x, const Arrival &y) { return x.atUs < y.atUs; });
    return a;
}

// Runs the stream until it goes idle (or maxPulls). pullPhaseUs offsets the playout clock.
inline SimResult runStream(SpeakerStream &stream, const EncodedStream &enc, const NetConditions &c,
                           qint64 pullPhaseUs = 7000, int maxPulls = -1)
{
    SimResult r;
    const int frames = int(enc.packets.size());
    r.framesSent = frames;
    const std::vector<Arrival> arrivals = makeArrivals(frames, c);
    const qint64 endAt = sendTimeUs(frames, c) + qint64(c.baseDelayMs * 1000.0);
    bool endSent = !c.sendEnd;
    if (maxPulls < 0)
        maxPulls = frames * 2 + 200;
    size_t next = 0;
    r.firstArrivalUs = arrivals.empty() ? 0 : arrivals.front().atUs;
    std::vector<qint16> frame(audio::kFrameSamples);
    bool started = false;
    for (int k = 0; k < maxPulls; ++k) {
        const qint64 t = pullPhaseUs + qint64(k) * 20000;
        while (next < arrivals.size() && arrivals[next].atUs <= t) {
            const Arrival &a = arrivals[next++];
            const auto &p = enc.packets[size_t(a.frame)];
            stream.push(c.seqBase + quint32(a.frame), p.data(), int(p.size()), a.atUs);
            started = true;
        }
        if (!endSent && t >= endAt) {
            stream.end();
            endSent = true;
        }
        if (!started)
            continue;
        // Added delay of the frame decoded next: when it starts playing minus when it could have
        // at the earliest (captured + the base network delay).
        const quint64 concealedBefore = stream.counters().concealed;
        const bool audible = stream.pull(frame.data(), t);
        ++r.pulls;
        r.targetMs.push_back(stream.targetDelayMs());
        r.concealPull.push_back(stream.counters().concealed > concealedBefore);
        const bool playing = stream.state() == SpeakerStream::State::Playing;
        const int nextFrame = int(qint32(stream.playSeq() - c.seqBase));
        if (audible) {
            ++r.audiblePulls;
            if (r.firstAudiblePull < 0) {
                r.firstAudiblePull = k;
                r.firstAudibleUs = t;
            }
            if (playing && nextFrame >= 0 && nextFrame < frames) {
                // After this pull, the next frame starts once the next pull has played the
                // samples still pending.
                const qint64 outAt =
                    t + 20000 + qint64(stream.pendingSamples()) * 1000000 / audio::kSampleRate;
                const qint64 ideal = captureTimeUs(nextFrame, c) + qint64(c.baseDelayMs * 1000.0);
                r.delayMs.push_back(double(outAt - ideal) / 1000.0);
            }
        }
        for (qint16 s : frame)
            r.out.push_back(float(s));
        if (!stream.active() && next >= arrivals.size() && endSent) {
            r.idlePull = k;
            break;
        }
    }
    int run = 0;
    for (bool cpull : r.concealPull) {
        run = cpull ? run + 1 : 0;
        if (run == 8) // 8 frames = 160 ms, the first whole-frame count >= 150 ms
            ++r.interruptions150;
    }
    r.counters = stream.counters();
    return r;
}

// The baseline: a fixed 200 ms buffer that plays frame n exactly 200 ms + n * 20 ms after the
// first packet arrived, concealing whatever is not there by then.
struct FixedResult {
    std::vector<double> delayMs;
    int concealed = 0;
    int frames = 0;
    int interruptions150 = 0;
};

inline FixedResult runFixedBuffer(int frames, const NetConditions &c, double bufferMs = 200.0)
{
    FixedResult r;
    const std::vector<Arrival> arrivals = makeArrivals(frames, c);
    if (arrivals.empty())
        return r;
    std::vector<qint64> firstArrival(size_t(frames), -1);
    for (const Arrival &a : arrivals) {
        if (firstArrival[size_t(a.frame)] < 0)
            firstArrival[size_t(a.frame)] = a.atUs;
    }
    const Arrival &first = arrivals.front();
    const qint64 t0 = first.atUs + qint64(bufferMs * 1000.0) - qint64(first.frame) * 20000;
    int run = 0;
    for (int f = 0; f < frames; ++f) {
        const qint64 playAt = t0 + qint64(f) * 20000;
        const bool missing = firstArrival[size_t(f)] < 0 || firstArrival[size_t(f)] > playAt;
        r.delayMs.push_back(double(playAt - captureTimeUs(f, c) - qint64(c.baseDelayMs * 1000.0)) / 1000.0);
        ++r.frames;
        if (missing)
            ++r.concealed;
        run = missing ? run + 1 : 0;
        if (run == 8)
            ++r.interruptions150;
    }
    return r;
}

} // namespace tenfour::dsptest
