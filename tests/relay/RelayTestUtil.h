#pragma once
// Helpers of the relay conformance tests: a real RelayServer on 127.0.0.1 port 0, real
// QWebSocket clients that record everything they receive, and a raw TCP WebSocket client for
// what QWebSocket will not do (never read, send broken frames).

#include "relay/RelayServer.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QSslConfiguration>
#include <QTcpSocket>
#include <QUrl>
#include <QWebSocket>

#include <functional>
#include <memory>
#include <optional>

namespace relaytest {

using tenfour::relay::RelayConfig;
using tenfour::relay::RelayServer;
using tenfour::relay::RelayStats;

// A config with short timers, so tests never wait for the production values.
RelayConfig fastConfig();

// A listening RelayServer (QVERIFY-style failure: returns null and prints why).
std::unique_ptr<RelayServer> startRelay(const RelayConfig &config);

struct Received {
    qint64 atMs;      // since the client was created
    QJsonObject json; // control messages
    QByteArray bytes; // audio frames
};

class Client {
public:
    explicit Client(QString name = QString());
    ~Client();

    QWebSocket &socket() { return *ws_; }
    const QString &name() const { return name_; }
    QString id() const { return id_; }

    // Opens the WebSocket: true once the handshake succeeded (even if the relay closed the
    // connection right after, as limits do), false on failure or timeout.
    bool open(const QUrl &url, int timeoutMs = 3000);
    bool open(const QNetworkRequest &request, int timeoutMs = 3000);
    // hello (+ token), waits for welcome; returns it (empty on failure).
    QJsonObject hello(const QString &token = QString());
    // join, waits for joined (or error); returns the reply.
    QJsonObject join(const QString &ch);
    // talk, waits for granted/denied/error; returns the reply.
    QJsonObject talk(const QString &ch, quint32 sid, double ptime = 20);
    // over, waits for the over ack or an error.
    QJsonObject over(quint32 sid);

    qint64 send(QJsonObject obj, bool withSeq = true); // returns the seq used (0 without)
    void sendText(const QString &text) { ws_->sendTextMessage(text); }
    void sendBinary(const QByteArray &bytes) { ws_->sendBinaryMessage(bytes); }

    // The first not yet taken control message of `type` (and, if given, with seq), waiting
    // up to timeoutMs; an empty object on timeout.
    QJsonObject take(const QString &type, int timeoutMs = 2000, std::optional<qint64> seq = std::nullopt);
    // The first not yet taken reply carrying `seq`, whatever its type.
    QJsonObject takeReply(qint64 seq, int timeoutMs = 2000);
    // True when no control message of `type` arrives (or is pending) within ms.
    bool noneOf(const QString &type, int ms);
    // Waits until at least n audio frames have arrived in all.
    bool waitAudio(int n, int timeoutMs = 2000);
    const QList<Received> &audio() const { return audio_; }
    QList<QByteArray> audioBytes() const;
    void clearAudio() { audio_.clear(); }
    void clearControl() { control_.clear(); }
    QList<QJsonObject> pending() const;
    // Everything received so far, in order: the "t" of control messages, "audio" for frames.
    const QStringList &arrivals() const { return arrivals_; }
    // The largest control message received so far, in bytes of UTF-8.
    qsizetype largestText() const { return largestText_; }
    int pendingCount(const QString &type) const;

    bool waitClosed(int timeoutMs = 2000);
    bool isConnected() const { return ws_->state() == QAbstractSocket::ConnectedState; }
    int closeCode() const { return closeCode_; }
    qint64 elapsedMs() const { return clock_.elapsed(); }

private:
    QString name_;
    QString id_;
    std::unique_ptr<QWebSocket> ws_;
    QElapsedTimer clock_;
    QList<Received> control_;
    QList<Received> audio_;
    QStringList arrivals_;
    qsizetype largestText_ = 0;
    qint64 nextSeq_ = 1;
    bool closed_ = false;
    bool connected_ = false;
    int closeCode_ = -1;
};

// A client over a plain QTcpSocket: does the HTTP upgrade, then sends (masked) frames and
// reads only when told to.
class RawClient {
public:
    RawClient();
    ~RawClient();
    QTcpSocket &socket() { return *sock_; }
    // Connects and upgrades; extraHeaders are "Name: value\r\n" lines.
    bool upgrade(const QUrl &url, const QByteArray &extraHeaders = QByteArray(), int timeoutMs = 3000);
    void sendFrame(int opcode, const QByteArray &payload, bool fin = true, bool mask = true);
    void sendText(const QByteArray &utf8) { sendFrame(0x1, utf8); }
    void sendBinary(const QByteArray &bytes) { sendFrame(0x2, bytes); }
    bool waitDisconnected(int timeoutMs = 3000);

private:
    std::unique_ptr<QTcpSocket> sock_;
};

// A client that said hello and joined ch (null on any failure).
std::unique_ptr<Client> joinedClient(RelayServer &relay, const QString &name,
                                     const QString &ch = QStringLiteral("general"),
                                     const QNetworkRequest *request = nullptr);
// A raw client that sent hello and join (the replies stay unread in its socket).
std::unique_ptr<RawClient> rawJoinedClient(RelayServer &relay, const QString &ch = QStringLiteral("general"));

// A program in PATH or the sbin directories (nginx lives in /usr/sbin); empty when missing.
QString findProgram(const QString &name);
// Writes cert.pem and key.pem (self-signed, CN=localhost, SAN IP:127.0.0.1 and DNS:localhost)
// into dir with openssl; keyType "rsa" or "ec". False (and *error) when openssl fails.
bool makeSelfSignedCert(const QString &dir, const QString &keyType, QString *error);
// QSslConfiguration that trusts exactly the certificate in certFile.
QSslConfiguration trusting(const QString &certFile);
// A port that was free a moment ago.
quint16 freePort();

// Waits (spinning the event loop) until pred() or timeout.
bool waitFor(const std::function<bool()> &pred, int timeoutMs);

// Audio frame with a recognisable payload: "P<seq>" padded to size.
QByteArray audioFrame(quint32 sid, quint32 seq, int payloadSize);

} // namespace relaytest
