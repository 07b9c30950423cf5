// CredentialStore against the real Secret Service (gnome-keyring of scripts/test-env.sh), and
// the session-only fallback when there is no keychain (run with a D-Bus address that answers
// nothing: see the ENV of test_ui_credentials_fallback).

#include "ui/CredentialStore.h"

#include <QCoreApplication>
#include <QUuid>
#include <QtTest>

using namespace tenfour::ui;

class TestUiCredentials : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_fallback = qEnvironmentVariableIsSet("TENFOUR_EXPECT_NO_KEYCHAIN");
        if (m_fallback)
            return;
        if (!qEnvironmentVariableIsSet("TENFOUR_TEST_ENV") &&
            !qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("no D-Bus session: run inside scripts/test-env.sh");
    }

    void storeAndLoadFromAFreshStore()
    {
        if (m_fallback)
            QSKIP("fallback run");
        const QString service =
            QStringLiteral("tenfour-test-%1").arg(QUuid::createUuid().toString(QUuid::Id128));
        const QString account = QStringLiteral("server-1");
        const QString secret = QStringLiteral("s3cret-令牌-%1").arg(QCoreApplication::applicationPid());
        {
            CredentialStore store(service);
            QSignalSpy stored(&store, &CredentialStore::stored);
            store.store(account, secret);
            QVERIFY(stored.wait(10000));
            QCOMPARE(stored.first().at(0).toString(), account);
            QVERIFY2(stored.first().at(1).toBool(), qPrintable(store.unavailableReason()));
        }
        // A new object has no session copy: the secret can only come from the keychain.
        CredentialStore again(service);
        QSignalSpy loaded(&again, &CredentialStore::loaded);
        again.load(account);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(loaded.first().at(1).toString(), secret);
        QVERIFY(loaded.first().at(2).toBool());

        QSignalSpy removed(&again, &CredentialStore::removed);
        again.remove(account);
        QVERIFY(removed.wait(10000));
        CredentialStore third(service);
        QSignalSpy gone(&third, &CredentialStore::loaded);
        third.load(account);
        QVERIFY(gone.wait(10000));
        QVERIFY(!gone.first().at(2).toBool());
        QVERIFY(third.keychainAvailable()); // "not found" is not a keychain failure
    }

    void withoutKeychainKeepsForTheSession()
    {
        if (!m_fallback)
            QSKIP("needs TENFOUR_EXPECT_NO_KEYCHAIN (test_ui_credentials_fallback)");
        CredentialStore store(QStringLiteral("tenfour-test-fallback"));
        QSignalSpy unavailable(&store, &CredentialStore::keychainUnavailable);
        QSignalSpy stored(&store, &CredentialStore::stored);
        store.store(QStringLiteral("acct"), QStringLiteral("pw"));
        QVERIFY(stored.wait(30000));
        QVERIFY(!stored.first().at(1).toBool());
        QCOMPARE(unavailable.size(), 1);
        QVERIFY(!store.keychainAvailable());
        QVERIFY(!store.unavailableReason().isEmpty());
        QSignalSpy loaded(&store, &CredentialStore::loaded);
        store.load(QStringLiteral("acct"));
        QVERIFY(loaded.wait(1000));
        QCOMPARE(loaded.first().at(1).toString(), QStringLiteral("pw"));
        // Said once, not on every use.
        store.store(QStringLiteral("acct2"), QStringLiteral("pw2"));
        QVERIFY(stored.wait(1000));
        QCOMPARE(unavailable.size(), 1);
    }

private:
    bool m_fallback = false;
};

QTEST_GUILESS_MAIN(TestUiCredentials)
#include "test_ui_credentials.moc"
