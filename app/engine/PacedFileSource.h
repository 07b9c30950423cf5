#pragma once
// Plays a WAV file into a Transmitter's queue in real time, as a microphone would: one 20 ms
// frame per tick of a precise timer, each frame due at start + k * 20 ms on the monotonic clock,
// so timer lateness never accumulates. Every frame holds push-to-talk down; one released frame
// after the last ends the transmission there (use a Transmitter with a 0 ms tail).

#include "device/CaptureQueue.h"

#include <QObject>
#include <QString>
#include <QTimer>
#include <vector>

namespace tenfour::engine {

class PacedFileSource : public QObject {
    Q_OBJECT
public:
    explicit PacedFileSource(QObject *parent = nullptr);

    // Reads and converts the file to 48 kHz mono (any rate, any channel count).
    bool load(const QString &path, QString *error);
    // Or takes 48 kHz mono samples directly.
    void setSamples(std::vector<qint16> samples) { m_samples = std::move(samples); }

    int frameCount() const;
    double durationSeconds() const;

    void start(device::CaptureQueue *queue);
    void stop();
    bool running() const { return m_timer.isActive(); }
    int framesPushed() const { return m_next; }

Q_SIGNALS:
    void finished();

private:
    void tick();
    void pushFrame(int index, bool pressed);

    std::vector<qint16> m_samples; // 48 kHz mono
    device::CaptureQueue *m_queue = nullptr;
    QTimer m_timer;
    qint64 m_startUs = 0;
    int m_next = 0; // next frame index; frameCount() is the released end marker
};

} // namespace tenfour::engine
