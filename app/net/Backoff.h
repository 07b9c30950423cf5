#pragma once
// Reconnect delays: exponential backoff with "equal jitter" (half the delay fixed, half random),
// so clients that lost the same relay do not all come back in the same millisecond.

#include <QRandomGenerator>
#include <QtGlobal>
#include <algorithm>

namespace tenfour::net {

class Backoff {
public:
    void setRange(int initialMs, int maxMs)
    {
        m_initialMs = std::max(1, initialMs);
        m_maxMs = std::max(m_initialMs, maxMs);
    }
    // The delay before the next attempt; each call doubles the base, up to the maximum (and up
    // to capMs: a young outage is retried often, so a restarted relay is back in use at once).
    int next(int capMs = 0)
    {
        qint64 base = std::min<qint64>(m_maxMs, qint64(m_initialMs) << std::min(m_attempt, 20));
        if (capMs > 0)
            base = std::min<qint64>(base, capMs);
        ++m_attempt;
        return int(base / 2 + QRandomGenerator::global()->bounded(quint32(base / 2 + 1)));
    }
    // A connection succeeded: start from the initial delay again.
    void reset() { m_attempt = 0; }
    int attempts() const { return m_attempt; }

private:
    int m_initialMs = 500;
    int m_maxMs = 30000;
    int m_attempt = 0;
};

} // namespace tenfour::net
