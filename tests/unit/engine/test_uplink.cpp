// Transmitter -> Uplink -> RelaySession -> a real in-process RelayServer -> another session:
// a transmission becomes talk, every frame from seq 0 (the ones encoded before the grant were
// held back, not lost), over; a busy channel becomes a denial with nothing sent.

#include "engine/Transmitter.h"
#include "engine/Uplink.h"
#include "net/RelaySession.h"
#include "relay/RelayServer.h"

#include <QSignalSpy>
#include <QtTest>
#include <cmath>

using namespace tenfour;

namespace {

device::CaptureFrame tone(int index, bool pressed)
{
    device::CaptureFrame f;
    f.pressed = pressed;
    for (int i = 0; i < 960; ++i)
        f.samples[i] = qint16(std::lround(6000.0 * std::sin(2 * M_PI * 300.0 * (index * 960 + i) / 48000.0)));
    return f;
}

bool connectAndJoin(net::RelaySession &s, const QUrl &url, const QString &name, const QString &ch)
{
    net::RelaySession::Options o;
    o.url = url;
    o.name = name;
    s.open(o);
    s.join(ch);
    return QTest::qWaitFor([&] { return s.isJoined(ch); }, 5000);
}

} // namespace

class TestUplink : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void transmissionIsTalkFramesOver()
    {
        relay::RelayServer server(relay::RelayConfig{});
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        net::RelaySession a, b;
        QVERIFY(connectAndJoin(a, server.url(), QStringLiteral("Alice"), QStringLiteral("ch")));
        QVERIFY(connectAndJoin(b, server.url(), QStringLiteral("Bob"), QStringLiteral("ch")));

        engine::Transmitter::Config cfg;
        cfg.tailMs = 0;
        engine::Transmitter tx(cfg);
        engine::Uplink up(&tx, &a);
        up.setChannel(QStringLiteral("ch"));
        QSignalSpy granted(&up, &engine::Uplink::talkGranted);
        QSignalSpy ended(&up, &engine::Uplink::talkEnded);
        QSignalSpy audio(&b, &net::RelaySession::audioReceived);
        QSignalSpy talkEnded(&b, &net::RelaySession::talkEnded);
        tx.start();
        // All frames at once: most are encoded before the relay's grant can arrive.
        constexpr int kFrames = 30;
        for (int i = 0; i < kFrames; ++i)
            QVERIFY(tx.queue()->push(tone(i, true)));
        QVERIFY(tx.queue()->push(tone(kFrames, false)));

        QVERIFY(QTest::qWaitFor([&] { return ended.count() == 1; }, 5000));
        QCOMPARE(granted.count(), 1);
        QCOMPARE(ended.at(0).at(2).toString(), QStringLiteral("released")); // the relay acknowledged
        QVERIFY(QTest::qWaitFor([&] { return talkEnded.count() == 1; }, 5000));
        QCOMPARE(audio.count(), kFrames);
        for (int i = 0; i < kFrames; ++i) {
            QCOMPARE(audio.at(i).at(0).toUInt(), up.sid());
            QCOMPARE(audio.at(i).at(1).toUInt(), quint32(i));
        }
        QCOMPARE(up.framesSent(), quint64(kFrames));
        QCOMPARE(up.framesDropped(), quint64(0));
        QVERIFY(!up.isTalking());
    }

    void busyChannelIsDeniedAndNothingIsSent()
    {
        relay::RelayServer server(relay::RelayConfig{});
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        net::RelaySession a, holder;
        QVERIFY(connectAndJoin(a, server.url(), QStringLiteral("Alice"), QStringLiteral("ch")));
        QVERIFY(connectAndJoin(holder, server.url(), QStringLiteral("Carol"), QStringLiteral("ch")));
        QSignalSpy holderGranted(&holder, &net::RelaySession::granted);
        holder.requestTalk(QStringLiteral("ch"));
        QVERIFY(QTest::qWaitFor([&] { return holderGranted.count() == 1; }, 5000));

        engine::Transmitter tx;
        engine::Uplink up(&tx, &a);
        up.setChannel(QStringLiteral("ch"));
        QSignalSpy denied(&up, &engine::Uplink::talkDenied);
        QSignalSpy holderAudio(&holder, &net::RelaySession::audioReceived);
        tx.start();
        for (int i = 0; i < 10; ++i)
            QVERIFY(tx.queue()->push(tone(i, true)));
        QVERIFY(QTest::qWaitFor([&] { return denied.count() == 1; }, 5000));
        QCOMPARE(denied.at(0).at(1).toString(), QStringLiteral("busy"));
        QCOMPARE(denied.at(0).at(2).toString(), QStringLiteral("Carol"));
        QVERIFY(QTest::qWaitFor([&] { return tx.framesProcessed() == 10; }, 5000));
        QTest::qWait(100);
        QCOMPARE(up.framesSent(), quint64(0));
        QVERIFY(up.framesDropped() >= 1);
        QCOMPARE(holderAudio.count(), 0);
    }

    void notConnectedSaysSo()
    {
        net::RelaySession nowhere;
        engine::Transmitter tx;
        engine::Uplink up(&tx, &nowhere);
        up.setChannel(QStringLiteral("ch"));
        QSignalSpy failed(&up, &engine::Uplink::talkFailed);
        tx.start();
        QVERIFY(tx.queue()->push(tone(0, true)));
        QVERIFY(QTest::qWaitFor([&] { return failed.count() == 1; }, 5000));
        QVERIFY(failed.at(0).at(0).toString().contains(QLatin1String("not connected")));
    }
};

QTEST_GUILESS_MAIN(TestUplink)
#include "test_uplink.moc"
