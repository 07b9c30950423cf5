#pragma once
// The listening socket. Hands each accepted descriptor to RelayServer, which wraps it in a
// QTcpSocket (or a QSslSocket for wss://) of its own and gives it to QWebSocketServer for the
// HTTP upgrade (QWebSocketServer::handleConnection), so the relay keeps the socket it writes to.

#include <QTcpServer>

namespace tenfour::relay {

class TcpListener : public QTcpServer {
    Q_OBJECT
public:
    using QTcpServer::QTcpServer;

Q_SIGNALS:
    void descriptorAccepted(qintptr descriptor);

protected:
    void incomingConnection(qintptr descriptor) override { Q_EMIT descriptorAccepted(descriptor); }
};

} // namespace tenfour::relay
