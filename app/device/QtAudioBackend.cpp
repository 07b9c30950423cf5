#include "device/QtAudioBackend.h"

#include "device/CaptureDevice.h"
#include "device/PlayoutSink.h"

namespace tenfour::device {

std::unique_ptr<CaptureBackend> QtAudioBackend::createCapture(CaptureQueue *queue)
{
    return std::make_unique<CaptureDevice>(queue);
}

std::unique_ptr<PlayoutBackend> QtAudioBackend::createPlayout(audio::PlayoutMixer *mixer)
{
    return std::make_unique<PlayoutSink>(mixer);
}

} // namespace tenfour::device
