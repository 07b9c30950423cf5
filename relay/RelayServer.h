#pragma once
// tenfour-relay: the WebSocket relay every Tenfour client talks to (docs/protocol.md). The
// headless executable and the desktop app's "this computer" server both run one of these.
//
//   RelayConfig cfg;                       // open, channels from cfg.channels + "echo" + ad-hoc
//   RelayServer server(cfg);
//   if (!server.listen(QHostAddress::LocalHost, 0, &error)) ...
//   connect to server.url()
//
// One thread (the thread the server lives in) does everything; nothing blocks.

#include "relay/RelayConfig.h"
#include "relay/RelayStats.h"

#include <QHostAddress>
#include <QObject>
#include <QUrl>

#include <memory>

namespace tenfour::relay {

class RelayServerPrivate;

class RelayServer : public QObject {
    Q_OBJECT
public:
    explicit RelayServer(RelayConfig config, QObject *parent = nullptr);
    ~RelayServer() override;

    // Starts listening (port 0 = any free port). False with *error when the address is taken,
    // the config is invalid or the TLS files cannot be loaded.
    bool listen(const QHostAddress &address, quint16 port, QString *error = nullptr);
    bool isListening() const;
    quint16 port() const;
    // ws://HOST:PORT/ (wss:// with TLS); a wildcard address gives the loopback address, so the
    // URL always works from this machine.
    QUrl url() const;
    // Stops listening and closes every connection (close code 1001, going away).
    void close();

    RelayStats stats() const;
    const RelayConfig &config() const;

Q_SIGNALS:
    // The number of open WebSocket connections changed (the desktop app shows it).
    void connectionCountChanged(int connections);

private:
    friend class RelayServerPrivate;
    std::unique_ptr<RelayServerPrivate> d;
};

} // namespace tenfour::relay
