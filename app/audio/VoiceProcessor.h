#pragma once
// Capture-side voice processing of one 20 ms, 48 kHz mono frame, in place: input gain
// (-20..+20 dB), then WebRTC noise suppression and automatic gain control
// (webrtc-audio-processing 0.3), which wants 10 ms at a time, so each frame is two halves.
// Runs on the encoder worker, never in the capture callback. Everything is allocated in the
// constructor; setters store atomics that process() applies before its next frame, so the
// settings dialog can change them live from any thread without a lock.

#include "audio/AudioFormat.h"

#include <QtGlobal>
#include <atomic>
#include <memory>

namespace tenfour::audio {

class VoiceProcessor {
public:
    static constexpr int kMinGainDb = -20;
    static constexpr int kMaxGainDb = 20;

    struct Settings {
        bool noiseSuppression = true;
        bool autoGain = true;
        int inputGainDb = 0;
    };

    VoiceProcessor();
    explicit VoiceProcessor(const Settings &settings);
    ~VoiceProcessor();
    VoiceProcessor(const VoiceProcessor &) = delete;
    VoiceProcessor &operator=(const VoiceProcessor &) = delete;

    // False when the APM could not be created or configured (then only the gain applies).
    bool isValid() const;

    // Any thread.
    void setNoiseSuppression(bool on);
    void setAutoGain(bool on);
    void setInputGainDb(int db); // clamped to [kMinGainDb, kMaxGainDb]
    Settings settings() const;

    // Encoder worker. frame holds kFrameSamples samples.
    void process(qint16 *frame);
    // Resets the adaptive state (a new device, a long pause).
    void reset();

private:
    struct Apm;
    void apply();

    std::unique_ptr<Apm> m_apm;
    std::atomic<bool> m_ns;
    std::atomic<bool> m_agc;
    std::atomic<int> m_gainDb;
    std::atomic<quint32> m_version{1};
    quint32 m_applied = 0;
    bool m_nsOn = false;
    bool m_agcOn = false;
    float m_gain = 1.0f;
};

} // namespace tenfour::audio
