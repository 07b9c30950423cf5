// Conformance: robustness. Slow and stalled readers (bounded queues), dead peers (pings),
// clients that ignore the close handshake, and a storm of malformed input while other clients
// keep talking undisturbed.

#include "RelayTestUtil.h"

#include <QJsonArray>
#include <QtTest>

using namespace relaytest;

class TestRelayRobustness : public QObject {
    Q_OBJECT

    std::unique_ptr<RelayServer> relay;

    std::unique_ptr<Client> joined(const QString &name) { return joinedClient(*relay, name); }
    std::unique_ptr<RawClient> rawJoined() { return rawJoinedClient(*relay); }

private Q_SLOTS:
    void cleanup() { relay.reset(); }

    void closeIgnoredIsDropped()
    {
        RelayConfig cfg = fastConfig();
        cfg.closeGraceMs = 300;
        relay = startRelay(cfg);
        QVERIFY(relay);
        auto a = joined("Alice");
        QVERIFY(a);
        // A raw client sends a message above the limit and then never answers the close frame.
        auto raw = rawJoined();
        QVERIFY(raw);
        QVERIFY(a->take("presence").value("state") == QLatin1String("joined"));
        raw->sendBinary(QByteArray(70 * 1024, 'x'));
        // It is out of the channel at once, and its socket is gone after the grace at the
        // latest (Qt 6.4 closes the TCP connection right after its close frame anyway).
        QCOMPARE(a->take("presence").value("state").toString(), QStringLiteral("left"));
        QVERIFY(waitFor([&] { return raw->socket().state() == QAbstractSocket::UnconnectedState; }, 3000));
        QVERIFY(waitFor([&] { return relay->stats().connections == 1; }, 1000));
    }

    void slowReaderGetsNoAudio()
    {
        RelayConfig cfg = fastConfig();
        cfg.audioRateFactor = 0;
        cfg.maxQueuedBytes = 32 * 1024;
        cfg.socketSendBuffer = 16 * 1024;
        relay = startRelay(cfg);
        QVERIFY(relay);
        auto a = joined("Alice"), b = joined("Bob");
        QVERIFY(a && b);
        auto slow = rawJoined();
        QVERIFY(slow);
        QVERIFY(waitFor([&] { return relay->stats().connections == 3 && b->pendingCount("presence") == 1; }, 2000));
        slow->socket().setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
        QVERIFY(a->talk("general", 6).value("t") == QLatin1String("granted"));
        // 2.5 MB of audio: far more than the kernel buffers between the relay and the reader.
        // Sent in small steps, so the fast reader (in this thread) never lags behind.
        const int n = 2000;
        for (int i = 1; i <= n; ++i) {
            a->sendBinary(audioFrame(6, quint32(i), 1275));
            if (i % 10 == 0)
                waitFor([&] { return b->audio().size() >= i; }, 2000);
        }
        QVERIFY(b->waitAudio(n, 5000)); // the fast reader got every frame
        const RelayStats s = relay->stats();
        QVERIFY2(s.droppedSlowReader > 0, qPrintable(s.toLine()));
        QCOMPARE(s.framesForwarded + s.droppedSlowReader, quint64(2 * n));
        // The queue stayed bounded: the limit plus one frame and some control messages.
        QVERIFY2(s.maxQueuedBytes <= cfg.maxQueuedBytes + 4096, qPrintable(QString::number(s.maxQueuedBytes)));
        QCOMPARE(s.connections, 3); // still connected: it only loses audio
    }

    void stalledReaderIsDisconnected()
    {
        RelayConfig cfg = fastConfig();
        cfg.controlRate = 0;
        cfg.maxQueuedBytes = 8 * 1024;
        cfg.maxQueuedBytesHard = 64 * 1024;
        cfg.socketSendBuffer = 16 * 1024;
        relay = startRelay(cfg);
        QVERIFY(relay);
        auto slow = rawJoined();
        QVERIFY(slow);
        QVERIFY(waitFor([&] { return relay->stats().connections == 1; }, 2000));
        slow->socket().setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
        // Presence messages (control, never dropped) pile up for the reader that reads nothing.
        auto a = std::make_unique<Client>(QString(60, QLatin1Char('n')));
        QVERIFY(a->open(relay->url()));
        a->hello();
        const QString ch = QStringLiteral("general");
        for (int i = 0; i < 20000 && relay->stats().connections == 2; ++i) {
            a->send({{"t", "join"}, {"ch", ch}}, false);
            a->send({{"t", "leave"}, {"ch", ch}}, false);
            if (i % 100 == 0) {
                a->clearControl();
                waitFor([] { return false; }, 1);
            }
        }
        QVERIFY(slow->waitDisconnected(3000));
        QVERIFY(waitFor([&] { return relay->stats().connections == 1; }, 2000));
        QVERIFY(a->isConnected());
        QVERIFY2(relay->stats().maxQueuedBytes <= cfg.maxQueuedBytesHard, qPrintable(relay->stats().toLine()));
    }

    void deadPeerDropped()
    {
        RelayConfig cfg = fastConfig();
        cfg.pingIntervalMs = 200; // dead after 600 ms of silence
        relay = startRelay(cfg);
        QVERIFY(relay);
        auto alive = joined("Alive"); // QWebSocket answers the pings
        QVERIFY(alive);
        auto dead = rawJoined(); // reads nothing, so never answers a ping
        QVERIFY(dead);
        QVERIFY(waitFor([&] { return relay->stats().connections == 2; }, 1000));
        QVERIFY(dead->waitDisconnected(3000));
        QVERIFY(!alive->waitClosed(700));
        QCOMPARE(relay->stats().connections, 1);
    }

    void garbageWhileOthersTalk()
    {
        relay = startRelay(fastConfig());
        QVERIFY(relay);
        auto a = joined("Alice"), b = joined("Bob"), c = joined("Mallory");
        QVERIFY(a && b && c);
        QVERIFY(a->talk("general", 77).value("t") == QLatin1String("granted"));
        c->clearControl();

        int attack = 0;
        std::vector<std::unique_ptr<RawClient>> raws;
        auto misbehave = [&] {
            switch (attack++ % 14) {
            case 0: c->sendText(QStringLiteral("{not json")); break;
            case 1: c->sendText(QStringLiteral("[]")); break;
            case 2: c->sendBinary(QByteArray(5000, '\xff')); break;
            case 3: c->sendText(QStringLiteral("~AAAA====")); break;
            case 4: c->sendText(QString(10000, QLatin1Char('a'))); break;
            case 5: c->send({{"t", "talk"}, {"ch", "general"}, {"sid", 77}}); break; // denied
            case 6: c->sendBinary(audioFrame(77, 5, 100)); break;                  // not the holder
            case 7: c->send({{"t", "over"}, {"sid", 77}}); break;                   // not hers
            case 8: {
                auto r = std::make_unique<RawClient>();
                if (r->upgrade(relay->url()))
                    r->sendFrame(0x1, "\xc3\x28 invalid utf-8"); // closes that connection (1007)
                raws.push_back(std::move(r));
                break;
            }
            case 9: {
                auto r = std::make_unique<RawClient>();
                if (r->upgrade(relay->url()))
                    r->sendFrame(0x3, "reserved opcode");
                raws.push_back(std::move(r));
                break;
            }
            case 10: {
                auto r = std::make_unique<RawClient>();
                if (r->upgrade(relay->url()))
                    r->sendFrame(0x2, "unmasked", true, false);
                raws.push_back(std::move(r));
                break;
            }
            case 11: {
                auto r = std::make_unique<RawClient>();
                if (r->upgrade(relay->url())) {
                    r->sendText(R"({"t":"hello","v":1,"name":"Frag"})");
                    r->sendFrame(0x1, "{\"t\":", false); // a fragment, then the socket dies
                }
                raws.push_back(std::move(r));
                break;
            }
            case 12: {
                auto r = std::make_unique<RawClient>();
                r->socket().connectToHost(QHostAddress::LocalHost, relay->port());
                if (r->socket().waitForConnected(1000))
                    r->socket().write("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n\r\n"); // bad upgrade
                raws.push_back(std::move(r));
                break;
            }
            case 13: c->sendText(QStringLiteral(R"({"t":"join","ch":{"nested":[1,2,3]}})")); break;
            }
        };

        QList<QByteArray> sent;
        for (quint32 i = 1; i <= 50; ++i) {
            sent.append(audioFrame(77, i, 80));
            a->sendBinary(sent.last());
            misbehave();
            waitFor([] { return false; }, 20);
        }
        QVERIFY(b->waitAudio(50, 3000));
        QCOMPARE(b->audioBytes(), sent);
        QCOMPARE(a->pendingCount("error"), 0);
        QCOMPARE(b->pendingCount("error"), 0);
        QVERIFY(c->pendingCount("error") > 5);
        QCOMPARE(c->audio().size(), 50);
        QVERIFY(a->isConnected() && b->isConnected() && c->isConnected());
        // The floor is still Alice's and works normally.
        QCOMPARE(a->over(77).value("reason").toString(), QStringLiteral("released"));
        raws.clear();
        QVERIFY(waitFor([&] { return relay->stats().connections == 3; }, 2000));
    }
};

QTEST_GUILESS_MAIN(TestRelayRobustness)
#include "test_relay_robustness.moc"
