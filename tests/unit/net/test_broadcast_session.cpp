// RelaySession on a broadcast relay (an in-process forward-to-all-others QWebSocketServer, real
// sockets): detection, members, talk/busy/over, a collision decided the same way on both sides,
// garbage from a third client, and a welcome winning over a broadcast hint on a real RelayServer.

#include "net/RelaySession.h"
#include "protocol/AudioFrame.h"
#include "relay/RelayServer.h"

#include <QSignalSpy>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>
#include <QtTest>
#include <memory>

using tenfour::net::RelayKind;
using tenfour::net::RelaySession;

namespace {

// The dumb relay: every message to every other client, same opcode, nothing else.
class EchoToOthers : public QObject {
public:
    EchoToOthers() : m_server(QStringLiteral("b"), QWebSocketServer::NonSecureMode)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *ws = m_server.nextPendingConnection()) {
                m_clients.append(ws);
                connect(ws, &QWebSocket::textMessageReceived, this, [this, ws](const QString &t) {
                    for (QWebSocket *o : std::as_const(m_clients))
                        if (o != ws)
                            o->sendTextMessage(t);
                });
                connect(ws, &QWebSocket::binaryMessageReceived, this, [this, ws](const QByteArray &b) {
                    ++binaryIn;
                    for (QWebSocket *o : std::as_const(m_clients))
                        if (o != ws)
                            o->sendBinaryMessage(b);
                });
                connect(ws, &QWebSocket::disconnected, this, [this, ws] {
                    m_clients.removeAll(ws);
                    ws->deleteLater();
                });
            }
        });
    }
    ~EchoToOthers() override
    {
        // Ours to delete (nextPendingConnection hands them over); none of their signals may
        // reach this half-destroyed object.
        for (QWebSocket *ws : std::as_const(m_clients)) {
            disconnect(ws, nullptr, this, nullptr);
            delete ws;
        }
    }
    void dropAll()
    {
        for (QWebSocket *ws : std::as_const(m_clients))
            ws->abort();
    }
    QUrl url() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1/any/path").arg(m_server.serverPort())); }
    int binaryIn = 0;

private:
    QWebSocketServer m_server;
    QList<QWebSocket *> m_clients;
};

RelaySession::Options options(const QUrl &url, const QString &name)
{
    RelaySession::Options o;
    o.url = url;
    o.name = name;
    o.detectWindowMs = 300;
    o.backoffInitialMs = 100;
    o.backoffMaxMs = 400;
    return o;
}

bool waitJoined(RelaySession &s, const QString &ch, int ms = 5000)
{
    return QTest::qWaitFor([&] { return s.isJoined(ch); }, ms);
}

} // namespace

class TestBroadcastSession : public QObject {
    Q_OBJECT

    std::unique_ptr<EchoToOthers> m_relay;
    std::unique_ptr<RelaySession> m_a, m_b;

    void connectBoth()
    {
        m_a = std::make_unique<RelaySession>();
        m_b = std::make_unique<RelaySession>();
        m_a->open(options(m_relay->url(), QStringLiteral("Alice")));
        m_a->join(QStringLiteral("room"));
        QVERIFY(waitJoined(*m_a, QStringLiteral("room")));
        m_b->open(options(m_relay->url(), QStringLiteral("Bob")));
        m_b->join(QStringLiteral("room"));
        QVERIFY(waitJoined(*m_b, QStringLiteral("room")));
    }

private Q_SLOTS:
    void init() { m_relay = std::make_unique<EchoToOthers>(); }
    void cleanup()
    {
        m_a.reset();
        m_b.reset();
        m_relay.reset();
    }

    void detectsAndListsMembers()
    {
        m_a = std::make_unique<RelaySession>();
        QSignalSpy kindA(m_a.get(), &RelaySession::relayKindChanged);
        QSignalSpy membersA(m_a.get(), &RelaySession::memberJoined);
        QElapsedTimer t;
        t.start();
        m_a->open(options(m_relay->url(), QStringLiteral("Alice")));
        m_a->join(QStringLiteral("room"));
        QVERIFY(waitJoined(*m_a, QStringLiteral("room")));
        QVERIFY(t.elapsed() >= 290); // alone: the window had to pass
        QCOMPARE(kindA.count(), 1);
        QCOMPARE(kindA[0][0].value<RelayKind>(), RelayKind::Broadcast);
        QCOMPARE(m_a->state(), RelaySession::State::Connected);
        QVERIFY(m_a->selfId().startsWith(QLatin1Char('b')));

        // The second one hears Alice answer its hello: no wait, and Alice is in its list.
        m_b = std::make_unique<RelaySession>();
        QSignalSpy joinedB(m_b.get(), &RelaySession::joined);
        QSignalSpy kindB(m_b.get(), &RelaySession::relayKindChanged);
        t.restart();
        m_b->open(options(m_relay->url(), QStringLiteral("Bob")));
        m_b->join(QStringLiteral("room"));
        QVERIFY(waitJoined(*m_b, QStringLiteral("room")));
        QVERIFY2(t.elapsed() < 250, qPrintable(QString::number(t.elapsed())));
        QVERIFY(kindB[0][1].toString().contains(QLatin1String("announce")));
        QVERIFY(membersA.wait(2000) || membersA.count() > 0);
        QCOMPARE(membersA[0][2].toString(), QStringLiteral("Bob"));
        // Bob's list: from Alice's announce, which came before his joined (or right after).
        QVERIFY(QTest::qWaitFor([&] { return m_b->stats().connects == 1; }));
        QCOMPARE(joinedB.count(), 1);

        // Bob leaves politely: Alice forgets him.
        QSignalSpy leftA(m_a.get(), &RelaySession::memberLeft);
        m_b->close();
        QVERIFY(leftA.wait(2000));
        QCOMPARE(leftA[0][2].toString(), QStringLiteral("Bob"));
    }

    void talkBusyAndOver()
    {
        connectBoth();
        QSignalSpy grantedA(m_a.get(), &RelaySession::granted);
        QSignalSpy startedB(m_b.get(), &RelaySession::talkStarted);
        QSignalSpy audioB(m_b.get(), &RelaySession::audioReceived);
        const quint32 sid = m_a->requestTalk(QStringLiteral("room"));
        QVERIFY(sid != 0);
        QVERIFY(grantedA.wait(2000));
        QVERIFY(startedB.wait(2000));
        QCOMPARE(startedB[0][1].toUInt(), sid);
        QCOMPARE(startedB[0][2].toString(), m_a->selfId());
        QCOMPARE(startedB[0][3].toString(), QStringLiteral("Alice"));
        const QByteArray opus(60, '\x5a');
        QVERIFY(m_a->sendAudio(sid, 0, opus));
        QVERIFY(m_a->sendAudio(sid, 1, opus));
        QVERIFY(QTest::qWaitFor([&] { return audioB.count() == 2; }, 2000));
        QCOMPARE(audioB[1][2].toByteArray(), opus);
        QCOMPARE(m_b->stats().audioInTextSafe, 2u); // text-safe only: a Ratchet relay cannot harm it
        QCOMPARE(m_relay->binaryIn, 0);

        // Bob may not start now: busy, exactly like a relay's denial.
        QSignalSpy deniedB(m_b.get(), &RelaySession::denied);
        const quint32 sidB = m_b->requestTalk(QStringLiteral("room"));
        QVERIFY(deniedB.wait(2000));
        QCOMPARE(deniedB[0][1].toUInt(), sidB);
        QCOMPARE(deniedB[0][2].toString(), QStringLiteral("busy"));
        QCOMPARE(deniedB[0][3].toString(), QStringLiteral("Alice"));
        QVERIFY(!m_b->sendAudio(sidB, 0, opus));

        QSignalSpy endA(m_a.get(), &RelaySession::transmitEnded);
        QSignalSpy endB(m_b.get(), &RelaySession::talkEnded);
        m_a->sendOver(sid);
        QVERIFY(endA.wait(2000));
        QCOMPARE(endA[0][2].toString(), QStringLiteral("released"));
        QVERIFY(endB.wait(2000));
        QCOMPARE(endB[0][1].toUInt(), sid);

        // Free again: Bob gets it.
        QSignalSpy grantedB(m_b.get(), &RelaySession::granted);
        m_b->requestTalk(QStringLiteral("room"));
        QVERIFY(grantedB.wait(2000));
    }

    void collisionIsDecidedTheSameEverywhere()
    {
        for (int round = 0; round < 5; ++round) {
            connectBoth();
            QSignalSpy grantedA(m_a.get(), &RelaySession::granted);
            QSignalSpy grantedB(m_b.get(), &RelaySession::granted);
            QSignalSpy deniedA(m_a.get(), &RelaySession::denied);
            QSignalSpy deniedB(m_b.get(), &RelaySession::denied);
            // The same event-loop turn: neither can have heard the other.
            const quint32 sa = m_a->requestTalk(QStringLiteral("room"));
            const quint32 sb = m_b->requestTalk(QStringLiteral("room"));
            QVERIFY(QTest::qWaitFor([&] { return deniedA.count() + deniedB.count() == 1; }, 2000));
            QTest::qWait(100);
            const bool aWins = sa < sb;
            QCOMPARE(deniedA.count(), aWins ? 0 : 1);
            QCOMPARE(deniedB.count(), aWins ? 1 : 0);
            QSignalSpy &lost = aWins ? deniedB : deniedA;
            QCOMPARE(lost[0][2].toString(), QStringLiteral("busy"));
            QCOMPARE(lost[0][3].toString(), aWins ? QStringLiteral("Alice") : QStringLiteral("Bob"));
            // Both were granted first (no round trip to wait for); only the winner may send now.
            QCOMPARE(grantedA.count() + grantedB.count(), 2);
            QCOMPARE(m_a->sendAudio(sa, 0, "x"), aWins);
            QCOMPARE(m_b->sendAudio(sb, 0, "x"), !aWins);
            cleanup();
            init();
        }
    }

    void channelJoinedAfterConnectingGetsTheEvents()
    {
        // The app joins its channels once connected: the room's events must go there.
        m_a = std::make_unique<RelaySession>();
        m_a->open(options(m_relay->url(), QStringLiteral("Alice")));
        QVERIFY(QTest::qWaitFor([&] { return m_a->isConnected(); }, 3000));
        m_a->join(QStringLiteral("late"));
        QVERIFY(m_a->isJoined(QStringLiteral("late")));
        m_b = std::make_unique<RelaySession>();
        m_b->open(options(m_relay->url(), QStringLiteral("Bob")));
        m_b->join(QStringLiteral("other-name"));
        QVERIFY(waitJoined(*m_b, QStringLiteral("other-name")));
        QSignalSpy startedA(m_a.get(), &RelaySession::talkStarted);
        m_b->requestTalk(QStringLiteral("other-name"));
        QVERIFY(startedA.wait(2000));
        QCOMPARE(startedA[0][0].toString(), QStringLiteral("late")); // one room, whatever the names
    }

    void garbageIsIgnoredAndCounted()
    {
        connectBoth();
        QSignalSpy stateA(m_a.get(), &RelaySession::stateChanged);
        QSignalSpy errorsA(m_a.get(), &RelaySession::serverError);
        QWebSocket bad;
        bad.open(m_relay->url());
        QVERIFY(QTest::qWaitFor([&] { return bad.state() == QAbstractSocket::ConnectedState; }, 3000));
        const QStringList texts = {
            QStringLiteral("not json"),
            QStringLiteral("[1]"),
            QStringLiteral("{\"seq\":1}"),
            QStringLiteral("{\"t\":\"hello\",\"v\":1,\"name\":\"X\"}"),
            QStringLiteral("{\"t\":\"talk\",\"ch\":\"room\",\"sid\":5}"),
            QStringLiteral("{\"t\":\"welcome\",\"seq\":1,\"id\":\"u1\"}"),
            QStringLiteral("{\"t\":\"error\",\"seq\":9,\"code\":\"unauthorized\"}"),
            QStringLiteral("{\"t\":\"error\",\"code\":\"bad_request\"}"),
            QStringLiteral("{\"t\":\"granted\",\"sid\":5}"),
            QStringLiteral("{\"t\":\"over\",\"sid\":5,\"id\":\"zz\"}"),
            QStringLiteral("{\"t\":\"talking\",\"sid\":\"x\"}"),
            QStringLiteral("~!!!"),
            QStringLiteral("~") + QString::fromLatin1(QByteArray("\x02junkjunkjunk").toBase64()),
        };
        for (int i = 0; i < 20; ++i) {
            for (const QString &t : texts)
                bad.sendTextMessage(t);
            bad.sendBinaryMessage(QByteArray(i * 7, char(i)));
            bad.sendBinaryMessage(tenfour::protocol::makeAudioFrame(77, quint32(i), "zz")); // nobody's sid
        }
        bad.flush();
        QVERIFY(
            QTest::qWaitFor([&] { return m_a->stats().foreign > 100 && m_b->stats().malformed > 40; }, 5000));
        QTest::qWait(200);
        QCOMPARE(stateA.count(), 0);  // never left Connected
        QCOMPARE(errorsA.count(), 0); // forged errors are not the relay's
        QCOMPARE(m_a->state(), RelaySession::State::Connected);
        QCOMPARE(m_a->stats().audioIn, 0u);
        // ... and the room still works.
        QSignalSpy startedB(m_b.get(), &RelaySession::talkStarted);
        m_a->requestTalk(QStringLiteral("room"));
        QVERIFY(startedB.wait(2000));
    }

    // While the kind is still unknown, another client floods forged welcomes (not answering our
    // hello's seq): the session must end up in broadcast mode, never "welcomed" by a forgery.
    void forgedWelcomeBeforeDetectionIsNotTheRelays()
    {
        QWebSocket forger;
        forger.open(m_relay->url());
        QVERIFY(QTest::qWaitFor([&] { return forger.state() == QAbstractSocket::ConnectedState; }, 3000));
        QTimer flood;
        QObject::connect(&flood, &QTimer::timeout, &forger, [&] {
            forger.sendTextMessage(QStringLiteral("{\"t\":\"welcome\",\"seq\":99,\"v\":1,\"id\":\"u1\"}"));
            forger.sendTextMessage(QStringLiteral("{\"t\":\"error\",\"seq\":7,\"code\":\"unauthorized\"}"));
        });
        flood.start(2);
        RelaySession s;
        QSignalSpy errors(&s, &RelaySession::serverError);
        RelaySession::Options o = options(m_relay->url(), QStringLiteral("Dora"));
        o.detectWindowMs = 3000; // the forgery, not the timeout, must decide
        s.open(o);
        QVERIFY(QTest::qWaitFor([&] { return s.relayKind() != RelayKind::Unknown; }, 5000));
        flood.stop();
        QCOMPARE(s.relayKind(), RelayKind::Broadcast);
        QCOMPARE(s.state(), RelaySession::State::Connected);
        QVERIFY(!s.selfId().isEmpty() && s.selfId() != QLatin1String("u1"));
        QCOMPARE(errors.count(), 0);
        QVERIFY(s.stats().foreign > 0);
    }

    void welcomeWinsOverBroadcastHint()
    {
        tenfour::relay::RelayServer smart(tenfour::relay::RelayConfig{});
        QString err;
        QVERIFY2(smart.listen(QHostAddress::LocalHost, 0, &err), qPrintable(err));
        RelaySession s;
        QSignalSpy kinds(&s, &RelaySession::relayKindChanged);
        RelaySession::Options o = options(smart.url(), QStringLiteral("Carol"));
        o.kindHint = RelayKind::Broadcast;
        s.open(o);
        s.join(QStringLiteral("general"));
        QVERIFY(QTest::qWaitFor(
            [&] { return s.relayKind() == RelayKind::Smart && s.isJoined(QStringLiteral("general")); },
            5000));
        QCOMPARE(kinds.count(), 2);
        QCOMPARE(kinds[0][0].value<RelayKind>(), RelayKind::Broadcast);
        QCOMPARE(kinds[1][0].value<RelayKind>(), RelayKind::Smart);
        QVERIFY(s.selfId().startsWith(QLatin1Char('u'))); // the relay's id, not ours
        // The relay's floor control answers now.
        QSignalSpy granted(&s, &RelaySession::granted);
        s.requestTalk(QStringLiteral("general"));
        QVERIFY(granted.wait(2000));
    }

    void reconnectsStraightIntoBroadcast()
    {
        connectBoth();
        QSignalSpy kinds(m_b.get(), &RelaySession::relayKindChanged);
        QSignalSpy left(m_b.get(), &RelaySession::left);
        m_relay->dropAll();
        QVERIFY(left.wait(3000));
        // Back as usual, and at once in broadcast mode: no second wait for a welcome.
        QVERIFY(QTest::qWaitFor([&] { return kinds.count() > 0; }, 3000));
        QElapsedTimer t;
        t.start();
        QVERIFY(waitJoined(*m_b, QStringLiteral("room")));
        QVERIFY(t.elapsed() < 200);
        QCOMPARE(kinds[0][0].value<RelayKind>(), RelayKind::Broadcast);
        QVERIFY(kinds[0][1].toString().contains(QLatin1String("remembered")));
        QCOMPARE(m_b->stats().connects, 2u);
    }
};

QTEST_GUILESS_MAIN(TestBroadcastSession)
#include "test_broadcast_session.moc"
