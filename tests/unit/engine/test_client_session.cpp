// RelaySession against a real in-process RelayServer (real sockets, real WebSockets), plus two
// small stand-ins for relays the real one cannot imitate: one that sends malformed messages and
// text-safe audio, and one that goes silent (a dead relay).

#include "net/RelaySession.h"
#include "protocol/AudioFrame.h"
#include "relay/RelayServer.h"
#include "relay/Token.h"

#include <QCryptographicHash>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QWebSocket>
#include <QWebSocketServer>
#include <QtTest>
#include <memory>

using tenfour::net::RelaySession;
using tenfour::relay::RelayConfig;
using tenfour::relay::RelayServer;

namespace {

RelaySession::Options options(const QUrl &url, const QString &name)
{
    RelaySession::Options o;
    o.url = url;
    o.name = name;
    o.backoffInitialMs = 100; // quick retries keep the reconnect test short
    o.backoffMaxMs = 400;
    return o;
}

bool waitState(RelaySession &s, RelaySession::State state, int ms = 5000)
{
    return QTest::qWaitFor([&] { return s.state() == state; }, ms);
}

bool waitJoined(RelaySession &s, const QString &ch, int ms = 5000)
{
    return QTest::qWaitFor([&] { return s.isJoined(ch); }, ms);
}

QString j(const char *s)
{
    return QString::fromUtf8(s).replace(QLatin1Char('\''), QLatin1Char('"'));
}

} // namespace

class TestClientSession : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<RelayServer>(RelayConfig{});
        QString err;
        QVERIFY2(m_server->listen(QHostAddress::LocalHost, 0, &err), qPrintable(err));
    }
    void cleanup() { m_server.reset(); }

    void helloJoinTalkAudioOver()
    {
        RelaySession a, b;
        QSignalSpy welcomed(&a, &RelaySession::welcomed);
        a.open(options(m_server->url(), QStringLiteral("Alice")));
        b.open(options(m_server->url(), QStringLiteral("Bob")));
        QVERIFY(waitState(a, RelaySession::State::Connected));
        QVERIFY(waitState(b, RelaySession::State::Connected));
        QCOMPARE(welcomed.count(), 1);
        QCOMPARE(a.selfName(), QStringLiteral("Alice"));
        QVERIFY(!a.selfId().isEmpty());

        QSignalSpy bJoined(&b, &RelaySession::joined);
        QSignalSpy aMember(&a, &RelaySession::memberJoined);
        a.join(QStringLiteral("general"));
        QVERIFY(waitJoined(a, QStringLiteral("general")));
        b.join(QStringLiteral("general"));
        QVERIFY(waitJoined(b, QStringLiteral("general")));
        QCOMPARE(bJoined.count(), 1);
        const QJsonArray members = bJoined.at(0).at(1).toJsonArray();
        QCOMPARE(members.size(), 1);
        QCOMPARE(members.at(0).toObject().value(QLatin1String("name")).toString(), QStringLiteral("Alice"));
        QVERIFY(QTest::qWaitFor([&] { return aMember.count() == 1; }, 5000));
        QCOMPARE(aMember.at(0).at(2).toString(), QStringLiteral("Bob"));

        QSignalSpy granted(&a, &RelaySession::granted);
        QSignalSpy talkStarted(&b, &RelaySession::talkStarted);
        QSignalSpy audio(&b, &RelaySession::audioReceived);
        QSignalSpy talkEnded(&b, &RelaySession::talkEnded);
        QSignalSpy aEnded(&a, &RelaySession::transmitEnded);
        const quint32 sid = a.requestTalk(QStringLiteral("general"));
        QVERIFY(sid != 0);
        QVERIFY(QTest::qWaitFor([&] { return granted.count() == 1; }, 5000));
        QCOMPARE(granted.at(0).at(1).toUInt(), sid);
        QVERIFY(QTest::qWaitFor([&] { return talkStarted.count() == 1; }, 5000));
        QCOMPARE(talkStarted.at(0).at(1).toUInt(), sid);
        QCOMPARE(talkStarted.at(0).at(3).toString(), QStringLiteral("Alice"));

        for (quint32 seq = 0; seq < 5; ++seq)
            QVERIFY(a.sendAudio(sid, seq, QByteArray(40 + int(seq), char('a' + seq))));
        QVERIFY(QTest::qWaitFor([&] { return audio.count() == 5; }, 5000));
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(audio.at(i).at(0).toUInt(), sid);
            QCOMPARE(audio.at(i).at(1).toUInt(), quint32(i));
            QCOMPARE(audio.at(i).at(2).toByteArray(), QByteArray(40 + i, char('a' + i)));
        }
        a.sendOver(sid);
        QVERIFY(QTest::qWaitFor([&] { return aEnded.count() == 1 && talkEnded.count() == 1; }, 5000));
        QCOMPARE(aEnded.at(0).at(1).toUInt(), sid);
        QCOMPARE(aEnded.at(0).at(2).toString(), QStringLiteral("released"));
        QCOMPARE(talkEnded.at(0).at(1).toUInt(), sid);
        QCOMPARE(b.stats().malformed, quint64(0));
    }

    void deniedWhileBusyNamesTheTalker()
    {
        RelaySession a, b;
        a.open(options(m_server->url(), QStringLiteral("Alice")));
        b.open(options(m_server->url(), QStringLiteral("Bob")));
        a.join(QStringLiteral("ops"));
        b.join(QStringLiteral("ops"));
        QVERIFY(waitJoined(a, QStringLiteral("ops")) && waitJoined(b, QStringLiteral("ops")));
        QSignalSpy granted(&a, &RelaySession::granted);
        QVERIFY(a.requestTalk(QStringLiteral("ops")) != 0);
        QVERIFY(QTest::qWaitFor([&] { return granted.count() == 1; }, 5000));
        QSignalSpy denied(&b, &RelaySession::denied);
        const quint32 sid = b.requestTalk(QStringLiteral("ops"));
        QVERIFY(QTest::qWaitFor([&] { return denied.count() == 1; }, 5000));
        QCOMPARE(denied.at(0).at(1).toUInt(), sid);
        QCOMPARE(denied.at(0).at(2).toString(), QStringLiteral("busy"));
        QCOMPARE(denied.at(0).at(3).toString(), QStringLiteral("Alice"));
        // Not joined: no request goes out at all.
        QCOMPARE(b.requestTalk(QStringLiteral("elsewhere")), 0u);
    }

    void textSafeAudioIsSentAndRelayed()
    {
        RelaySession a, b;
        RelaySession::Options oa = options(m_server->url(), QStringLiteral("Alice"));
        oa.textSafeAudio = true;
        a.open(oa);
        b.open(options(m_server->url(), QStringLiteral("Bob")));
        a.join(QStringLiteral("t"));
        b.join(QStringLiteral("t"));
        QVERIFY(waitJoined(a, QStringLiteral("t")) && waitJoined(b, QStringLiteral("t")));
        QSignalSpy granted(&a, &RelaySession::granted);
        QSignalSpy audio(&b, &RelaySession::audioReceived);
        const quint32 sid = a.requestTalk(QStringLiteral("t"));
        QVERIFY(QTest::qWaitFor([&] { return granted.count() == 1; }, 5000));
        QVERIFY(a.sendAudio(sid, 7, QByteArray("\x00\xff\x80opus", 7)));
        QVERIFY(QTest::qWaitFor([&] { return audio.count() == 1; }, 5000));
        QCOMPARE(audio.at(0).at(1).toUInt(), 7u);
        QCOMPARE(audio.at(0).at(2).toByteArray(), QByteArray("\x00\xff\x80opus", 7));
    }

    void reconnectsWithBackoffAndRejoins()
    {
        RelaySession a;
        QSignalSpy states(&a, &RelaySession::stateChanged);
        a.open(options(m_server->url(), QStringLiteral("Alice")));
        a.join(QStringLiteral("general"));
        QVERIFY(waitJoined(a, QStringLiteral("general")));
        const quint16 port = m_server->port();

        QSignalSpy left(&a, &RelaySession::left);
        m_server.reset(); // the relay goes away
        QVERIFY(waitState(a, RelaySession::State::Reconnecting));
        QVERIFY(left.count() >= 1);
        QVERIFY(!a.isJoined(QStringLiteral("general")));
        QTest::qWait(300); // a few refused attempts while the relay is down
        bool sawDelay = false;
        for (const QList<QVariant> &s : std::as_const(states)) {
            if (s.at(0).value<RelaySession::State>() == RelaySession::State::Reconnecting) {
                QVERIFY(s.at(1).toInt() >= 50 && s.at(1).toInt() <= 400); // jittered backoff in range
                QVERIFY(!s.at(2).toString().isEmpty());                   // and a reason
                sawDelay = true;
            }
        }
        QVERIFY(sawDelay);

        m_server = std::make_unique<RelayServer>(RelayConfig{});
        QString err;
        QVERIFY2(m_server->listen(QHostAddress::LocalHost, port, &err), qPrintable(err));
        QVERIFY(waitState(a, RelaySession::State::Connected));
        QVERIFY(waitJoined(a, QStringLiteral("general"))); // joined again without being asked
        QCOMPARE(a.stats().connects, quint64(2));
    }

    void unauthorizedNeverRetries()
    {
        RelayConfig cfg;
        cfg.tokenSecret = "s3cret";
        RelayServer server(cfg);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));

        RelaySession bad;
        RelaySession::Options o = options(server.url(), QStringLiteral("Mallory"));
        o.token = QStringLiteral("not-a-token");
        QSignalSpy states(&bad, &RelaySession::stateChanged);
        bad.open(o);
        QVERIFY(waitState(bad, RelaySession::State::Unauthorized));
        QVERIFY(!states.last().at(2).toString().isEmpty());
        const int changes = int(states.count());
        QTest::qWait(600); // longer than the largest backoff: nothing may happen
        QCOMPARE(int(states.count()), changes);
        QCOMPARE(bad.state(), RelaySession::State::Unauthorized);

        RelaySession good;
        o.token =
            QString::fromLatin1(tenfour::relay::TokenMinter("s3cret").mint(QStringLiteral("Alice"), 60));
        good.open(o);
        QVERIFY(waitState(good, RelaySession::State::Connected));
        QCOMPARE(good.selfName(), QStringLiteral("Alice")); // the token's name wins
    }

    void refusedHelloFailsWithoutRetrying()
    {
        RelaySession s;
        QSignalSpy errors(&s, &RelaySession::serverError);
        s.open(options(m_server->url(), QString(70, QLatin1Char('x')))); // names are 1..64 characters
        QVERIFY(waitState(s, RelaySession::State::Failed));
        QCOMPARE(errors.count(), 1);
        QCOMPARE(errors.at(0).at(0).toString(), QStringLiteral("bad_request"));
        QTest::qWait(300);
        QCOMPARE(s.state(), RelaySession::State::Failed);
    }

    void unreachableFailsFastWhenAsked()
    {
        const QUrl url = m_server->url();
        m_server.reset(); // nothing listens there any more
        RelaySession s;
        RelaySession::Options o = options(url, QStringLiteral("Alice"));
        o.retryFirstAttempt = false;
        s.open(o);
        QVERIFY(waitState(s, RelaySession::State::Failed));

        RelaySession bad;
        bad.open(options(QUrl(QStringLiteral("http://example.invalid/")), QStringLiteral("x")));
        QCOMPARE(bad.state(), RelaySession::State::Failed);
    }

    void malformedMessagesAreCountedAndIgnored()
    {
        // A stand-in relay that answers hello with a welcome, then sends junk between two good
        // audio frames (one binary, one text-safe).
        QWebSocketServer fake(QStringLiteral("fake"), QWebSocketServer::NonSecureMode);
        QVERIFY(fake.listen(QHostAddress::LocalHost, 0));
        std::unique_ptr<QWebSocket> owned; // server-side sockets belong to whoever takes them
        QWebSocket *peer = nullptr;
        connect(&fake, &QWebSocketServer::newConnection, this, [&] {
            owned.reset(fake.nextPendingConnection());
            peer = owned.get();
            connect(peer, &QWebSocket::textMessageReceived, peer, [peer](const QString &text) {
                if (!text.contains(QLatin1String("\"hello\"")))
                    return;
                peer->sendTextMessage(j("{'t':'welcome','v':1,'id':'c1','name':'Alice','newField':[1,2]}"));
                peer->sendTextMessage(j("{'t':'talking','ch':'g','id':'c2','name':'Bob','sid':9}"));
                peer->sendBinaryMessage(tenfour::protocol::makeAudioFrame(9, 0, QByteArray("good1")));
                peer->sendTextMessage(QStringLiteral("{not json"));
                peer->sendTextMessage(QStringLiteral("[1,2,3]"));
                peer->sendTextMessage(j("{'t':'granted','ch':'g'}"));          // no sid
                peer->sendTextMessage(j("{'t':'talking','ch':'g','sid':-1}")); // bad sid
                peer->sendTextMessage(j("{'t':'from-the-future','x':1}")); // unknown: ignored, not malformed
                peer->sendTextMessage(QStringLiteral("~!!!not base64"));
                peer->sendBinaryMessage(QByteArray("\x07short", 6)); // unknown frame type
                peer->sendBinaryMessage(QByteArray(3, '\x01'));      // too short
                peer->sendTextMessage(tenfour::protocol::encodeTextSafe(
                    tenfour::protocol::makeAudioFrame(9, 1, QByteArray("good2"))));
                peer->sendTextMessage(j("{'t':'over','ch':'g','id':'c2','sid':9,'reason':'released'}"));
            });
        });
        RelaySession s;
        QSignalSpy audio(&s, &RelaySession::audioReceived);
        QSignalSpy ended(&s, &RelaySession::talkEnded);
        s.open(options(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(fake.serverPort())),
                       QStringLiteral("Alice")));
        QVERIFY(QTest::qWaitFor([&] { return ended.count() == 1; }, 5000));
        QCOMPARE(s.state(), RelaySession::State::Connected);
        QCOMPARE(audio.count(), 2);
        QCOMPARE(audio.at(0).at(2).toByteArray(), QByteArray("good1"));
        QCOMPARE(audio.at(1).at(1).toUInt(), 1u);
        QCOMPARE(audio.at(1).at(2).toByteArray(), QByteArray("good2"));
        QCOMPARE(s.stats().malformed, quint64(7));
        QCOMPARE(s.stats().ignoredTypes, quint64(1));
        QCOMPARE(s.stats().audioInTextSafe, quint64(1));
    }

    void silentRelayIsDetectedAsDead()
    {
        // A relay that completes the WebSocket handshake, welcomes, then never answers again
        // (no pong): the session must give up on it and reconnect.
        QTcpServer tcp;
        QVERIFY(tcp.listen(QHostAddress::LocalHost, 0));
        int connections = 0;
        connect(&tcp, &QTcpServer::newConnection, this, [&] {
            QTcpSocket *c = tcp.nextPendingConnection();
            ++connections;
            connect(c, &QTcpSocket::readyRead, c, [c] {
                const QByteArray req = c->readAll();
                const int at = int(req.indexOf("Sec-WebSocket-Key: "));
                if (at < 0)
                    return; // a WebSocket frame from the client (hello, ping): ignored
                const QByteArray clientKey = req.mid(at + 19, req.indexOf("\r\n", at) - at - 19);
                const QByteArray accept =
                    QCryptographicHash::hash(clientKey + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11",
                                             QCryptographicHash::Sha1)
                        .toBase64();
                c->write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                         "Sec-WebSocket-Accept: " +
                         accept + "\r\n\r\n");
                const QByteArray welcome = j("{'t':'welcome','v':1,'id':'x','name':'A'}").toUtf8();
                c->write(QByteArray(1, char(0x81)) + QByteArray(1, char(welcome.size())) + welcome);
            });
        });
        RelaySession s;
        RelaySession::Options o =
            options(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(tcp.serverPort())), QStringLiteral("A"));
        o.pingIntervalMs = 200;
        o.deadAfterMs = 800;
        QSignalSpy states(&s, &RelaySession::stateChanged);
        s.open(o);
        QVERIFY(waitState(s, RelaySession::State::Connected));
        QElapsedTimer t;
        t.start();
        QVERIFY(waitState(s, RelaySession::State::Reconnecting, 5000));
        QVERIFY2(t.elapsed() >= 700 && t.elapsed() < 3000, qPrintable(QString::number(t.elapsed())));
        QVERIFY(states.last().at(2).toString().contains(QLatin1String("stopped answering")));
        QVERIFY(QTest::qWaitFor([&] { return connections >= 2; }, 5000)); // and it came back
    }

private:
    std::unique_ptr<RelayServer> m_server;
};

QTEST_GUILESS_MAIN(TestClientSession)
#include "test_client_session.moc"
