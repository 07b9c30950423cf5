#include "device/pulse/PulseAudioBackend.h"

#include "device/pulse/PulseCaptureStream.h"
#include "device/pulse/PulseContext.h"
#include "device/pulse/PulsePlayoutStream.h"

namespace tenfour::device {

std::unique_ptr<CaptureBackend> PulseAudioBackend::createCapture(CaptureQueue *queue)
{
    return std::make_unique<PulseCaptureStream>(queue);
}

std::unique_ptr<PlayoutBackend> PulseAudioBackend::createPlayout(audio::PlayoutMixer *mixer)
{
    return std::make_unique<PulsePlayoutStream>(mixer);
}

bool PulseAudioBackend::available(int timeoutMs, QString *why)
{
    return PulseContext::probe(timeoutMs, why);
}

} // namespace tenfour::device
