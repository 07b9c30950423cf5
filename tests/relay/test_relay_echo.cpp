// Conformance: the echo channel (the microphone test). A member's transmission comes back to
// that member alone after its over, as talking / frames / over, with the original timing.

#include "RelayTestUtil.h"

#include <QJsonArray>
#include <QtTest>

using namespace relaytest;

class TestRelayEcho : public QObject {
    Q_OBJECT

    std::unique_ptr<RelayServer> relay;

    std::unique_ptr<Client> member(const QString &name)
    {
        auto c = std::make_unique<Client>(name);
        if (!c->open(relay->url()) || c->hello().value("t") != QLatin1String("welcome")
            || c->join(QStringLiteral("echo")).value("t") != QLatin1String("joined"))
            return nullptr;
        return c;
    }

    // Sends n frames spaced by gapMs; returns them (and, in sentAt, when each went out).
    QList<QByteArray> speak(Client &c, quint32 sid, int n, int gapMs, QList<qint64> *sentAt = nullptr)
    {
        QList<QByteArray> sent;
        for (int i = 0; i < n; ++i) {
            if (i > 0)
                waitFor([] { return false; }, gapMs);
            sent.append(audioFrame(sid, quint32(i + 1), 50 + i));
            c.sendBinary(sent.last());
            c.socket().flush();
            if (sentAt)
                sentAt->append(c.elapsedMs());
        }
        return sent;
    }

private Q_SLOTS:
    void init()
    {
        relay = startRelay(fastConfig());
        QVERIFY(relay);
    }
    void cleanup() { relay.reset(); }

    void playbackWithOriginalTiming()
    {
        auto a = member(QStringLiteral("Alice"));
        auto b = member(QStringLiteral("Bob"));
        QVERIFY(a && b);
        QCOMPARE(a->talk("echo", 700).value("t").toString(), QStringLiteral("granted"));
        // Echo members do not contend: Bob gets the floor at the same time.
        QCOMPARE(b->talk("echo", 800).value("t").toString(), QStringLiteral("granted"));

        // Frames 60 ms apart, with a 300 ms pause (DTX-like) in the middle.
        QList<qint64> sentAt;
        QList<QByteArray> sent = speak(*a, 700, 5, 60, &sentAt);
        waitFor([] { return false; }, 300);
        sent.append(audioFrame(700, 6, 99));
        a->sendBinary(sent.last());
        a->socket().flush();
        sentAt.append(a->elapsedMs());
        speak(*b, 800, 3, 20);
        QVERIFY(!a->waitAudio(1, 100)); // nothing while recording

        const QJsonObject ack = a->over(700);
        QCOMPARE(ack.value("t").toString(), QStringLiteral("over"));
        QCOMPARE(ack.value("reason").toString(), QStringLiteral("released"));
        const qint64 overAt = a->elapsedMs();

        const QJsonObject talking = a->take("talking");
        QCOMPARE(talking.value("ch").toString(), QStringLiteral("echo"));
        QCOMPARE(talking.value("id").toString(), a->id());
        QCOMPARE(talking.value("name").toString(), QStringLiteral("Alice"));
        QCOMPARE(talking.value("sid").toInteger(), 700);
        QCOMPARE(talking.value("codec").toString(), QStringLiteral("opus"));
        QVERIFY(a->waitAudio(6, 3000));
        const QJsonObject end = a->take("over", 1000);
        QCOMPARE(end.value("reason").toString(), QStringLiteral("released"));
        QCOMPARE(end.value("sid").toInteger(), 700);
        QVERIFY(!end.contains("seq"));

        // Byte-exact, in order.
        QCOMPARE(a->audioBytes(), sent);
        // Timing: the playback keeps the spacing the frames were sent with (about 4 x 60 ms,
        // then the 300 ms pause), within what a loaded machine adds.
        auto played = [&](int i, int j) { return a->audio().at(j).atMs - a->audio().at(i).atMs; };
        auto spoken = [&](int i, int j) { return sentAt.at(j) - sentAt.at(i); };
        QVERIFY2(qAbs(played(0, 5) - spoken(0, 5)) <= 150,
                 qPrintable(QStringLiteral("played %1 ms, spoken %2 ms").arg(played(0, 5)).arg(spoken(0, 5))));
        QVERIFY2(qAbs(played(0, 4) - spoken(0, 4)) <= 150,
                 qPrintable(QStringLiteral("played %1 ms, spoken %2 ms").arg(played(0, 4)).arg(spoken(0, 4))));
        QVERIFY2(played(4, 5) >= spoken(4, 5) - 100,
                 qPrintable(QStringLiteral("pause played %1 ms, spoken %2 ms").arg(played(4, 5)).arg(spoken(4, 5))));
        QVERIFY(spoken(4, 5) >= 300);
        QVERIFY(a->audio().first().atMs - overAt < 200);

        // Bob heard none of it, and nobody got presence about echo members.
        QCOMPARE(b->audio().size(), 0);
        QCOMPARE(b->pendingCount("talking"), 0);
        QCOMPARE(a->pendingCount("presence") + b->pendingCount("presence"), 0);

        // Bob's own playback reaches Bob alone.
        QCOMPARE(b->over(800).value("reason").toString(), QStringLiteral("released"));
        QVERIFY(b->waitAudio(3, 2000));
        QVERIFY(!b->take("over", 1000).isEmpty());
        QCOMPARE(a->audio().size(), 6);
    }

    void joinedShowsNoOtherMembers()
    {
        auto a = member(QStringLiteral("Alice"));
        QVERIFY(a);
        Client b(QStringLiteral("Bob"));
        QVERIFY(b.open(relay->url()));
        b.hello();
        const QJsonObject j = b.join("echo");
        QCOMPARE(j.value("members").toArray().size(), 0);
        QVERIFY(j.value("talker").isNull());
    }

    void cappedByMaxTalkTime()
    {
        RelayConfig cfg = fastConfig();
        cfg.maxTalkMs = 300;
        relay = startRelay(cfg);
        QVERIFY(relay);
        auto a = member(QStringLiteral("Alice"));
        QVERIFY(a);
        QCOMPARE(a->talk("echo", 9).value("max_ms").toInt(), 300);
        QElapsedTimer t;
        t.start();
        quint32 seq = 0;
        QJsonObject over;
        while (t.elapsed() < 2000 && over.isEmpty()) {
            a->sendBinary(audioFrame(9, ++seq, 30));
            over = a->take("over", 20);
        }
        QCOMPARE(over.value("reason").toString(), QStringLiteral("max_time"));
        // Frames after the cap are not recorded; the recording plays back.
        const quint64 recorded = relay->stats().framesRecorded;
        QVERIFY(recorded > 3 && recorded <= seq);
        for (int i = 0; i < 3; ++i)
            a->sendBinary(audioFrame(9, ++seq, 30));
        QVERIFY(waitFor([&] { return relay->stats().droppedNotHolder >= 3; }, 1000));
        QCOMPARE(relay->stats().framesRecorded, recorded);
        QVERIFY(!a->take("talking").isEmpty());
        QVERIFY(a->waitAudio(int(recorded), 2000));
        QVERIFY(!a->take("over", 1000).isEmpty());
        QCOMPARE(a->audio().size(), int(recorded));
    }

    void newTalkStopsPlayback()
    {
        auto a = member(QStringLiteral("Alice"));
        QVERIFY(a);
        QVERIFY(a->talk("echo", 1).value("t") == QLatin1String("granted"));
        speak(*a, 1, 10, 50);
        QVERIFY(a->over(1).value("t") == QLatin1String("over"));
        QVERIFY(a->waitAudio(2, 1000));
        // Talking again cuts the playback short: its over comes, then a new recording starts.
        QCOMPARE(a->talk("echo", 2).value("t").toString(), QStringLiteral("granted"));
        QJsonObject end = a->take("over");
        QCOMPARE(end.value("sid").toInteger(), 1);
        const int played = a->audio().size();
        QVERIFY(played < 10);
        QVERIFY(!a->waitAudio(played + 1, 300));
    }

    void idleRecordingPlaysBack()
    {
        RelayConfig cfg = fastConfig();
        cfg.idleRevokeMs = 200;
        relay = startRelay(cfg);
        QVERIFY(relay);
        auto a = member(QStringLiteral("Alice"));
        QVERIFY(a);
        QVERIFY(a->talk("echo", 3).value("t") == QLatin1String("granted"));
        speak(*a, 3, 3, 20);
        QCOMPARE(a->take("over", 1000).value("reason").toString(), QStringLiteral("idle"));
        QVERIFY(!a->take("talking").isEmpty());
        QVERIFY(a->waitAudio(3));
    }

    void leavingStopsEverything()
    {
        auto a = member(QStringLiteral("Alice"));
        QVERIFY(a);
        QVERIFY(a->talk("echo", 4).value("t") == QLatin1String("granted"));
        speak(*a, 4, 3, 10);
        a->send({{"t", "leave"}, {"ch", "echo"}});
        QVERIFY(!a->take("left").isEmpty());
        QVERIFY(!a->waitAudio(1, 200));
        QCOMPARE(relay->stats().talkers, 0);
        // Disconnecting mid-recording is fine too.
        auto b = member(QStringLiteral("Bob"));
        QVERIFY(b);
        QVERIFY(b->talk("echo", 5).value("t") == QLatin1String("granted"));
        speak(*b, 5, 3, 10);
        b.reset();
        QVERIFY(waitFor([&] { return relay->stats().connections == 1 && relay->stats().talkers == 0; }, 1000));
    }
};

QTEST_GUILESS_MAIN(TestRelayEcho)
#include "test_relay_echo.moc"
