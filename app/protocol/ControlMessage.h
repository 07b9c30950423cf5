#pragma once
// Control messages: one JSON object per text frame, member "t" is the type, optional integer
// "seq" echoed by the direct reply. See docs/protocol.md for every type and field.

#include <QJsonObject>
#include <QString>
#include <optional>

namespace tenfour::protocol {

inline constexpr int kProtocolVersion = 1;
inline constexpr int kMaxControlMessage = 8192; // bytes of UTF-8

// Message types ("t").
namespace type {
inline constexpr char kHello[] = "hello";
inline constexpr char kWelcome[] = "welcome";
inline constexpr char kJoin[] = "join";
inline constexpr char kJoined[] = "joined";
inline constexpr char kLeave[] = "leave";
inline constexpr char kLeft[] = "left";
inline constexpr char kPresence[] = "presence";
inline constexpr char kTalk[] = "talk";
inline constexpr char kGranted[] = "granted";
inline constexpr char kDenied[] = "denied";
inline constexpr char kTalking[] = "talking";
inline constexpr char kOver[] = "over";
inline constexpr char kError[] = "error";
} // namespace type

// Error codes of {"t":"error"}.
namespace code {
inline constexpr char kBadRequest[] = "bad_request";
inline constexpr char kUnauthorized[] = "unauthorized";
inline constexpr char kNotJoined[] = "not_joined";
inline constexpr char kTooLarge[] = "too_large";
inline constexpr char kRateLimited[] = "rate_limited";
inline constexpr char kVersion[] = "version";
} // namespace code

struct ControlMessage {
    QString type;             // "t"
    std::optional<qint64> seq; // "seq", when present and integral
    QJsonObject body;          // the whole object, unknown fields included
};

enum class ControlError { None, TooLarge, NotJson, NotObject, MissingType, BadSeq };
const char *controlErrorText(ControlError e);

// Parses one text frame. The size limit is checked before any JSON parsing.
ControlError parseControlMessage(const QString &text, ControlMessage &out);
ControlError parseControlMessage(const QByteArray &utf8, ControlMessage &out);

// Serialises compactly; adds "seq" when given.
QString serializeControl(QJsonObject obj, std::optional<qint64> seq = std::nullopt);

} // namespace tenfour::protocol
