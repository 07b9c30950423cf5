#include "ui/PttPage.h"

#include "ui/KeyCaptureButton.h"
#include "ui/LevelMeter.h"
#include "ui/VoiceBackend.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QRadioButton>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

namespace tenfour::ui {

PttPage::PttPage(VoiceBackend *backend, QWidget *parent)
    : SettingsPage(parent), m_ptt(new QRadioButton(tr("&Push-to-talk"), this)),
      m_vox(new QRadioButton(tr("&Voice activation"), this)), m_key(new KeyCaptureButton(this)),
      m_mode(new QComboBox(this)), m_tail(new QSpinBox(this)), m_preRoll(new QSpinBox(this)),
      m_threshold(new QSlider(Qt::Horizontal, this)), m_meter(new LevelMeter(this))
{
    auto *group = new QButtonGroup(this);
    group->addButton(m_ptt);
    group->addButton(m_vox);
    m_mode->addItem(tr("Hold to talk"));
    m_mode->addItem(tr("Click to start, click to stop"));
    m_mode->setAccessibleName(tr("Push-to-talk mode"));
    m_tail->setRange(0, 2000);
    m_tail->setSingleStep(50);
    m_tail->setSuffix(tr(" ms"));
    m_tail->setAccessibleName(tr("Release tail"));
    m_preRoll->setRange(0, 1000);
    m_preRoll->setSingleStep(20);
    m_preRoll->setSuffix(tr(" ms"));
    m_preRoll->setAccessibleName(tr("Pre-roll"));

    auto *pttBox = new QGroupBox(tr("Push-to-talk"), this);
    auto *pttForm = new QFormLayout(pttBox);
    pttForm->addRow(tr("&Key:"), m_key);
    pttForm->addRow(tr("&Mode:"), m_mode);
    pttForm->addRow(tr("Release &tail:"), m_tail);
    pttForm->addRow(tr("P&re-roll:"), m_preRoll);

    const QString cueNames[3] = {tr("Talk-permit &chirp"), tr("&End-of-transmission beep"), tr("&Busy tone")};
    auto *cueBox = new QGroupBox(tr("Audio cues"), this);
    auto *cueForm = new QFormLayout(cueBox);
    for (int i = 0; i < 3; ++i) {
        m_cue[i] = new QCheckBox(cueNames[i], cueBox);
        m_cueVolume[i] = new QSlider(Qt::Horizontal, cueBox);
        m_cueVolume[i]->setRange(0, 100);
        m_cueVolume[i]->setAccessibleName(tr("%1 volume").arg(QString(cueNames[i]).remove(QLatin1Char('&'))));
        connect(m_cue[i], &QCheckBox::toggled, m_cueVolume[i], &QWidget::setEnabled);
        cueForm->addRow(m_cue[i], m_cueVolume[i]);
    }

    auto *voxBox = new QGroupBox(tr("Voice activation"), this);
    auto *voxForm = new QFormLayout(voxBox);
    m_threshold->setRange(-80, 0);
    m_threshold->setAccessibleName(tr("Voice activation threshold"));
    connect(m_threshold, &QSlider::valueChanged, this, [this](int v) { m_meter->setThreshold(float(v)); });
    voxForm->addRow(tr("&Threshold:"), m_threshold);
    voxForm->addRow(tr("Level:"), m_meter);
    if (backend)
        connect(backend, &VoiceBackend::inputLevel, m_meter, &LevelMeter::setLevel);

    auto *modeRow = new QHBoxLayout;
    modeRow->addWidget(m_ptt);
    modeRow->addWidget(m_vox);
    modeRow->addStretch();
    auto *lay = new QVBoxLayout(this);
    lay->addLayout(modeRow);
    lay->addWidget(pttBox);
    lay->addWidget(voxBox);
    lay->addWidget(cueBox);
    lay->addStretch();
    connect(m_ptt, &QRadioButton::toggled, this, &PttPage::updateEnabled);
}

void PttPage::updateEnabled()
{
    const bool ptt = m_ptt->isChecked();
    m_key->setEnabled(ptt);
    m_mode->setEnabled(ptt);
    m_threshold->setEnabled(!ptt);
}

void PttPage::load(const AppSettings &s)
{
    m_ptt->setChecked(s.activation == AppSettings::Activation::PushToTalk);
    m_vox->setChecked(s.activation == AppSettings::Activation::Voice);
    m_key->setKey(s.pttKey);
    m_mode->setCurrentIndex(s.pttMode == AppSettings::PttMode::Toggle ? 1 : 0);
    m_tail->setValue(s.releaseTailMs);
    m_preRoll->setValue(s.preRollMs);
    const bool on[3] = {s.cuePermit, s.cueEnd, s.cueBusy};
    const int vol[3] = {s.cuePermitVolume, s.cueEndVolume, s.cueBusyVolume};
    for (int i = 0; i < 3; ++i) {
        m_cue[i]->setChecked(on[i]);
        m_cueVolume[i]->setValue(vol[i]);
        m_cueVolume[i]->setEnabled(on[i]);
    }
    m_threshold->setValue(s.voiceThresholdDb);
    m_meter->setThreshold(float(s.voiceThresholdDb));
    updateEnabled();
}

void PttPage::save(AppSettings &s) const
{
    s.activation = m_vox->isChecked() ? AppSettings::Activation::Voice : AppSettings::Activation::PushToTalk;
    s.pttKey = m_key->key();
    s.pttMode = m_mode->currentIndex() == 1 ? AppSettings::PttMode::Toggle : AppSettings::PttMode::Hold;
    s.releaseTailMs = m_tail->value();
    s.preRollMs = m_preRoll->value();
    s.cuePermit = m_cue[0]->isChecked();
    s.cueEnd = m_cue[1]->isChecked();
    s.cueBusy = m_cue[2]->isChecked();
    s.cuePermitVolume = m_cueVolume[0]->value();
    s.cueEndVolume = m_cueVolume[1]->value();
    s.cueBusyVolume = m_cueVolume[2]->value();
    s.voiceThresholdDb = m_threshold->value();
}

} // namespace tenfour::ui
