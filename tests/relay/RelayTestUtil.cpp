#include "RelayTestUtil.h"

#include "protocol/AudioFrame.h"

#include <QCoreApplication>
#include <QDir>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTcpServer>
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>
#include <QtEndian>

namespace relaytest {

RelayConfig fastConfig()
{
    RelayConfig c;
    c.channels = {QStringLiteral("general"), QStringLiteral("ops")};
    c.maxTalkMs = 5000;
    c.idleRevokeMs = 2000;
    c.helloTimeoutMs = 3000;
    return c;
}

std::unique_ptr<RelayServer> startRelay(const RelayConfig &config)
{
    auto server = std::make_unique<RelayServer>(config);
    QString error;
    if (!server->listen(QHostAddress(QHostAddress::LocalHost), 0, &error)) {
        qWarning("relay did not start: %s", qPrintable(error));
        return nullptr;
    }
    return server;
}

std::unique_ptr<Client> joinedClient(RelayServer &relay, const QString &name, const QString &ch,
                                     const QNetworkRequest *request)
{
    auto c = std::make_unique<Client>(name);
    const bool ok = request ? c->open(*request) : c->open(relay.url());
    if (!ok || c->hello().value(QStringLiteral("t")) != QLatin1String("welcome")
        || c->join(ch).value(QStringLiteral("t")) != QLatin1String("joined"))
        return nullptr;
    return c;
}

std::unique_ptr<RawClient> rawJoinedClient(RelayServer &relay, const QString &ch)
{
    auto r = std::make_unique<RawClient>();
    if (!r->upgrade(relay.url()))
        return nullptr;
    r->sendText("{\"t\":\"hello\",\"v\":1,\"name\":\"Raw\"}");
    r->sendText("{\"t\":\"join\",\"ch\":\"" + ch.toUtf8() + "\"}");
    return r;
}

QString findProgram(const QString &name)
{
    QString path = QStandardPaths::findExecutable(name);
    if (path.isEmpty())
        path = QStandardPaths::findExecutable(name, {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/local/sbin"),
                                                     QStringLiteral("/sbin")});
    return path;
}

bool makeSelfSignedCert(const QString &dir, const QString &keyType, QString *error)
{
    const QString openssl = findProgram(QStringLiteral("openssl"));
    if (openssl.isEmpty()) {
        *error = QStringLiteral("openssl not installed");
        return false;
    }
    QStringList args = {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-nodes"),
                        QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                        QStringLiteral("/CN=localhost"), QStringLiteral("-addext"),
                        QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost"), QStringLiteral("-keyout"),
                        QDir(dir).filePath(QStringLiteral("key.pem")), QStringLiteral("-out"),
                        QDir(dir).filePath(QStringLiteral("cert.pem"))};
    if (keyType == QLatin1String("ec"))
        args << QStringLiteral("-newkey") << QStringLiteral("ec") << QStringLiteral("-pkeyopt")
             << QStringLiteral("ec_paramgen_curve:prime256v1");
    else
        args << QStringLiteral("-newkey") << QStringLiteral("rsa:2048");
    QProcess p;
    p.start(openssl, args);
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = QStringLiteral("openssl failed: ") + QString::fromLocal8Bit(p.readAllStandardError());
        return false;
    }
    return true;
}

QSslConfiguration trusting(const QString &certFile)
{
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setCaCertificates(QSslCertificate::fromPath(certFile));
    ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
    return ssl;
}

quint16 freePort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

bool waitFor(const std::function<bool()> &pred, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!pred()) {
        if (t.elapsed() >= timeoutMs)
            return pred();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QTest::qSleep(1);
    }
    return true;
}

QByteArray audioFrame(quint32 sid, quint32 seq, int payloadSize)
{
    QByteArray payload(payloadSize, Qt::Uninitialized);
    for (int i = 0; i < payloadSize; ++i)
        payload[i] = char((seq * 31 + quint32(i) * 7 + sid) & 0xff);
    return tenfour::protocol::makeAudioFrame(sid, seq, payload);
}

// ---------------------------------------------------------------------------------------------

Client::Client(QString name)
    : name_(std::move(name))
    , ws_(std::make_unique<QWebSocket>())
{
    clock_.start();
    QObject::connect(ws_.get(), &QWebSocket::textMessageReceived, [this](const QString &text) {
        const QByteArray utf8 = text.toUtf8();
        largestText_ = std::max(largestText_, utf8.size());
        const QJsonDocument doc = QJsonDocument::fromJson(utf8);
        if (!doc.isObject()) {
            qWarning("relay sent a text message that is not a JSON object: %s", qPrintable(text.left(200)));
            return;
        }
        control_.append(Received{clock_.elapsed(), doc.object(), {}});
        arrivals_.append(doc.object().value(QStringLiteral("t")).toString());
    });
    QObject::connect(ws_.get(), &QWebSocket::binaryMessageReceived, [this](const QByteArray &bytes) {
        audio_.append(Received{clock_.elapsed(), {}, bytes});
        arrivals_.append(QStringLiteral("audio"));
    });
    QObject::connect(ws_.get(), &QWebSocket::connected, [this] { connected_ = true; });
    QObject::connect(ws_.get(), &QWebSocket::disconnected, [this] {
        closed_ = true;
        closeCode_ = ws_->closeCode();
    });
}

Client::~Client()
{
    ws_->disconnect();
    ws_->abort();
}

bool Client::open(const QUrl &url, int timeoutMs)
{
    return open(QNetworkRequest(url), timeoutMs);
}

bool Client::open(const QNetworkRequest &request, int timeoutMs)
{
    closed_ = false;
    connected_ = false;
    ws_->open(request);
    waitFor([this] { return connected_ || closed_; }, timeoutMs);
    return connected_;
}

qint64 Client::send(QJsonObject obj, bool withSeq)
{
    qint64 seq = 0;
    if (withSeq) {
        seq = nextSeq_++;
        obj.insert(QStringLiteral("seq"), seq);
    }
    ws_->sendTextMessage(QString::fromUtf8(QJsonDocument(obj).toJson(QJsonDocument::Compact)));
    return seq;
}

QJsonObject Client::hello(const QString &token)
{
    QJsonObject o{{QStringLiteral("t"), QStringLiteral("hello")},
                  {QStringLiteral("v"), 1},
                  {QStringLiteral("name"), name_},
                  {QStringLiteral("client"), QStringLiteral("tenfour-test/1")}};
    if (!token.isEmpty())
        o.insert(QStringLiteral("token"), token);
    const qint64 seq = send(o);
    const QJsonObject w = takeReply(seq);
    if (w.value(QStringLiteral("t")).toString() == QLatin1String("welcome"))
        id_ = w.value(QStringLiteral("id")).toString();
    return w;
}

QJsonObject Client::join(const QString &ch)
{
    const qint64 seq = send({{QStringLiteral("t"), QStringLiteral("join")}, {QStringLiteral("ch"), ch}});
    return takeReply(seq);
}

QJsonObject Client::talk(const QString &ch, quint32 sid, double ptime)
{
    const qint64 seq = send({{QStringLiteral("t"), QStringLiteral("talk")},
                             {QStringLiteral("ch"), ch},
                             {QStringLiteral("sid"), double(sid)},
                             {QStringLiteral("codec"), QStringLiteral("opus")},
                             {QStringLiteral("rate"), 48000},
                             {QStringLiteral("ptime"), ptime}});
    return takeReply(seq);
}

QJsonObject Client::over(quint32 sid)
{
    const qint64 seq = send({{QStringLiteral("t"), QStringLiteral("over")}, {QStringLiteral("sid"), double(sid)}});
    return takeReply(seq);
}

QJsonObject Client::take(const QString &type, int timeoutMs, std::optional<qint64> seq)
{
    QJsonObject found;
    auto scan = [&] {
        for (int i = 0; i < control_.size(); ++i) {
            const QJsonObject &o = control_.at(i).json;
            if (o.value(QStringLiteral("t")).toString() != type)
                continue;
            if (seq && o.value(QStringLiteral("seq")).toInteger(-1) != *seq)
                continue;
            found = o;
            control_.removeAt(i);
            return true;
        }
        return false;
    };
    waitFor(scan, timeoutMs);
    return found;
}

QJsonObject Client::takeReply(qint64 seq, int timeoutMs)
{
    QJsonObject found;
    auto scan = [&] {
        for (int i = 0; i < control_.size(); ++i) {
            const QJsonObject &o = control_.at(i).json;
            if (o.value(QStringLiteral("seq")).toInteger(-1) == seq) {
                found = o;
                control_.removeAt(i);
                return true;
            }
        }
        return false;
    };
    waitFor(scan, timeoutMs);
    return found;
}

bool Client::noneOf(const QString &type, int ms)
{
    waitFor([] { return false; }, ms);
    return pendingCount(type) == 0;
}

bool Client::waitAudio(int n, int timeoutMs)
{
    return waitFor([&] { return audio_.size() >= n; }, timeoutMs);
}

QList<QByteArray> Client::audioBytes() const
{
    QList<QByteArray> out;
    for (const Received &r : audio_)
        out.append(r.bytes);
    return out;
}

QList<QJsonObject> Client::pending() const
{
    QList<QJsonObject> out;
    for (const Received &r : control_)
        out.append(r.json);
    return out;
}

int Client::pendingCount(const QString &type) const
{
    int n = 0;
    for (const Received &r : control_)
        n += r.json.value(QStringLiteral("t")).toString() == type;
    return n;
}

bool Client::waitClosed(int timeoutMs)
{
    return waitFor([this] { return closed_; }, timeoutMs);
}

// ---------------------------------------------------------------------------------------------

RawClient::RawClient()
    : sock_(std::make_unique<QTcpSocket>())
{
}

RawClient::~RawClient()
{
    sock_->abort();
}

bool RawClient::upgrade(const QUrl &url, const QByteArray &extraHeaders, int timeoutMs)
{
    sock_->connectToHost(url.host(), quint16(url.port()));
    if (!sock_->waitForConnected(timeoutMs))
        return false;
    QByteArray key(16, Qt::Uninitialized);
    for (char &c : key)
        c = char(QRandomGenerator::global()->bounded(256));
    const QByteArray request = "GET / HTTP/1.1\r\nHost: " + url.host().toLatin1() + ':' + QByteArray::number(url.port())
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key.toBase64()
        + "\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n";
    sock_->write(request);
    QByteArray response;
    const bool ok = waitFor(
        [&] {
            // Only the header is consumed; whatever follows stays in the socket.
            const QByteArray head = sock_->peek(sock_->bytesAvailable());
            const qsizetype end = head.indexOf("\r\n\r\n");
            if (end >= 0) {
                response = sock_->read(end + 4);
                return true;
            }
            return sock_->state() != QAbstractSocket::ConnectedState;
        },
        timeoutMs);
    return ok && response.startsWith("HTTP/1.1 101");
}

void RawClient::sendFrame(int opcode, const QByteArray &payload, bool fin, bool mask)
{
    QByteArray f;
    f.append(char((fin ? 0x80 : 0) | (opcode & 0x0f)));
    const quint64 n = quint64(payload.size());
    const char maskBit = mask ? char(0x80) : char(0);
    if (n <= 125) {
        f.append(char(maskBit | char(n)));
    } else if (n <= 0xffff) {
        f.append(char(maskBit | 126));
        f.append(char(n >> 8));
        f.append(char(n & 0xff));
    } else {
        f.append(char(maskBit | 127));
        for (int i = 7; i >= 0; --i)
            f.append(char((n >> (8 * i)) & 0xff));
    }
    QByteArray body = payload;
    if (mask) {
        const quint32 m = QRandomGenerator::global()->generate();
        char key[4];
        qToBigEndian(m, key);
        f.append(key, 4);
        for (qsizetype i = 0; i < body.size(); ++i)
            body[i] = char(body[i] ^ key[i % 4]);
    }
    f.append(body);
    sock_->write(f);
    sock_->flush();
}

bool RawClient::waitDisconnected(int timeoutMs)
{
    return waitFor(
        [this] {
            sock_->readAll();
            return sock_->state() == QAbstractSocket::UnconnectedState;
        },
        timeoutMs);
}

} // namespace relaytest
