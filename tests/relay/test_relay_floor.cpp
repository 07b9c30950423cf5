// Conformance: floor control (talk/granted/denied/talking/over), byte-exact forwarding, drops
// of frames from non-holders, max talk time, idle revoke, release on disconnect and leave.

#include "RelayTestUtil.h"

#include "protocol/AudioFrame.h"

#include <QJsonArray>
#include <QtTest>

using namespace relaytest;

class TestRelayFloor : public QObject {
    Q_OBJECT

    std::unique_ptr<RelayServer> relay;
    std::unique_ptr<Client> a, b, c;

    void startWith(const RelayConfig &cfg)
    {
        relay = startRelay(cfg);
        QVERIFY(relay);
        a = std::make_unique<Client>(QStringLiteral("Alice"));
        b = std::make_unique<Client>(QStringLiteral("Bob"));
        c = std::make_unique<Client>(QStringLiteral("Carol"));
        for (Client *x : {a.get(), b.get(), c.get()}) {
            QVERIFY(x->open(relay->url()));
            QCOMPARE(x->hello().value("t").toString(), QStringLiteral("welcome"));
            QCOMPARE(x->join("general").value("t").toString(), QStringLiteral("joined"));
        }
        QVERIFY(waitFor([&] { return a->pendingCount("presence") == 2 && b->pendingCount("presence") == 1; }, 2000));
        for (Client *x : {a.get(), b.get(), c.get()})
            x->clearControl();
    }

private Q_SLOTS:
    void init() { startWith(fastConfig()); }
    void cleanup()
    {
        a.reset();
        b.reset();
        c.reset();
        relay.reset();
    }

    void grantTalkingDeny()
    {
        const QJsonObject g = a->talk("general", 123456);
        QCOMPARE(g.value("t").toString(), QStringLiteral("granted"));
        QCOMPARE(g.value("sid").toInteger(), 123456);
        QCOMPARE(g.value("max_ms").toInt(), 5000);
        QVERIFY(g.contains("seq"));

        for (Client *x : {b.get(), c.get()}) {
            const QJsonObject t = x->take("talking");
            QCOMPARE(t.value("ch").toString(), QStringLiteral("general"));
            QCOMPARE(t.value("id").toString(), a->id());
            QCOMPARE(t.value("name").toString(), QStringLiteral("Alice"));
            QCOMPARE(t.value("sid").toInteger(), 123456);
            QCOMPARE(t.value("codec").toString(), QStringLiteral("opus"));
            QCOMPARE(t.value("rate").toInt(), 48000);
            QCOMPARE(t.value("ptime").toDouble(), 20.0);
        }
        QVERIFY(a->noneOf("talking", 50)); // not to the talker

        const QJsonObject d = b->talk("general", 99);
        QCOMPARE(d.value("t").toString(), QStringLiteral("denied"));
        QCOMPARE(d.value("sid").toInteger(), 99);
        QCOMPARE(d.value("reason").toString(), QStringLiteral("busy"));
        QCOMPARE(d.value("talker").toObject().value("id").toString(), a->id());
        QCOMPARE(d.value("talker").toObject().value("name").toString(), QStringLiteral("Alice"));

        // A joiner sees the holder in joined.
        Client late(QStringLiteral("Dave"));
        QVERIFY(late.open(relay->url()));
        late.hello();
        const QJsonObject j = late.join("general");
        QCOMPARE(j.value("talker").toObject().value("id").toString(), a->id());
        QCOMPARE(j.value("talker").toObject().value("sid").toInteger(), 123456);
        QCOMPARE(j.value("talker").toObject().value("codec").toString(), QStringLiteral("opus"));
        QCOMPARE(j.value("talker").toObject().value("ptime").toDouble(), 20.0);
        QCOMPARE(j.value("members").toArray().size(), 3);
    }

    void forwardsByteExact()
    {
        QVERIFY(a->talk("general", 0xDEADBEEF).value("t") == QLatin1String("granted"));
        // Sizes around the WebSocket length encodings (125/126, 65535 is out of reach) and the
        // largest Opus packet; empty payloads (DTX) too.
        const QList<int> sizes = {0, 1, 80, 116, 117, 118, 125, 126, 127, 400, 1000, 1275};
        QList<QByteArray> sent;
        quint32 seq = 1;
        for (int s : sizes) {
            sent.append(audioFrame(0xDEADBEEF, seq++, s));
            a->sendBinary(sent.last());
        }
        QVERIFY(b->waitAudio(sent.size()));
        QVERIFY(c->waitAudio(sent.size()));
        QCOMPARE(b->audioBytes(), sent);
        QCOMPARE(c->audioBytes(), sent);
        QVERIFY(!a->waitAudio(1, 100)); // never echoed to the sender
        const RelayStats s = relay->stats();
        QCOMPARE(s.framesIn, quint64(sent.size()));
        QCOMPARE(s.framesForwarded, quint64(2 * sent.size()));
        QCOMPARE(s.framesDropped, quint64(0));
    }

    void textSafeFramesForwardedAsBinary()
    {
        QVERIFY(a->talk("general", 42).value("t") == QLatin1String("granted"));
        const QByteArray frame = audioFrame(42, 7, 60);
        a->sendText(tenfour::protocol::encodeTextSafe(frame));
        QVERIFY(b->waitAudio(1));
        QCOMPARE(b->audioBytes().first(), frame);
        QCOMPARE(b->pendingCount("error"), 0);
        // Broken text-safe frames are dropped with an error.
        a->sendText(QStringLiteral("~!!!not base64"));
        QCOMPARE(a->take("error").value("code").toString(), QStringLiteral("bad_request"));
        QVERIFY(!b->waitAudio(2, 100));
    }

    void framesFromNonHoldersDropped()
    {
        QVERIFY(a->talk("general", 1000).value("t") == QLatin1String("granted"));
        b->sendBinary(audioFrame(1000, 1, 20)); // the holder's sid, from someone else
        b->sendBinary(audioFrame(2000, 1, 20)); // a sid nobody holds
        a->sendBinary(audioFrame(1001, 1, 20)); // the holder, a sid it does not hold
        QVERIFY(waitFor([&] { return relay->stats().droppedNotHolder == 3; }, 1000));
        a->sendBinary(audioFrame(1000, 2, 20)); // the real thing
        QVERIFY(c->waitAudio(1));
        QVERIFY(!c->waitAudio(2, 100));
        QCOMPARE(c->audioBytes().first(), audioFrame(1000, 2, 20));
        QCOMPARE(a->audio().size(), 0);
        const RelayStats s = relay->stats();
        QCOMPARE(s.framesDropped, quint64(3));
        QCOMPARE(s.framesForwarded, quint64(2));
    }

    void overReleasesTheFloor()
    {
        QVERIFY(a->talk("general", 5).value("t") == QLatin1String("granted"));
        b->take("talking");
        const QJsonObject ack = a->over(5);
        QCOMPARE(ack.value("t").toString(), QStringLiteral("over"));
        QCOMPARE(ack.value("ch").toString(), QStringLiteral("general"));
        QCOMPARE(ack.value("id").toString(), a->id());
        QCOMPARE(ack.value("sid").toInteger(), 5);
        QCOMPARE(ack.value("reason").toString(), QStringLiteral("released"));
        for (Client *x : {b.get(), c.get()}) {
            const QJsonObject o = x->take("over");
            QCOMPARE(o.value("id").toString(), a->id());
            QCOMPARE(o.value("sid").toInteger(), 5);
            QCOMPARE(o.value("reason").toString(), QStringLiteral("released"));
            QVERIFY(!o.contains("seq"));
        }
        // Frames after over are dropped; the floor is free for Bob.
        a->sendBinary(audioFrame(5, 9, 10));
        QCOMPARE(b->talk("general", 6).value("t").toString(), QStringLiteral("granted"));
        QCOMPARE(a->take("talking").value("id").toString(), b->id());
        QVERIFY(!c->waitAudio(1, 50));
        QCOMPARE(relay->stats().droppedNotHolder, quint64(1));

        // over for a sid that holds nothing.
        const QJsonObject e = a->over(5);
        QCOMPARE(e.value("t").toString(), QStringLiteral("error"));
        QCOMPARE(e.value("code").toString(), QStringLiteral("not_talking"));
    }

    void talkNeedsMembershipAndSid()
    {
        QCOMPARE(a->talk("ops", 1).value("code").toString(), QStringLiteral("not_joined"));
        QCOMPARE(a->talk("nowhere", 1).value("code").toString(), QStringLiteral("not_joined"));
        qint64 seq = a->send({{"t", "talk"}, {"ch", "general"}});
        QCOMPARE(a->takeReply(seq).value("code").toString(), QStringLiteral("bad_request"));
        seq = a->send({{"t", "talk"}, {"ch", "general"}, {"sid", "12"}});
        QCOMPARE(a->takeReply(seq).value("code").toString(), QStringLiteral("bad_request"));
        seq = a->send({{"t", "talk"}, {"ch", "general"}, {"sid", 12}, {"ptime", 0}});
        QCOMPARE(a->takeReply(seq).value("code").toString(), QStringLiteral("bad_request"));
        seq = a->send({{"t", "talk"}, {"ch", "general"}, {"sid", 12}, {"rate", "fast"}});
        QCOMPARE(a->takeReply(seq).value("code").toString(), QStringLiteral("bad_request"));
        // Defaults for codec, rate, ptime; the largest u32 is a fine sid.
        seq = a->send({{"t", "talk"}, {"ch", "general"}, {"sid", 4294967295.0}});
        QCOMPARE(a->takeReply(seq).value("t").toString(), QStringLiteral("granted"));
        const QJsonObject t = b->take("talking");
        QCOMPARE(t.value("sid").toInteger(), 4294967295LL);
        QCOMPARE(t.value("codec").toString(), QStringLiteral("opus"));
        QCOMPARE(t.value("ptime").toDouble(), 20.0);
    }

    void holderTalksAgain()
    {
        QVERIFY(a->talk("general", 10).value("t") == QLatin1String("granted"));
        b->take("talking");
        // The same request again: granted again, nothing new for the others.
        QVERIFY(a->talk("general", 10).value("t") == QLatin1String("granted"));
        QVERIFY(b->noneOf("talking", 50));
        // A new sid: the old transmission ends for the others, the new one starts.
        QVERIFY(a->talk("general", 11).value("t") == QLatin1String("granted"));
        QCOMPARE(b->take("over").value("sid").toInteger(), 10);
        QCOMPARE(b->take("talking").value("sid").toInteger(), 11);
        a->sendBinary(audioFrame(10, 1, 10));
        a->sendBinary(audioFrame(11, 1, 10));
        QVERIFY(b->waitAudio(1));
        QVERIFY(!b->waitAudio(2, 50));
        QCOMPARE(b->audioBytes().first(), audioFrame(11, 1, 10));
    }

    void oneTalkerPerChannelManyChannels()
    {
        QVERIFY(a->join("ops").value("t") == QLatin1String("joined"));
        QVERIFY(b->join("ops").value("t") == QLatin1String("joined"));
        QVERIFY(a->talk("general", 1).value("t") == QLatin1String("granted"));
        QVERIFY(b->talk("ops", 2).value("t") == QLatin1String("granted"));
        // The same sid in two channels is refused.
        QCOMPARE(a->talk("ops", 1).value("code").toString(), QStringLiteral("bad_request"));
        a->sendBinary(audioFrame(1, 1, 10));
        b->sendBinary(audioFrame(2, 1, 10));
        QVERIFY(c->waitAudio(1));         // only general
        QVERIFY(a->waitAudio(1));         // ops from Bob
        QVERIFY(b->waitAudio(1));         // general from Alice
        QVERIFY(!c->waitAudio(2, 100));
        QCOMPARE(c->audioBytes().first(), audioFrame(1, 1, 10));
        QCOMPARE(a->audioBytes().first(), audioFrame(2, 1, 10));
    }

    void maxTalkTime()
    {
        RelayConfig cfg = fastConfig();
        cfg.maxTalkMs = 300;
        startWith(cfg);
        const QJsonObject g = a->talk("general", 77);
        QCOMPARE(g.value("max_ms").toInt(), 300);
        QElapsedTimer t;
        t.start();
        // Keep talking (no idle revoke) until the relay cuts in.
        quint32 seq = 0;
        QJsonObject over;
        while (t.elapsed() < 2000) {
            a->sendBinary(audioFrame(77, ++seq, 40));
            over = a->take("over", 20);
            if (!over.isEmpty())
                break;
        }
        QCOMPARE(over.value("reason").toString(), QStringLiteral("max_time"));
        QCOMPARE(over.value("sid").toInteger(), 77);
        QVERIFY(!over.contains("seq"));
        QVERIFY2(t.elapsed() >= 250 && t.elapsed() < 1500, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(b->take("over").value("reason").toString(), QStringLiteral("max_time"));
        // Later frames are dropped.
        const int got = b->audio().size();
        QVERIFY(got > 5);
        const quint64 dropped = relay->stats().droppedNotHolder;
        a->sendBinary(audioFrame(77, ++seq, 40));
        QVERIFY(waitFor([&] { return relay->stats().droppedNotHolder == dropped + 1; }, 1000));
        QCOMPARE(b->audio().size(), got);
        // The floor is free again.
        QCOMPARE(c->talk("general", 3).value("t").toString(), QStringLiteral("granted"));
    }

    void idleRevoke()
    {
        RelayConfig cfg = fastConfig();
        cfg.idleRevokeMs = 400;
        startWith(cfg);
        QVERIFY(a->talk("general", 8).value("t") == QLatin1String("granted"));
        // Audio every 40 ms keeps the floor for 1 s, 2.5 times the idle limit.
        QElapsedTimer t;
        t.start();
        quint32 seq = 0;
        while (t.elapsed() < 1000) {
            a->sendBinary(audioFrame(8, ++seq, 30));
            waitFor([] { return false; }, 40);
        }
        QCOMPARE(b->pendingCount("over"), 0);
        t.restart();
        const QJsonObject o = b->take("over", 3000);
        QCOMPARE(o.value("reason").toString(), QStringLiteral("idle"));
        QVERIFY2(t.elapsed() >= 250 && t.elapsed() < 1500, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(a->take("over").value("reason").toString(), QStringLiteral("idle"));

        // No audio at all after the grant: revoked after the idle time too.
        QVERIFY(b->talk("general", 9).value("t") == QLatin1String("granted"));
        QCOMPARE(a->take("over", 2000).value("reason").toString(), QStringLiteral("idle"));
    }

    void disconnectReleases()
    {
        QVERIFY(a->talk("general", 31).value("t") == QLatin1String("granted"));
        b->take("talking");
        const QString aid = a->id();
        a.reset(); // connection drops
        const QJsonObject o = b->take("over");
        QCOMPARE(o.value("reason").toString(), QStringLiteral("disconnected"));
        QCOMPARE(o.value("id").toString(), aid);
        QCOMPARE(o.value("sid").toInteger(), 31);
        QCOMPARE(b->take("presence").value("state").toString(), QStringLiteral("left"));
        QCOMPARE(b->talk("general", 32).value("t").toString(), QStringLiteral("granted"));
    }

    void leaveReleases()
    {
        QVERIFY(a->talk("general", 41).value("t") == QLatin1String("granted"));
        b->take("talking");
        a->send({{"t", "leave"}, {"ch", "general"}});
        QCOMPARE(a->take("left").value("ch").toString(), QStringLiteral("general"));
        const QJsonObject o = b->take("over");
        QCOMPARE(o.value("reason").toString(), QStringLiteral("released"));
        QCOMPARE(b->take("presence").value("state").toString(), QStringLiteral("left"));
        a->sendBinary(audioFrame(41, 1, 10));
        QVERIFY(!b->waitAudio(1, 100));
        QCOMPARE(c->talk("general", 42).value("t").toString(), QStringLiteral("granted"));
    }

    void orderIsKept()
    {
        // talking reaches a receiver before the first frame, over after the last one.
        QVERIFY(a->talk("general", 50).value("t") == QLatin1String("granted"));
        for (quint32 i = 1; i <= 50; ++i)
            a->sendBinary(audioFrame(50, i, 100));
        a->send({{"t", "over"}, {"sid", 50}});
        QVERIFY(b->waitAudio(50));
        QVERIFY(!b->take("over").isEmpty());
        QCOMPARE(b->audioBytes().last(), audioFrame(50, 50, 100));
        const QStringList log = b->arrivals();
        const qsizetype talking = log.indexOf(QStringLiteral("talking"));
        QVERIFY(talking >= 0);
        QVERIFY(talking < log.indexOf(QStringLiteral("audio")));
        QVERIFY(log.lastIndexOf(QStringLiteral("over")) > log.lastIndexOf(QStringLiteral("audio")));
        for (int i = 0; i < 50; ++i) {
            tenfour::protocol::AudioFrameView v;
            QCOMPARE(tenfour::protocol::parseAudioFrame(b->audioBytes().at(i), v), tenfour::protocol::FrameError::None);
            QCOMPARE(v.seq, quint32(i + 1));
        }
    }
};

QTEST_GUILESS_MAIN(TestRelayFloor)
#include "test_relay_floor.moc"
