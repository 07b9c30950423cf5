#pragma once
// Deterministic test signals and packet streams shared by the DSP unit tests and bench/dsp.
// Header-only; tests may allocate freely.

#include "audio/AudioFormat.h"
#include "codec/OpusEncoder.h"

#include <QtGlobal>
#include <cmath>
#include <vector>

namespace tenfour::dsptest {

// Small seeded generator (SplitMix64): identical sequences on every platform and library.
class Rng {
public:
    explicit Rng(quint64 seed) : m_s(seed) {}
    quint64 next()
    {
        quint64 z = (m_s += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); } // [0, 1)
    bool chance(double p) { return uniform() < p; }

private:
    quint64 m_s;
};

inline qint16 clip16(double v)
{
    return qint16(std::lrint(std::fmax(-32768.0, std::fmin(32767.0, v))));
}

// A 440 Hz tone plus a little white noise, starting at sample `start`.
inline void toneWithNoise(qint16 *out, int n, qint64 start, Rng &rng, double freq = 440.0,
                          double amp = 8000.0, double noise = 400.0)
{
    for (int i = 0; i < n; ++i) {
        const double t = double(start + i) / audio::kSampleRate;
        out[i] = clip16(amp * std::sin(2.0 * M_PI * freq * t) + noise * (2.0 * rng.uniform() - 1.0));
    }
}

// Speech-like signal: talk spurts of voiced "syllables" (harmonics of a gliding 100-220 Hz pitch
// under a ~200 ms envelope) separated by short gaps, with longer pauses between spurts.
class SpeechSynth {
public:
    explicit SpeechSynth(quint64 seed) : m_rng(seed) { newSegment(); }

    void next(qint16 *frame)
    {
        for (int i = 0; i < audio::kFrameSamples; ++i) {
            if (m_left <= 0)
                newSegment();
            double v = 0.0;
            if (m_voiced) {
                const double pos = 1.0 - double(m_left) / double(m_length);
                const double env = std::sin(M_PI * pos);
                const double f0 = m_f0 * (1.0 + 0.08 * std::sin(2.0 * M_PI * 3.0 * pos));
                m_phase += 2.0 * M_PI * f0 / audio::kSampleRate;
                for (int h = 1; h <= 12; ++h)
                    v += std::sin(h * m_phase) / h;
                v *= 5000.0 * env;
            }
            frame[i] = clip16(v + 3.0 * (2.0 * m_rng.uniform() - 1.0));
            --m_left;
        }
    }
    bool voiced() const { return m_voiced; }

private:
    void newSegment()
    {
        m_voiced = !m_voiced;
        if (m_voiced) {
            m_length = int((120 + m_rng.uniform() * 200) * 48);
            m_f0 = 100.0 + m_rng.uniform() * 120.0;
        } else {
            // Mostly short gaps between syllables, sometimes a breath pause.
            const double ms = m_rng.chance(0.25) ? 300 + m_rng.uniform() * 500 : 40 + m_rng.uniform() * 100;
            m_length = int(ms * 48);
        }
        m_left = m_length;
    }

    Rng m_rng;
    bool m_voiced = false;
    int m_length = 1;
    int m_left = 0;
    double m_f0 = 150.0;
    double m_phase = 0.0;
};

struct EncodedStream {
    std::vector<std::vector<qint16>> pcm;            // the input, frame by frame
    std::vector<std::vector<unsigned char>> packets; // one Opus packet per frame
};

// Encodes `frames` frames of speech-like signal (or a continuous tone when tone == true).
inline EncodedStream encodeStream(int frames, quint64 seed, bool tone = false,
                                  const codec::EncoderConfig &config = {})
{
    EncodedStream s;
    codec::OpusEncoder enc(config);
    SpeechSynth synth(seed);
    Rng rng(seed);
    std::vector<qint16> frame(audio::kFrameSamples);
    unsigned char buf[audio::kMaxPacketBytes];
    for (int f = 0; f < frames; ++f) {
        if (tone)
            toneWithNoise(frame.data(), audio::kFrameSamples, qint64(f) * audio::kFrameSamples, rng, 220.0);
        else
            synth.next(frame.data());
        const int n = enc.encode(frame.data(), buf, int(sizeof(buf)));
        s.pcm.push_back(frame);
        s.packets.emplace_back(buf, buf + (n > 0 ? n : 0));
    }
    return s;
}

} // namespace tenfour::dsptest
