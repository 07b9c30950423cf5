// The documented reverse-proxy set-up (docs/protocol.md, "Behind nginx"), for real: nginx on a
// loopback port with a self-signed certificate made by openssl terminates wss:// and proxies to
// the relay; clients talk through it. Skips when nginx or openssl is not installed
// (scripts/deps.sh installs nginx-light and openssl).

#include "RelayTestUtil.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace relaytest;

namespace {

// The server block of docs/protocol.md, in a self-contained nginx.conf.
QByteArray nginxConf(const QString &dir, quint16 port, quint16 relayPort)
{
    QByteArray conf = R"(daemon off;
master_process off;
worker_processes 1;
pid @DIR@/nginx.pid;
error_log @DIR@/error.log warn;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path @DIR@/body;
    proxy_temp_path @DIR@/proxy;
    fastcgi_temp_path @DIR@/fastcgi;
    uwsgi_temp_path @DIR@/uwsgi;
    scgi_temp_path @DIR@/scgi;

    map $http_upgrade $connection_upgrade {
        default upgrade;
        ''      close;
    }
    server {
        listen 127.0.0.1:@PORT@ ssl;
        ssl_certificate     @DIR@/cert.pem;
        ssl_certificate_key @DIR@/key.pem;

        location /tenfour/ {
            proxy_pass http://127.0.0.1:@RELAY@;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $host;
            proxy_set_header X-Real-IP $remote_addr;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_read_timeout 75s;
            proxy_send_timeout 75s;
            proxy_buffering off;
        }
    }
}
)";
    conf.replace("@DIR@", dir.toUtf8());
    conf.replace("@PORT@", QByteArray::number(port));
    conf.replace("@RELAY@", QByteArray::number(relayPort));
    return conf;
}

} // namespace

class TestRelayNginx : public QObject {
    Q_OBJECT

    QString nginx;
    QTemporaryDir dir;
    std::unique_ptr<RelayServer> relay;
    QProcess proxy;
    QUrl proxyUrl;

private Q_SLOTS:
    void initTestCase()
    {
        nginx = findProgram(QStringLiteral("nginx"));
        if (nginx.isEmpty())
            QSKIP("nginx is not installed (scripts/deps.sh installs nginx-light)");
        if (findProgram(QStringLiteral("openssl")).isEmpty())
            QSKIP("openssl is not installed (scripts/deps.sh installs it)");
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend in this Qt");
        // The certificates are made by openssl, as PEM with an EC or RSA key: what the OpenSSL
        // backend reads. (Schannel and Secure Transport builds skip rather than guess.)
        if (QSslSocket::activeBackend() != QLatin1String("openssl"))
            QSKIP("these TLS tests need Qt's OpenSSL TLS backend");
        QString err;
        QVERIFY2(makeSelfSignedCert(dir.path(), QStringLiteral("ec"), &err), qPrintable(err));

        RelayConfig cfg = fastConfig();
        cfg.pingIntervalMs = 300; // pings must pass the proxy both ways
        relay = startRelay(cfg);
        QVERIFY(relay);

        const quint16 port = freePort();
        QFile conf(dir.filePath("nginx.conf"));
        QVERIFY(conf.open(QIODevice::WriteOnly));
        conf.write(nginxConf(dir.path(), port, relay->port()));
        conf.close();
        proxy.setProcessChannelMode(QProcess::MergedChannels);
        proxy.start(nginx, {"-p", dir.path(), "-c", conf.fileName(), "-e", dir.filePath("error.log")});
        QVERIFY2(proxy.waitForStarted(5000), qPrintable(proxy.errorString()));
        const bool up = waitFor(
            [&] {
                if (proxy.state() != QProcess::Running)
                    return true;
                QTcpSocket probe;
                probe.connectToHost(QHostAddress::LocalHost, port);
                return probe.waitForConnected(100);
            },
            10000);
        QFile log(dir.filePath("error.log"));
        log.open(QIODevice::ReadOnly);
        QVERIFY2(up && proxy.state() == QProcess::Running,
                 qPrintable(QString::fromLocal8Bit(proxy.readAll() + log.readAll())));
        proxyUrl = QUrl(QStringLiteral("wss://127.0.0.1:%1/tenfour/").arg(port));
    }

    void cleanupTestCase()
    {
        if (proxy.state() != QProcess::NotRunning) {
            proxy.terminate();
            if (!proxy.waitForFinished(5000))
                proxy.kill();
            proxy.waitForFinished(2000);
        }
        relay.reset();
    }

    void talkThroughTheProxy()
    {
        Client a(QStringLiteral("Alice")), b(QStringLiteral("Bob"));
        for (Client *c : {&a, &b}) {
            c->socket().setSslConfiguration(trusting(dir.filePath("cert.pem")));
            QVERIFY2(c->open(proxyUrl), qPrintable(c->socket().errorString()));
            QCOMPARE(c->hello().value("t").toString(), QStringLiteral("welcome"));
            QCOMPARE(c->join("general").value("t").toString(), QStringLiteral("joined"));
        }
        QCOMPARE(a.take("presence").value("state").toString(), QStringLiteral("joined"));
        QVERIFY(a.talk("general", 0xCAFE).value("t") == QLatin1String("granted"));
        QCOMPARE(b.take("talking").value("id").toString(), a.id());
        QList<QByteArray> sent;
        for (quint32 i = 1; i <= 40; ++i) {
            sent.append(audioFrame(0xCAFE, i, i == 40 ? 1275 : int(i * 30)));
            a.sendBinary(sent.last());
        }
        QVERIFY(b.waitAudio(40, 3000));
        QCOMPARE(b.audioBytes(), sent);
        QCOMPARE(a.over(0xCAFE).value("reason").toString(), QStringLiteral("released"));
        QCOMPARE(b.take("over").value("reason").toString(), QStringLiteral("released"));

        // Relay pings (every 300 ms) and the client's pongs cross the proxy: nobody is
        // dropped as dead after several intervals.
        QVERIFY(!a.waitClosed(1500));
        QVERIFY(a.isConnected() && b.isConnected());
        QCOMPARE(relay->stats().connections, 2);
    }

    void closeCrossesTheProxy()
    {
        Client a(QStringLiteral("Alice"));
        a.socket().setSslConfiguration(trusting(dir.filePath("cert.pem")));
        QVERIFY(a.open(proxyUrl));
        // A version mismatch: the relay's error and close code reach the client through nginx.
        const qint64 seq = a.send({{"t", "hello"}, {"v", 99}, {"name", "Alice"}});
        QCOMPARE(a.takeReply(seq).value("code").toString(), QStringLiteral("version"));
        QVERIFY(a.waitClosed());
        QCOMPARE(a.closeCode(), 1002);
    }
};

QTEST_GUILESS_MAIN(TestRelayNginx)
#include "test_relay_nginx.moc"
