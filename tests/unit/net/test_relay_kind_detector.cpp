// RelayKindDetector: welcome means a Tenfour relay; silence or another client's message means a
// broadcast relay; a welcome wins over a remembered broadcast hint.

#include "net/RelayKindDetector.h"

#include <QSignalSpy>
#include <QtTest>

using tenfour::net::RelayKind;
using tenfour::net::RelayKindDetector;

class TestRelayKindDetector : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void welcomeMeansSmart()
    {
        RelayKindDetector d;
        d.setWindowMs(100);
        QSignalSpy spy(&d, &RelayKindDetector::detected);
        d.start();
        QCOMPARE(d.kind(), RelayKind::Unknown);
        d.noteWelcome();
        QCOMPARE(d.kind(), RelayKind::Smart);
        QTest::qWait(250); // the window passes: nothing more
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy[0][0].value<RelayKind>(), RelayKind::Smart);
        // What a Tenfour relay sends after welcome decides nothing.
        QVERIFY(!d.noteMessage(QStringLiteral("talking")));
    }

    void silenceMeansBroadcast()
    {
        RelayKindDetector d;
        d.setWindowMs(150);
        QSignalSpy spy(&d, &RelayKindDetector::detected);
        QElapsedTimer t;
        t.start();
        d.start();
        QVERIFY(spy.wait(2000));
        QVERIFY(t.elapsed() >= 140);
        QCOMPARE(d.kind(), RelayKind::Broadcast);
        QVERIFY(spy[0][1].toString().contains(QLatin1String("no welcome")));
    }

    void anotherClientsMessageMeansBroadcast_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<bool>("decides");
        for (const char *t : {"hello", "join", "talk", "leave", "announce", "bye", "talking", "over"})
            QTest::newRow(t) << QString::fromLatin1(t) << true;
        for (const char *t : {"error", "joined", "granted", "something_new", ""})
            QTest::newRow(*t ? t : "empty") << QString::fromLatin1(t) << false;
    }
    void anotherClientsMessageMeansBroadcast()
    {
        QFETCH(QString, type);
        QFETCH(bool, decides);
        RelayKindDetector d;
        d.setWindowMs(5000);
        QSignalSpy spy(&d, &RelayKindDetector::detected);
        d.start();
        QCOMPARE(d.noteMessage(type), decides);
        QCOMPARE(d.kind(), decides ? RelayKind::Broadcast : RelayKind::Unknown);
        QCOMPARE(spy.count(), decides ? 1 : 0);
    }

    void broadcastHintDecidesAtOnceButWelcomeWins()
    {
        RelayKindDetector d;
        QSignalSpy spy(&d, &RelayKindDetector::detected);
        d.start(RelayKind::Broadcast);
        QCOMPARE(d.kind(), RelayKind::Broadcast);
        QCOMPARE(spy.count(), 1);
        d.noteWelcome();
        QCOMPARE(d.kind(), RelayKind::Smart);
        QCOMPARE(spy.count(), 2);
    }

    void stopForgetsTheConnection()
    {
        RelayKindDetector d;
        d.setWindowMs(50);
        QSignalSpy spy(&d, &RelayKindDetector::detected);
        d.start();
        d.stop();
        QTest::qWait(150);
        QCOMPARE(spy.count(), 0);
        d.noteWelcome(); // a late message of a dead connection
        QCOMPARE(d.kind(), RelayKind::Unknown);
    }

    void names()
    {
        for (RelayKind k : {RelayKind::Unknown, RelayKind::Smart, RelayKind::Broadcast})
            QCOMPARE(tenfour::net::relayKindFromName(tenfour::net::relayKindName(k)), k);
        QCOMPARE(tenfour::net::relayKindDescription(RelayKind::Broadcast),
                 QStringLiteral("basic relay: no floor control, everyone in one room"));
    }
};

QTEST_GUILESS_MAIN(TestRelayKindDetector)
#include "test_relay_kind_detector.moc"
