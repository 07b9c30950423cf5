#include "audio/TimeStretcher.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace tenfour::audio {
namespace {

// Normalised correlation of buf[0, len) with buf[lag, lag + len), every `step`-th sample.
float correlation(const qint16 *buf, int lag, int len, int step)
{
    double xy = 0, xx = 0, yy = 0;
    for (int i = 0; i < len; i += step) {
        const double x = buf[i];
        const double y = buf[i + lag];
        xy += x * y;
        xx += x * x;
        yy += y * y;
    }
    if (xx <= 0.0 || yy <= 0.0)
        return 0.0f;
    return float(xy / std::sqrt(xx * yy));
}

} // namespace

int TimeStretcher::bestLag(const qint16 *buf, int len, float *corr, int maxLagLimit)
{
    if (corr)
        *corr = 0.0f;
    if (!buf || len < kNeeded)
        return 0;
    // Coarse search on every 2nd lag and sample, then refine around the winner at full resolution:
    // a quarter of the work of a full search, and pitch peaks are wider than 2 samples.
    const int maxLag = std::min({kMaxLag, maxLagLimit, len / 2});
    if (maxLag < kMinLag)
        return 0;
    int best = kMinLag;
    float bestCorr = -2.0f;
    for (int lag = kMinLag; lag <= maxLag; lag += 2) {
        const float c = correlation(buf, lag, lag, 2);
        if (c > bestCorr) {
            bestCorr = c;
            best = lag;
        }
    }
    const int lo = std::max(kMinLag, best - 2);
    const int hi = std::min(maxLag, best + 2);
    bestCorr = -2.0f;
    int refined = best;
    for (int lag = lo; lag <= hi; ++lag) {
        const float c = correlation(buf, lag, lag, 1);
        if (c > bestCorr) {
            bestCorr = c;
            refined = lag;
        }
    }
    if (corr)
        *corr = bestCorr;
    return refined;
}

int TimeStretcher::shorten(qint16 *buf, int len, float minCorrelation, int maxLag)
{
    float c = 0.0f;
    const int lag = bestLag(buf, len, &c, maxLag);
    if (lag <= 0 || c < minCorrelation)
        return 0;
    // Cross-fade the first period into the second, so the waveform continues in phase and the
    // period that is dropped leaves no seam.
    for (int i = 0; i < lag; ++i) {
        const float w = float(i + 1) / float(lag + 1);
        const float v = float(buf[i]) * (1.0f - w) + float(buf[i + lag]) * w;
        buf[i] = qint16(std::lrint(std::clamp(v, -32768.0f, 32767.0f)));
    }
    std::memmove(buf + lag, buf + 2 * lag, sizeof(qint16) * size_t(len - 2 * lag));
    return lag;
}

} // namespace tenfour::audio
