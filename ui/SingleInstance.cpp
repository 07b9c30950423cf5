#include "ui/SingleInstance.h"

#include <QLocalServer>
#include <QLocalSocket>

namespace tenfour::ui {

namespace {
constexpr int kMaxMessage = 64 * 1024; // a message is a few words; anything bigger is not ours
}

SingleInstance::SingleInstance(const QString &name, QObject *parent) : QObject(parent), m_name(name) {}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::defaultName()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    return QStringLiteral("tenfour-") + user;
}

bool SingleInstance::listen()
{
    // Ask first: with UserAccessOption, QLocalServer binds in a private directory and renames
    // the socket over the name, so listen() alone would take the name from a running instance.
    QLocalSocket probe;
    probe.connectToServer(m_name);
    if (probe.waitForConnected(500)) {
        m_error = tr("Tenfour is already running");
        return false;
    }
    QLocalServer::removeServer(m_name); // left by an instance that crashed, if any
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_name)) {
        m_error = m_server->errorString();
        return false;
    }
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    return true;
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket *sock = m_server->nextPendingConnection()) {
        connect(sock, &QLocalSocket::disconnected, sock, &QObject::deleteLater);
        connect(sock, &QLocalSocket::readyRead, this, [this, sock] {
            if (sock->bytesAvailable() > kMaxMessage) {
                sock->abort();
                return;
            }
            QByteArray data = sock->peek(kMaxMessage);
            if (!data.endsWith('\n'))
                return; // not complete yet
            sock->readAll();
            data.chop(1);
            QStringList words;
            for (const QByteArray &w : data.split('\0'))
                words << QString::fromUtf8(w);
            sock->write("ok\n");
            sock->flush();
            Q_EMIT messageReceived(words);
        });
    }
}

bool SingleInstance::send(const QString &name, const QStringList &message, int timeoutMs)
{
    QLocalSocket sock;
    sock.connectToServer(name);
    if (!sock.waitForConnected(timeoutMs))
        return false;
    QByteArray data = message.join(QChar(0)).toUtf8();
    data.append('\n');
    sock.write(data);
    if (!sock.waitForBytesWritten(timeoutMs))
        return false;
    // Wait for the answer so a `--ptt press` has been acted on when the command returns.
    while (!sock.canReadLine()) {
        if (!sock.waitForReadyRead(timeoutMs))
            return false;
    }
    return sock.readLine() == "ok\n";
}

} // namespace tenfour::ui
