#pragma once
// Server-to-client WebSocket frames (RFC 6455, unmasked, FIN set), built once and written to
// every receiver's socket as is: the fan-out copies bytes into socket buffers and nothing else.

#include <QByteArray>
#include <QtEndian>
#include <chrono>

namespace tenfour::relay {

inline QByteArray makeWireFrame(bool binary, const char *data, qsizetype size)
{
    const int header = size <= 125 ? 2 : (size <= 0xFFFF ? 4 : 10);
    QByteArray wire(header + size, Qt::Uninitialized);
    auto *p = reinterpret_cast<uchar *>(wire.data());
    p[0] = binary ? 0x82 : 0x81;
    if (size <= 125) {
        p[1] = uchar(size);
    } else if (size <= 0xFFFF) {
        p[1] = 126;
        qToBigEndian<quint16>(quint16(size), p + 2);
    } else {
        p[1] = 127;
        qToBigEndian<quint64>(quint64(size), p + 2);
    }
    if (size > 0)
        memcpy(p + header, data, size_t(size));
    return wire;
}

inline QByteArray makeTextWire(const QByteArray &utf8) { return makeWireFrame(false, utf8.constData(), utf8.size()); }
inline QByteArray makeBinaryWire(const QByteArray &bytes) { return makeWireFrame(true, bytes.constData(), bytes.size()); }

// Monotonic clock of the relay's timers and rate limiters.
inline qint64 monotonicNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
inline qint64 monotonicMs() { return monotonicNs() / 1000000; }

} // namespace tenfour::relay
