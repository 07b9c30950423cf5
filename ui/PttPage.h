#pragma once
// Push-to-talk key and mode, release tail, pre-roll, the audio cues with their volumes, and
// voice activation as the alternative (threshold shown on the live meter).

#include "ui/SettingsPage.h"

class QCheckBox;
class QComboBox;
class QRadioButton;
class QSlider;
class QSpinBox;

namespace tenfour::ui {

class KeyCaptureButton;
class LevelMeter;
class VoiceBackend;

class PttPage : public SettingsPage {
    Q_OBJECT
public:
    explicit PttPage(VoiceBackend *backend, QWidget *parent = nullptr);
    QString title() const override { return tr("Push-to-talk"); }
    QString iconPath() const override { return QStringLiteral(":/icons/ptt.svg"); }
    void load(const AppSettings &s) override;
    void save(AppSettings &s) const override;

private:
    void updateEnabled();

    QRadioButton *m_ptt;
    QRadioButton *m_vox;
    KeyCaptureButton *m_key;
    QComboBox *m_mode;
    QSpinBox *m_tail;
    QSpinBox *m_preRoll;
    QCheckBox *m_cue[3];
    QSlider *m_cueVolume[3];
    QSlider *m_threshold;
    LevelMeter *m_meter;
};

} // namespace tenfour::ui
