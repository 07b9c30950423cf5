#pragma once
// The members of a broadcast relay's one room, as far as this client knows them: a broadcast
// relay keeps no list and tells nobody who comes or goes, so every client keeps its own from
// what the others say (announce, talking, bye). A member not heard from for a while is
// forgotten (it left without a bye, or crashed). Names and ids are checked like the protocol's
// names, and the list is capped, so garbage from a broken client cannot grow it without end.
// Plain logic, no timers: the caller gives the time.

#include <QJsonArray>
#include <QList>
#include <QString>

namespace tenfour::net {

class PeerDirectory {
public:
    static constexpr int kMaxPeers = 1000;

    struct Peer {
        QString id;
        QString name;
        qint64 lastSeenMs = 0;
    };
    enum class Noted { Invalid, New, Renamed, Known, Full };

    // Whether s is usable as an id or a name: 1 to 64 UTF-16 units, no control characters,
    // no leading or trailing white space.
    static bool isValidName(const QString &s);

    // A message from `id` calling itself `name` arrived at nowMs.
    Noted note(const QString &id, const QString &name, qint64 nowMs);
    // `id` said bye. True (and *removed filled) when it was known.
    bool remove(const QString &id, Peer *removed = nullptr);
    // Forgets everyone not heard from for more than maxSilenceMs; returns them.
    QList<Peer> expire(qint64 nowMs, qint64 maxSilenceMs);
    void clear() { m_peers.clear(); }

    bool contains(const QString &id) const { return indexOf(id) >= 0; }
    QString nameOf(const QString &id) const;
    int size() const { return int(m_peers.size()); }
    const QList<Peer> &peers() const { return m_peers; }
    // [{id, name}] in the order they were first heard, as the protocol's `joined.members`.
    QJsonArray members() const;

private:
    int indexOf(const QString &id) const;

    QList<Peer> m_peers;
};

} // namespace tenfour::net
