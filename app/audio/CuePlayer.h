#pragma once
// Local audio cues of a push-to-talk radio: a talk-permit chirp when the floor is granted, an
// end-of-transmission beep when someone else stops, a busy tone when the floor is denied.
// The tones are synthesised (no files), mixed into the playout bus by the PlayoutMixer on the
// playout thread, and never sent anywhere. trigger(), setEnabled() and setVolume() store atomics
// and may be called from any thread; mix() runs on the playout thread and allocates nothing.

#include "audio/PlayoutWake.h"

#include <QtGlobal>
#include <array>
#include <atomic>

namespace tenfour::audio {

class CuePlayer {
public:
    enum class Cue { Permit = 0, End = 1, Busy = 2 };
    static constexpr int kCueCount = 3;
    // Peak amplitude of a cue at 100 % volume (full scale is 32768): loud but below the limiter.
    static constexpr float kFullVolumeAmplitude = 12000.0f;

    CuePlayer(); // every cue disabled, volume 60 %

    // Any thread.
    void setEnabled(Cue cue, bool on);
    bool enabled(Cue cue) const;
    void setVolume(Cue cue, int percent); // 0..100
    int volume(Cue cue) const;
    // Plays the cue from its start (a cue already playing is replaced). Ignored when disabled.
    void trigger(Cue cue);

    // Playout thread: adds the next `samples` samples of the playing cue (if any) to bus.
    void mix(float *bus, int samples);
    bool playing() const { return m_playing >= 0; }
    // A trigger() not yet taken by mix() (any thread).
    bool pending() const { return m_requests.load(std::memory_order_acquire) != 0; }
    // Told after every trigger(), so a sleeping speaker wakes up (set once, before use).
    void setWake(PlayoutWake *wake) { m_wake = wake; }

    // Length of a cue in samples at 48 kHz (for tests and callers that wait for the end).
    static int lengthSamples(Cue cue);

private:
    // A cue is a short list of tone segments; frequency 0 is a pause.
    struct Segment {
        float hz;
        int ms;
    };
    static constexpr int kMaxSegments = 6;
    struct Shape {
        std::array<Segment, kMaxSegments> seg;
        int count;
    };
    static const Shape &shape(Cue cue);

    std::array<std::atomic<bool>, kCueCount> m_enabled;
    std::array<std::atomic<int>, kCueCount> m_volume;
    std::atomic<unsigned> m_requests{0}; // bit per cue, set by trigger(), taken by mix()
    PlayoutWake *m_wake = nullptr;

    int m_playing = -1; // cue index; playout thread only
    float m_amplitude = 0.0f;
    int m_segment = 0;
    int m_segPos = 0; // sample within the segment
    double m_phase = 0.0;
};

} // namespace tenfour::audio
