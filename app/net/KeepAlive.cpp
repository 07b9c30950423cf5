#include "net/KeepAlive.h"

#include <QWebSocket>

namespace tenfour::net {

namespace {
constexpr int kCheckMs = 500; // how late after the deadline the silence is noticed, at most
}

KeepAlive::KeepAlive(QObject *parent) : QObject(parent)
{
    connect(&m_ping, &QTimer::timeout, this, [this] {
        if (m_socket)
            m_socket->ping();
    });
    m_watchdog.setInterval(kCheckMs);
    connect(&m_watchdog, &QTimer::timeout, this, &KeepAlive::check);
}

void KeepAlive::start(QWebSocket *socket, int pingIntervalMs, int deadAfterMs)
{
    m_socket = socket;
    m_deadAfterMs = deadAfterMs;
    m_sinceRx.start();
    m_ping.start(pingIntervalMs);
    m_watchdog.start();
}

void KeepAlive::stop()
{
    m_socket = nullptr;
    m_ping.stop();
    m_watchdog.stop();
    m_sinceRx.invalidate();
}

void KeepAlive::check()
{
    if (!m_socket || !m_sinceRx.isValid() || m_sinceRx.elapsed() <= m_deadAfterMs)
        return;
    const QString reason =
        QStringLiteral("the relay stopped answering (no pong for %1 s)").arg(m_deadAfterMs / 1000.0);
    stop();
    Q_EMIT dead(reason);
}

} // namespace tenfour::net
