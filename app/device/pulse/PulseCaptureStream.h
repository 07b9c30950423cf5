#pragma once
// The microphone through libpulse directly (the "pulse" AudioBackend): a 48 kHz mono s16 record
// stream (PulseAudio converts from the source's own format) with a small fragment
// (ADJUST_LATENCY, fragsize = bufferMs, 10 ms by default), so captured audio reaches the encoder
// in 10 ms steps and a 20 ms frame is complete as soon as its last sample is in, instead of
// after the ~20-50 ms chunks Qt's QAudioSource hands out. The read callback peeks each
// fragment, cuts it into 20 ms frames (CaptureFramer, shared with the Qt backend) and drops it.
//
// Threads: start()/stop() run in the thread that owns this object (the engine's capture thread);
// the read callback runs on the PulseContext's mainloop thread and is the CaptureQueue's only
// producer while the stream is open. It takes no lock of ours and allocates nothing.

#include "device/CaptureBackend.h"
#include "device/CaptureFramer.h"
#include "device/pulse/PulseStreamFailure.h"

#include <memory>

struct pa_stream;

namespace tenfour::device {

class CaptureQueue;
class PulseContext;

class PulseCaptureStream : public CaptureBackend {
    Q_OBJECT
public:
    static constexpr int kMinFragmentMs = 5;
    static constexpr int kConnectTimeoutMs = 3000;

    explicit PulseCaptureStream(CaptureQueue *queue, QObject *parent = nullptr);
    ~PulseCaptureStream() override;

    float peak() const override { return m_framer.peak(); }
    quint64 framesCaptured() const override { return m_framer.framesCaptured(); }
    // The fragment PulseAudio granted (how often data arrives), in ms; 0 when not open. Owner thread.
    int fragmentMs() const { return m_fragmentMs; }

    // The device the stream is on now (PulseAudio may move it, e.g. to the default when its own
    // device is removed); empty when not open. Owner thread.
    QByteArray currentDevice() const;

public Q_SLOTS:
    void start(const QAudioDevice &device, int bufferMs) override;
    void stop() override;

private:
    static void onRead(pa_stream *s, size_t nbytes, void *userdata);
    void onFailedInOwnerThread(const QString &why);

    CaptureFramer m_framer;
    std::unique_ptr<PulseContext> m_ctx;
    pa_stream *m_stream = nullptr;
    QAudioDevice m_device;
    int m_fragmentMs = 0;
    PulseStreamFailure m_failure;
};

} // namespace tenfour::device
