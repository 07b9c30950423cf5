// BroadcastRoom alone: what it says (outgoing) and what it reports for what it hears.

#include "net/BroadcastRoom.h"
#include "protocol/ControlMessage.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QtTest>

using tenfour::net::BroadcastRoom;

namespace {
QJsonObject obj(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}
QJsonObject talking(quint32 sid, const char *id, const char *name)
{
    return QJsonObject{{QLatin1String("t"), QLatin1String("talking")},
                       {QLatin1String("sid"), double(sid)},
                       {QLatin1String("id"), QLatin1String(id)},
                       {QLatin1String("name"), QLatin1String(name)}};
}
} // namespace

class TestBroadcastRoom : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void announcesItselfAndAnswersNewcomers()
    {
        BroadcastRoom room;
        QSignalSpy out(&room, &BroadcastRoom::outgoing);
        room.start(QStringLiteral("bme"), QStringLiteral("Me"), QStringLiteral("tenfour/test"),
                   QStringLiteral("ws://h:8080/x"), QStringLiteral("room"));
        QCOMPARE(out.count(), 1);
        const QJsonObject a = obj(out[0][0].toString());
        QCOMPARE(a.value(QLatin1String("t")).toString(), QStringLiteral("announce"));
        QCOMPARE(a.value(QLatin1String("id")).toString(), QStringLiteral("bme"));
        QCOMPARE(a.value(QLatin1String("name")).toString(), QStringLiteral("Me"));
        QCOMPARE(a.value(QLatin1String("ch")).toString(),
                 QStringLiteral("ws://h:8080/x")); // the channel is the URL

        // A newcomer is answered at once; a flood of hellos right after gets one more answer.
        for (int i = 0; i < 50; ++i)
            QVERIFY(room.handleControl(QStringLiteral("hello"), QJsonObject()));
        QCOMPARE(out.count(), 2);
        QVERIFY(out.wait(1000));
        QTest::qWait(BroadcastRoom::kMinAnswerGapMs + 100);
        QCOMPARE(out.count(), 3);
        QCOMPARE(obj(out[1][0].toString()).value(QLatin1String("t")).toString(), QStringLiteral("announce"));

        QSignalSpy joined(&room, &BroadcastRoom::memberJoined);
        QVERIFY(
            room.handleControl(QStringLiteral("announce"),
                               obj(QStringLiteral("{\"t\":\"announce\",\"id\":\"bnew\",\"name\":\"New\"}"))));
        QVERIFY(
            room.handleControl(QStringLiteral("announce"),
                               obj(QStringLiteral("{\"t\":\"announce\",\"id\":\"bnew\",\"name\":\"New\"}"))));
        QCOMPARE(joined.count(), 1);
        QCOMPARE(joined[0][0].toString(), QStringLiteral("room"));
        QCOMPARE(room.members().size(), 1);

        QSignalSpy left(&room, &BroadcastRoom::memberLeft);
        QVERIFY(room.handleControl(QStringLiteral("bye"),
                                   obj(QStringLiteral("{\"t\":\"bye\",\"id\":\"bnew\"}"))));
        QCOMPARE(left.count(), 1);
        QCOMPARE(room.members().size(), 0);
    }

    void talkingAnsweredToNewcomerWhileTalking()
    {
        BroadcastRoom room;
        room.start(QStringLiteral("bme"), QStringLiteral("Me"), QString(), QStringLiteral("ws://h/"),
                   QStringLiteral("room"));
        QSignalSpy granted(&room, &BroadcastRoom::granted);
        QSignalSpy out(&room, &BroadcastRoom::outgoing);
        room.requestTalk(QStringLiteral("room"), 1234);
        QCOMPARE(out.count(), 1);
        const QJsonObject t = obj(out[0][0].toString());
        QCOMPARE(t.value(QLatin1String("t")).toString(), QStringLiteral("talking"));
        QCOMPARE(t.value(QLatin1String("sid")).toInt(), 1234);
        QCOMPARE(t.value(QLatin1String("id")).toString(), QStringLiteral("bme"));
        QCOMPARE(granted.count(), 0); // queued, like a relay's answer
        QVERIFY(granted.wait(1000));
        QVERIFY(room.mayTransmit(1234));

        // A newcomer learns we are talking (it may have missed our `talking`).
        room.handleControl(QStringLiteral("hello"), QJsonObject());
        QCOMPARE(out.count(), 3);
        QCOMPARE(obj(out[2][0].toString()).value(QLatin1String("sid")).toInt(), 1234);

        // Nobody else can end our transmission.
        QSignalSpy ended(&room, &BroadcastRoom::transmitEnded);
        QVERIFY(!room.handleControl(QStringLiteral("over"),
                                    obj(QStringLiteral("{\"t\":\"over\",\"sid\":1234,\"id\":\"bx\"}"))));
        QVERIFY(room.mayTransmit(1234));
        room.sendOver(1234);
        QCOMPARE(obj(out.last()[0].toString()).value(QLatin1String("t")).toString(), QStringLiteral("over"));
        QVERIFY(!room.mayTransmit(1234));
        QVERIFY(ended.wait(1000));
        QCOMPARE(ended[0][2].toString(), QStringLiteral("released"));
    }

    void lostCollisionIsABusyDenial()
    {
        BroadcastRoom room;
        room.start(QStringLiteral("bme"), QStringLiteral("Me"), QString(), QStringLiteral("ws://h/"),
                   QStringLiteral("room"));
        QSignalSpy denied(&room, &BroadcastRoom::denied);
        QSignalSpy started(&room, &BroadcastRoom::talkStarted);
        QSignalSpy out(&room, &BroadcastRoom::outgoing);
        room.requestTalk(QStringLiteral("room"), 500);
        QVERIFY(room.handleControl(QStringLiteral("talking"), talking(400, "bother", "Other")));
        QCOMPARE(denied.count(), 1);
        QCOMPARE(denied[0][1].toUInt(), 500u);
        QCOMPARE(denied[0][2].toString(), QStringLiteral("busy"));
        QCOMPARE(denied[0][3].toString(), QStringLiteral("Other"));
        QCOMPARE(started.count(), 1);
        const QJsonObject over = obj(out.last()[0].toString());
        QCOMPARE(over.value(QLatin1String("t")).toString(), QStringLiteral("over"));
        QCOMPARE(over.value(QLatin1String("reason")).toString(), QStringLiteral("collision"));
        QVERIFY(!room.mayTransmit(500));
        QVERIFY(room.acceptAudio(400));
        QCOMPARE(room.talker().value(QLatin1String("name")).toString(), QStringLiteral("Other"));
        // The queued grant of the lost request never comes.
        QSignalSpy granted(&room, &BroadcastRoom::granted);
        QTest::qWait(50);
        QCOMPARE(granted.count(), 0);

        // Its end, from the talker itself only.
        QSignalSpy ended(&room, &BroadcastRoom::talkEnded);
        QVERIFY(!room.handleControl(QStringLiteral("over"),
                                    obj(QStringLiteral("{\"t\":\"over\",\"sid\":400,\"id\":\"bforger\"}"))));
        QCOMPARE(ended.count(), 0);
        QVERIFY(room.handleControl(QStringLiteral("over"),
                                   obj(QStringLiteral("{\"t\":\"over\",\"sid\":400,\"id\":\"bother\"}"))));
        QCOMPARE(ended.count(), 1);
    }

    void refusesWhatIsNotForIt()
    {
        BroadcastRoom room;
        room.start(QStringLiteral("bme"), QStringLiteral("Me"), QString(), QStringLiteral("ws://h/"),
                   QStringLiteral("room"));
        for (const char *t : {"join", "talk", "leave", "welcome", "granted", "denied", "error", "joined",
                              "presence", "whatever"})
            QVERIFY(!room.handleControl(QString::fromLatin1(t), QJsonObject{{QLatin1String("sid"), 1}}));
        QVERIFY(!room.handleControl(QStringLiteral("talking"),
                                    QJsonObject{{QLatin1String("sid"), QLatin1String("x")}}));
        QVERIFY(!room.handleControl(QStringLiteral("talking"), talking(5, "bme", "Me"))); // our own id
        QVERIFY(!room.handleControl(QStringLiteral("announce"),
                                    QJsonObject{{QLatin1String("id"), QLatin1String("")}}));
        QVERIFY(!room.acceptAudio(5));
    }

    void stopEndsEverythingAndSaysBye()
    {
        BroadcastRoom room;
        room.start(QStringLiteral("bme"), QStringLiteral("Me"), QString(), QStringLiteral("ws://h/"),
                   QStringLiteral("room"));
        QVERIFY(room.handleControl(QStringLiteral("talking"), talking(9, "bo", "O")));
        QSignalSpy ended(&room, &BroadcastRoom::talkEnded);
        QSignalSpy out(&room, &BroadcastRoom::outgoing);
        room.stop(QStringLiteral("disconnected"), true);
        QCOMPARE(ended.count(), 1);
        QCOMPARE(ended[0][2].toString(), QStringLiteral("disconnected"));
        QCOMPARE(obj(out.last()[0].toString()).value(QLatin1String("t")).toString(), QStringLiteral("bye"));
        QVERIFY(!room.isActive());
        QVERIFY(!room.handleControl(QStringLiteral("talking"), talking(10, "bo", "O")));
    }
};

QTEST_GUILESS_MAIN(TestBroadcastRoom)
#include "test_broadcast_room.moc"
