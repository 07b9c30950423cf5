#include "ui/AudioOutputPage.h"

#include "ui/DeviceCombo.h"

#include <QFormLayout>
#include <QLabel>
#include <QSlider>
#include <QSpinBox>

namespace tenfour::ui {

AudioOutputPage::AudioOutputPage(QWidget *parent)
    : SettingsPage(parent), m_device(new DeviceCombo(DeviceCombo::Direction::Output, this)),
      m_volume(new QSlider(Qt::Horizontal, this)), m_jitterMin(new QSpinBox(this)),
      m_jitterMax(new QSpinBox(this))
{
    m_device->setAccessibleName(tr("Speaker"));
    m_volume->setRange(0, 150);
    m_volume->setAccessibleName(tr("Volume"));
    for (QSpinBox *b : {m_jitterMin, m_jitterMax}) {
        b->setRange(20, 2000);
        b->setSingleStep(20);
        b->setSuffix(tr(" ms"));
    }
    m_jitterMin->setAccessibleName(tr("Minimum jitter buffer"));
    m_jitterMax->setAccessibleName(tr("Maximum jitter buffer"));
    // The maximum can never be below the minimum.
    connect(m_jitterMin, &QSpinBox::valueChanged, this, [this](int v) {
        if (m_jitterMax->value() < v)
            m_jitterMax->setValue(v);
    });
    connect(m_jitterMax, &QSpinBox::valueChanged, this, [this](int v) {
        if (m_jitterMin->value() > v)
            m_jitterMin->setValue(v);
    });
    auto *form = new QFormLayout(this);
    form->addRow(tr("&Speaker:"), m_device);
    form->addRow(tr("&Volume:"), m_volume);
    form->addRow(tr("Jitter buffer mi&nimum:"), m_jitterMin);
    form->addRow(tr("Jitter buffer ma&ximum:"), m_jitterMax);
    auto *hint = new QLabel(
        tr("A larger jitter buffer plays smoothly over a bad network, at the cost of delay."), this);
    hint->setWordWrap(true);
    form->addRow(hint);
}

void AudioOutputPage::load(const AppSettings &s)
{
    m_device->setDeviceId(s.outputDevice);
    m_volume->setValue(s.outputVolume);
    m_jitterMax->setValue(2000); // so setting the minimum first is never clamped by the old maximum
    m_jitterMin->setValue(s.jitterMinMs);
    m_jitterMax->setValue(s.jitterMaxMs);
}

void AudioOutputPage::save(AppSettings &s) const
{
    s.outputDevice = m_device->deviceId();
    s.outputVolume = m_volume->value();
    s.jitterMinMs = m_jitterMin->value();
    s.jitterMaxMs = m_jitterMax->value();
}

} // namespace tenfour::ui
