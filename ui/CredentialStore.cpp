#include "ui/CredentialStore.h"

#include <qt6keychain/keychain.h>

namespace tenfour::ui {

CredentialStore::CredentialStore(const QString &service, QObject *parent)
    : QObject(parent), m_service(service)
{
}

void CredentialStore::markUnavailable(const QString &reason)
{
    if (!m_available)
        return;
    m_available = false;
    m_reason = reason;
    Q_EMIT keychainUnavailable(reason);
}

void CredentialStore::store(const QString &account, const QString &secret)
{
    m_session.insert(account, secret);
    if (!m_available) { // answered later, like the keychain path, so callers see one behaviour
        QMetaObject::invokeMethod(
            this, [this, account] { Q_EMIT stored(account, false); }, Qt::QueuedConnection);
        return;
    }
    // No parent: a job deleted while libsecret still works on it is called back after
    // it is gone (a crash). It deletes itself when finished; `this` only scopes the handler.
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setAutoDelete(true);
    job->setKey(account);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, this, [this, account](QKeychain::Job *j) {
        if (j->error() != QKeychain::NoError) {
            markUnavailable(j->errorString());
            Q_EMIT stored(account, false);
            return;
        }
        Q_EMIT stored(account, true);
    });
    job->start();
}

void CredentialStore::load(const QString &account)
{
    // A secret typed in this session wins: it is what the user just entered, and the only copy
    // when the keychain is unavailable.
    const auto it = m_session.constFind(account);
    if (it != m_session.cend()) {
        const QString secret = it.value();
        QMetaObject::invokeMethod(
            this, [this, account, secret] { Q_EMIT loaded(account, secret, true); }, Qt::QueuedConnection);
        return;
    }
    if (!m_available) {
        QMetaObject::invokeMethod(
            this, [this, account] { Q_EMIT loaded(account, QString(), false); }, Qt::QueuedConnection);
        return;
    }
    // No parent: see store().
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setAutoDelete(true);
    job->setKey(account);
    connect(job, &QKeychain::Job::finished, this, [this, account](QKeychain::Job *j) {
        auto *read = static_cast<QKeychain::ReadPasswordJob *>(j);
        if (j->error() == QKeychain::EntryNotFound) {
            Q_EMIT loaded(account, QString(), false);
        } else if (j->error() != QKeychain::NoError) {
            markUnavailable(j->errorString());
            Q_EMIT loaded(account, QString(), false);
        } else {
            Q_EMIT loaded(account, read->textData(), true);
        }
    });
    job->start();
}

void CredentialStore::remove(const QString &account)
{
    m_session.remove(account);
    if (!m_available) {
        QMetaObject::invokeMethod(
            this, [this, account] { Q_EMIT removed(account); }, Qt::QueuedConnection);
        return;
    }
    // No parent: see store().
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setAutoDelete(true);
    job->setKey(account);
    connect(job, &QKeychain::Job::finished, this, [this, account](QKeychain::Job *j) {
        if (j->error() != QKeychain::NoError && j->error() != QKeychain::EntryNotFound)
            markUnavailable(j->errorString());
        Q_EMIT removed(account);
    });
    job->start();
}

} // namespace tenfour::ui
