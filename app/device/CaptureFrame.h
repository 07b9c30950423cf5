#pragma once
// One captured 20 ms frame as it travels from the capture thread to the encoder worker.
// Trivially copyable and fixed size, so it crosses threads through an SpscQueue without allocation.

#include "audio/AudioFormat.h"

#include <QtGlobal>
#include <type_traits>

namespace tenfour::device {

struct CaptureFrame {
    qint64 captureUs = 0; // monotonicUs() when the newest sample arrived
    // Holds push-to-talk down for this frame whatever the live state: scripted sources (a file
    // being sent) mark their frames so the end of the transmission is exactly their last frame.
    bool pressed = false;
    qint16 samples[audio::kFrameSamples];
};

static_assert(std::is_trivially_copyable_v<CaptureFrame>, "CaptureFrame must be trivially copyable");

} // namespace tenfour::device
