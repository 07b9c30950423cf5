#pragma once
// The short first-run guide (skippable, reachable again from the menu): microphone and speaker
// with a live level meter, the push-to-talk key (press it to record it), a try in the echo
// channel, then adding a server.

#include "ui/AppSettings.h"

#include <QWizard>

class QLabel;

namespace tenfour::input {
class GlobalKeyBackend;
}

namespace tenfour::ui {

class DeviceCombo;
class KeyCaptureButton;
class SessionManager;

class FirstRunWizard : public QWizard {
    Q_OBJECT
public:
    FirstRunWizard(const AppSettings &settings, SessionManager *manager, QWidget *parent = nullptr);
    ~FirstRunWizard() override;

    // The settings with the choices made here, and firstRunDone set.
    AppSettings chosenSettings() const;
    // Records the key through the global-key backend (which sees Right Ctrl apart from Left Ctrl)
    // and warns when that backend cannot bind the key chosen; null: the window records it.
    void setKeyBackend(input::GlobalKeyBackend *backend);
    KeyCaptureButton *keyButton() const { return m_key; }

Q_SIGNALS:
    void addServerRequested();
    // The user recorded another push-to-talk key (portable form): it should work from now on.
    void keyChosen(const QString &portable);

private:
    QWizardPage *devicesPage();
    QWizardPage *keyPage();
    QWizardPage *tryPage();
    QWizardPage *serverPage();

    AppSettings m_settings;
    SessionManager *m_manager;
    DeviceCombo *m_input = nullptr;
    DeviceCombo *m_output = nullptr;
    KeyCaptureButton *m_key = nullptr;
    QLabel *m_keyWarning = nullptr;
};

} // namespace tenfour::ui
