#pragma once
// The one clock of the audio path: monotonic microseconds (CLOCK_MONOTONIC on Linux). Capture
// stamps, packet arrival times and the playout mixer's "now" must all come from here so they
// can be compared across threads.

#include <QtGlobal>
#include <chrono>

namespace tenfour::device {

inline qint64 monotonicUs()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace tenfour::device
