#pragma once
// Reading and writing the fields of control messages (docs/protocol.md), shared by the relay and
// the client. JSON has only doubles, and QJsonValue::toInteger() truncates 1.5 and saturates
// 1e300, so every reader of a sid, seq, version, rate or token time makes the same checks: a
// number, finite and whole, inside the range its field allows.

#include <QJsonObject>
#include <QJsonValue>
#include <QLatin1String>
#include <cmath>

namespace tenfour::protocol {

// 2^53 - 1: beyond it a double no longer holds every integer.
inline constexpr double kMaxSafeInteger = 9007199254740991.0;

// A field name from a literal, without a QString allocation.
inline QLatin1String key(const char *k)
{
    return QLatin1String(k);
}

// An integral number in [lo, hi].
inline bool integralValue(const QJsonValue &v, double lo, double hi, qint64 &out)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    if (!std::isfinite(d) || d != std::floor(d) || d < lo || d > hi)
        return false;
    out = qint64(d);
    return true;
}

// The member `name` of `o` as an integral number in [0, 2^32) (a sid).
inline bool u32Field(const QJsonObject &o, const char *name, quint32 &out)
{
    qint64 v = 0;
    if (!integralValue(o.value(QLatin1String(name)), 0, 4294967295.0, v))
        return false;
    out = quint32(v);
    return true;
}

} // namespace tenfour::protocol
