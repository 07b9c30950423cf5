#pragma once
// Renders speaker audio from the PlayoutMixer into a device buffer of any size, in the format
// the device was opened with. Shared by every playout backend: Qt's pull-mode QIODevice
// (PlayoutDevice) and the native PulseAudio stream (PulsePlayoutStream) both hand it the bytes the
// device asked for. The mixer itself renders 20 ms frames and slices them to any sample count;
// what is added here is the conversion when the device cannot take 48 kHz mono Int16 (resampled,
// copied to every channel, sample type changed).
//
// Real-time safe: no lock and no allocation in render(); every buffer is sized in configure().
// render() must always be called from one thread at a time (the mixer's consumer side).

#include <QAudioFormat>
#include <atomic>
#include <memory>
#include <vector>

namespace tenfour::audio {
class PlayoutMixer;
class Resampler;
} // namespace tenfour::audio

namespace tenfour::device {

class PlayoutRenderer {
public:
    static constexpr int kMaxRenderMs = 500; // the largest request served at once

    // rendered: optional counter of frames handed to the device (owned by the caller, any thread).
    explicit PlayoutRenderer(audio::PlayoutMixer *mixer, std::atomic<quint64> *rendered = nullptr);
    ~PlayoutRenderer();
    PlayoutRenderer(const PlayoutRenderer &) = delete;
    PlayoutRenderer &operator=(const PlayoutRenderer &) = delete;

    // The format the device was opened with (allocates; not on the audio thread).
    void configure(const QAudioFormat &format);
    const QAudioFormat &format() const { return m_format; }
    // Bytes one render() call can fill at most.
    qint64 maxBytes() const;

    // Fills up to maxlen bytes (whole device frames, at most maxBytes()) with fresh audio; nowUs
    // is the time of the first sample. Returns the bytes written (0 when maxlen holds no frame).
    qint64 render(char *data, qint64 maxlen, qint64 nowUs);

private:
    int produceMono(qint16 *out, int samples, qint64 nowUs);

    audio::PlayoutMixer *m_mixer;
    std::atomic<quint64> *m_rendered;
    QAudioFormat m_format;
    bool m_native = true;
    std::unique_ptr<audio::Resampler> m_resampler; // 48 kHz -> device rate
    std::vector<qint16> m_mix;                     // rendered at 48 kHz
    std::vector<qint16> m_out;                     // device-rate mono, FIFO
    int m_outFill = 0;
    std::vector<qint16> m_interleaved; // device-rate, all channels
};

} // namespace tenfour::device
