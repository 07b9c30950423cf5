#include "engine/WavWriter.h"

#include <QtEndian>
#include <cstring>

namespace tenfour::engine {

namespace {

constexpr int kHeaderSize = 44;

void put16(char *p, quint16 v)
{
    qToLittleEndian(v, p);
}
void put32(char *p, quint32 v)
{
    qToLittleEndian(v, p);
}

void makeHeader(char *h, int sampleRate, int channels, quint32 dataBytes)
{
    std::memcpy(h, "RIFF", 4);
    put32(h + 4, 36 + dataBytes);
    std::memcpy(h + 8, "WAVEfmt ", 8);
    put32(h + 16, 16);
    put16(h + 20, 1); // PCM
    put16(h + 22, quint16(channels));
    put32(h + 24, quint32(sampleRate));
    put32(h + 28, quint32(sampleRate * channels * 2));
    put16(h + 32, quint16(channels * 2));
    put16(h + 34, 16);
    std::memcpy(h + 36, "data", 4);
    put32(h + 40, dataBytes);
}

} // namespace

WavWriter::~WavWriter()
{
    close();
}

bool WavWriter::open(const QString &path, int sampleRate, int channels, QString *error)
{
    close();
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, m_file.errorString());
        return false;
    }
    char h[kHeaderSize];
    makeHeader(h, sampleRate, channels, 0);
    m_samples = 0;
    if (m_file.write(h, kHeaderSize) != kHeaderSize) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, m_file.errorString());
        m_file.close();
        return false;
    }
    return true;
}

bool WavWriter::write(const qint16 *samples, qint64 count)
{
    if (!m_file.isOpen() || count <= 0)
        return m_file.isOpen();
    const qint64 bytes = count * 2;
    bool ok;
    if constexpr (Q_BYTE_ORDER == Q_LITTLE_ENDIAN) {
        ok = m_file.write(reinterpret_cast<const char *>(samples), bytes) == bytes;
    } else {
        QByteArray le(bytes, Qt::Uninitialized);
        for (qint64 i = 0; i < count; ++i)
            qToLittleEndian(samples[i], le.data() + 2 * i);
        ok = m_file.write(le) == bytes;
    }
    if (ok)
        m_samples += count;
    return ok;
}

bool WavWriter::close(QString *error)
{
    if (!m_file.isOpen())
        return true;
    // RIFF sizes are 32-bit: clamp (a reader then takes the data up to the end of the file).
    const quint64 dataBytes = quint64(m_samples) * 2;
    const quint32 clamped = dataBytes > 0xFFFFFFF0u ? 0xFFFFFFF0u : quint32(dataBytes);
    char size[4];
    put32(size, 36 + clamped);
    bool ok = m_file.seek(4) && m_file.write(size, 4) == 4;
    put32(size, clamped);
    ok = ok && m_file.seek(40) && m_file.write(size, 4) == 4;
    if (!ok && error)
        *error = QStringLiteral("cannot finish %1: %2").arg(m_file.fileName(), m_file.errorString());
    m_file.close();
    return ok;
}

} // namespace tenfour::engine
