#include "audio/CuePlayer.h"

#include "audio/AudioFormat.h"

#include <algorithm>
#include <cmath>

namespace tenfour::audio {

namespace {
constexpr double kTwoPi = 6.283185307179586;
constexpr int kRampSamples = kSampleRate / 200; // 5 ms fade in and out of every tone: no clicks
} // namespace

const CuePlayer::Shape &CuePlayer::shape(Cue cue)
{
    // Permit: a short rising two-note chirp. End: one low beep. Busy: three pulses of the
    // European busy tone frequency.
    static const Shape kShapes[kCueCount] = {
        {{{{1000.0f, 60}, {1500.0f, 80}}}, 2},
        {{{{700.0f, 150}}}, 1},
        {{{{425.0f, 120}, {0.0f, 80}, {425.0f, 120}, {0.0f, 80}, {425.0f, 120}}}, 5},
    };
    return kShapes[int(cue)];
}

int CuePlayer::lengthSamples(Cue cue)
{
    const Shape &s = shape(cue);
    int n = 0;
    for (int i = 0; i < s.count; ++i)
        n += s.seg[size_t(i)].ms * kSampleRate / 1000;
    return n;
}

CuePlayer::CuePlayer()
{
    for (int i = 0; i < kCueCount; ++i) {
        m_enabled[size_t(i)].store(false); // off until asked: a recorder must not hear beeps
        m_volume[size_t(i)].store(60);
    }
}

void CuePlayer::setEnabled(Cue cue, bool on)
{
    m_enabled[size_t(cue)].store(on, std::memory_order_relaxed);
}

bool CuePlayer::enabled(Cue cue) const
{
    return m_enabled[size_t(cue)].load(std::memory_order_relaxed);
}

void CuePlayer::setVolume(Cue cue, int percent)
{
    m_volume[size_t(cue)].store(std::clamp(percent, 0, 100), std::memory_order_relaxed);
}

int CuePlayer::volume(Cue cue) const
{
    return m_volume[size_t(cue)].load(std::memory_order_relaxed);
}

void CuePlayer::trigger(Cue cue)
{
    if (!enabled(cue))
        return;
    m_requests.fetch_or(1u << unsigned(cue), std::memory_order_release);
    if (m_wake)
        m_wake->notify();
}

void CuePlayer::mix(float *bus, int samples)
{
    const unsigned req = m_requests.exchange(0, std::memory_order_acquire);
    if (req) {
        // Several at once (a deny right after an end): the most urgent wins.
        const int cue = (req & 4u) ? 2 : (req & 1u) ? 0 : 1;
        m_playing = cue;
        m_amplitude = kFullVolumeAmplitude * float(volume(Cue(cue))) / 100.0f;
        m_segment = 0;
        m_segPos = 0;
        m_phase = 0.0;
    }
    int pos = 0;
    while (m_playing >= 0 && pos < samples) {
        const Shape &s = shape(Cue(m_playing));
        if (m_segment >= s.count) {
            m_playing = -1;
            break;
        }
        const Segment &seg = s.seg[size_t(m_segment)];
        const int len = seg.ms * kSampleRate / 1000;
        const int n = std::min(len - m_segPos, samples - pos);
        if (seg.hz > 0.0f) {
            const double step = kTwoPi * seg.hz / kSampleRate;
            for (int i = 0; i < n; ++i) {
                const int at = m_segPos + i;
                const int edge = std::min(at, len - 1 - at);
                const float env = edge < kRampSamples ? float(edge) / kRampSamples : 1.0f;
                bus[pos + i] += m_amplitude * env * float(std::sin(m_phase));
                m_phase += step;
            }
            m_phase = std::fmod(m_phase, kTwoPi);
        }
        pos += n;
        m_segPos += n;
        if (m_segPos >= len) {
            ++m_segment;
            m_segPos = 0;
            m_phase = 0.0;
        }
    }
}

} // namespace tenfour::audio
