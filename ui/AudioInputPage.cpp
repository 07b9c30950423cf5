#include "ui/AudioInputPage.h"

#include "ui/DeviceCombo.h"
#include "ui/LevelMeter.h"
#include "ui/VoiceBackend.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>

namespace tenfour::ui {

AudioInputPage::AudioInputPage(VoiceBackend *backend, QWidget *parent)
    : SettingsPage(parent), m_backend(backend),
      m_device(new DeviceCombo(DeviceCombo::Direction::Input, this)), m_meter(new LevelMeter(this)),
      m_ns(new QCheckBox(tr("&Noise suppression"), this)),
      m_agc(new QCheckBox(tr("&Automatic gain control"), this)), m_gain(new QSlider(Qt::Horizontal, this)),
      m_gainValue(new QLabel(this))
{
    m_device->setAccessibleName(tr("Microphone"));
    m_gain->setRange(-20, 20);
    m_gain->setAccessibleName(tr("Input gain"));
    connect(m_gain, &QSlider::valueChanged, this,
            [this](int v) { m_gainValue->setText(tr("%1 dB").arg(v)); });
    auto *gainRow = new QHBoxLayout;
    gainRow->addWidget(m_gain, 1);
    gainRow->addWidget(m_gainValue);
    auto *form = new QFormLayout(this);
    form->addRow(tr("&Microphone:"), m_device);
    form->addRow(tr("Level:"), m_meter);
    form->addRow(QString(), m_ns);
    form->addRow(QString(), m_agc);
    form->addRow(tr("Input &gain:"), gainRow);
    auto *hint = new QLabel(tr("Speak: the bar should move. Noise suppression and automatic gain use "
                               "WebRTC audio processing."),
                            this);
    hint->setWordWrap(true);
    form->addRow(hint);
    if (m_backend)
        connect(m_backend, &VoiceBackend::inputLevel, m_meter, &LevelMeter::setLevel);
}

void AudioInputPage::load(const AppSettings &s)
{
    m_device->setDeviceId(s.inputDevice);
    m_ns->setChecked(s.noiseSuppression);
    m_agc->setChecked(s.autoGain);
    m_gain->setValue(s.inputGainDb);
    m_gainValue->setText(tr("%1 dB").arg(s.inputGainDb));
}

void AudioInputPage::save(AppSettings &s) const
{
    s.inputDevice = m_device->deviceId();
    s.noiseSuppression = m_ns->isChecked();
    s.autoGain = m_agc->isChecked();
    s.inputGainDb = m_gain->value();
}

void AudioInputPage::showEvent(QShowEvent *event)
{
    // The mic test: keep the microphone open while this page is on screen.
    if (m_backend)
        m_backend->setMonitoring(true);
    SettingsPage::showEvent(event);
}

void AudioInputPage::hideEvent(QHideEvent *event)
{
    if (m_backend)
        m_backend->setMonitoring(false);
    SettingsPage::hideEvent(event);
}

} // namespace tenfour::ui
