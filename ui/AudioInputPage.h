#pragma once
// Microphone, live level meter (the mic test), noise suppression, AGC, input gain.

#include "ui/SettingsPage.h"

class QCheckBox;
class QSlider;
class QLabel;

namespace tenfour::ui {

class DeviceCombo;
class LevelMeter;
class VoiceBackend;

class AudioInputPage : public SettingsPage {
    Q_OBJECT
public:
    explicit AudioInputPage(VoiceBackend *backend, QWidget *parent = nullptr);
    QString title() const override { return tr("Audio input"); }
    QString iconPath() const override { return QStringLiteral(":/icons/microphone.svg"); }
    void load(const AppSettings &s) override;
    void save(AppSettings &s) const override;

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    VoiceBackend *m_backend;
    DeviceCombo *m_device;
    LevelMeter *m_meter;
    QCheckBox *m_ns;
    QCheckBox *m_agc;
    QSlider *m_gain;
    QLabel *m_gainValue;
};

} // namespace tenfour::ui
