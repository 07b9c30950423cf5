#pragma once
// The microphone: a QAudioSource turned into 20 ms frames of 48 kHz mono Int16 pushed into a
// CaptureQueue. Asks for exactly that format; a device that cannot deliver it is opened in its
// preferred format and converted (speexdsp resampling through audio::Resampler).
//
// Lives in the capture thread: create it, moveToThread(), then call start()/stop() there
// (QMetaObject::invokeMethod). QAudioSource polls PulseAudio on a timer in the thread that owns
// it, so this thread is never blocked by the GUI or the network. All buffers are allocated in
// start(); reading a chunk allocates nothing and takes no lock.

#include "device/CaptureBackend.h"
#include "device/CaptureFramer.h"
#include "device/CaptureQueue.h"

#include <QAudio>
#include <QAudioDevice>
#include <QAudioFormat>
#include <memory>
#include <vector>

class QAudioSource;
class QIODevice;

namespace tenfour::audio {
class Resampler;
}

namespace tenfour::device {

// The Qt Multimedia capture backend (QtAudioBackend).
class CaptureDevice : public CaptureBackend {
    Q_OBJECT
public:
    explicit CaptureDevice(CaptureQueue *queue, QObject *parent = nullptr);
    ~CaptureDevice() override;

    float peak() const override { return m_framer.peak(); }
    quint64 framesCaptured() const override { return m_framer.framesCaptured(); }

public Q_SLOTS:
    // bufferMs: the PulseAudio fragment (how often data arrives); 20 ms gives ~20 ms chunks.
    void start(const QAudioDevice &device, int bufferMs) override;
    void stop() override;

private:
    void readAvailable();
    void consume(const char *bytes, qint64 frames);
    void onStateChanged(QAudio::State state);

    QAudioSource *m_source = nullptr;
    QIODevice *m_io = nullptr;
    QAudioDevice m_device;
    QAudioFormat m_format;
    std::unique_ptr<audio::Resampler> m_resampler;
    std::vector<char> m_raw;    // bytes read from the device
    int m_rawFill = 0;          // bytes of a partial device frame kept from the last read
    std::vector<qint16> m_pcm;  // device samples as Int16, interleaved
    std::vector<qint16> m_mono; // resampled 48 kHz mono
    CaptureFramer m_framer;
};

} // namespace tenfour::device
