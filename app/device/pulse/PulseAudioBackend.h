#pragma once
// The native PulseAudio backend (libpulse, threaded mainloop): PulseCaptureStream and
// PulsePlayoutStream. Built only when pkg-config finds libpulse (TENFOUR_HAVE_PULSE); chosen
// by default on Linux when a PulseAudio (or pipewire-pulse) server answers.

#include "device/AudioBackend.h"

namespace tenfour::device {

class PulseAudioBackend : public AudioBackend {
public:
    QString id() const override { return QStringLiteral("pulse"); }
    QString name() const override { return QStringLiteral("PulseAudio"); }
    std::unique_ptr<CaptureBackend> createCapture(CaptureQueue *queue) override;
    std::unique_ptr<PlayoutBackend> createPlayout(audio::PlayoutMixer *mixer) override;

    // True when a server answers within timeoutMs; *why says why not.
    static bool available(int timeoutMs, QString *why);
};

} // namespace tenfour::device
