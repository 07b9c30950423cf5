#pragma once
// Which kind of relay a connection reached (docs/compatibility.md):
//   Smart     - a Tenfour relay: it answers hello with welcome, channels and floor control.
//   Broadcast - a dumb relay that forwards every message to every other client (the PHP Ratchet
//               tutorial relay, a Node `ws` echo-to-others relay): no welcome, ever.
//
// The detector watches one connection from the moment hello went out: a welcome means Smart
// (always, even after Broadcast was assumed from a hint); no welcome within windowMs, or a
// message that only another client sends (its hello, its requests, a broadcast announce) means
// Broadcast. A Smart relay answers within a round trip and never forwards client messages, so
// neither rule fires on it by mistake.

#include <QObject>
#include <QString>
#include <QTimer>

namespace tenfour::net {

enum class RelayKind { Unknown, Smart, Broadcast };

// "unknown", "smart", "broadcast".
QString relayKindName(RelayKind kind);
// Words for people: "basic relay: no floor control, everyone in one room", ...
QString relayKindDescription(RelayKind kind);
// The reverse of relayKindName(); Unknown for anything else.
RelayKind relayKindFromName(const QString &name);

class RelayKindDetector : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultWindowMs = 2000;

    explicit RelayKindDetector(QObject *parent = nullptr);

    void setWindowMs(int ms) { m_windowMs = ms; }
    int windowMs() const { return m_windowMs; }

    // hello went out on a new connection: detection starts over. A Broadcast hint decides at
    // once (detected() is emitted before start() returns); a later welcome still wins.
    void start(RelayKind hint = RelayKind::Unknown);
    // The connection went away: no verdict for it any more.
    void stop();

    RelayKind kind() const { return m_kind; }

    // A welcome arrived: Smart.
    void noteWelcome();
    // A control message of type `type` arrived (not a welcome). While no verdict is in, a type
    // a Tenfour relay never sends before welcome decides Broadcast. True when it decided.
    bool noteMessage(const QString &type);
    // A welcome that does not answer our hello (its seq is not ours): a reply to another
    // client's hello passed along, or a forgery; only a broadcast relay delivers one. True when
    // it decided.
    bool noteForeignWelcome();

    // Whether a relay delivering `type` before any welcome must be a broadcast relay: another
    // client's hello and requests, and what Tenfour clients on a broadcast relay send each
    // other (announce, bye, talking, over).
    static bool revealsBroadcast(const QString &type);

Q_SIGNALS:
    void detected(tenfour::net::RelayKind kind, const QString &why);

private:
    void decide(RelayKind kind, const QString &why);

    int m_windowMs = kDefaultWindowMs;
    RelayKind m_kind = RelayKind::Unknown;
    bool m_running = false;
    QTimer m_timer;
};

} // namespace tenfour::net
