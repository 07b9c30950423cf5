#pragma once
// Assembles the application from its parts (settings, keychain, sessions, window, tray, single
// instance) and owns them; main() only picks the backend and the settings file. Tests build it
// with their own backend, settings file and instance name.

#include "ui/AppSettings.h"
#include "ui/CommandLine.h"

#include <QObject>
#include <memory>

class QSettings;

namespace tenfour::input {
class KeyBackendRegistry;
}

namespace tenfour::ui {

class CredentialStore;
class GlobalPtt;
class LanguageManager;
class MainWindow;
class SessionManager;
class SingleInstance;
class TrayController;
class VoiceBackend;

class AppController : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString keychainService = QStringLiteral("Tenfour");
        QString instanceName; // empty: SingleInstance::defaultName()
        // The embedded relay's URL ("This computer"), empty when there is none.
        QUrl embeddedUrl;
        // The global push-to-talk input (key backend, D-Bus service): the app turns it on,
        // widget tests leave it off so they neither grab keys nor claim the bus name.
        bool globalPtt = false;
        QString pttDBusService = QStringLiteral("org.tenfour.Tenfour");
        // Where the global-key backend comes from; null: the backends of this platform.
        const input::KeyBackendRegistry *keyBackends = nullptr;
    };

    AppController(VoiceBackend *backend, QSettings *settings, const CommandLine &commandLine,
                  const Options &options, QObject *parent = nullptr);
    ~AppController() override;

    // False when another instance runs (it was told to come forward) or cannot listen.
    bool claimInstance();
    // Shows the window (or only the tray when minimised) and connects; the first start also
    // opens the first-run guide unless told not to (screenshots, tests).
    void start(bool allowGuide = true);
    void showFirstRunGuide();

    MainWindow *window() const { return m_window.get(); }
    TrayController *tray() const { return m_tray; }
    SessionManager *sessions() const { return m_sessions; }
    GlobalPtt *globalPtt() const { return m_ptt; }
    CredentialStore *credentials() const { return m_credentials; }
    const AppSettings &settings() const { return m_settings; }
    // The servers to use for this run: the saved ones, "This computer" when there are none,
    // and a transient one for --server.
    QList<ServerConfig> effectiveServers() const;
    static QString embeddedServerId() { return QStringLiteral("this-computer"); }

Q_SIGNALS:
    void quitRequested();

private:
    void onSettingsChanged(const AppSettings &settings);
    QString defaultName() const;
    void apply(const AppSettings &settings);
    void save();

    VoiceBackend *m_backend;
    QSettings *m_qsettings;
    CommandLine m_cl;
    Options m_options;
    AppSettings m_settings;
    CredentialStore *m_credentials;
    SessionManager *m_sessions;
    LanguageManager *m_language;
    SingleInstance *m_instance;
    TrayController *m_tray;
    GlobalPtt *m_ptt = nullptr;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace tenfour::ui
