#include "engine/WavFile.h"

#include "engine/WavWriter.h"

#include <QFile>
#include <QtEndian>
#include <cstring>

namespace tenfour::engine {

namespace {

constexpr quint16 kFormatPcm = 1;
constexpr quint16 kFormatFloat = 3;
constexpr quint16 kFormatExtensible = 0xFFFE;
constexpr int kMaxChannels = 64;

quint16 u16(const char *p)
{
    return qFromLittleEndian<quint16>(p);
}
quint32 u32(const char *p)
{
    return qFromLittleEndian<quint32>(p);
}

bool fail(QString *error, const QString &why)
{
    if (error)
        *error = why;
    return false;
}

float sampleAt(const char *p, int bits, bool isFloat)
{
    if (isFloat) {
        float f;
        std::memcpy(&f, p, sizeof f);
        return f;
    }
    switch (bits) {
    case 8: // unsigned, centred on 128
        return (float(quint8(p[0])) - 128.0f) / 128.0f;
    case 16:
        return float(qint16(u16(p))) / 32768.0f;
    case 24: {
        const qint32 v =
            qint32(quint32(quint8(p[0])) << 8 | quint32(quint8(p[1])) << 16 | quint32(quint8(p[2])) << 24);
        return float(v >> 8) / 8388608.0f;
    }
    default: // 32
        return float(double(qint32(u32(p))) / 2147483648.0);
    }
}

} // namespace

std::vector<float> WavFile::toMono() const
{
    const qint64 n = frames();
    std::vector<float> mono(size_t(n), 0.0f);
    if (channels <= 0)
        return mono;
    const float scale = 1.0f / float(channels);
    for (qint64 i = 0; i < n; ++i) {
        float sum = 0.0f;
        for (int c = 0; c < channels; ++c)
            sum += samples[size_t(i * channels + c)];
        mono[size_t(i)] = sum * scale;
    }
    return mono;
}

bool WavFile::read(const QString &path, WavFile &out, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fail(error, QStringLiteral("cannot open %1: %2").arg(path, f.errorString()));
    if (!parse(f.readAll(), out, error)) {
        if (error)
            *error = path + QStringLiteral(": ") + *error;
        return false;
    }
    return true;
}

bool WavFile::parse(const QByteArray &bytes, WavFile &out, QString *error)
{
    const char *d = bytes.constData();
    const qint64 size = bytes.size();
    if (size < 12 || std::memcmp(d, "RIFF", 4) != 0 || std::memcmp(d + 8, "WAVE", 4) != 0)
        return fail(error, QStringLiteral("not a RIFF/WAVE file"));

    quint16 format = 0;
    int channels = 0, rate = 0, bits = 0, blockAlign = 0;
    bool haveFmt = false;
    qint64 pos = 12;
    while (pos + 8 <= size) {
        const char *id = d + pos;
        qint64 len = u32(d + pos + 4);
        const qint64 body = pos + 8;
        if (std::memcmp(id, "fmt ", 4) == 0) {
            if (len < 16 || body + len > size)
                return fail(error, QStringLiteral("truncated fmt chunk"));
            format = u16(d + body);
            channels = u16(d + body + 2);
            rate = int(u32(d + body + 4));
            blockAlign = u16(d + body + 12);
            bits = u16(d + body + 14);
            if (format == kFormatExtensible) {
                if (len < 40)
                    return fail(error, QStringLiteral("truncated WAVE_FORMAT_EXTENSIBLE fmt chunk"));
                format = u16(d + body + 24); // first two bytes of the sub-format GUID
            }
            haveFmt = true;
        } else if (std::memcmp(id, "data", 4) == 0) {
            if (!haveFmt)
                return fail(error, QStringLiteral("data chunk before fmt chunk"));
            const bool isFloat = format == kFormatFloat;
            if (format != kFormatPcm && format != kFormatFloat)
                return fail(error,
                            QStringLiteral("unsupported WAV encoding %1 (PCM or float only)").arg(format));
            if ((isFloat && bits != 32) || (!isFloat && bits != 8 && bits != 16 && bits != 24 && bits != 32))
                return fail(error, QStringLiteral("unsupported sample size of %1 bits").arg(bits));
            if (channels < 1 || channels > kMaxChannels)
                return fail(error, QStringLiteral("unsupported channel count %1").arg(channels));
            if (rate < 1000 || rate > 384000)
                return fail(error, QStringLiteral("unsupported sample rate %1").arg(rate));
            const int bytesPerSample = bits / 8;
            if (blockAlign != bytesPerSample * channels)
                return fail(error, QStringLiteral("inconsistent block alignment %1").arg(blockAlign));
            // A writer that was killed leaves a size of 0 or 0xFFFFFFFF: take what is there.
            if (len == 0 || body + len > size)
                len = size - body;
            const qint64 frames = len / blockAlign;
            out.sampleRate = rate;
            out.channels = channels;
            out.samples.resize(size_t(frames * channels));
            const char *p = d + body;
            for (qint64 i = 0; i < frames * channels; ++i, p += bytesPerSample)
                out.samples[size_t(i)] = sampleAt(p, bits, isFloat);
            return true;
        }
        pos = body + len + (len & 1); // chunks are padded to even sizes
    }
    return fail(error, haveFmt ? QStringLiteral("no data chunk") : QStringLiteral("no fmt chunk"));
}

bool WavFile::write16(const QString &path, const qint16 *samples, qint64 frames, int sampleRate, int channels,
                      QString *error)
{
    WavWriter w;
    if (!w.open(path, sampleRate, channels, error))
        return false;
    if (!w.write(samples, frames * channels))
        return fail(error, w.errorString());
    return w.close(error);
}

} // namespace tenfour::engine
