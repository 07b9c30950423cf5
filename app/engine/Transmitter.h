#pragma once
// The encoder worker: pulls captured frames from a CaptureQueue on its own thread, runs them
// through the push-to-talk gate (pre-roll, release tail) and Opus, and reports a transmission as
// transmissionStarted(), packetReady() for each 20 ms (seq +1 per frame, counting frames that DTX
// left out) and transmissionEnded(). Encoding never happens on the capture or GUI thread.
//
// Signals are emitted on the worker thread: connect them queued (the default across threads).
// Setters may be called from any thread; the worker picks them up before its next frame.

#include "audio/VoiceActivityDetector.h"
#include "audio/VoiceProcessor.h"
#include "device/CaptureQueue.h"

#include <QByteArray>
#include <QObject>
#include <atomic>

class QThread;

namespace tenfour::engine {

class Transmitter : public QObject {
    Q_OBJECT
public:
    struct Config {
        int bitrate = 24000; // bit/s, 8000..64000, VBR
        int complexity = 10;
        bool dtx = false;
        int expectedLossPercent = 2; // FEC strength until receiver statistics say otherwise
        int preRollMs = 160;
        int tailMs = 200;
        // Off by default: files sent by tenfour-cli go out bit-exact; the app turns them on.
        audio::VoiceProcessor::Settings processing{false, false, 0};
        bool voiceActivation = false; // the VAD presses the key, not only the user
        int voiceThresholdDb = -40;   // dBFS of the processed signal
    };

    explicit Transmitter(const Config &config, QObject *parent = nullptr);
    explicit Transmitter(QObject *parent = nullptr) : Transmitter(Config{}, parent) {}
    ~Transmitter() override;

    // Where producers (CaptureDevice, a file pacer) push frames.
    device::CaptureQueue *queue() { return &m_queue; }

    void start();
    void stop(); // waits for the worker; a transmission in progress ends without transmissionEnded()

    void setPressed(bool pressed) { m_pressed.store(pressed, std::memory_order_relaxed); }
    bool pressed() const { return m_pressed.load(std::memory_order_relaxed); }
    bool transmitting() const { return m_transmitting.load(std::memory_order_relaxed); }

    void setBitrate(int bps);
    void setDtx(bool on);
    void setExpectedLossPercent(int pct);
    void setPreRollMs(int ms);
    void setTailMs(int ms);

    // Capture processing (lock-free, applied before the next frame).
    void setNoiseSuppression(bool on) { m_processor.setNoiseSuppression(on); }
    void setAutoGain(bool on) { m_processor.setAutoGain(on); }
    void setInputGainDb(int db) { m_processor.setInputGainDb(db); }
    bool processingAvailable() const { return m_processor.isValid(); }
    audio::VoiceProcessor::Settings processing() const { return m_processor.settings(); }
    // Voice activation: while on, speech above the threshold transmits like a held key.
    void setVoiceActivation(bool on) { m_vadOn.store(on, std::memory_order_relaxed); }
    bool voiceActivation() const { return m_vadOn.load(std::memory_order_relaxed); }
    void setVoiceThresholdDb(int db) { m_vad.setThresholdDb(db); }
    int voiceThresholdDb() const { return m_vad.thresholdDb(); }
    bool voiceActive() const { return m_voiceActive.load(std::memory_order_relaxed); }
    // Peak (0..1) and RMS level (dBFS) of the last frame after processing: what is sent.
    float processedPeak() const { return m_peak.load(std::memory_order_relaxed); }
    float processedLevelDb() const { return m_levelDb.load(std::memory_order_relaxed); }

    // Counters (any thread).
    quint64 framesProcessed() const { return m_processed.load(std::memory_order_relaxed); }
    quint64 packetsSent() const { return m_sent.load(std::memory_order_relaxed); }
    quint64 dtxSkipped() const { return m_dtxSkipped.load(std::memory_order_relaxed); }

Q_SIGNALS:
    void transmissionStarted();
    // One Opus packet; captureUs is when the frame's newest sample was captured.
    void packetReady(quint32 seq, const QByteArray &opus, qint64 captureUs);
    void transmissionEnded();
    void encoderError(const QString &message);

private:
    void run();
    void publishLevel(const qint16 *samples);
    void bump() { m_settingsVersion.fetch_add(1, std::memory_order_release); }

    device::CaptureQueue m_queue;
    QThread *m_thread = nullptr;
    std::atomic<bool> m_quit{false};
    // Set by the worker as its last act, read by stop() after QThread::wait(): the join's
    // happens-before, stated in our code (ThreadSanitizer cannot see inside Qt's wait()).
    std::atomic<bool> m_workerDone{false};
    std::atomic<bool> m_pressed{false};
    std::atomic<bool> m_transmitting{false};

    // Settings: written anywhere, applied by the worker when the version changes.
    std::atomic<int> m_bitrate;
    std::atomic<int> m_complexity;
    std::atomic<bool> m_dtx;
    std::atomic<int> m_loss;
    std::atomic<int> m_preRollMs;
    std::atomic<int> m_tailMs;
    std::atomic<quint32> m_settingsVersion{1};

    // Used by the worker only; their setters are atomics (allocated here, not per frame).
    audio::VoiceProcessor m_processor;
    audio::VoiceActivityDetector m_vad;
    std::atomic<bool> m_vadOn;
    std::atomic<bool> m_voiceActive{false};
    std::atomic<float> m_peak{0.0f};
    std::atomic<float> m_levelDb{-100.0f};

    std::atomic<quint64> m_processed{0}, m_sent{0}, m_dtxSkipped{0};
};

} // namespace tenfour::engine
