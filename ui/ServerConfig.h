#pragma once
// One configured server as the user sees it. Secrets (password, token) are deliberately absent:
// they live in the OS keychain under `id` (CredentialStore), never in the settings file.

#include <QString>
#include <QStringList>
#include <QUrl>

namespace tenfour::ui {

struct ServerConfig {
    QString id;            // stable key for the keychain and per-server state (a UUID)
    QString name;          // shown in the tree and the tray menu
    QUrl url;              // ws:// or wss://
    QString userName;      // empty: the default name of the settings
    QStringList channels;  // channels offered in the tree and tray menu
    QStringList autoJoin;  // channels joined on connect
    bool embedded = false; // "This computer": the relay inside this process

    bool operator==(const ServerConfig &o) const
    {
        return id == o.id && name == o.name && url == o.url && userName == o.userName &&
               channels == o.channels && autoJoin == o.autoJoin && embedded == o.embedded;
    }
    bool operator!=(const ServerConfig &o) const { return !(*this == o); }

    // A URL the session can dial: ws:// or wss:// with a host.
    static bool isValidUrl(const QUrl &url)
    {
        return url.isValid() &&
               (url.scheme() == QLatin1String("ws") || url.scheme() == QLatin1String("wss")) &&
               !url.host().isEmpty();
    }
};

} // namespace tenfour::ui
