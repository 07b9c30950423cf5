#include "device/SampleConverter.h"

#include "audio/AudioFormat.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace tenfour::device {

QAudioFormat SampleConverter::streamFormat(const QAudioDevice &device)
{
    QAudioFormat want;
    want.setSampleRate(audio::kSampleRate);
    want.setChannelCount(1);
    want.setSampleFormat(QAudioFormat::Int16);
    if (device.isNull() || device.isFormatSupported(want))
        return want;
    QAudioFormat f = device.preferredFormat();
    if (!SampleConverter::supports(f.sampleFormat()))
        f.setSampleFormat(QAudioFormat::Int16);
    if (f.sampleRate() <= 0)
        f.setSampleRate(audio::kSampleRate);
    if (f.channelCount() <= 0)
        f.setChannelCount(1);
    return f;
}

bool SampleConverter::supports(QAudioFormat::SampleFormat format)
{
    return format == QAudioFormat::UInt8 || format == QAudioFormat::Int16 || format == QAudioFormat::Int32 ||
           format == QAudioFormat::Float;
}

void SampleConverter::toInt16(const char *in, QAudioFormat::SampleFormat format, qint64 count, qint16 *out)
{
    switch (format) {
    case QAudioFormat::UInt8:
        for (qint64 i = 0; i < count; ++i)
            out[i] = qint16((int(quint8(in[i])) - 128) * 256); // (<< of a negative value is UB)
        break;
    case QAudioFormat::Int16:
        std::memcpy(out, in, size_t(count) * sizeof(qint16));
        break;
    case QAudioFormat::Int32:
        for (qint64 i = 0; i < count; ++i) {
            qint32 v;
            std::memcpy(&v, in + 4 * i, 4);
            out[i] = qint16(v >> 16);
        }
        break;
    case QAudioFormat::Float:
        for (qint64 i = 0; i < count; ++i) {
            float v;
            std::memcpy(&v, in + 4 * i, 4);
            out[i] = qint16(std::lrint(std::clamp(v, -1.0f, 1.0f) * 32767.0f));
        }
        break;
    default:
        std::fill(out, out + count, qint16(0));
        break;
    }
}

void SampleConverter::fromInt16(const qint16 *in, qint64 count, QAudioFormat::SampleFormat format, char *out)
{
    switch (format) {
    case QAudioFormat::UInt8:
        for (qint64 i = 0; i < count; ++i)
            out[i] = char(quint8((in[i] >> 8) + 128));
        break;
    case QAudioFormat::Int16:
        std::memcpy(out, in, size_t(count) * sizeof(qint16));
        break;
    case QAudioFormat::Int32:
        for (qint64 i = 0; i < count; ++i) {
            const qint32 v = qint32(in[i]) * 65536;
            std::memcpy(out + 4 * i, &v, 4);
        }
        break;
    case QAudioFormat::Float:
        for (qint64 i = 0; i < count; ++i) {
            const float v = float(in[i]) / 32768.0f;
            std::memcpy(out + 4 * i, &v, 4);
        }
        break;
    default:
        break;
    }
}

} // namespace tenfour::device
