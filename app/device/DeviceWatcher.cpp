#include "device/DeviceWatcher.h"

#include "device/DeviceCatalog.h"

#include <utility>

namespace tenfour::device {

DeviceWatcher::DeviceWatcher(QObject *parent) : QObject(parent)
{
    m_timer.setInterval(2000);
    connect(&m_timer, &QTimer::timeout, this, &DeviceWatcher::poll);
}

void DeviceWatcher::start()
{
    m_inputs = currentIds(QAudioDevice::Input);
    m_outputs = currentIds(QAudioDevice::Output);
    m_timer.start();
}

QByteArrayList DeviceWatcher::currentIds(QAudioDevice::Mode mode)
{
    QByteArrayList ids;
    for (const QAudioDevice &d : DeviceCatalog::devices(mode))
        ids.append(d.id());
    return ids;
}

void DeviceWatcher::poll()
{
    compare(QAudioDevice::Input, m_inputs);
    compare(QAudioDevice::Output, m_outputs);
}

void DeviceWatcher::compare(QAudioDevice::Mode mode, QByteArrayList &known)
{
    const QByteArrayList now = currentIds(mode);
    if (now == known)
        return;
    const QByteArrayList before = std::exchange(known, now);
    for (const QByteArray &id : before) {
        if (!now.contains(id))
            Q_EMIT deviceRemoved(mode, id);
    }
    for (const QByteArray &id : now) {
        if (!before.contains(id))
            Q_EMIT deviceAdded(mode, id);
    }
    Q_EMIT devicesChanged(mode);
}

} // namespace tenfour::device
