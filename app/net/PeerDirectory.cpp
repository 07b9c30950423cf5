#include "net/PeerDirectory.h"

#include <QJsonObject>

namespace tenfour::net {

bool PeerDirectory::isValidName(const QString &s)
{
    if (s.isEmpty() || s.size() > 64 || s.front().isSpace() || s.back().isSpace())
        return false;
    for (const QChar c : s) {
        const ushort u = c.unicode();
        if (u < 0x20 || (u >= 0x7f && u <= 0x9f) || u == 0x2028 || u == 0x2029)
            return false;
    }
    return true;
}

int PeerDirectory::indexOf(const QString &id) const
{
    for (int i = 0; i < m_peers.size(); ++i) {
        if (m_peers[i].id == id)
            return i;
    }
    return -1;
}

PeerDirectory::Noted PeerDirectory::note(const QString &id, const QString &name, qint64 nowMs)
{
    if (!isValidName(id) || !isValidName(name))
        return Noted::Invalid;
    const int i = indexOf(id);
    if (i >= 0) {
        Peer &p = m_peers[i];
        p.lastSeenMs = nowMs;
        if (p.name == name)
            return Noted::Known;
        p.name = name;
        return Noted::Renamed;
    }
    if (m_peers.size() >= kMaxPeers)
        return Noted::Full;
    m_peers.append(Peer{id, name, nowMs});
    return Noted::New;
}

bool PeerDirectory::remove(const QString &id, Peer *removed)
{
    const int i = indexOf(id);
    if (i < 0)
        return false;
    if (removed)
        *removed = m_peers[i];
    m_peers.removeAt(i);
    return true;
}

QList<PeerDirectory::Peer> PeerDirectory::expire(qint64 nowMs, qint64 maxSilenceMs)
{
    QList<Peer> gone;
    for (int i = 0; i < m_peers.size();) {
        if (nowMs - m_peers[i].lastSeenMs > maxSilenceMs)
            gone.append(m_peers.takeAt(i));
        else
            ++i;
    }
    return gone;
}

QString PeerDirectory::nameOf(const QString &id) const
{
    const int i = indexOf(id);
    return i >= 0 ? m_peers[i].name : QString();
}

QJsonArray PeerDirectory::members() const
{
    QJsonArray a;
    for (const Peer &p : m_peers)
        a.append(QJsonObject{{QLatin1String("id"), p.id}, {QLatin1String("name"), p.name}});
    return a;
}

} // namespace tenfour::net
