#pragma once
// Any rate / channel count -> 48 kHz mono (downmix by averaging, then speexdsp resampling).
// Streaming: state carries over between process() calls; no allocation after construction.

#include <QtGlobal>
#include <memory>

struct SpeexResamplerState_; // speexdsp's opaque state, so this header needs no speex include

namespace tenfour::audio {

class Resampler {
public:
    Resampler(int inRate, int inChannels, int outRate = 48000, int quality = 5);
    ~Resampler();
    Resampler(const Resampler &) = delete;
    Resampler &operator=(const Resampler &) = delete;

    bool isValid() const { return m_valid; }
    int inRate() const { return m_inRate; }
    int inChannels() const { return m_inChannels; }
    int outRate() const { return m_outRate; }

    // Output samples process() may produce for inFrames input frames; size `out` with it.
    int outputCapacityFor(int inFrames) const;
    // Interleaved input frames -> mono output; returns output samples written (<= outCapacity).
    // With outCapacity >= outputCapacityFor(inFrames) all input is consumed; otherwise the input
    // that did not fit is dropped. Returns < 0 when invalid or given bad arguments.
    int process(const qint16 *in, int inFrames, qint16 *out, int outCapacity);
    // Emits the samples still held by the filter at the end of a stream (pushes silence through).
    int flush(qint16 *out, int outCapacity);
    // Delay the filter adds, in output samples.
    int latencySamples() const;
    void reset();

private:
    static constexpr int kChunk = 1024; // input frames downmixed per step

    SpeexResamplerState_ *m_state = nullptr;
    std::unique_ptr<qint16[]> m_mono; // kChunk downmixed frames
    int m_inRate = 0;
    int m_inChannels = 0;
    int m_outRate = 0;
    bool m_valid = false;
};

} // namespace tenfour::audio
