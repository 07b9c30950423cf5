#pragma once
// One way of reaching the sound hardware (Qt Multimedia, native PulseAudio): a factory of the
// capture and playout objects the engine drives. Backends are listed in one place,
// AudioBackendRegistry::platformDefault(); devices are still chosen through DeviceCatalog
// (QAudioDevice ids, which are the PulseAudio source/sink names on Linux), so every backend
// opens the same devices by the same ids.

#include <QString>
#include <memory>

namespace tenfour::audio {
class PlayoutMixer;
}

namespace tenfour::device {

class CaptureBackend;
class CaptureQueue;
class PlayoutBackend;

class AudioBackend {
public:
    virtual ~AudioBackend() = default;

    // "pulse", "qt": what --audio-backend takes.
    virtual QString id() const = 0;
    // Human-readable name for messages ("PulseAudio", "Qt Multimedia").
    virtual QString name() const = 0;

    // Created in the caller's thread, without a parent (the engine moves them to their threads).
    virtual std::unique_ptr<CaptureBackend> createCapture(CaptureQueue *queue) = 0;
    virtual std::unique_ptr<PlayoutBackend> createPlayout(audio::PlayoutMixer *mixer) = 0;
};

} // namespace tenfour::device
