#pragma once
// Notices a relay that stopped answering: a WebSocket ping every interval, and when nothing at
// all (pong or message) came for deadAfterMs, dead() is emitted. With the defaults (3 s, 7 s) a
// dead relay is noticed 7-7.5 s after it last said anything, under the 10 s we promise.

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

class QWebSocket;

namespace tenfour::net {

class KeepAlive : public QObject {
    Q_OBJECT
public:
    explicit KeepAlive(QObject *parent = nullptr);

    // Starts pinging `socket` (connected); the silence clock starts now.
    void start(QWebSocket *socket, int pingIntervalMs, int deadAfterMs);
    void stop();
    // Something came from the relay (a message or a pong).
    void noteActivity() { m_sinceRx.restart(); }

Q_SIGNALS:
    void dead(const QString &reason);

private:
    void check();

    QWebSocket *m_socket = nullptr;
    QTimer m_ping;
    QTimer m_watchdog;
    QElapsedTimer m_sinceRx;
    int m_deadAfterMs = 0;
};

} // namespace tenfour::net
