#pragma once
// Streaming 16-bit PCM WAV writer: the header's sizes are patched on close(), so a long
// recording never has to sit in memory. A reader treats a file whose writer died as
// "data up to the end of the file" (see WavFile::parse).

#include <QFile>
#include <QString>
#include <QtGlobal>

namespace tenfour::engine {

class WavWriter {
public:
    WavWriter() = default;
    ~WavWriter();
    WavWriter(const WavWriter &) = delete;
    WavWriter &operator=(const WavWriter &) = delete;

    bool open(const QString &path, int sampleRate, int channels, QString *error);
    // Appends interleaved samples (count = frames * channels).
    bool write(const qint16 *samples, qint64 count);
    bool close(QString *error = nullptr);

    bool isOpen() const { return m_file.isOpen(); }
    qint64 samplesWritten() const { return m_samples; }
    QString errorString() const { return m_file.errorString(); }

private:
    QFile m_file;
    qint64 m_samples = 0;
};

} // namespace tenfour::engine
