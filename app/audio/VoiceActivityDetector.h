#pragma once
// Voice activation: decides per 20 ms frame whether the user is speaking, from the frame's RMS
// level in dBFS against a threshold, with a hangover so the gaps between words do not cut the
// transmission. Its decision drives the PttGate exactly like the push-to-talk key, so the gate's
// pre-roll still carries the first syllable that crossed the threshold. Lock-free setters.

#include "audio/AudioFormat.h"

#include <QtGlobal>
#include <atomic>

namespace tenfour::audio {

class VoiceActivityDetector {
public:
    static constexpr int kMinThresholdDb = -80;
    static constexpr int kMaxThresholdDb = 0;
    // Hangover default: the usual pause between words stays in the transmission.
    static constexpr int kDefaultHangoverMs = 400;

    explicit VoiceActivityDetector(int thresholdDb = -40, int hangoverMs = kDefaultHangoverMs);

    // Any thread.
    void setThresholdDb(int db); // clamped to [kMinThresholdDb, kMaxThresholdDb]
    int thresholdDb() const { return m_thresholdDb.load(std::memory_order_relaxed); }
    void setHangoverMs(int ms);

    // The worker: feed one frame (kFrameSamples); returns whether voice is active now.
    bool process(const qint16 *frame);
    bool active() const { return m_active; }
    // Level of the last frame in dBFS (RMS; -100 for digital silence).
    float lastLevelDb() const { return m_lastDb; }
    void reset();

    static float levelDbfs(const qint16 *frame, int samples);

private:
    std::atomic<int> m_thresholdDb;
    std::atomic<int> m_hangoverMs;
    int m_hangLeft = 0; // frames still open after the level fell below the threshold
    bool m_active = false;
    float m_lastDb = -100.0f;
};

} // namespace tenfour::audio
