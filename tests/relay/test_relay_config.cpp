// RelayConfig parsing (durations, --listen, config files, every setting) and the token
// bucket of the rate limits.

#include "relay/RateLimiter.h"
#include "relay/RelayConfig.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace tenfour::relay;

class TestRelayConfig : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void durations()
    {
        QCOMPARE(parseDurationMs("500ms"), 500);
        QCOMPARE(parseDurationMs("4s"), 4000);
        QCOMPARE(parseDurationMs("4"), 4000);
        QCOMPARE(parseDurationMs("1.5s"), 1500);
        QCOMPARE(parseDurationMs(" 90m "), 90 * 60000);
        QCOMPARE(parseDurationMs("24h"), 24 * 3600000LL);
        QCOMPARE(parseDurationMs("7d"), 7 * 86400000LL);
        QCOMPARE(parseDurationMs("0"), 0);
        QCOMPARE(parseDurationMs(""), -1);
        QCOMPARE(parseDurationMs("-1s"), -1);
        QCOMPARE(parseDurationMs("1w"), -1);
        QCOMPARE(parseDurationMs("s"), -1);
        QCOMPARE(parseDurationMs("1e9"), -1);
    }

    void listen()
    {
        QHostAddress a;
        quint16 p = 1;
        QVERIFY(parseListen("127.0.0.1:0", a, p, nullptr));
        QCOMPARE(a, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(p, 0);
        QVERIFY(parseListen("0.0.0.0:8080", a, p, nullptr));
        QCOMPARE(a, QHostAddress("0.0.0.0"));
        QCOMPARE(p, 8080);
        QVERIFY(parseListen("[::1]:9000", a, p, nullptr));
        QCOMPARE(a, QHostAddress("::1"));
        QCOMPARE(p, 9000);
        QVERIFY(parseListen(":7000", a, p, nullptr));
        QCOMPARE(a, QHostAddress(QHostAddress::LocalHost));
        QVERIFY(parseListen("7001", a, p, nullptr));
        QCOMPARE(p, 7001);
        QVERIFY(parseListen("localhost:7002", a, p, nullptr));
        QCOMPARE(a, QHostAddress(QHostAddress::LocalHost));
        QString err;
        QVERIFY(!parseListen("127.0.0.1:70000", a, p, &err));
        QVERIFY(err.contains("port"));
        QVERIFY(!parseListen("example.com:80", a, p, &err));
        QVERIFY(!parseListen("[::1]9000", a, p, &err));
        QVERIFY(!parseListen("1.2.3.4:", a, p, &err));
    }

    void names()
    {
        QVERIFY(isValidName("general"));
        QVERIFY(isValidName(QString::fromUtf8("Zoë's channel ☕")));
        QVERIFY(isValidName(QString(64, 'x')));
        QVERIFY(!isValidName(QString(65, 'x')));
        QVERIFY(!isValidName(""));
        QVERIFY(!isValidName(" lead"));
        QVERIFY(!isValidName("trail "));
        QVERIFY(!isValidName("tab\there"));
        QVERIFY(!isValidName(QString::fromUtf8("del\x7f")));
    }

    void configText()
    {
        RelayOptions o;
        QString err;
        const QString text = QStringLiteral(
            "# Tenfour relay\n"
            "listen = 0.0.0.0:9090\n"
            "channel = general, ops   # two at once\n"
            "channel lobby\n"
            "--no-ad-hoc\n"
            "max-talk = 30s\n"
            "idle-revoke = 2500ms\n"
            "hello-timeout = 5\n"
            "token-secret = \"s3cret\"\n"
            "max-message = 32k\n"
            "audio-rate = 1.5\n"
            "control-rate = 20\n"
            "control-burst = 50\n"
            "max-connections = 500\n"
            "max-connections-per-ip = 8\n"
            "limit-loopback = yes\n"
            "no-proxy-headers = false\n"
            "max-queue = 128k\n"
            "max-queue-hard = 2m\n"
            "max-channels = 50\n"
            "max-channels-per-connection = 4\n"
            "allow-origin = https://a.example\n"
            "allow-origin = https://b.example\n"
            "ping-interval = 20s\n"
            "close-grace = 500ms\n"
            "socket-send-buffer = 64k\n"
            "stats-interval = 1m\n"
            "\n");
        QVERIFY2(parseConfigText(text, o, &err), qPrintable(err));
        const RelayConfig &c = o.config;
        QCOMPARE(o.address, QHostAddress("0.0.0.0"));
        QCOMPARE(o.port, 9090);
        QCOMPARE(c.channels, (QStringList{"general", "ops", "lobby"}));
        QVERIFY(!c.allowAdHocChannels);
        QCOMPARE(c.maxTalkMs, 30000);
        QCOMPARE(c.idleRevokeMs, 2500);
        QCOMPARE(c.helloTimeoutMs, 5000);
        QCOMPARE(c.tokenSecret, QByteArray("s3cret"));
        QCOMPARE(c.maxMessageBytes, 32 * 1024);
        QCOMPARE(c.audioRateFactor, 1.5);
        QCOMPARE(c.controlRate, 20.0);
        QCOMPARE(c.controlBurst, 50);
        QCOMPARE(c.maxConnections, 500);
        QCOMPARE(c.maxConnectionsPerIp, 8);
        QVERIFY(c.limitLoopback);
        QVERIFY(c.trustProxyHeaders);
        QCOMPARE(c.maxQueuedBytes, 128 * 1024);
        QCOMPARE(c.maxQueuedBytesHard, 2 * 1024 * 1024);
        QCOMPARE(c.maxChannels, 50);
        QCOMPARE(c.maxChannelsPerConnection, 4);
        QCOMPARE(c.allowedOrigins, (QStringList{"https://a.example", "https://b.example"}));
        QCOMPARE(c.pingIntervalMs, 20000);
        QCOMPARE(c.closeGraceMs, 500);
        QCOMPARE(c.socketSendBuffer, 64 * 1024);
        QCOMPARE(o.statsIntervalMs, 60000);
        QVERIFY2(validateConfig(c, &err), qPrintable(err));
    }

    void configErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mention");
        QTest::newRow("unknown key") << "colour = blue" << "line 1: unknown setting \"colour\"";
        QTest::newRow("no value") << "\n\nmax-talk =" << "line 3: max-talk needs a value";
        QTest::newRow("bad duration") << "max-talk = soon" << "bad duration";
        QTest::newRow("bad number") << "max-connections = lots" << "whole number";
        QTest::newRow("negative") << "max-connections-per-ip = -1" << "whole number";
        QTest::newRow("bad bool") << "no-ad-hoc = maybe" << "true or false";
        QTest::newRow("bad channel") << "channel = " + QString(65, 'x') << "bad channel name";
        QTest::newRow("bad listen") << "listen = nowhere:1" << "not an IP address";
        QTest::newRow("bad bytes") << "max-queue = 12q" << "byte count";
        QTest::newRow("small message") << "max-message = 10" << "byte count";
        QTest::newRow("secret file") << "token-secret-file = /nonexistent/x" << "cannot read";
    }
    void configErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, mention);
        RelayOptions o;
        QString err;
        QVERIFY(!parseConfigText(text, o, &err));
        QVERIFY2(err.contains(mention), qPrintable(err));
    }

    void configFile()
    {
        QTemporaryDir dir;
        QFile secret(dir.filePath("secret"));
        QVERIFY(secret.open(QIODevice::WriteOnly));
        secret.write("from-a-file\n");
        secret.close();
        QFile f(dir.filePath("relay.conf"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("channel = a\ntoken-secret-file = " + secret.fileName().toUtf8() + "\n");
        f.close();
        RelayOptions o;
        QString err;
        QVERIFY2(loadConfigFile(f.fileName(), o, &err), qPrintable(err));
        QCOMPARE(o.config.channels, QStringList{"a"});
        QCOMPARE(o.config.tokenSecret, QByteArray("from-a-file"));
        QVERIFY(!loadConfigFile(dir.filePath("missing.conf"), o, &err));
        QVERIFY(err.contains("missing.conf"));
    }

    void validation()
    {
        RelayConfig c;
        QString err;
        QVERIFY(validateConfig(c, &err));
        c.tlsCertificateFile = "cert.pem";
        QVERIFY(!validateConfig(c, &err));
        QVERIFY(err.contains("TLS"));
        c = RelayConfig();
        c.maxTalkMs = 0;
        QVERIFY(!validateConfig(c, &err));
        c = RelayConfig();
        c.maxQueuedBytesHard = c.maxQueuedBytes - 1;
        QVERIFY(!validateConfig(c, &err));
        c = RelayConfig();
        c.channels = {"ok", ""};
        QVERIFY(!validateConfig(c, &err));
    }

    void tokenBucket()
    {
        RateLimiter r(10, 5); // 10/s, burst 5
        const qint64 s = 1000000000LL;
        qint64 t = 42 * s;
        for (int i = 0; i < 5; ++i)
            QVERIFY(r.tryTake(t));
        QVERIFY(!r.tryTake(t));
        QVERIFY(!r.tryTake(t + s / 20)); // half a token
        QVERIFY(r.tryTake(t + s / 10));  // one token after 100 ms
        QVERIFY(!r.tryTake(t + s / 10));
        // Never more than the burst, however long it rested.
        t += 100 * s;
        int n = 0;
        while (r.tryTake(t))
            ++n;
        QCOMPARE(n, 5);
        // Unlimited.
        RateLimiter u(0, 0);
        for (int i = 0; i < 1000; ++i)
            QVERIFY(u.tryTake(t));
        // Reconfiguring keeps the tokens, capped by the new burst.
        RateLimiter k(1, 100);
        QVERIFY(k.tryTake(t));
        k.configure(1, 3);
        QCOMPARE(k.tokens(t), 3.0);
    }
};

QTEST_GUILESS_MAIN(TestRelayConfig)
#include "test_relay_config.moc"
