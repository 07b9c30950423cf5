#include "net/DistributedFloor.h"

namespace tenfour::net {

bool DistributedFloor::wins(const Talker &a, const Talker &b)
{
    if (a.sid != b.sid)
        return a.sid < b.sid;
    return a.id < b.id;
}

bool DistributedFloor::tryTake(const Talker &own, Talker *holder)
{
    if (m_holder && !(m_holder->own && m_holder->sid == own.sid)) {
        if (holder)
            *holder = *m_holder;
        return false;
    }
    m_holder = own;
    m_holder->own = true;
    return true;
}

DistributedFloor::Outcome DistributedFloor::otherStarted(const Talker &other)
{
    Outcome out;
    if (!m_holder) {
        m_holder = other;
        m_holder->own = false;
        out.verdict = Verdict::Accepted;
        return out;
    }
    if (m_holder->sid == other.sid)
        return out; // the same transmission announced twice: nothing changes
    const bool collides = other.startMs - m_holder->startMs <= m_windowMs;
    if (collides && wins(other, *m_holder)) {
        out.displaced = m_holder;
        m_holder = other;
        m_holder->own = false;
        out.verdict = Verdict::Accepted;
    }
    return out;
}

bool DistributedFloor::release(quint32 sid)
{
    if (!m_holder || m_holder->sid != sid)
        return false;
    m_holder.reset();
    return true;
}

bool DistributedFloor::noteAudio(quint32 sid, qint64 nowMs)
{
    if (!m_holder || m_holder->own || m_holder->sid != sid)
        return false;
    m_holder->lastHeardMs = nowMs;
    return true;
}

std::optional<DistributedFloor::Talker> DistributedFloor::expire(qint64 nowMs)
{
    if (!m_holder || m_holder->own || nowMs - m_holder->lastHeardMs <= m_idleMs)
        return std::nullopt;
    return std::exchange(m_holder, std::nullopt);
}

} // namespace tenfour::net
