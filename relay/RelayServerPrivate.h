#pragma once
// The relay's internals, shared by the three files that implement them (split by topic to keep
// each readable): RelayServer.cpp (sockets, handshakes, pings and the public API),
// RelayServerMessages.cpp (the protocol's requests) and RelayServerChannels.cpp (channels and
// floor control).

#include "relay/Channel.h"
#include "relay/Connection.h"
#include "relay/FloorControl.h"
#include "relay/Outbox.h"
#include "relay/RelayConfig.h"
#include "relay/RelayServer.h"
#include "relay/RelayStats.h"
#include "relay/Token.h"

#include "protocol/ControlMessage.h"

#include <QHash>
#include <QHostAddress>
#include <QSslConfiguration>
#include <QTimer>
#include <QWebSocketProtocol>

#include <map>
#include <memory>
#include <optional>
#include <unordered_map>

class QWebSocket;
class QWebSocketServer;

namespace tenfour::relay {

class TcpListener;

namespace proto = tenfour::protocol;

// Error throttles (Connection::lastErrorNs): at most one error of a kind per second.
enum ErrorKind { kControlRate = 0, kAudioRate = 1, kBadAudio = 2 };

// Close codes (RFC 6455).
inline constexpr auto kClosePolicy = QWebSocketProtocol::CloseCodePolicyViolated;  // 1008
inline constexpr auto kCloseProtocol = QWebSocketProtocol::CloseCodeProtocolError; // 1002
inline constexpr auto kCloseGoingAway = QWebSocketProtocol::CloseCodeGoingAway;    // 1001
// (1009, message too big, is QWebSocket's own, from maxAllowedIncomingMessageSize.)

// Extra error codes besides the ones of protocol/ControlMessage.h.
inline constexpr char kCodeNoChannel[] = "no_channel";
inline constexpr char kCodeTooManyChannels[] = "too_many_channels";
inline constexpr char kCodeTooManyConnections[] = "too_many_connections";
inline constexpr char kCodeTimeout[] = "timeout";
inline constexpr char kCodeNotTalking[] = "not_talking";

class RelayServerPrivate {
public:
    RelayServerPrivate(RelayServer *q, RelayConfig config);
    ~RelayServerPrivate();

    // Sockets.
    void onDescriptor(qintptr fd);
    void onWebSocketReady();
    void dropConnection(Connection *c);
    void detach(Connection *c);
    void closeConnection(Connection *c, QWebSocketProtocol::CloseCode code, const QString &reason);
    void reject(Connection *c, const char *code, const QString &msg, QWebSocketProtocol::CloseCode closeCode,
                std::optional<qint64> seq = std::nullopt);
    void onHelloTimeout(Connection *c);
    void pingSweep();
    QString clientAddress(QWebSocket *ws) const;
    bool originAllowed(const QString &origin) const;

    // Messages.
    void onText(Connection *c, const QString &text);
    void onBinary(Connection *c, const QByteArray &frame);
    void onHello(Connection *c, const proto::ControlMessage &m);
    void onJoin(Connection *c, const proto::ControlMessage &m);
    void onLeave(Connection *c, const proto::ControlMessage &m);
    void onTalk(Connection *c, const proto::ControlMessage &m);
    void onOver(Connection *c, const proto::ControlMessage &m);
    void sendError(Connection *c, const char *code, const QString &msg,
                   std::optional<qint64> seq = std::nullopt);
    void sendThrottledError(Connection *c, ErrorKind kind, const char *code, const QString &msg);
    void sendWelcome(Connection *c, std::optional<qint64> seq);
    void sendJoined(Connection *c, Channel *ch, std::optional<qint64> seq);

    // Channels and floors.
    Channel *findChannel(const QString &name) const;
    Channel *createChannel(const QString &name, bool configured);
    void createStandingChannels();
    void leaveChannel(Connection *c, Channel *ch, const char *reason);
    void grant(Connection *c, FloorControl *floor, const Transmission &t, std::optional<qint64> seq);
    void endTransmission(FloorControl *floor, const char *reason, bool notifyHolder,
                         std::optional<qint64> ackSeq, bool playback);
    void updateAudioLimiter(Connection *c);

    RelayServer *q;
    RelayConfig cfg;
    mutable RelayStats counters;
    Outbox outbox;
    TcpListener *listener = nullptr;
    QWebSocketServer *wsServer = nullptr;
    QHostAddress listenAddress;
    std::optional<QSslConfiguration> tls;
    std::optional<TokenVerifier> verifier;
    QTimer pingTimer;

    quint64 nextSerial = 1;
    std::unordered_map<quint64, Connection *> connections; // every accepted connection, by serial
    QHash<QString, Connection *> handshaking;              // by peer address|port, until upgraded
    QHash<QString, int> perIp;
    int webSockets = 0;
    std::map<QString, std::unique_ptr<Channel>> channels;
};

} // namespace tenfour::relay
