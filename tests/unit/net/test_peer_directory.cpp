// PeerDirectory: the member list a client keeps on a broadcast relay.

#include "net/PeerDirectory.h"

#include <QJsonObject>
#include <QtTest>

using tenfour::net::PeerDirectory;
using Noted = PeerDirectory::Noted;

class TestPeerDirectory : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void notesRenamesAndLists()
    {
        PeerDirectory d;
        QCOMPARE(d.note(QStringLiteral("b1"), QStringLiteral("Alice"), 0), Noted::New);
        QCOMPARE(d.note(QStringLiteral("b2"), QStringLiteral("Bob"), 10), Noted::New);
        QCOMPARE(d.note(QStringLiteral("b1"), QStringLiteral("Alice"), 20), Noted::Known);
        QCOMPARE(d.note(QStringLiteral("b1"), QStringLiteral("Alicia"), 30), Noted::Renamed);
        QCOMPARE(d.size(), 2);
        QCOMPARE(d.nameOf(QStringLiteral("b1")), QStringLiteral("Alicia"));
        const QJsonArray m = d.members();
        QCOMPARE(m.size(), 2);
        QCOMPARE(m[0].toObject().value(QLatin1String("id")).toString(), QStringLiteral("b1"));
        QCOMPARE(m[1].toObject().value(QLatin1String("name")).toString(), QStringLiteral("Bob"));
    }

    void refusesGarbage()
    {
        PeerDirectory d;
        QCOMPARE(d.note(QString(), QStringLiteral("x"), 0), Noted::Invalid);
        QCOMPARE(d.note(QStringLiteral("b1"), QString(), 0), Noted::Invalid);
        QCOMPARE(d.note(QStringLiteral("b1"), QStringLiteral(" padded"), 0), Noted::Invalid);
        QCOMPARE(d.note(QStringLiteral("b\x01"), QStringLiteral("x"), 0), Noted::Invalid);
        QCOMPARE(d.note(QStringLiteral("b1"), QString(65, QLatin1Char('n')), 0), Noted::Invalid);
        QCOMPARE(d.note(QStringLiteral("b1"), QStringLiteral("a\u2028b"), 0), Noted::Invalid);
        QCOMPARE(d.size(), 0);
    }

    void isCapped()
    {
        PeerDirectory d;
        for (int i = 0; i < PeerDirectory::kMaxPeers; ++i)
            QCOMPARE(d.note(QStringLiteral("p%1").arg(i), QStringLiteral("n"), 0), Noted::New);
        QCOMPARE(d.note(QStringLiteral("one-more"), QStringLiteral("n"), 0), Noted::Full);
        QCOMPARE(d.size(), PeerDirectory::kMaxPeers);
    }

    void byeAndExpiry()
    {
        PeerDirectory d;
        d.note(QStringLiteral("b1"), QStringLiteral("Alice"), 0);
        d.note(QStringLiteral("b2"), QStringLiteral("Bob"), 0);
        d.note(QStringLiteral("b3"), QStringLiteral("Carol"), 0);
        PeerDirectory::Peer gone;
        QVERIFY(d.remove(QStringLiteral("b2"), &gone));
        QCOMPARE(gone.name, QStringLiteral("Bob"));
        QVERIFY(!d.remove(QStringLiteral("b2")));
        d.note(QStringLiteral("b3"), QStringLiteral("Carol"), 50000);
        QVERIFY(d.expire(75000, 75000).isEmpty());
        const QList<PeerDirectory::Peer> expired = d.expire(75001, 75000);
        QCOMPARE(expired.size(), 1);
        QCOMPARE(expired[0].id, QStringLiteral("b1"));
        QVERIFY(d.contains(QStringLiteral("b3")));
    }
};

QTEST_GUILESS_MAIN(TestPeerDirectory)
#include "test_peer_directory.moc"
