// Conformance: every limit answers with a clear error (or close code) and nothing else breaks:
// message size, frame size, control and audio rates, connections per address (proxy headers
// included) and in all, channels. Slow readers, dead peers and malformed input:
// test_relay_robustness.

#include "RelayTestUtil.h"

#include <QJsonArray>
#include <QtTest>

using namespace relaytest;

class TestRelayLimits : public QObject {
    Q_OBJECT

    std::unique_ptr<RelayServer> relay;

    std::unique_ptr<Client> joined(const QString &name, const QString &ch = QStringLiteral("general"),
                                   const QNetworkRequest *req = nullptr)
    {
        return joinedClient(*relay, name, ch, req);
    }
    std::unique_ptr<RawClient> rawJoined() { return rawJoinedClient(*relay); }

private Q_SLOTS:
    void cleanup() { relay.reset(); }

    void oversizedMessageCloses1009()
    {
        relay = startRelay(fastConfig());
        QVERIFY(relay);
        auto a = joined("Alice"), b = joined("Bob"), c = joined("Carol");
        QVERIFY(a && b && c);
        QVERIFY(a->talk("general", 1).value("t") == QLatin1String("granted"));
        c->sendBinary(QByteArray(70 * 1024, 'x'));
        QVERIFY(c->waitClosed());
        QCOMPARE(c->closeCode(), 1009);
        // The same for text.
        auto d = joined("Dave");
        QVERIFY(d);
        d->sendText(QString(70 * 1024, QLatin1Char('{')));
        QVERIFY(d->waitClosed());
        QCOMPARE(d->closeCode(), 1009);
        // Everybody else is fine.
        a->sendBinary(audioFrame(1, 1, 100));
        QVERIFY(b->waitAudio(1));
        QCOMPARE(b->audioBytes().first(), audioFrame(1, 1, 100));
        QVERIFY(waitFor([&] { return relay->stats().connections == 2; }, 1000));
    }

    void controlMessageTooLarge()
    {
        relay = startRelay(fastConfig());
        QVERIFY(relay);
        auto a = joined("Alice");
        QVERIFY(a);
        QJsonObject big{{"t", "join"}, {"ch", "general"}, {"pad", QString(9000, QLatin1Char('p'))}};
        a->send(big);
        const QJsonObject e = a->take("error");
        QCOMPARE(e.value("code").toString(), QStringLiteral("too_large"));
        QVERIFY(e.value("msg").toString().contains("8192"));
        QVERIFY(a->isConnected());
        QCOMPARE(a->join("ops").value("t").toString(), QStringLiteral("joined"));
    }

    void audioFrameLimits()
    {
        relay = startRelay(fastConfig());
        QVERIFY(relay);
        auto a = joined("Alice"), b = joined("Bob");
        QVERIFY(a && b);
        QVERIFY(a->talk("general", 3).value("t") == QLatin1String("granted"));
        a->sendBinary(audioFrame(3, 1, 1276)); // one byte over the largest Opus packet
        QCOMPARE(a->take("error").value("code").toString(), QStringLiteral("too_large"));
        a->sendBinary(QByteArray("\x02\x00\x00\x00\x03\x00\x00\x00\x01hello", 14)); // unknown type
        a->sendBinary(QByteArray("\x01\x00\x00", 3));                               // short
        QVERIFY(waitFor([&] { return relay->stats().droppedMalformed == 3; }, 1000));
        // Errors about audio frames are throttled to one a second.
        QVERIFY(a->noneOf("error", 50));
        waitFor([] { return false; }, 1000);
        a->sendBinary(QByteArray("\x01\x00\x00", 3));
        QCOMPARE(a->take("error").value("code").toString(), QStringLiteral("bad_request"));
        a->sendBinary(audioFrame(3, 2, 1275));
        QVERIFY(b->waitAudio(1));
        QCOMPARE(b->audio().size(), 1);
        QCOMPARE(b->audioBytes().first(), audioFrame(3, 2, 1275));
    }

    void controlRate()
    {
        RelayConfig cfg = fastConfig();
        cfg.controlRate = 5;
        cfg.controlBurst = 8;
        relay = startRelay(cfg);
        QVERIFY(relay);
        auto a = joined("Alice"); // 2 of the burst
        QVERIFY(a);
        for (int i = 0; i < 20; ++i)
            a->send({{"t", "noop"}});
        const QJsonObject e = a->take("error");
        QCOMPARE(e.value("code").toString(), QStringLiteral("rate_limited"));
        QVERIFY(a->noneOf("error", 100)); // one error, not twenty
        QVERIFY(a->isConnected());
        // The bucket refills: a request goes through after a moment.
        waitFor([] { return false; }, 400);
        QCOMPARE(a->join("ops").value("t").toString(), QStringLiteral("joined"));
    }

    void audioRate()
    {
        relay = startRelay(fastConfig()); // 2x real time
        QVERIFY(relay);
        auto a = joined("Alice"), b = joined("Bob");
        QVERIFY(a && b);
        QVERIFY(a->talk("general", 4, 20).value("t") == QLatin1String("granted"));
        // 400 frames at once = 8 s of 20 ms audio: about 1 s of 2x real time gets through.
        for (quint32 i = 1; i <= 400; ++i)
            a->sendBinary(audioFrame(4, i, 20));
        QVERIFY(waitFor([&] { return relay->stats().framesIn == 400; }, 3000));
        const RelayStats s = relay->stats();
        QVERIFY2(s.framesForwarded >= 100 && s.framesForwarded < 200, qPrintable(QString::number(s.framesForwarded)));
        QCOMPARE(s.droppedRateLimited, 400 - s.framesForwarded);
        QCOMPARE(a->take("error").value("code").toString(), QStringLiteral("rate_limited"));
        QVERIFY(a->isConnected());
        // Real time is fine: 20 frames 20 ms apart all arrive.
        b->clearAudio();
        waitFor([] { return false; }, 300);
        for (quint32 i = 0; i < 20; ++i) {
            a->sendBinary(audioFrame(4, 1000 + i, 20));
            waitFor([] { return false; }, 20);
        }
        QVERIFY(b->waitAudio(20));
    }

    void audioRateOff()
    {
        RelayConfig cfg = fastConfig();
        cfg.audioRateFactor = 0;
        relay = startRelay(cfg);
        QVERIFY(relay);
        auto a = joined("Alice"), b = joined("Bob");
        QVERIFY(a && b);
        QVERIFY(a->talk("general", 4).value("t") == QLatin1String("granted"));
        for (quint32 i = 1; i <= 400; ++i)
            a->sendBinary(audioFrame(4, i, 20));
        QVERIFY(b->waitAudio(400, 3000));
        QCOMPARE(relay->stats().droppedRateLimited, quint64(0));
    }

    void connectionsPerAddress()
    {
        RelayConfig cfg = fastConfig();
        cfg.maxConnectionsPerIp = 2;
        cfg.limitLoopback = true;
        relay = startRelay(cfg);
        QVERIFY(relay);
        auto a = joined("A"), b = joined("B");
        QVERIFY(a && b);
        Client c(QStringLiteral("C"));
        QVERIFY(c.open(relay->url()));
        const QJsonObject e = c.take("error");
        QCOMPARE(e.value("code").toString(), QStringLiteral("too_many_connections"));
        QVERIFY(e.value("msg").toString().contains("127.0.0.1"));
        QVERIFY(c.waitClosed());
        QCOMPARE(c.closeCode(), 1008);
        // A place frees up when one leaves.
        a.reset();
        QVERIFY(waitFor([&] { return relay->stats().connections == 1; }, 1000));
        auto d = joined("D");
        QVERIFY(d);
    }

    void loopbackExemptByDefault()
    {
        RelayConfig cfg = fastConfig();
        cfg.maxConnectionsPerIp = 1;
        relay = startRelay(cfg);
        QVERIFY(relay);
        auto a = joined("A"), b = joined("B"), c = joined("C");
        QVERIFY(a && b && c);
    }

    void proxyHeadersNameTheClient()
    {
        RelayConfig cfg = fastConfig();
        cfg.maxConnectionsPerIp = 1;
        relay = startRelay(cfg);
        QVERIFY(relay);
        auto via = [&](const QByteArray &header, const QByteArray &value) {
            QNetworkRequest req(relay->url());
            req.setRawHeader(header, value);
            return req;
        };
        const QNetworkRequest r1 = via("X-Real-IP", "203.0.113.5");
        auto a = joined("A", "general", &r1);
        QVERIFY(a);
        Client b(QStringLiteral("B"));
        QVERIFY(b.open(via("X-Real-IP", "203.0.113.5")));
        QCOMPARE(b.take("error").value("code").toString(), QStringLiteral("too_many_connections"));
        // X-Forwarded-For: only the last hop (the proxy's own entry) counts.
        Client c(QStringLiteral("C"));
        QVERIFY(c.open(via("X-Forwarded-For", "198.51.100.7, 203.0.113.5")));
        QCOMPARE(c.take("error").value("code").toString(), QStringLiteral("too_many_connections"));
        const QNetworkRequest r2 = via("X-Forwarded-For", "203.0.113.5, 198.51.100.7");
        auto d = joined("D", "general", &r2);
        QVERIFY(d);
        const QNetworkRequest r3 = via("x-real-ip", "2001:db8::1");
        auto e = joined("E", "general", &r3);
        QVERIFY(e);

        // Without trust in proxy headers they mean nothing (loopback, exempt).
        cfg.trustProxyHeaders = false;
        relay = startRelay(cfg);
        QVERIFY(relay);
        const QNetworkRequest r4 = via("X-Real-IP", "203.0.113.5");
        auto f = joined("F", "general", &r4);
        auto g = joined("G", "general", &r4);
        QVERIFY(f && g);
    }

    void connectionsInAll()
    {
        RelayConfig cfg = fastConfig();
        cfg.maxConnections = 2;
        relay = startRelay(cfg);
        QVERIFY(relay);
        auto a = joined("A"), b = joined("B");
        QVERIFY(a && b);
        Client c(QStringLiteral("C"));
        QVERIFY(c.open(relay->url()));
        QCOMPARE(c.take("error").value("code").toString(), QStringLiteral("too_many_connections"));
        QVERIFY(c.waitClosed());
        QVERIFY(relay->stats().connectionsRejected >= 1);
    }

    void channelLimits()
    {
        RelayConfig cfg = fastConfig();
        cfg.maxChannelsPerConnection = 2;
        cfg.maxChannels = 4; // echo, general, ops + one ad-hoc
        relay = startRelay(cfg);
        QVERIFY(relay);
        auto a = joined("A");
        QVERIFY(a);
        QCOMPARE(a->join("ops").value("t").toString(), QStringLiteral("joined"));
        QCOMPARE(a->join("echo").value("code").toString(), QStringLiteral("too_many_channels"));
        auto b = joined("B", "adhoc1");
        QVERIFY(b);
        QCOMPARE(b->join("adhoc2").value("code").toString(), QStringLiteral("too_many_channels"));
    }

};

QTEST_GUILESS_MAIN(TestRelayLimits)
#include "test_relay_limits.moc"
