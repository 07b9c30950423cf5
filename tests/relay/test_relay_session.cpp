// Conformance: hello/welcome, join/joined/presence, leave/left, errors of the session layer,
// the hello timeout, unknown message types.

#include "RelayTestUtil.h"

#include "relay/RelayServer.h"
#include "tenfour/Version.h"

#include <QJsonArray>
#include <QTcpSocket>
#include <QtTest>

using namespace relaytest;

class TestRelaySession : public QObject {
    Q_OBJECT

    std::unique_ptr<RelayServer> relay;

    QUrl url() const { return relay->url(); }

private Q_SLOTS:
    void init()
    {
        relay = startRelay(fastConfig());
        QVERIFY(relay);
    }
    void cleanup() { relay.reset(); }

    void urlAndPort()
    {
        QVERIFY(relay->port() != 0);
        QCOMPARE(relay->url().toString(), QStringLiteral("ws://127.0.0.1:%1/").arg(relay->port()));
        QVERIFY(relay->isListening());
    }

    void helloWelcome()
    {
        Client a(QStringLiteral("Alice"));
        QVERIFY(a.open(url()));
        const QJsonObject w = a.hello();
        QCOMPARE(w.value("t").toString(), QStringLiteral("welcome"));
        QCOMPARE(w.value("seq").toInt(), 1);
        QCOMPARE(w.value("v").toInt(), 1);
        QCOMPARE(w.value("relay").toString(), QString::fromLatin1(tenfour::kRelayId));
        QVERIFY(w.value("id").toString().startsWith(QLatin1Char('u')));
        QCOMPARE(w.value("name").toString(), QStringLiteral("Alice"));
        const QJsonArray chans = w.value("channels").toArray();
        QStringList names;
        for (const QJsonValue &v : chans) {
            names << v.toObject().value("ch").toString();
            QCOMPARE(v.toObject().value("members").toInt(), 0);
            QVERIFY(v.toObject().value("talker").isNull());
        }
        QCOMPARE(names, (QStringList{"general", "ops", "echo"}));
        const QJsonObject limits = w.value("limits").toObject();
        QCOMPARE(limits.value("max_talk_ms").toInt(), 5000);
        QCOMPARE(limits.value("max_msg").toInt(), 8192);

        // Ids are unique per connection.
        Client b(QStringLiteral("Bob"));
        QVERIFY(b.open(url()));
        QVERIFY(b.hello().value("id").toString() != a.id());
    }

    void welcomeShowsMembersAndTalker()
    {
        Client a(QStringLiteral("Alice"));
        QVERIFY(a.open(url()));
        a.hello();
        QCOMPARE(a.join("general").value("t").toString(), QStringLiteral("joined"));
        QCOMPARE(a.talk("general", 77).value("t").toString(), QStringLiteral("granted"));
        Client b(QStringLiteral("Bob"));
        QVERIFY(b.open(url()));
        const QJsonArray chans = b.hello().value("channels").toArray();
        const QJsonObject general = chans.at(0).toObject();
        QCOMPARE(general.value("ch").toString(), QStringLiteral("general"));
        QCOMPARE(general.value("members").toInt(), 1);
        const QJsonObject talker = general.value("talker").toObject();
        QCOMPARE(talker.value("id").toString(), a.id());
        QCOMPARE(talker.value("name").toString(), QStringLiteral("Alice"));
        QCOMPARE(talker.value("sid").toInteger(), 77);
    }

    void joinPresenceLeave()
    {
        Client a(QStringLiteral("Alice")), b(QStringLiteral("Bob"));
        QVERIFY(a.open(url()) && b.open(url()));
        a.hello();
        b.hello();

        QJsonObject j = a.join("general");
        QCOMPARE(j.value("t").toString(), QStringLiteral("joined"));
        QCOMPARE(j.value("ch").toString(), QStringLiteral("general"));
        QCOMPARE(j.value("members").toArray().size(), 0);
        QCOMPARE(j.value("count").toInt(), 1);
        QVERIFY(j.value("talker").isNull());

        j = b.join("general");
        QCOMPARE(j.value("seq").toInt(), 2);
        const QJsonArray members = j.value("members").toArray();
        QCOMPARE(members.size(), 1);
        QCOMPARE(members.at(0).toObject().value("id").toString(), a.id());
        QCOMPARE(members.at(0).toObject().value("name").toString(), QStringLiteral("Alice"));
        QCOMPARE(j.value("count").toInt(), 2);

        QJsonObject p = a.take("presence");
        QCOMPARE(p.value("ch").toString(), QStringLiteral("general"));
        QCOMPARE(p.value("id").toString(), b.id());
        QCOMPARE(p.value("name").toString(), QStringLiteral("Bob"));
        QCOMPARE(p.value("state").toString(), QStringLiteral("joined"));
        QVERIFY(b.noneOf("presence", 50)); // no presence about yourself

        // Joining twice is harmless: the same reply, no second presence.
        QCOMPARE(b.join("general").value("t").toString(), QStringLiteral("joined"));
        QVERIFY(a.noneOf("presence", 50));

        const qint64 seq = b.send({{"t", "leave"}, {"ch", "general"}});
        const QJsonObject left = b.takeReply(seq);
        QCOMPARE(left.value("t").toString(), QStringLiteral("left"));
        QCOMPARE(left.value("ch").toString(), QStringLiteral("general"));
        p = a.take("presence");
        QCOMPARE(p.value("id").toString(), b.id());
        QCOMPARE(p.value("state").toString(), QStringLiteral("left"));
    }

    void listsStayUnder8KiB()
    {
        RelayConfig cfg = fastConfig();
        cfg.controlRate = 0;
        cfg.maxChannelsPerConnection = 0;
        relay = startRelay(cfg);
        QVERIFY(relay);
        const QString longName = QString(60, QLatin1Char('n'));
        // Many members with long names in one channel...
        std::vector<std::unique_ptr<Client>> crowd;
        for (int i = 0; i < 80; ++i) {
            crowd.push_back(std::make_unique<Client>(longName + QString::number(i)));
            QVERIFY(crowd.back()->open(url()));
            crowd.back()->send({{"t", "hello"}, {"v", 1}, {"name", crowd.back()->name()}});
            crowd.back()->send({{"t", "join"}, {"ch", "general"}});
        }
        QVERIFY(waitFor([&] { return relay->stats().connections == 80 && crowd.back()->pendingCount("joined") == 1; }, 10000));
        // ... and many channels with long names.
        Client a(QStringLiteral("Alice"));
        QVERIFY(a.open(url()));
        a.hello();
        for (int i = 0; i < 150; ++i)
            a.send({{"t", "join"}, {"ch", QString(60, QLatin1Char('c')) + QString::number(i)}}, false);
        QVERIFY(waitFor([&] { return a.pendingCount("joined") == 150; }, 10000));

        Client b(QStringLiteral("Bob"));
        QVERIFY(b.open(url()));
        const QJsonObject w = b.hello();
        QCOMPARE(w.value("more").toBool(), true);
        QVERIFY(w.value("channels").toArray().size() > 20);
        QCOMPARE(w.value("channels").toArray().at(0).toObject().value("ch").toString(), QStringLiteral("general"));
        const QJsonObject j = b.join("general");
        QCOMPARE(j.value("t").toString(), QStringLiteral("joined"));
        QCOMPARE(j.value("more").toBool(), true);
        QCOMPARE(j.value("count").toInt(), 81);
        QVERIFY(j.value("members").toArray().size() > 20);
        QVERIFY2(b.largestText() <= 8192, qPrintable(QString::number(b.largestText())));
        QVERIFY2(a.largestText() <= 8192, qPrintable(QString::number(a.largestText())));
    }

    void presenceOnDisconnect()
    {
        Client a(QStringLiteral("Alice"));
        QVERIFY(a.open(url()));
        a.hello();
        a.join("general");
        QString bid;
        {
            Client b(QStringLiteral("Bob"));
            QVERIFY(b.open(url()));
            b.hello();
            b.join("general");
            bid = b.id();
            QCOMPARE(a.take("presence").value("state").toString(), QStringLiteral("joined"));
        } // b's socket aborted
        const QJsonObject p = a.take("presence");
        QCOMPARE(p.value("state").toString(), QStringLiteral("left"));
        QCOMPARE(p.value("id").toString(), bid);
    }

    void channelsAreSeparate()
    {
        Client a(QStringLiteral("Alice")), b(QStringLiteral("Bob"));
        QVERIFY(a.open(url()) && b.open(url()));
        a.hello();
        b.hello();
        a.join("general");
        b.join("ops");
        QVERIFY(a.noneOf("presence", 100));
    }

    void leaveNotJoined()
    {
        Client a(QStringLiteral("Alice"));
        QVERIFY(a.open(url()));
        a.hello();
        const qint64 seq = a.send({{"t", "leave"}, {"ch", "general"}});
        const QJsonObject e = a.takeReply(seq);
        QCOMPARE(e.value("t").toString(), QStringLiteral("error"));
        QCOMPARE(e.value("code").toString(), QStringLiteral("not_joined"));
        QVERIFY(!e.value("msg").toString().isEmpty());
    }

    void adHocChannels()
    {
        Client a(QStringLiteral("Alice"));
        QVERIFY(a.open(url()));
        a.hello();
        QCOMPARE(a.join("party").value("t").toString(), QStringLiteral("joined"));
        Client b(QStringLiteral("Bob"));
        QVERIFY(b.open(url()));
        QJsonArray chans = b.hello().value("channels").toArray();
        QCOMPARE(chans.last().toObject().value("ch").toString(), QStringLiteral("party"));
        QCOMPARE(chans.last().toObject().value("members").toInt(), 1);
        // The last member leaving removes an ad-hoc channel.
        a.send({{"t", "leave"}, {"ch", "party"}});
        QCOMPARE(a.take("left").value("ch").toString(), QStringLiteral("party"));
        Client c(QStringLiteral("Carol"));
        QVERIFY(c.open(url()));
        chans = c.hello().value("channels").toArray();
        QCOMPARE(chans.size(), 3);
        QCOMPARE(relay->stats().channels, 3);
    }

    void noAdHocChannels()
    {
        RelayConfig cfg = fastConfig();
        cfg.allowAdHocChannels = false;
        relay = startRelay(cfg);
        QVERIFY(relay);
        Client a(QStringLiteral("Alice"));
        QVERIFY(a.open(url()));
        QCOMPARE(a.hello().value("ad_hoc").toBool(), false);
        const QJsonObject e = a.join("party");
        QCOMPARE(e.value("t").toString(), QStringLiteral("error"));
        QCOMPARE(e.value("code").toString(), QStringLiteral("no_channel"));
        QCOMPARE(a.join("general").value("t").toString(), QStringLiteral("joined"));
        QCOMPARE(a.join("echo").value("t").toString(), QStringLiteral("joined")); // always exists
    }

    void badRequests()
    {
        Client a(QStringLiteral("Alice"));
        QVERIFY(a.open(url()));
        a.hello();
        const QStringList bad = {"not json", "[1,2]", "{\"seq\":3}", "{\"t\":\"join\",\"seq\":1.5}",
                                 "{\"t\":\"\"}", "42", "{\"t\":7}"};
        for (const QString &text : bad) {
            a.sendText(text);
            const QJsonObject e = a.take("error");
            QVERIFY2(e.value("code").toString() == QLatin1String("bad_request"), qPrintable(text));
        }
        // Missing or wrong fields: bad_request with the request's seq.
        const QList<QJsonObject> wrong = {{{"t", "join"}},
                                          {{"t", "join"}, {"ch", 5}},
                                          {{"t", "join"}, {"ch", ""}},
                                          {{"t", "join"}, {"ch", QString(65, 'x')}},
                                          {{"t", "join"}, {"ch", "bad\nname"}},
                                          {{"t", "over"}},
                                          {{"t", "over"}, {"sid", -1}},
                                          {{"t", "over"}, {"sid", 4294967296.0}}};
        for (const QJsonObject &o : wrong) {
            const qint64 seq = a.send(o);
            const QJsonObject e = a.takeReply(seq);
            QCOMPARE(e.value("t").toString(), QStringLiteral("error"));
            QCOMPARE(e.value("code").toString(), QStringLiteral("bad_request"));
        }
        // ... and the connection still works.
        QCOMPARE(a.join("general").value("t").toString(), QStringLiteral("joined"));
        QVERIFY(a.isConnected());
    }

    void unknownTypesAndFieldsIgnored()
    {
        Client a(QStringLiteral("Alice"));
        QVERIFY(a.open(url()));
        a.send({{"t", "future-thing"}, {"x", 1}}); // before hello, too
        QJsonObject hello{{"t", "hello"}, {"v", 1}, {"name", "Alice"}, {"shoe_size", 44}};
        const qint64 seq = a.send(hello);
        QCOMPARE(a.takeReply(seq).value("t").toString(), QStringLiteral("welcome"));
        a.send({{"t", "future-thing"}, {"x", 1}});
        const qint64 j = a.send({{"t", "join"}, {"ch", "general"}, {"colour", "blue"}});
        QCOMPARE(a.takeReply(j).value("t").toString(), QStringLiteral("joined"));
        QCOMPARE(a.pendingCount("error"), 0);
    }

    void requestsWithoutSeq()
    {
        Client a(QStringLiteral("Alice"));
        QVERIFY(a.open(url()));
        a.send({{"t", "hello"}, {"v", 1}, {"name", "Alice"}}, false);
        const QJsonObject w = a.take("welcome");
        QVERIFY(!w.isEmpty());
        QVERIFY(!w.contains("seq"));
    }

    void helloFirst()
    {
        Client a(QStringLiteral("Alice"));
        QVERIFY(a.open(url()));
        const qint64 seq = a.send({{"t", "join"}, {"ch", "general"}});
        const QJsonObject e = a.takeReply(seq);
        QCOMPARE(e.value("code").toString(), QStringLiteral("bad_request"));
        // Audio before hello is dropped.
        a.sendBinary(audioFrame(1, 1, 10));
        QVERIFY(waitFor([&] { return relay->stats().droppedNotHolder == 1; }, 1000));
        QCOMPARE(a.hello().value("t").toString(), QStringLiteral("welcome"));
    }

    void helloNeedsName()
    {
        Client a(QStringLiteral("   "));
        QVERIFY(a.open(url()));
        QJsonObject e = a.hello();
        QCOMPARE(e.value("code").toString(), QStringLiteral("bad_request"));
        const qint64 seq = a.send({{"t", "hello"}, {"v", 1}});
        QCOMPARE(a.takeReply(seq).value("code").toString(), QStringLiteral("bad_request"));
        const qint64 seq2 = a.send({{"t", "hello"}, {"name", "NoVersion"}});
        QCOMPARE(a.takeReply(seq2).value("code").toString(), QStringLiteral("bad_request"));
        // Still open: a correct hello works.
        const qint64 seq3 = a.send({{"t", "hello"}, {"v", 1}, {"name", "  Trimmed  "}});
        const QJsonObject w = a.takeReply(seq3);
        QCOMPARE(w.value("t").toString(), QStringLiteral("welcome"));
        QCOMPARE(w.value("name").toString(), QStringLiteral("Trimmed"));
    }

    void helloTwice()
    {
        Client a(QStringLiteral("Alice"));
        QVERIFY(a.open(url()));
        a.hello();
        const qint64 seq = a.send({{"t", "hello"}, {"v", 1}, {"name", "Again"}});
        QCOMPARE(a.takeReply(seq).value("code").toString(), QStringLiteral("bad_request"));
    }

    void versionMismatchCloses()
    {
        Client a(QStringLiteral("Alice"));
        QVERIFY(a.open(url()));
        const qint64 seq = a.send({{"t", "hello"}, {"v", 2}, {"name", "Alice"}});
        const QJsonObject e = a.takeReply(seq);
        QCOMPARE(e.value("t").toString(), QStringLiteral("error"));
        QCOMPARE(e.value("code").toString(), QStringLiteral("version"));
        QVERIFY(a.waitClosed());
        QCOMPARE(a.closeCode(), 1002);
    }

    void helloTimeout()
    {
        RelayConfig cfg = fastConfig();
        cfg.helloTimeoutMs = 300;
        relay = startRelay(cfg);
        QVERIFY(relay);
        Client a(QStringLiteral("Alice"));
        QVERIFY(a.open(url()));
        const QJsonObject e = a.take("error", 2000);
        QCOMPARE(e.value("code").toString(), QStringLiteral("timeout"));
        QVERIFY(a.waitClosed());
        QCOMPARE(a.closeCode(), 1008);
        QVERIFY2(a.elapsedMs() >= 250, qPrintable(QString::number(a.elapsedMs())));

        // A TCP connection that never even upgrades is dropped too.
        QTcpSocket raw;
        raw.connectToHost(QHostAddress::LocalHost, relay->port());
        QVERIFY(raw.waitForConnected(1000));
        QVERIFY(waitFor([&] { return raw.state() == QAbstractSocket::UnconnectedState; }, 2000));

        // A client that says hello in time stays.
        Client b(QStringLiteral("Bob"));
        QVERIFY(b.open(url()));
        b.hello();
        QVERIFY(!b.waitClosed(500));
        QCOMPARE(relay->stats().connections, 1);
    }

    void notHttp()
    {
        // Garbage instead of an HTTP upgrade: the relay drops the connection and lives on.
        QTcpSocket raw;
        raw.connectToHost(QHostAddress::LocalHost, relay->port());
        QVERIFY(raw.waitForConnected(1000));
        raw.write(QByteArray(300, '\x07') + "\r\n\r\n");
        QVERIFY(waitFor([&] { return raw.state() == QAbstractSocket::UnconnectedState; }, 2000));
        Client a(QStringLiteral("Alice"));
        QVERIFY(a.open(url()));
        QCOMPARE(a.hello().value("t").toString(), QStringLiteral("welcome"));
    }

    void anyPathAndNoSubprotocol()
    {
        Client a(QStringLiteral("Alice"));
        QUrl u = url();
        u.setPath(QStringLiteral("/some/where"));
        QVERIFY(a.open(u));
        QCOMPARE(a.hello().value("t").toString(), QStringLiteral("welcome"));
        QVERIFY(a.socket().subprotocol().isEmpty());
    }

    void statsCountConnections()
    {
        QCOMPARE(relay->stats().connections, 0);
        QSignalSpy spy(relay.get(), &RelayServer::connectionCountChanged);
        {
            Client a(QStringLiteral("Alice"));
            QVERIFY(a.open(url()));
            QVERIFY(waitFor([&] { return relay->stats().connections == 1; }, 1000));
        }
        QVERIFY(waitFor([&] { return relay->stats().connections == 0; }, 1000));
        QCOMPARE(spy.size(), 2);
    }

    void closeSendsGoingAway()
    {
        Client a(QStringLiteral("Alice"));
        QVERIFY(a.open(url()));
        a.hello();
        relay->close();
        QVERIFY(a.waitClosed());
        QCOMPARE(a.closeCode(), 1001);
        QVERIFY(!relay->isListening());
        // It can listen again.
        QVERIFY(relay->listen(QHostAddress::LocalHost, 0));
        Client b(QStringLiteral("Bob"));
        QVERIFY(b.open(url()));
        QCOMPARE(b.hello().value("t").toString(), QStringLiteral("welcome"));
    }
};

QTEST_GUILESS_MAIN(TestRelaySession)
#include "test_relay_session.moc"
