#pragma once
// Speaker, volume, jitter buffer bounds.

#include "ui/SettingsPage.h"

class QSlider;
class QSpinBox;

namespace tenfour::ui {

class DeviceCombo;

class AudioOutputPage : public SettingsPage {
    Q_OBJECT
public:
    explicit AudioOutputPage(QWidget *parent = nullptr);
    QString title() const override { return tr("Audio output"); }
    QString iconPath() const override { return QStringLiteral(":/icons/speaker.svg"); }
    void load(const AppSettings &s) override;
    void save(AppSettings &s) const override;

private:
    DeviceCombo *m_device;
    QSlider *m_volume;
    QSpinBox *m_jitterMin;
    QSpinBox *m_jitterMax;
};

} // namespace tenfour::ui
