#pragma once
// The tray icon and its menu: one submenu per configured server with its channels (checkable
// join/leave and "talk on"), mute speaker, show window, quit. The icon and tooltip follow the
// SessionManager's summary state; a notification tells who started talking while the window
// is hidden.

#include "ui/SessionManager.h"

#include <QObject>
#include <QPointer>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace tenfour::ui {

class TrayController : public QObject {
    Q_OBJECT
public:
    TrayController(SessionManager *manager, QObject *parent = nullptr);
    ~TrayController() override;

    QMenu *menu() const { return m_menu; }
    QSystemTrayIcon *icon() const { return m_tray; }
    // Rebuilds the menu from the tree model now (it also does so before it is shown).
    void rebuildMenu();
    QAction *muteAction() const { return m_mute; }
    void setNotificationsEnabled(bool on) { m_notify = on; }
    bool notificationsEnabled() const { return m_notify; }
    // The window whose visibility decides whether to notify.
    void setWindow(QWidget *window) { m_window = window; }
    void show();
    static QString iconPath(SessionManager::TrayState state);
    QString toolTip() const;

protected:
    // Watches the application for LanguageChange: the tray is no widget, so nobody else tells it.
    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    void showWindowRequested();
    void quitRequested();
    void speakerMuteToggled(bool muted);
    // Someone started talking while the window is hidden and notifications are on: emitted
    // whether or not this desktop can show tray messages (the balloon is shown when it can).
    void notified(const QString &title, const QString &message);

private:
    void onStateChanged(SessionManager::TrayState state, const QString &detail);
    void onTalkStarted(const QString &serverName, const QString &channel, const QString &member);
    void retranslate();

    SessionManager *m_manager;
    QSystemTrayIcon *m_tray;
    QMenu *m_menu;
    QAction *m_mute;
    QPointer<QWidget> m_window;
    bool m_notify = true;
};

} // namespace tenfour::ui
