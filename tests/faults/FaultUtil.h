#pragma once
// Helpers of the fault tests: a real tenfour-relay process on a chosen port (so it can be killed
// and started again where the clients expect it), a child process's stderr read line by line
// with the time each line arrived, and signals to processes.

#include "E2eProcess.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <QUrl>
#include <csignal>
#include <sys/types.h>

namespace tenfour::test {

// Starts tenfour-relay on 127.0.0.1:port (0 = any free port); returns its URL, empty on failure.
// The first stdout line is "listening on ..." (docs/protocol.md), printed once it listens.
inline QUrl startRelayAt(QProcess &relay, int port, const QStringList &extra = {})
{
    relay.start(QStringLiteral(TENFOUR_RELAY_PATH),
                QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port)} + extra);
    // Polled with the event loop running: in-process clients keep retrying meanwhile.
    QByteArray out;
    QElapsedTimer t;
    t.start();
    while (!out.contains("listening on ") && t.elapsed() < 10000 && relay.state() != QProcess::NotRunning) {
        QTest::qWait(2);
        out += relay.readAllStandardOutput();
    }
    const QRegularExpressionMatch m =
        QRegularExpression(QStringLiteral("listening on (ws://\\S+)")).match(QString::fromUtf8(out));
    return m.hasMatch() ? QUrl(m.captured(1)) : QUrl();
}

inline bool signalProcess(const QProcess &p, int sig)
{
    return p.processId() > 0 && ::kill(pid_t(p.processId()), sig) == 0;
}

// A child's stderr as lines, each with the time (on `clock`) it was read. Call poll() often
// (every wait in the tests does) so the times are right to a few milliseconds.
class StderrLines {
public:
    StderrLines(QProcess &p, const QElapsedTimer &clock) : m_p(p), m_clock(clock) {}
    void poll()
    {
        m_partial += m_p.readAllStandardError();
        int nl;
        while ((nl = m_partial.indexOf('\n')) >= 0) {
            m_lines.append({QString::fromUtf8(m_partial.left(nl)), m_clock.elapsed()});
            m_partial.remove(0, nl + 1);
        }
    }
    // The time of the n-th (0-based) line containing needle, or -1.
    qint64 timeOf(const QString &needle, int n = 0) const
    {
        for (const auto &l : m_lines) {
            if (l.first.contains(needle) && n-- == 0)
                return l.second;
        }
        return -1;
    }
    int count(const QString &needle) const
    {
        int n = 0;
        for (const auto &l : m_lines)
            n += l.first.contains(needle) ? 1 : 0;
        return n;
    }
    QString all() const
    {
        QString s;
        for (const auto &l : m_lines)
            s += QStringLiteral("[%1 ms] %2\n").arg(l.second).arg(l.first);
        return s;
    }

private:
    QProcess &m_p;
    const QElapsedTimer &m_clock;
    QByteArray m_partial;
    QList<QPair<QString, qint64>> m_lines;
};

// Waits for `pred` while polling the given stderr readers.
template <typename Pred> bool waitFor(Pred pred, int ms, std::initializer_list<StderrLines *> readers = {})
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) {
        for (StderrLines *r : readers)
            r->poll();
        if (pred())
            return true;
        QTest::qWait(5);
    }
    for (StderrLines *r : readers)
        r->poll();
    return pred();
}

} // namespace tenfour::test
