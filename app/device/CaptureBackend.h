#pragma once
// A microphone as the engine sees it, whatever opens it (Qt Multimedia, native PulseAudio):
// 20 ms frames of 48 kHz mono Int16 pushed into a CaptureQueue. An AudioBackend creates it;
// VoiceEngine moves it to the capture thread and calls start()/stop() there (queued). It reports
// through the signals; failed() after a successful start means the device or the sound server
// went away, and the engine falls back to another device.

#include <QAudioDevice>
#include <QObject>

namespace tenfour::device {

class CaptureBackend : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    // Peak level of the last frame, 0..1 (any thread), for a level meter.
    virtual float peak() const = 0;
    // Frames handed to the queue since start() (any thread).
    virtual quint64 framesCaptured() const = 0;

public Q_SLOTS:
    // bufferMs: how often the device hands over data (the PulseAudio fragment).
    virtual void start(const QAudioDevice &device, int bufferMs) = 0;
    virtual void stop() = 0;

Q_SIGNALS:
    void started(const QByteArray &id, const QString &description, const QString &format);
    void failed(const QByteArray &id, const QString &reason);
    void stopped();
};

} // namespace tenfour::device
