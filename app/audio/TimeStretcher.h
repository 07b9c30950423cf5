#pragma once
// Shortens speech by one pitch period without a gap: finds the lag (2.5-15 ms) with the best
// normalised autocorrelation and cross-fades the signal into itself one period later (the
// "accelerate" of a WSOLA-style stretcher). Used to catch up when the jitter buffer holds more
// than its target and there is no silence to drop.

#include <QtGlobal>

namespace tenfour::audio {

class TimeStretcher {
public:
    static constexpr int kMinLag = 120; // 2.5 ms at 48 kHz (400 Hz)
    static constexpr int kMaxLag = 720; // 15 ms (67 Hz)
    // Samples shorten() needs at least (two of the shortest periods); with fewer than 2 * kMaxLag
    // the longest lags are not tried.
    static constexpr int kNeeded = 2 * kMinLag;
    static constexpr float kMinCorrelation = 0.5f;

    // Removes one period (at most maxLag samples) from the start of buf (len >= kNeeded), shifting
    // the rest.
    // Returns the number of samples removed (0 when the best normalised correlation is below
    // minCorrelation, i.e. the signal is not periodic enough to do it inaudibly; buf is then untouched).
    static int shorten(qint16 *buf, int len, float minCorrelation = kMinCorrelation, int maxLag = kMaxLag);
    // The lag in [kMinLag, min(maxLag, kMaxLag, len / 2)] whose two consecutive periods match best, and that
    // match (-1..1).
    static int bestLag(const qint16 *buf, int len, float *correlation, int maxLag = kMaxLag);
};

} // namespace tenfour::audio
