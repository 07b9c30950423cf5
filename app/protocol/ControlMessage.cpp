#include "protocol/ControlMessage.h"
#include "protocol/JsonFields.h"

#include <QJsonDocument>
#include <QJsonValue>

namespace tenfour::protocol {

const char *controlErrorText(ControlError e)
{
    switch (e) {
    case ControlError::None:
        return "ok";
    case ControlError::TooLarge:
        return "control message larger than 8192 bytes";
    case ControlError::NotJson:
        return "control message is not valid JSON";
    case ControlError::NotObject:
        return "control message is not a JSON object";
    case ControlError::MissingType:
        return "control message has no string member \"t\"";
    case ControlError::BadSeq:
        return "control message \"seq\" is not an integer";
    }
    return "unknown error";
}

ControlError parseControlMessage(const QByteArray &utf8, ControlMessage &out)
{
    if (utf8.size() > kMaxControlMessage)
        return ControlError::TooLarge;
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(utf8, &err);
    if (err.error != QJsonParseError::NoError)
        return ControlError::NotJson;
    if (!doc.isObject())
        return ControlError::NotObject;
    QJsonObject obj = doc.object();
    const QJsonValue t = obj.value(QLatin1String("t"));
    if (!t.isString() || t.toString().isEmpty())
        return ControlError::MissingType;
    out.seq.reset();
    const QJsonValue seq = obj.value(QLatin1String("seq"));
    if (!seq.isUndefined()) {
        qint64 n = 0;
        if (!integralValue(seq, -kMaxSafeInteger, kMaxSafeInteger, n))
            return ControlError::BadSeq;
        out.seq = n;
    }
    out.type = t.toString();
    out.body = std::move(obj);
    return ControlError::None;
}

ControlError parseControlMessage(const QString &text, ControlMessage &out)
{
    // A QString's UTF-8 size is at most 3 bytes per UTF-16 unit: skip the conversion of
    // anything that is certainly too large.
    if (text.size() > kMaxControlMessage)
        return ControlError::TooLarge;
    return parseControlMessage(text.toUtf8(), out);
}

QString serializeControl(QJsonObject obj, std::optional<qint64> seq)
{
    if (seq)
        obj.insert(QLatin1String("seq"), double(*seq));
    return QString::fromUtf8(QJsonDocument(obj).toJson(QJsonDocument::Compact));
}

} // namespace tenfour::protocol
