#pragma once
// One tenfour-cli command (send, record, talk) over a RelaySession. The base class opens the
// session, joins the channel, reports every connection state on stderr and turns the final
// failures into exit codes; subclasses do their job once the channel is joined.

#include "cli/CliOptions.h"
#include "net/RelaySession.h"

#include <QObject>
#include <QUrl>

namespace tenfour::cli {

// Exit codes of tenfour-cli.
enum ExitCode {
    kExitOk = 0,
    kExitError = 1, // a file, device or other local problem
    kExitUsage = 2,
    kExitDenied = 3,       // the channel is busy: someone else is talking
    kExitUnauthorized = 4, // the relay refused the name/token
    kExitUnreachable = 5,  // cannot connect, or the connection was lost when it mattered
    kExitInterrupted = 6,  // the transmission was cut short (revoked, disconnected)
};

class Command : public QObject {
    Q_OBJECT
public:
    Command(const CliOptions &options, const QUrl &url, QObject *parent = nullptr);

    // Connects and joins; onJoined() follows.
    void start();
    // Asked to stop (Ctrl+C): the default finishes with kExitOk.
    virtual void stop();

Q_SIGNALS:
    void finished(int exitCode);

protected:
    // The first join of the channel (also called again after a reconnect with first = false).
    virtual void onJoined(bool first) = 0;
    // Whether to give up when the first connection attempt fails (send and record: yes).
    virtual bool failFast() const { return true; }

    void finish(int code, const QString &message = QString());
    void note(const QString &message) const;

    const CliOptions &m_options;
    QUrl m_url;
    net::RelaySession m_session;
    bool m_finished = false;

private:
    void onState(net::RelaySession::State state, int retryInMs, const QString &detail);

    bool m_joinedOnce = false;
    net::RelayKind m_kindShown = net::RelayKind::Unknown;
};

} // namespace tenfour::cli
