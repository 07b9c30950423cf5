#include "ui/DeviceCombo.h"

#include <QAudioDevice>
#include <QMediaDevices>

namespace tenfour::ui {

DeviceCombo::DeviceCombo(Direction direction, QWidget *parent) : QComboBox(parent), m_direction(direction)
{
    refresh();
}

void DeviceCombo::refresh()
{
    const QByteArray current = deviceId();
    clear();
    addItem(tr("System default"), QByteArray());
    const QList<QAudioDevice> devices =
        m_direction == Direction::Input ? QMediaDevices::audioInputs() : QMediaDevices::audioOutputs();
    for (const QAudioDevice &d : devices)
        addItem(d.description(), d.id());
    setDeviceId(current);
}

void DeviceCombo::setDeviceId(const QByteArray &id)
{
    int idx = findData(id);
    if (idx < 0) {
        addItem(tr("%1 (not available)").arg(QString::fromUtf8(id)), id);
        idx = count() - 1;
    }
    setCurrentIndex(idx);
}

QByteArray DeviceCombo::deviceId() const
{
    return currentIndex() < 0 ? QByteArray() : currentData().toByteArray();
}

} // namespace tenfour::ui
