#pragma once
// Wayland: org.freedesktop.portal.GlobalShortcuts. The compositor owns the key; we ask it to
// bind a shortcut ("push-to-talk") with a preferred trigger and get Activated (press) and
// Deactivated (release). KDE >= 5.27, GNOME >= 48 and Hyprland implement it; wlroots/sway do
// not, and there start() fails with a message that points to the D-Bus fallback.

#include "input/GlobalKeyBackend.h"

#include <QDBusObjectPath>
#include <QVariantMap>

class QDBusMessage;

namespace tenfour::input {

class PortalKeyBackend : public GlobalKeyBackend {
    Q_OBJECT
public:
    // appId must match an installed .desktop file (xdg-desktop-portal >= 1.21 asks host apps
    // to register it first).
    explicit PortalKeyBackend(const QString &appId = QStringLiteral("org.tenfour.Tenfour"),
                              QObject *parent = nullptr);

    QString id() const override { return QStringLiteral("wayland-portal"); }
    BackendCapabilities capabilities() const override;
    bool start() override;
    QString errorString() const override { return m_error; }
    bool bind(const QList<PttKey> &keys) override;

    // XKB keysym names to the portal's trigger vocabulary (the shortcuts spec: "CTRL+ALT+F8").
    static QString preferredTrigger(const PttKey &key);

Q_SIGNALS:
    void sessionReady();
    void bound(const QStringList &triggers); // what the compositor actually bound, for the UI

private Q_SLOTS:
    void onResponse(uint response, const QVariantMap &results);
    void onSessionClosed();
    void onActivated(const QDBusObjectPath &session, const QString &shortcutId, qulonglong timestamp,
                     const QVariantMap &options);
    void onDeactivated(const QDBusObjectPath &session, const QString &shortcutId, qulonglong timestamp,
                       const QVariantMap &options);

private:
    enum class Pending { None, CreateSession, Bind };
    QString requestPath(const QString &token) const;
    bool expectResponse(const QString &token, Pending what);
    void sendBind();

    QString m_appId;
    QString m_error;
    QString m_sessionPath;
    QString m_pendingPath;
    Pending m_pending = Pending::None;
    QList<PttKey> m_keys;
    bool m_bindWanted = false;
    int m_tokenCounter = 0;
};

} // namespace tenfour::input
