#include "device/PlayoutRenderer.h"

#include "audio/AudioFormat.h"
#include "audio/PlayoutMixer.h"
#include "audio/Resampler.h"
#include "device/SampleConverter.h"

#include <algorithm>

namespace tenfour::device {

PlayoutRenderer::PlayoutRenderer(audio::PlayoutMixer *mixer, std::atomic<quint64> *rendered)
    : m_mixer(mixer), m_rendered(rendered)
{
    QAudioFormat f;
    f.setSampleRate(audio::kSampleRate);
    f.setChannelCount(1);
    f.setSampleFormat(QAudioFormat::Int16);
    configure(f);
}

PlayoutRenderer::~PlayoutRenderer() = default;

void PlayoutRenderer::configure(const QAudioFormat &format)
{
    m_format = format;
    m_native = format.sampleRate() == audio::kSampleRate && format.channelCount() == 1 &&
               format.sampleFormat() == QAudioFormat::Int16;
    m_resampler.reset();
    const int maxFrames = std::max(format.sampleRate(), 8000) * kMaxRenderMs / 1000;
    if (!m_native && format.sampleRate() != audio::kSampleRate)
        m_resampler = std::make_unique<audio::Resampler>(audio::kSampleRate, 1, format.sampleRate());
    m_mix.assign(size_t(audio::kSampleRate * kMaxRenderMs / 1000), 0);
    m_out.assign(size_t(maxFrames + (m_resampler ? m_resampler->outputCapacityFor(audio::kFrameSamples) : 0)),
                 0);
    m_outFill = 0;
    m_interleaved.assign(size_t(maxFrames) * size_t(std::max(format.channelCount(), 1)), 0);
}

qint64 PlayoutRenderer::maxBytes() const
{
    return qint64(m_format.bytesForDuration(qint64(kMaxRenderMs) * 1000));
}

int PlayoutRenderer::produceMono(qint16 *out, int samples, qint64 nowUs)
{
    if (!m_resampler) {
        m_mixer->render(out, samples, nowUs);
        return samples;
    }
    // Render 48 kHz audio in 20 ms steps until the device-rate FIFO holds enough.
    while (m_outFill < samples) {
        m_mixer->render(m_mix.data(), audio::kFrameSamples, nowUs);
        const int room = int(m_out.size()) - m_outFill;
        const int n =
            m_resampler->process(m_mix.data(), audio::kFrameSamples, m_out.data() + m_outFill, room);
        if (n <= 0)
            break;
        m_outFill += n;
    }
    const int take = std::min(samples, m_outFill);
    std::copy(m_out.begin(), m_out.begin() + take, out);
    std::fill(out + take, out + samples, qint16(0));
    std::copy(m_out.begin() + take, m_out.begin() + m_outFill, m_out.begin());
    m_outFill -= take;
    return samples;
}

qint64 PlayoutRenderer::render(char *data, qint64 maxlen, qint64 nowUs)
{
    const int bytesPerFrame = m_format.bytesPerFrame();
    if (bytesPerFrame <= 0)
        return 0;
    int frames =
        int(std::min<qint64>(maxlen / bytesPerFrame, qint64(m_interleaved.size()) / m_format.channelCount()));
    if (m_resampler)
        frames = std::min(frames, int(m_out.size()) - audio::kFrameSamples);
    if (frames <= 0)
        return 0;
    if (m_native) {
        m_mixer->render(reinterpret_cast<qint16 *>(data), frames, nowUs);
    } else {
        const int channels = m_format.channelCount();
        qint16 *mono = m_interleaved.data() + qint64(frames) * (channels - 1); // the tail is free
        produceMono(mono, frames, nowUs);
        // Mono sits at the end of the buffer: spreading it forward never overwrites a sample
        // before it has been read.
        for (int i = 0; i < frames; ++i) {
            const qint16 s = mono[i];
            for (int c = 0; c < channels; ++c)
                m_interleaved[size_t(i) * size_t(channels) + size_t(c)] = s;
        }
        SampleConverter::fromInt16(m_interleaved.data(), qint64(frames) * channels, m_format.sampleFormat(),
                                   data);
    }
    if (m_rendered)
        m_rendered->fetch_add(quint64(frames), std::memory_order_relaxed);
    return qint64(frames) * bytesPerFrame;
}

} // namespace tenfour::device
