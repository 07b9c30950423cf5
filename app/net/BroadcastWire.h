#pragma once
// What Tenfour clients say to each other through a broadcast relay (docs/compatibility.md),
// on top of the protocol's own `hello`, `talking` and `over` (docs/protocol.md), which a client
// on such a relay sends itself because no relay does:
//   {"t":"announce","id":"b1f3a9c2d4e5f607","name":"Alice","client":"tenfour/0.1.0","ch":URL}
//       "I am here": sent when a client finds itself on a broadcast relay, in answer to a
//       newcomer's hello, and every kAnnounceEveryMs (peers that go silent are forgotten).
//   {"t":"bye","id":"b1f3a9c2d4e5f607"}  sent before a polite close.

#include <QJsonObject>
#include <QJsonValue>
#include <QLatin1String>
#include <cmath>

namespace tenfour::net::wire {

// A JSON key from a literal.
inline QLatin1String key(const char *k)
{
    return QLatin1String(k);
}

inline constexpr char kAnnounce[] = "announce";
inline constexpr char kBye[] = "bye";

// An integral JSON number in [0, 2^32).
inline bool u32Field(const QJsonObject &o, const char *name, quint32 &out)
{
    const QJsonValue v = o.value(QLatin1String(name));
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    if (!std::isfinite(d) || d != std::floor(d) || d < 0 || d > 4294967295.0)
        return false;
    out = quint32(d);
    return true;
}

} // namespace tenfour::net::wire
