// wss:// served by the relay itself (--tls-cert/--tls-key), with a certificate made by openssl
// and verified by the client (no ignored errors). Skips when openssl is not installed.

#include "RelayTestUtil.h"

#include <QSslCipher>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace relaytest;

class TestRelayTls : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend in this Qt");
        // The certificates are made by openssl, as PEM with an EC or RSA key: what the OpenSSL
        // backend reads. (Schannel and Secure Transport builds skip rather than guess.)
        if (QSslSocket::activeBackend() != QLatin1String("openssl"))
            QSKIP("these TLS tests need Qt's OpenSSL TLS backend");
        if (findProgram(QStringLiteral("openssl")).isEmpty())
            QSKIP("openssl is not installed (scripts/deps.sh installs it)");
    }

    void wss_data()
    {
        QTest::addColumn<QString>("keyType");
        QTest::newRow("rsa") << QStringLiteral("rsa");
        QTest::newRow("ec") << QStringLiteral("ec");
    }
    void wss()
    {
        QFETCH(QString, keyType);
        QTemporaryDir dir;
        QString err;
        QVERIFY2(makeSelfSignedCert(dir.path(), keyType, &err), qPrintable(err));
        RelayConfig cfg = fastConfig();
        cfg.tlsCertificateFile = dir.filePath("cert.pem");
        cfg.tlsKeyFile = dir.filePath("key.pem");
        auto relay = startRelay(cfg);
        QVERIFY(relay);
        QCOMPARE(relay->url().scheme(), QStringLiteral("wss"));

        Client a(QStringLiteral("Alice")), b(QStringLiteral("Bob"));
        for (Client *c : {&a, &b}) {
            c->socket().setSslConfiguration(trusting(cfg.tlsCertificateFile));
            QVERIFY(c->open(relay->url()));
            QCOMPARE(c->hello().value("t").toString(), QStringLiteral("welcome"));
            QCOMPARE(c->join("general").value("t").toString(), QStringLiteral("joined"));
        }
        QVERIFY(a.talk("general", 12).value("t") == QLatin1String("granted"));
        QList<QByteArray> sent;
        for (quint32 i = 1; i <= 30; ++i) {
            sent.append(audioFrame(12, i, int(i * 40)));
            a.sendBinary(sent.last());
        }
        QVERIFY(b.waitAudio(30));
        QCOMPARE(b.audioBytes(), sent);
        QCOMPARE(a.over(12).value("reason").toString(), QStringLiteral("released"));
        QCOMPARE(b.take("over").value("reason").toString(), QStringLiteral("released"));
        // The connection really is TLS.
        QVERIFY(!a.socket().sslConfiguration().sessionCipher().isNull());
    }

    void plainClientOnTlsPortFails()
    {
        QTemporaryDir dir;
        QString err;
        QVERIFY2(makeSelfSignedCert(dir.path(), QStringLiteral("ec"), &err), qPrintable(err));
        RelayConfig cfg = fastConfig();
        cfg.tlsCertificateFile = dir.filePath("cert.pem");
        cfg.tlsKeyFile = dir.filePath("key.pem");
        cfg.helloTimeoutMs = 500;
        auto relay = startRelay(cfg);
        QVERIFY(relay);
        Client a(QStringLiteral("Alice"));
        QUrl u = relay->url();
        u.setScheme(QStringLiteral("ws"));
        QVERIFY(!a.open(u, 2000));
        // ... and the relay still serves TLS clients.
        Client b(QStringLiteral("Bob"));
        b.socket().setSslConfiguration(trusting(cfg.tlsCertificateFile));
        QVERIFY(b.open(relay->url()));
        QCOMPARE(b.hello().value("t").toString(), QStringLiteral("welcome"));
    }

    void badTlsFiles()
    {
        QTemporaryDir dir;
        QString err;
        QVERIFY2(makeSelfSignedCert(dir.path(), QStringLiteral("ec"), &err), qPrintable(err));
        RelayConfig cfg = fastConfig();
        cfg.tlsCertificateFile = dir.filePath("missing.pem");
        cfg.tlsKeyFile = dir.filePath("key.pem");
        RelayServer r1(cfg);
        QVERIFY(!r1.listen(QHostAddress::LocalHost, 0, &err));
        QVERIFY2(err.contains("missing.pem"), qPrintable(err));
        cfg.tlsCertificateFile = dir.filePath("cert.pem");
        cfg.tlsKeyFile = dir.filePath("cert.pem"); // a certificate is no key
        RelayServer r2(cfg);
        QVERIFY(!r2.listen(QHostAddress::LocalHost, 0, &err));
        QVERIFY2(err.contains("private key"), qPrintable(err));
        cfg.tlsKeyFile.clear();
        RelayServer r3(cfg);
        QVERIFY(!r3.listen(QHostAddress::LocalHost, 0, &err));
        QVERIFY2(err.contains("TLS"), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestRelayTls)
#include "test_relay_tls.moc"
