#include "cli/Command.h"

#include <QTimer>
#include <cstdio>

namespace tenfour::cli {

Command::Command(const CliOptions &options, const QUrl &url, QObject *parent)
    : QObject(parent), m_options(options), m_url(url)
{
    connect(&m_session, &net::RelaySession::stateChanged, this, &Command::onState);
    connect(&m_session, &net::RelaySession::joined, this, [this](const QString &ch) {
        if (ch != m_options.channel || m_finished)
            return;
        const bool first = !m_joinedOnce;
        m_joinedOnce = true;
        note(QStringLiteral("joined channel \"%1\"").arg(ch));
        onJoined(first);
    });
    // Once (and again only if it changes): whether floor control is the relay's or ours.
    connect(&m_session, &net::RelaySession::relayKindChanged, this,
            [this](net::RelayKind kind, const QString &why) {
                if (kind == m_kindShown)
                    return;
                m_kindShown = kind;
                note(kind == net::RelayKind::Broadcast
                         ? QStringLiteral("relay: basic broadcast relay (no floor control)")
                         : QStringLiteral("relay: Tenfour relay (channels, floor control)"));
                if (m_options.verbose)
                    note(QStringLiteral("relay kind: %1").arg(why));
            });
    connect(&m_session, &net::RelaySession::serverError, this,
            [this](const QString &code, const QString &msg) {
                note(QStringLiteral("relay error %1: %2").arg(code, msg));
            });
}

void Command::note(const QString &message) const
{
    std::fprintf(stderr, "tenfour-cli: %s\n", qPrintable(message));
    std::fflush(stderr);
}

void Command::finish(int code, const QString &message)
{
    if (m_finished)
        return;
    m_finished = true;
    if (!message.isEmpty())
        note(message);
    // Leave the event loop a turn: the last messages (over, close) go out first.
    QTimer::singleShot(0, this, [this, code] {
        m_session.close();
        Q_EMIT finished(code);
    });
}

void Command::start()
{
    net::RelaySession::Options o;
    o.url = m_url;
    o.name = m_options.name;
    o.token = m_options.token;
    o.retryFirstAttempt = !failFast();
    m_session.open(o);
    m_session.join(m_options.channel);
}

void Command::stop()
{
    finish(kExitOk);
}

void Command::onState(net::RelaySession::State state, int retryInMs, const QString &detail)
{
    using State = net::RelaySession::State;
    switch (state) {
    case State::Connecting:
        if (m_options.verbose)
            note(QStringLiteral("connecting to %1").arg(detail));
        break;
    case State::Connected:
        note(QStringLiteral("connected to %1 as \"%2\"").arg(m_url.toString(), m_session.selfName()));
        break;
    case State::Reconnecting:
        note(QStringLiteral("connection lost (%1); retrying in %2 s")
                 .arg(detail)
                 .arg(retryInMs / 1000.0, 0, 'f', 1));
        break;
    case State::Unauthorized:
        finish(kExitUnauthorized, QStringLiteral("unauthorized: %1").arg(detail));
        break;
    case State::Failed:
        finish(kExitUnreachable, detail);
        break;
    case State::Disconnected:
        break;
    }
}

} // namespace tenfour::cli
