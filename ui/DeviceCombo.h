#pragma once
// A combo box of audio devices, "System default" first, matched by QAudioDevice::id() (names
// are not unique; ids survive a replug). A remembered device that is absent stays selectable,
// marked unavailable, so opening the dialog never silently changes the choice.

#include <QComboBox>

namespace tenfour::ui {

class DeviceCombo : public QComboBox {
    Q_OBJECT
public:
    enum class Direction { Input, Output };
    explicit DeviceCombo(Direction direction, QWidget *parent = nullptr);

    void refresh();
    void setDeviceId(const QByteArray &id);
    QByteArray deviceId() const;

private:
    Direction m_direction;
};

} // namespace tenfour::ui
