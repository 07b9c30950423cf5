#pragma once
// The Qt Multimedia backend: QAudioSource (CaptureDevice) and QAudioSink in pull mode
// (PlayoutSink). Works wherever Qt Multimedia does; on Linux with Qt 6.4 its speaker buffer
// cannot go below 40 ms (see PlayoutSink), which is why the PulseAudio backend is preferred there.

#include "device/AudioBackend.h"

namespace tenfour::device {

class QtAudioBackend : public AudioBackend {
public:
    QString id() const override { return QStringLiteral("qt"); }
    QString name() const override { return QStringLiteral("Qt Multimedia"); }
    std::unique_ptr<CaptureBackend> createCapture(CaptureQueue *queue) override;
    std::unique_ptr<PlayoutBackend> createPlayout(audio::PlayoutMixer *mixer) override;
};

} // namespace tenfour::device
