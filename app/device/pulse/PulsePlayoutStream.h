#pragma once
// The speaker through libpulse directly (the "pulse" AudioBackend): a 48 kHz mono s16 playback
// stream whose write callback renders exactly the bytes PulseAudio asks for from the
// PlayoutMixer (through PlayoutRenderer, shared with the Qt backend).
//
// Why not QAudioSink: Qt 6.4's PulseAudio sink writes whole 20 ms periods from a timer and needs
// a buffer of at least 40 ms to start at all (PlayoutSink). Here the server asks for data every
// `minreq` (5-10 ms) and the buffer can be what the caller wants: tlength = bufferMs with
// ADJUST_LATENCY, i.e. bufferMs is the whole latency of stream buffer plus sink, and the
// mouth-to-ear delay drops by ~20-25 ms.
//
// Threads: start()/stop() run in the thread that owns this object (the engine's playout
// thread); the write callback runs on the PulseContext's mainloop thread and is the mixer's only
// consumer while the stream is open. The callback takes no lock of ours and allocates nothing:
// it renders straight into the buffer pa_stream_begin_write() lends from libpulse's memory pool.
//
// Sleeping while nothing plays (setSleepWhenIdleMs): after that long with no speaker and no cue
// the stream is corked, so neither the server nor the mainloop thread wakes up ~200 times a
// second for silence; the mixer's PlayoutWake hook uncorks it when a packet or a cue comes.

#include "device/PlayoutBackend.h"
#include "device/PlayoutRenderer.h"
#include "device/pulse/PulseStreamFailure.h"

#include <atomic>
#include <memory>

struct pa_stream;

namespace tenfour::audio {
class PlayoutMixer;
}

namespace tenfour::device {

class PulseContext;

class PulsePlayoutStream : public PlayoutBackend {
    Q_OBJECT
public:
    static constexpr int kMinBufferMs = 10;
    static constexpr int kConnectTimeoutMs = 3000;

    explicit PulsePlayoutStream(audio::PlayoutMixer *mixer, QObject *parent = nullptr);
    ~PulsePlayoutStream() override;

    quint64 framesPulled() const override { return m_pulled.load(std::memory_order_relaxed); }
    // Times the stream ran dry since this object exists (any thread).
    quint64 underruns() const { return m_underruns.load(std::memory_order_relaxed); }
    // What PulseAudio reports now: the time until a sample written now is played (stream buffer
    // + sink), in microseconds; -1 when not playing. Owner thread.
    qint64 latencyUs() const;

    // The device the stream is on now (PulseAudio may move it, e.g. to the default when its own
    // device is removed); empty when not open. Owner thread.
    QByteArray currentDevice() const;

    // 0 (the default): never sleep. Any thread.
    void setSleepWhenIdleMs(int ms) override;
    // Times the stream was woken from sleep (owner thread).
    quint64 wakeups() const { return m_wakeups; }

public Q_SLOTS:
    void start(const QAudioDevice &device, int bufferMs) override;
    void stop() override;

private:
    static void onWrite(pa_stream *s, size_t nbytes, void *userdata);
    static void onUnderflow(pa_stream *s, void *userdata);
    static void onWake(void *context);
    void sleepIfIdle(pa_stream *s, qint64 renderedSamples); // mainloop thread
    void resume();                                          // owner thread
    void onFailedInOwnerThread(const QString &why);

    audio::PlayoutMixer *m_mixer;
    PlayoutRenderer m_renderer;
    std::unique_ptr<PulseContext> m_ctx;
    pa_stream *m_stream = nullptr;
    QAudioDevice m_device;
    PulseStreamFailure m_failure;
    bool m_corked = false;    // with the mainloop lock: asleep
    qint64 m_idleSamples = 0; // mainloop thread: rendered since the mixer went idle
    quint64 m_wakeups = 0;    // owner thread
    std::atomic<int> m_sleepAfterMs{0};
    std::atomic<quint64> m_pulled{0};
    std::atomic<quint64> m_underruns{0};
};

} // namespace tenfour::device
