#include "audio/PlayoutMixer.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace tenfour::audio {
namespace {
// A frame louder than this (about -50 dBFS) counts as "audible" for UI indicators.
constexpr float kAudibleRms = 100.0f;
} // namespace

struct PlayoutMixer::Slot {
    SpeakerStream stream;
    quint32 sid = 0;
    bool inUse = false;
    float gain = 1.0f;    // wanted
    float curGain = 1.0f; // applied at the end of the last frame; ramps to `gain` over one frame
    bool ended = false;   // an explicit StreamEnd came
};

PlayoutMixer::PlayoutMixer(const JitterConfig &config)
    : m_config(config), m_queue(new SpscQueue<IncomingPacket, kQueueCapacity>),
      m_slots(new Slot[kMaxSpeakers]), m_scratch(new IncomingPacket)
{
    for (int i = 0; i < kMaxSpeakers; ++i)
        m_slots[i].stream.setConfig(config);
    m_config = m_slots[0].stream.config(); // the sanitised values
    m_targetMs.store(m_config.minDelayMs, std::memory_order_relaxed);
    m_cues.setWake(&m_wake);
}

PlayoutMixer::~PlayoutMixer() = default;

bool PlayoutMixer::enqueue(const IncomingPacket &p)
{
    if (m_queue->tryPush(p)) {
        m_wake.notify();
        return true;
    }
    m_overflows.fetch_add(1, std::memory_order_relaxed);
    return false;
}

PlayoutMixer::Slot *PlayoutMixer::find(quint32 sid)
{
    for (int i = 0; i < kMaxSpeakers; ++i) {
        if (m_slots[i].inUse && m_slots[i].sid == sid)
            return &m_slots[i];
    }
    return nullptr;
}

PlayoutMixer::Slot *PlayoutMixer::open(quint32 sid, qint64 nowUs)
{
    for (int i = 0; i < kMaxSpeakers; ++i) {
        Slot &s = m_slots[i];
        if (s.inUse)
            continue;
        s.inUse = true;
        s.sid = sid;
        s.gain = s.curGain = 1.0f;
        s.ended = false;
        // The last stream's target is the best guess for this network until this one is measured.
        s.stream.start(nowUs, m_lastTargetMs);
        return &s;
    }
    return nullptr;
}

bool PlayoutMixer::recentlyEnded(quint32 sid) const
{
    for (int i = 0; i < kRecentlyEnded; ++i) {
        if (m_endedValid[size_t(i)] && m_ended[size_t(i)] == sid)
            return true;
    }
    return false;
}

void PlayoutMixer::remember(quint32 sid)
{
    if (recentlyEnded(sid))
        return;
    m_ended[size_t(m_endedPos)] = sid;
    m_endedValid[size_t(m_endedPos)] = true;
    m_endedPos = (m_endedPos + 1) % kRecentlyEnded;
}

void PlayoutMixer::forget(quint32 sid)
{
    for (int i = 0; i < kRecentlyEnded; ++i) {
        if (m_ended[size_t(i)] == sid)
            m_endedValid[size_t(i)] = false;
    }
}

void PlayoutMixer::handle(const IncomingPacket &p, qint64 nowUs)
{
    Slot *slot = find(p.sid);
    const float gain = std::isfinite(p.gain) ? std::clamp(p.gain, 0.0f, 4.0f) : 1.0f;
    switch (p.kind) {
    case IncomingPacket::Audio: {
        if (p.size == 0 || p.size > kMaxPacketBytes) {
            ++m_rejected;
            return;
        }
        if (!slot) {
            if (recentlyEnded(p.sid)) {
                ++m_lateForEnded; // a straggler after `over`: its stream is gone
                return;
            }
            slot = open(p.sid, nowUs);
            if (!slot) {
                ++m_rejected;
                return;
            }
        }
        // The arrival stamp must share render()'s clock; one that is clearly from another clock
        // (or missing) is replaced by the drain time, which is only a render period off.
        qint64 arrival = p.arrivalUs;
        if (arrival <= 0 || arrival > nowUs + 1000000 || arrival < nowUs - 10000000)
            arrival = nowUs;
        slot->stream.push(p.seq, p.data, p.size, arrival);
        return;
    }
    case IncomingPacket::StreamStart:
        forget(p.sid); // an explicit start makes a reused sid live again
        if (!slot)
            slot = open(p.sid, nowUs);
        if (!slot) {
            ++m_rejected;
            return;
        }
        slot->gain = slot->curGain = gain;
        return;
    case IncomingPacket::StreamEnd:
        remember(p.sid);
        if (slot) {
            slot->ended = true;
            slot->stream.end();
        }
        return;
    case IncomingPacket::SetGain:
        if (slot)
            slot->gain = gain;
        return;
    }
}

void PlayoutMixer::drain(qint64 nowUs)
{
    // Bounded: a producer that never stops cannot keep the playout thread here forever.
    for (std::size_t i = 0; i < kQueueCapacity; ++i) {
        if (!m_queue->tryPop(*m_scratch))
            break;
        handle(*m_scratch, nowUs);
    }
}

void PlayoutMixer::mixFrame(qint64 nowUs)
{
    std::fill(m_bus.begin(), m_bus.end(), 0.0f);
    for (int i = 0; i < kMaxSpeakers; ++i) {
        Slot &s = m_slots[i];
        bool audible = false;
        if (s.inUse) {
            if (s.stream.pull(m_voice.data(), nowUs)) {
                // A linear ramp over the frame: a gain or mute change makes no click.
                const float step = (s.gain - s.curGain) / float(kFrameSamples);
                float g = s.curGain;
                for (int k = 0; k < kFrameSamples; ++k) {
                    g += step;
                    m_bus[size_t(k)] += g * float(m_voice[size_t(k)]);
                }
                s.curGain = s.gain;
                audible = s.gain > 0.0f && s.stream.lastRms() >= kAudibleRms;
            }
            if (!s.stream.active()) {
                s.inUse = false;
                m_lastTargetMs = s.stream.targetDelayMs();
                if (s.ended)
                    remember(s.sid);
            }
        }
        m_audibleSid[size_t(i)].store(s.sid, std::memory_order_relaxed);
        m_audible[size_t(i)].store(audible, std::memory_order_relaxed);
    }
    m_cues.mix(m_bus.data(), kFrameSamples);
    const float master = m_master.load(std::memory_order_relaxed);
    if (master != 1.0f || m_curMaster != 1.0f) {
        const float step = (master - m_curMaster) / float(kFrameSamples);
        float g = m_curMaster;
        for (float &v : m_bus) {
            g += step;
            v *= g;
        }
        m_curMaster = master;
    }
    m_limiter.process(m_bus.data(), m_frame.data(), kFrameSamples);
}

void PlayoutMixer::setMasterVolume(float gain)
{
    m_master.store(std::clamp(gain, 0.0f, kMaxMasterVolume), std::memory_order_relaxed);
}

void PlayoutMixer::publish(qint64 nowUs)
{
    SpeakerStream::Counters sum;
    int target = -1;
    int buffered = 0;
    int active = 0;
    for (int i = 0; i < kMaxSpeakers; ++i) {
        const Slot &s = m_slots[i];
        const SpeakerStream::Counters &c = s.stream.counters();
        sum.played += c.played;
        sum.concealed += c.concealed;
        sum.fecRecovered += c.fecRecovered;
        sum.late += c.late;
        sum.duplicates += c.duplicates;
        sum.underruns += c.underruns;
        sum.dropped += c.dropped;
        sum.stretched += c.stretched;
        sum.invalid += c.invalid;
        if (s.inUse && s.stream.active()) {
            ++active;
            target = std::max(target, s.stream.targetDelayMs());
            buffered = std::max(buffered, s.stream.bufferedMs(nowUs));
        }
    }
    if (target < 0)
        target = m_lastTargetMs >= 0 ? m_lastTargetMs : m_config.minDelayMs;
    constexpr auto r = std::memory_order_relaxed;
    m_played.store(sum.played, r);
    m_concealed.store(sum.concealed, r);
    m_fec.store(sum.fecRecovered, r);
    m_late.store(sum.late + m_lateForEnded, r);
    m_duplicates.store(sum.duplicates, r);
    m_underruns.store(sum.underruns, r);
    m_dropped.store(sum.dropped, r);
    m_stretched.store(sum.stretched, r);
    m_rejectedPub.store(m_rejected + sum.invalid, r);
    m_targetMs.store(target, r);
    m_bufferedMs.store(buffered, r);
    m_active.store(active, r);
}

void PlayoutMixer::render(qint16 *out, int samples, qint64 nowUs)
{
    drain(nowUs);
    if (!out || samples <= 0) {
        publish(nowUs);
        return;
    }
    int pos = 0;
    while (pos < samples) {
        if (m_frameLeft == 0) {
            // The frame starts playing `pos` samples after out[0].
            mixFrame(nowUs + qint64(pos) * 1000000 / kSampleRate);
            m_frameLeft = kFrameSamples;
        }
        const int k = std::min(m_frameLeft, samples - pos);
        std::memcpy(out + pos, m_frame.data() + (kFrameSamples - m_frameLeft), sizeof(qint16) * size_t(k));
        pos += k;
        m_frameLeft -= k;
    }
    publish(nowUs);
}

bool PlayoutMixer::idle() const
{
    if (m_cues.playing() || m_cues.pending() || !m_queue->emptyApprox())
        return false;
    for (int i = 0; i < kMaxSpeakers; ++i) {
        if (m_slots[i].inUse)
            return false;
    }
    return true;
}

bool PlayoutMixer::trySleep()
{
    if (!idle())
        return false;
    m_wake.sleep();
    // Looked at again after the announcement: a packet or cue that came in between either shows
    // here or its producer saw the announcement and calls the hook.
    if (m_queue->emptyApprox() && !m_cues.pending())
        return true;
    m_wake.cancel();
    return false;
}

PlayoutMixer::Stats PlayoutMixer::stats() const
{
    constexpr auto r = std::memory_order_relaxed;
    Stats s;
    s.played = m_played.load(r);
    s.concealed = m_concealed.load(r);
    s.fecRecovered = m_fec.load(r);
    s.late = m_late.load(r);
    s.duplicates = m_duplicates.load(r);
    s.underruns = m_underruns.load(r);
    s.targetDelayMs = m_targetMs.load(r);
    s.bufferedMs = m_bufferedMs.load(r);
    s.activeSpeakers = m_active.load(r);
    s.dropped = m_dropped.load(r);
    s.stretched = m_stretched.load(r);
    s.queueOverflows = m_overflows.load(r);
    s.rejected = m_rejectedPub.load(r);
    return s;
}

bool PlayoutMixer::isAudible(quint32 sid) const
{
    for (int i = 0; i < kMaxSpeakers; ++i) {
        if (m_audible[size_t(i)].load(std::memory_order_relaxed) &&
            m_audibleSid[size_t(i)].load(std::memory_order_relaxed) == sid)
            return true;
    }
    return false;
}

} // namespace tenfour::audio
