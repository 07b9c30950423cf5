// DistributedFloor: the floor rules every client on a broadcast relay applies by itself.

#include "net/DistributedFloor.h"

#include <QtTest>

using tenfour::net::DistributedFloor;
using Talker = DistributedFloor::Talker;
using Verdict = DistributedFloor::Verdict;

namespace {
Talker other(quint32 sid, const char *id, qint64 ms)
{
    return Talker{sid, QString::fromLatin1(id), QString::fromLatin1(id).toUpper(), ms, ms, false};
}
Talker own(quint32 sid, qint64 ms)
{
    return Talker{sid, QStringLiteral("me"), QStringLiteral("Me"), ms, ms, true};
}
} // namespace

class TestDistributedFloor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void freeFloorIsTakenAndBusyAfterwards()
    {
        DistributedFloor f(300, 4000);
        QVERIFY(f.tryTake(own(50, 0), nullptr));
        QVERIFY(f.holdsOwn(50));
        // A second request of ours with the same sid is fine, anyone else's start is late.
        QVERIFY(f.tryTake(own(50, 10), nullptr));
        QCOMPARE(f.otherStarted(other(7, "a", 1000)).verdict, Verdict::Ignored);
        QVERIFY(f.holdsOwn(50));
        QVERIFY(f.release(50));
        QVERIFY(!f.holder());
    }

    void busyWhileSomeoneTalks()
    {
        DistributedFloor f;
        QCOMPARE(f.otherStarted(other(900, "a", 0)).verdict, Verdict::Accepted);
        Talker holder;
        QVERIFY(!f.tryTake(own(5, 100), &holder)); // a lower sid does not matter: not a collision
        QCOMPARE(holder.sid, 900u);
        QCOMPARE(holder.name, QStringLiteral("A"));
        QVERIFY(!f.release(123)); // someone else's sid
        QVERIFY(f.release(900));
        QVERIFY(f.tryTake(own(5, 200), nullptr));
    }

    void collisionLowerSidWinsOnEveryClient()
    {
        // Client X (sid 40) and client Y (sid 30) start at the same moment. Each hears the other
        // 5 ms later; a third client Z hears them in either order. All agree: 30 talks.
        DistributedFloor x;
        QVERIFY(x.tryTake(own(40, 1000), nullptr));
        const auto atX = x.otherStarted(other(30, "y", 1005));
        QCOMPARE(atX.verdict, Verdict::Accepted);
        QVERIFY(atX.displaced && atX.displaced->own && atX.displaced->sid == 40); // X stops
        QCOMPARE(x.holder()->sid, 30u);

        DistributedFloor y;
        QVERIFY(y.tryTake(own(30, 2000), nullptr));
        QCOMPARE(y.otherStarted(other(40, "x", 2005)).verdict, Verdict::Ignored); // Y goes on
        QVERIFY(y.holdsOwn(30));
        QVERIFY(!y.noteAudio(40, 2010)); // X's frames are not played

        for (bool xFirst : {true, false}) {
            DistributedFloor z;
            const Talker first = xFirst ? other(40, "x", 0) : other(30, "y", 0);
            const Talker second = xFirst ? other(30, "y", 250) : other(40, "x", 250);
            QCOMPARE(z.otherStarted(first).verdict, Verdict::Accepted);
            const auto out = z.otherStarted(second);
            QCOMPARE(z.holder()->sid, 30u);
            QCOMPARE(bool(out.displaced), xFirst); // X was playing for a moment, then ended
            QVERIFY(z.noteAudio(30, 260));
            QVERIFY(!z.noteAudio(40, 260));
            QVERIFY(!z.release(40)); // the loser's `over` changes nothing
        }
    }

    void sameSidTieBreaksOnId()
    {
        QVERIFY(DistributedFloor::wins(other(5, "a", 0), other(5, "b", 0)));
        QVERIFY(!DistributedFloor::wins(other(5, "b", 0), other(5, "a", 0)));
        QVERIFY(DistributedFloor::wins(other(4, "z", 0), other(5, "a", 0)));
    }

    void lateStartIsNoCollision()
    {
        DistributedFloor f(300, 4000);
        QCOMPARE(f.otherStarted(other(900, "a", 0)).verdict, Verdict::Accepted);
        // Outside the window a lower sid does not take the floor away.
        QCOMPARE(f.otherStarted(other(1, "b", 301)).verdict, Verdict::Ignored);
        QCOMPARE(f.holder()->sid, 900u);
        // The same transmission announced again (answer to a newcomer) changes nothing.
        QCOMPARE(f.otherStarted(other(900, "a", 5000)).verdict, Verdict::Ignored);
        QCOMPARE(f.holder()->startMs, 0);
    }

    void silentHolderExpiresButOwnNever()
    {
        DistributedFloor f(300, 4000);
        QVERIFY(f.otherStarted(other(9, "a", 0)).verdict == Verdict::Accepted);
        QVERIFY(f.noteAudio(9, 3000));
        QVERIFY(!f.expire(7000)); // 4 s after the last frame: not yet
        const auto gone = f.expire(7001);
        QVERIFY(gone && gone->sid == 9);
        QVERIFY(!f.holder());

        QVERIFY(f.tryTake(own(3, 0), nullptr));
        QVERIFY(!f.expire(100000));
        QVERIFY(f.holdsOwn(3));
    }
};

QTEST_GUILESS_MAIN(TestDistributedFloor)
#include "test_distributed_floor.moc"
