#pragma once
// Notices audio devices coming and going. QMediaDevices' change signals never fire on Linux
// with Qt 6.4, but its device lists are kept current, so this polls them (every 2 s by
// default) and compares the ids.

#include <QAudioDevice>
#include <QByteArrayList>
#include <QObject>
#include <QTimer>

namespace tenfour::device {

class DeviceWatcher : public QObject {
    Q_OBJECT
public:
    explicit DeviceWatcher(QObject *parent = nullptr);

    void setInterval(int ms) { m_timer.setInterval(ms); }
    int interval() const { return m_timer.interval(); }
    // Takes the current lists as the baseline and starts polling.
    void start();
    void stop() { m_timer.stop(); }

    QByteArrayList inputIds() const { return m_inputs; }
    QByteArrayList outputIds() const { return m_outputs; }

public Q_SLOTS:
    // Compares the lists now (also called by the timer).
    void poll();

Q_SIGNALS:
    void deviceAdded(QAudioDevice::Mode mode, const QByteArray &id);
    void deviceRemoved(QAudioDevice::Mode mode, const QByteArray &id);
    void devicesChanged(QAudioDevice::Mode mode);

private:
    static QByteArrayList currentIds(QAudioDevice::Mode mode);
    void compare(QAudioDevice::Mode mode, QByteArrayList &known);

    QTimer m_timer;
    QByteArrayList m_inputs;
    QByteArrayList m_outputs;
};

} // namespace tenfour::device
