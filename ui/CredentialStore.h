#pragma once
// Passwords and tokens of the servers, kept in the OS keychain through QtKeychain and never in
// the settings file. When no keychain answers (no Secret Service, locked, denied) the secrets
// are kept in memory for this session only and keychainUnavailable() says so once, so the UI
// can tell the user instead of failing silently.

#include <QHash>
#include <QObject>
#include <QString>

namespace tenfour::ui {

class CredentialStore : public QObject {
    Q_OBJECT
public:
    // service: the keychain's "service" (application) name; tests use their own.
    explicit CredentialStore(const QString &service, QObject *parent = nullptr);

    // Asynchronous; each answers with the matching signal.
    void store(const QString &account, const QString &secret);
    void load(const QString &account);
    void remove(const QString &account);

    // False once the keychain failed; secrets then live only as long as this object.
    bool keychainAvailable() const { return m_available; }
    QString unavailableReason() const { return m_reason; }

Q_SIGNALS:
    // persisted: true when the keychain holds it, false when kept for this session only.
    void stored(const QString &account, bool persisted);
    // found: false when there is no secret for the account (not an error).
    void loaded(const QString &account, const QString &secret, bool found);
    void removed(const QString &account);
    void keychainUnavailable(const QString &reason);

private:
    void markUnavailable(const QString &reason);

    QString m_service;
    bool m_available = true;
    QString m_reason;
    QHash<QString, QString> m_session; // fallback, and the latest value written
};

} // namespace tenfour::ui
