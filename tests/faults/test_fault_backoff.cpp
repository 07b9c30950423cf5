// The reconnect schedule behind the relay-restart fault test: Backoff's cap for a young outage,
// and RelaySession using it (retries stay under youngBackoffCapMs for youngOutageMs, then grow
// to backoffMaxMs), against a port where nothing listens.

#include "net/Backoff.h"
#include "net/RelaySession.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QtTest>

using namespace tenfour::net;

class TestFaultBackoff : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void capBoundsEveryDelay()
    {
        Backoff b;
        b.setRange(500, 30000);
        for (int i = 0; i < 30; ++i) {
            // 500 << i, capped at 1600, jittered to 50-100 % of that.
            const int base = std::min(500 << std::min(i, 10), 1600);
            const int d = b.next(1600);
            QVERIFY2(d >= base / 2 && d <= base,
                     qPrintable(QStringLiteral("%1 at attempt %2").arg(d).arg(i)));
        }
        // Without the cap the same backoff has grown to its maximum (jittered 50-100 %).
        const int d = b.next();
        QVERIFY2(d >= 15000 && d <= 30000, qPrintable(QString::number(d)));
        b.reset();
        const int first = b.next(1600);
        QVERIFY2(first >= 250 && first <= 500, qPrintable(QString::number(first)));
    }

    void sessionRetriesOftenWhileTheOutageIsYoung()
    {
        // A port with nothing behind it: every attempt fails at once.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();

        RelaySession s;
        RelaySession::Options o;
        o.url = QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(port));
        o.name = QStringLiteral("Backoff");
        o.backoffInitialMs = 50;
        o.backoffMaxMs = 5000;
        o.youngBackoffCapMs = 100;
        o.youngOutageMs = 1000;
        QSignalSpy state(&s, &RelaySession::stateChanged);
        s.open(o);
        QElapsedTimer t;
        t.start();
        QList<QPair<qint64, int>> retries; // (time, delay)
        while (t.elapsed() < 4000) {
            QTest::qWait(10);
            while (!state.isEmpty()) {
                const QList<QVariant> args = state.takeFirst();
                if (args.at(0).value<RelaySession::State>() == RelaySession::State::Reconnecting)
                    retries.append({t.elapsed(), args.at(1).toInt()});
            }
        }
        s.close();
        QVERIFY(retries.size() >= 8);
        int young = 0;
        for (const auto &r : std::as_const(retries)) {
            if (r.first < 900) {
                ++young;
                QVERIFY2(r.second <= 100,
                         qPrintable(QStringLiteral("%1 ms at %2 ms").arg(r.second).arg(r.first)));
            }
        }
        QVERIFY(young >= 6);
        // The last retry was scheduled once the outage was old: the cap is gone, the backoff grew.
        QVERIFY(retries.last().first >= 1000);
        QVERIFY2(retries.last().second > 1000, qPrintable(QString::number(retries.last().second)));
    }
};

QTEST_GUILESS_MAIN(TestFaultBackoff)
#include "test_fault_backoff.moc"
