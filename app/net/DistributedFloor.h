#pragma once
// Floor control without a floor: on a broadcast relay nobody grants the floor, so every client
// applies the same rules to what it hears, and they all reach the same verdict:
//   - the floor is free when nobody is heard talking; a client does not start while it hears
//     someone (the request is answered "busy", as a Tenfour relay would);
//   - two transmissions that start within kCollisionWindowMs of each other collide, and the
//     one with the LOWER sid wins (ties: the lower client id); the loser stops, and everyone
//     else ignores the loser's frames even before its `over` arrives;
//   - a transmission that starts later than that while someone holds the floor is ignored
//     (its sender should have heard the holder: a Tenfour client would have been busy);
//   - a holder silent for longer than the idle time is taken to be gone (a broadcast relay
//     says nothing when a client drops).
// The window only has to exceed the time a `talking` takes from one client to the others
// (a round trip through the relay). Plain logic: the caller gives the time, in ms.

#include <QString>
#include <optional>

namespace tenfour::net {

class DistributedFloor {
public:
    static constexpr int kCollisionWindowMs = 300;
    static constexpr int kIdleMs = 4000; // as tenfour-relay's --idle-revoke default

    struct Talker {
        quint32 sid = 0;
        QString id;
        QString name;
        qint64 startMs = 0;
        qint64 lastHeardMs = 0;
        bool own = false; // our own transmission
    };
    enum class Verdict { Accepted, Ignored };
    struct Outcome {
        Verdict verdict = Verdict::Ignored;
        std::optional<Talker> displaced; // the holder that lost the collision to this one
    };

    explicit DistributedFloor(int collisionWindowMs = kCollisionWindowMs, int idleMs = kIdleMs)
        : m_windowMs(collisionWindowMs), m_idleMs(idleMs)
    {
    }

    // Whether a beats b when they collide: the lower sid, then the lower id.
    static bool wins(const Talker &a, const Talker &b);

    // Our own start: true when the floor was free (we hold it now); false and *holder set
    // when someone else is talking.
    bool tryTake(const Talker &own, Talker *holder);
    // Someone else's `talking` (startMs = lastHeardMs = now).
    Outcome otherStarted(const Talker &other);
    // A transmission ended (our own, or someone's `over`): true when it held the floor.
    bool release(quint32 sid);
    // One audio frame of `sid`: true when it belongs to the holder (and is to be played).
    bool noteAudio(quint32 sid, qint64 nowMs);
    // The holder, if it is someone else and silent for longer than the idle time; the floor
    // is free again then.
    std::optional<Talker> expire(qint64 nowMs);
    void clear() { m_holder.reset(); }

    const std::optional<Talker> &holder() const { return m_holder; }
    bool holdsOwn(quint32 sid) const { return m_holder && m_holder->own && m_holder->sid == sid; }
    int collisionWindowMs() const { return m_windowMs; }

private:
    int m_windowMs;
    int m_idleMs;
    std::optional<Talker> m_holder;
};

} // namespace tenfour::net
