#pragma once
// The main window: the server tree on the left; the talk channel, the large PTT button, the
// level meter, the connection state and the history on the right. It wires widgets to the
// SessionManager and holds no state of its own beyond the settings it was given.

#include "ui/AppSettings.h"

#include <QMainWindow>

class QLabel;
class QMenu;

namespace tenfour::ui {

class ConnectionStatusLabel;
class CredentialStore;
class GlobalPtt;
class HistoryView;
class LevelMeter;
class PttButton;
class ServerTree;
class SessionManager;
class SettingsDialog;
class WindowPttKey;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(SessionManager *manager, CredentialStore *credentials, const AppSettings &settings,
               QWidget *parent = nullptr);

    const AppSettings &settings() const { return m_settings; }
    void applySettings(const AppSettings &settings);
    // Hides to the tray instead of quitting when a tray exists (told once).
    void setTrayAvailable(bool available) { m_trayAvailable = available; }
    // Off while a global-key backend sees the PTT key: the key would otherwise count twice.
    void setWindowKeyEnabled(bool enabled);
    // The app's push-to-talk input: from then on the button and the window key go through it
    // (one state machine applies hold/toggle for every source), and the settings page shows
    // its global-key backend. Without it (widget tests) they drive the SessionManager directly.
    void setGlobalPtt(GlobalPtt *ptt);

    PttButton *pttButton() const { return m_ptt; }
    ServerTree *serverTree() const { return m_tree; }
    HistoryView *historyView() const { return m_history; }
    ConnectionStatusLabel *statusLabel() const { return m_status; }
    LevelMeter *levelMeter() const { return m_meter; }
    // Why the push-to-talk key does not work as a global key (shown in the status bar until
    // fixed); empty when it does.
    QString pttKeyProblem() const;
    // Gives the settings dialog what it shows about the global key (backend, bind failure).
    void prepareSettings(SettingsDialog &dialog) const;

public Q_SLOTS:
    void bringToFront();
    void openSettings();
    void addServer();
    void editServer(const QString &serverId);
    void removeServer(const QString &serverId);
    // A message from a second `tenfour` start (SingleInstance).
    void handleInstanceMessage(const QStringList &message);

Q_SIGNALS:
    // The user changed settings (dialog, servers): the owner saves and applies them.
    void settingsChanged(const tenfour::ui::AppSettings &settings);
    void firstRunGuideRequested();
    void quitRequested();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void buildMenus();
    void retranslate();
    void updatePttState();
    void updateChannelLabel();
    void wirePtt();

    SessionManager *m_manager;
    CredentialStore *m_credentials;
    AppSettings m_settings;
    ServerTree *m_tree;
    PttButton *m_ptt;
    LevelMeter *m_meter;
    ConnectionStatusLabel *m_status;
    HistoryView *m_history;
    WindowPttKey *m_key;
    GlobalPtt *m_globalPtt = nullptr;
    QList<QMetaObject::Connection> m_pttWiring;
    bool m_windowKeyEnabled = true;
    QLabel *m_channelLabel;
    QLabel *m_keyProblem;
    QMenu *m_appMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    bool m_trayAvailable = false;
};

} // namespace tenfour::ui
