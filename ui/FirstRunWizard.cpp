#include "ui/FirstRunWizard.h"

#include "ui/DeviceCombo.h"
#include "ui/KeyCaptureButton.h"
#include "ui/LevelMeter.h"
#include "ui/PttButton.h"
#include "ui/SessionManager.h"
#include "ui/VoiceBackend.h"

#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace tenfour::ui {

FirstRunWizard::FirstRunWizard(const AppSettings &settings, SessionManager *manager, QWidget *parent)
    : QWizard(parent), m_settings(settings), m_manager(manager)
{
    setWindowTitle(tr("Welcome to Tenfour"));
    setOption(QWizard::NoCancelButton, false);
    setButtonText(QWizard::CancelButton, tr("Skip"));
    addPage(devicesPage());
    addPage(keyPage());
    addPage(tryPage());
    addPage(serverPage());
    if (m_manager)
        m_manager->backend()->setMonitoring(true); // the meter moves from the first page on
}

FirstRunWizard::~FirstRunWizard()
{
    if (m_manager)
        m_manager->backend()->setMonitoring(false);
}

QWizardPage *FirstRunWizard::devicesPage()
{
    auto *page = new QWizardPage(this);
    page->setTitle(tr("Microphone and speaker"));
    page->setSubTitle(tr("Speak: the bar should move."));
    m_input = new DeviceCombo(DeviceCombo::Direction::Input, page);
    m_output = new DeviceCombo(DeviceCombo::Direction::Output, page);
    m_input->setDeviceId(m_settings.inputDevice);
    m_output->setDeviceId(m_settings.outputDevice);
    m_input->setAccessibleName(tr("Microphone"));
    m_output->setAccessibleName(tr("Speaker"));
    auto *meter = new LevelMeter(page);
    if (m_manager)
        connect(m_manager->backend(), &VoiceBackend::inputLevel, meter, &LevelMeter::setLevel);
    auto *form = new QFormLayout(page);
    form->addRow(tr("&Microphone:"), m_input);
    form->addRow(tr("Level:"), meter);
    form->addRow(tr("&Speaker:"), m_output);
    // The engine follows the choice at once, so the meter shows the microphone just picked.
    auto applyDevices = [this] {
        if (!m_manager)
            return;
        AppSettings s = m_settings;
        s.inputDevice = m_input->deviceId();
        s.outputDevice = m_output->deviceId();
        m_manager->backend()->applySettings(s);
    };
    connect(m_input, &QComboBox::currentIndexChanged, this, applyDevices);
    connect(m_output, &QComboBox::currentIndexChanged, this, applyDevices);
    return page;
}

QWizardPage *FirstRunWizard::keyPage()
{
    auto *page = new QWizardPage(this);
    page->setTitle(tr("Your push-to-talk key"));
    page->setSubTitle(tr("Click the button, then press the key you want to hold while you talk."));
    m_key = new KeyCaptureButton(page);
    m_key->setKey(m_settings.pttKey);
    auto *lay = new QVBoxLayout(page);
    lay->addWidget(m_key);
    auto *hint =
        new QLabel(tr("A key you do not type with works best, such as Right Ctrl or a function key."), page);
    hint->setWordWrap(true);
    lay->addWidget(hint);
    m_keyWarning = new QLabel(page);
    m_keyWarning->setWordWrap(true);
    lay->addWidget(m_keyWarning);
    connect(m_key, &KeyCaptureButton::keyChanged, this, [this](const QString &key) {
        setKeyBackend(m_key->backend());
        Q_EMIT keyChosen(key);
    });
    setKeyBackend(nullptr);
    lay->addStretch();
    return page;
}

QWizardPage *FirstRunWizard::tryPage()
{
    auto *page = new QWizardPage(this);
    page->setTitle(tr("Try it"));
    page->setSubTitle(tr("You are in the echo channel: hold the button, say something, release it, "
                         "and you hear yourself back."));
    auto *button = new PttButton(page);
    button->setState(PttButton::State::Idle, tr("echo"));
    if (m_manager) {
        connect(button, &QPushButton::pressed, m_manager, &SessionManager::pttPress);
        connect(button, &QPushButton::released, m_manager, &SessionManager::pttRelease);
        connect(m_manager, &SessionManager::transmittingChanged, button, [button](bool on) {
            button->setState(on ? PttButton::State::Transmitting : PttButton::State::Idle, tr("echo"));
        });
    }
    auto *lay = new QVBoxLayout(page);
    lay->addWidget(button);
    lay->addStretch();
    return page;
}

QWizardPage *FirstRunWizard::serverPage()
{
    auto *page = new QWizardPage(this);
    page->setTitle(tr("Add a server"));
    page->setSubTitle(tr("To talk with your team, add the server they gave you. You can also do it later "
                         "from the menu."));
    auto *add = new QPushButton(tr("&Add a server…"), page);
    connect(add, &QPushButton::clicked, this, &FirstRunWizard::addServerRequested);
    auto *lay = new QVBoxLayout(page);
    lay->addWidget(add, 0, Qt::AlignLeft);
    lay->addStretch();
    return page;
}

void FirstRunWizard::setKeyBackend(input::GlobalKeyBackend *backend)
{
    m_key->setBackend(backend);
    const QString w = m_key->warning();
    m_keyWarning->setText(w);
    m_keyWarning->setVisible(!w.isEmpty());
}

AppSettings FirstRunWizard::chosenSettings() const
{
    AppSettings s = m_settings;
    s.inputDevice = m_input->deviceId();
    s.outputDevice = m_output->deviceId();
    s.pttKey = m_key->key();
    s.firstRunDone = true;
    return s;
}

} // namespace tenfour::ui
