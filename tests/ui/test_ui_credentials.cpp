// CredentialStore against the real Secret Service (gnome-keyring of scripts/test-env.sh), and
// the session-only fallback when there is no keychain (run with a D-Bus address that answers
// nothing: see the ENV of test_ui_credentials_fallback) or when it is locked (a private
// gnome-keyring whose login collection is locked: tests/faults/locked-keychain.sh, ctest entry
// test_ui_credentials_locked). In both fallbacks the secret must not reach the disk: the
// settings file the app writes and every file under HOME are searched for it.

#include "ui/AppSettings.h"
#include "ui/CredentialStore.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QSettings>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

using namespace tenfour::ui;

namespace {

// Files under root holding secret (as UTF-8 or UTF-16), skipping sockets and huge files.
QStringList filesContaining(const QString &root, const QString &secret)
{
    QStringList hits;
    const QByteArray utf8 = secret.toUtf8();
    const QByteArray utf16(reinterpret_cast<const char *>(secret.utf16()), secret.size() * 2);
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System | QDir::NoSymLinks,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (f.size() > 64 * 1024 * 1024 || !f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray data = f.readAll();
        if (data.contains(utf8) || data.contains(utf16))
            hits << path;
    }
    return hits;
}

// What the app does with a server: its settings saved (the secret is never part of them).
QString saveSettingsWithServer(const QString &dir)
{
    const QString path = dir + QStringLiteral("/tenfour-settings.conf");
    QSettings qs(path, QSettings::NativeFormat);
    AppSettings s;
    ServerConfig sc;
    sc.id = QStringLiteral("acct");
    sc.name = QStringLiteral("Relay with a password");
    sc.url = QUrl(QStringLiteral("wss://relay.example/"));
    sc.userName = QStringLiteral("alice");
    s.servers.append(sc);
    s.save(qs);
    return path;
}

// The secret is in no file the app wrote, nor anywhere under HOME (inside the test
// environments HOME is a throw-away directory; elsewhere only the settings file is searched).
void verifyNotOnDisk(const QString &secret, const QString &home)
{
    QTemporaryDir dir;
    const QString settings = saveSettingsWithServer(dir.path());
    QVERIFY(QFile::exists(settings));
    QVERIFY2(filesContaining(dir.path(), secret).isEmpty(), "the secret is in the settings file");
    if (!home.isEmpty()) {
        const QStringList hits = filesContaining(home, secret);
        QVERIFY2(
            hits.isEmpty(),
            qPrintable(QStringLiteral("the secret was written to: %1").arg(hits.join(QLatin1Char(' ')))));
    }
}

} // namespace

class TestUiCredentials : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_fallback = qEnvironmentVariableIsSet("TENFOUR_EXPECT_NO_KEYCHAIN");
        m_locked = qEnvironmentVariableIsSet("TENFOUR_KEYCHAIN_HOME");
        if (m_fallback || m_locked)
            return;
        if (!qEnvironmentVariableIsSet("TENFOUR_TEST_ENV") &&
            !qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("no D-Bus session: run inside scripts/test-env.sh");
    }

    void storeAndLoadFromAFreshStore()
    {
        if (m_fallback || m_locked)
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
        const QString secret = QStringLiteral("pw-%1").arg(QUuid::createUuid().toString(QUuid::Id128));
        store.store(QStringLiteral("acct"), secret);
        QVERIFY(stored.wait(30000));
        QVERIFY(!stored.first().at(1).toBool());
        QCOMPARE(unavailable.size(), 1);
        QVERIFY(!store.keychainAvailable());
        QVERIFY(!store.unavailableReason().isEmpty());
        QSignalSpy loaded(&store, &CredentialStore::loaded);
        store.load(QStringLiteral("acct"));
        QVERIFY(loaded.wait(1000));
        QCOMPARE(loaded.first().at(1).toString(), secret);
        // Said once, not on every use.
        store.store(QStringLiteral("acct2"), QStringLiteral("pw2"));
        QVERIFY(stored.wait(1000));
        QCOMPARE(unavailable.size(), 1);
        verifyNotOnDisk(secret, qEnvironmentVariableIsSet("TENFOUR_TEST_ENV") ? QDir::homePath() : QString());
    }

    void lockedKeychainFallsBackWithAClearMessage()
    {
        if (!m_locked)
            QSKIP("needs a locked keychain (test_ui_credentials_locked, tests/faults/locked-keychain.sh)");
        CredentialStore store(QStringLiteral("tenfour-test-locked"));
        QSignalSpy unavailable(&store, &CredentialStore::keychainUnavailable);
        QSignalSpy stored(&store, &CredentialStore::stored);
        const QString secret = QStringLiteral("locked-%1").arg(QUuid::createUuid().toString(QUuid::Id128));
        store.store(QStringLiteral("acct"), secret);
        QVERIFY(stored.wait(15000));
        qInfo() << "keychain:" << store.unavailableReason();
        QVERIFY(!stored.first().at(1).toBool()); // not persisted
        QCOMPARE(unavailable.size(), 1);
        QVERIFY(!store.keychainAvailable());
        // The keychain's own words; the main window shows them as "No keychain available
        // (...): passwords are kept for this session only".
        QVERIFY2(store.unavailableReason().contains(QLatin1String("locked"), Qt::CaseInsensitive),
                 qPrintable(store.unavailableReason()));
        // The session still has it, and nothing else goes to the locked keychain any more.
        QSignalSpy loaded(&store, &CredentialStore::loaded);
        store.load(QStringLiteral("acct"));
        QVERIFY(loaded.wait(1000));
        QCOMPARE(loaded.first().at(1).toString(), secret);
        QSignalSpy loadedOther(&store, &CredentialStore::loaded);
        store.load(QStringLiteral("other"));
        QVERIFY(loadedOther.wait(1000));
        QVERIFY(!loadedOther.first().at(2).toBool());
        verifyNotOnDisk(secret, qEnvironmentVariable("TENFOUR_KEYCHAIN_HOME"));
    }

private:
    bool m_fallback = false;
    bool m_locked = false;
};

QTEST_GUILESS_MAIN(TestUiCredentials)
#include "test_ui_credentials.moc"
