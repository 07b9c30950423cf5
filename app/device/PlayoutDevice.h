#pragma once
// The speaker's data source in pull mode: QAudioSink reads this QIODevice on its own timer and
// every read renders fresh audio from the PlayoutMixer (jitter buffers, decoders, mix). Pull mode
// because push mode on a Qt 6.4 sink silently drops what does not fit.
//
// readData() always fills the whole request (silence when nobody talks): returning 0 would make
// the Qt sink stop its timer and go idle. When the device cannot take 48 kHz mono Int16 the mix
// is converted here (resampled, copied to every channel, sample type changed). No lock and no
// allocation per read: all buffers are sized in configure().

#include <QAudioFormat>
#include <QIODevice>
#include <atomic>
#include <memory>
#include <vector>

namespace tenfour::audio {
class PlayoutMixer;
class Resampler;
} // namespace tenfour::audio

namespace tenfour::device {

class PlayoutDevice : public QIODevice {
    Q_OBJECT
public:
    // rendered: optional counter of samples handed to the sink (owned by the caller, any thread).
    explicit PlayoutDevice(audio::PlayoutMixer *mixer, std::atomic<quint64> *rendered = nullptr,
                           QObject *parent = nullptr);
    ~PlayoutDevice() override;

    // Call before open(): the format the sink was opened with.
    void configure(const QAudioFormat &format);
    bool isSequential() const override { return true; }
    // Always "plenty": the mixer can render any amount on demand.
    qint64 bytesAvailable() const override;

protected:
    qint64 readData(char *data, qint64 maxlen) override;
    qint64 writeData(const char *data, qint64 len) override;

private:
    int produceMono(qint16 *out, int samples, qint64 nowUs);

    audio::PlayoutMixer *m_mixer;
    QAudioFormat m_format;
    bool m_native = true;
    std::unique_ptr<audio::Resampler> m_resampler; // 48 kHz -> device rate
    std::vector<qint16> m_mix;                     // rendered at 48 kHz
    std::vector<qint16> m_out;                     // device-rate mono, FIFO
    int m_outFill = 0;
    std::vector<qint16> m_interleaved; // device-rate, all channels
    std::atomic<quint64> *m_rendered;
};

} // namespace tenfour::device
