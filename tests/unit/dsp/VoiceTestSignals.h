#pragma once
// Synthetic test signals for the capture-processing tests: seeded white noise and a speech-like
// signal (a 140 Hz voiced harmonic series, formant-shaped, in 4 Hz syllables with pauses),
// both at a chosen RMS level in dBFS. Deterministic: the same seed gives the same samples.

#include <QtGlobal>
#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace voicetest {

inline double rmsDb(const qint16 *x, std::size_t n)
{
    double s = 0.0;
    for (std::size_t i = 0; i < n; ++i)
        s += double(x[i]) * x[i];
    const double r = n ? std::sqrt(s / double(n)) / 32768.0 : 0.0;
    return r > 1e-9 ? 20.0 * std::log10(r) : -180.0;
}

inline std::vector<double> scaleTo(std::vector<double> v, double db)
{
    double s = 0.0;
    for (double x : v)
        s += x * x;
    const double rms = std::sqrt(s / double(v.size()));
    const double want = std::pow(10.0, db / 20.0) * 32768.0;
    for (double &x : v)
        x *= want / rms;
    return v;
}

inline std::vector<qint16> toPcm(const std::vector<double> &v)
{
    std::vector<qint16> out(v.size());
    for (std::size_t i = 0; i < v.size(); ++i)
        out[i] = qint16(std::clamp(std::lround(v[i]), -32768L, 32767L));
    return out;
}

inline std::vector<double> noise(int samples, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<double> d(0.0, 1.0);
    std::vector<double> v(std::size_t(samples), 0.0);
    for (double &x : v)
        x = d(rng);
    return v;
}

// Voiced "syllables": 180 ms of sound, 70 ms of pause, repeated; the sound's amplitude has a
// smooth attack and decay like a vowel.
inline std::vector<double> speechLike(int samples, int rate = 48000)
{
    std::vector<double> v(std::size_t(samples), 0.0);
    const double f0 = 140.0;
    const int syl = rate / 4;
    const int voiced = rate * 180 / 1000;
    for (int i = 0; i < samples; ++i) {
        const int p = i % syl;
        if (p >= voiced)
            continue;
        const double env = std::sin(M_PI * double(p) / voiced);
        const double t = double(i) / rate;
        double s = 0.0;
        for (int h = 1; h <= 25; ++h) {
            const double f = f0 * h;
            // Two formants (~700 Hz and ~1200 Hz) over a falling spectrum.
            const double w = 1.0 / h + 1.5 * std::exp(-std::pow((f - 700.0) / 150.0, 2)) +
                             std::exp(-std::pow((f - 1200.0) / 200.0, 2));
            s += w * std::sin(2.0 * M_PI * f * t + h * 0.7);
        }
        v[std::size_t(i)] = env * s;
    }
    return v;
}

// True where speechLike() is silent (the pause of each syllable), with a margin.
inline bool inSpeechGap(int i, int rate = 48000)
{
    const int p = i % (rate / 4);
    return p >= rate * 190 / 1000 && p < rate * 245 / 1000;
}

} // namespace voicetest
