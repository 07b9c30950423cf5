#include "audio/SoftLimiter.h"

#include <algorithm>
#include <cmath>

namespace tenfour::audio {

SoftLimiter::SoftLimiter(float kneeDb)
{
    setKneeDb(kneeDb);
}

void SoftLimiter::setKneeDb(float db)
{
    // Between -20 dBFS (heavy) and -0.1 dBFS (almost none) the curve stays well-behaved.
    m_kneeDb = std::clamp(db, -20.0f, -0.1f);
    m_knee = std::pow(10.0f, m_kneeDb / 20.0f);
    m_range = 1.0f - m_knee;
}

float SoftLimiter::apply(float x) const
{
    if (std::isnan(x))
        return 0.0f;
    const float a = std::fabs(x);
    if (a <= m_knee)
        return x;
    // Slope 1 at the knee (tanh'(0) = 1), so the curve joins the identity without a corner, and
    // it tends to 1.0 only asymptotically.
    const float y = m_knee + m_range * std::tanh((a - m_knee) / m_range);
    return std::copysign(std::min(y, 0.99999f), x);
}

void SoftLimiter::process(const float *in, qint16 *out, int samples) const
{
    constexpr float kScale = 32768.0f;
    const float kneeAbs = m_knee * kScale;
    for (int i = 0; i < samples; ++i) {
        float v = in[i];
        if (!(std::fabs(v) <= kneeAbs)) // also catches NaN
            v = apply(v / kScale) * kScale;
        const long r = std::lrint(v);
        out[i] = qint16(std::clamp<long>(r, -32768, 32767));
    }
}

} // namespace tenfour::audio
