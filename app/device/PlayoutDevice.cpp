#include "device/PlayoutDevice.h"

#include "device/MonotonicClock.h"

namespace tenfour::device {

PlayoutDevice::PlayoutDevice(audio::PlayoutMixer *mixer, std::atomic<quint64> *rendered, QObject *parent)
    : QIODevice(parent), m_renderer(mixer, rendered)
{
}

PlayoutDevice::~PlayoutDevice() = default;

void PlayoutDevice::configure(const QAudioFormat &format)
{
    m_renderer.configure(format);
}

qint64 PlayoutDevice::bytesAvailable() const
{
    return m_renderer.maxBytes() + QIODevice::bytesAvailable();
}

qint64 PlayoutDevice::writeData(const char *, qint64)
{
    return -1;
}

qint64 PlayoutDevice::readData(char *data, qint64 maxlen)
{
    return m_renderer.render(data, maxlen, monotonicUs());
}

} // namespace tenfour::device
