#pragma once
// Stateless soft limiter for the mix bus: identity below the knee (-3 dBFS by default), above it a
// tanh curve that approaches full scale smoothly and never reaches it (no hard clipping corners).

#include <QtGlobal>

namespace tenfour::audio {

class SoftLimiter {
public:
    explicit SoftLimiter(float kneeDb = -3.0f);

    void setKneeDb(float db);
    float kneeDb() const { return m_kneeDb; }
    float knee() const { return m_knee; } // linear, full scale = 1.0

    // One sample, full scale = 1.0. |result| < 1 for every finite input; NaN becomes 0.
    float apply(float x) const;
    // Mix bus (full scale = 32768.0f) -> 16-bit output. Samples below the knee come out exactly as
    // they went in (rounded to the nearest integer).
    void process(const float *in, qint16 *out, int samples) const;

private:
    float m_kneeDb = -3.0f;
    float m_knee = 0.708f;
    float m_range = 0.292f; // 1 - knee
};

} // namespace tenfour::audio
