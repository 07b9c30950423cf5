#include "relay/Messages.h"

#include "relay/Connection.h"
#include "relay/WireFrame.h"

#include "protocol/ControlMessage.h"

#include <QJsonDocument>

namespace tenfour::relay {

namespace proto = tenfour::protocol;

QByteArray controlWire(const QJsonObject &obj, std::optional<qint64> seq)
{
    QJsonObject o = obj;
    if (seq)
        o.insert(QLatin1String("seq"), double(*seq));
    return makeTextWire(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QByteArray talkingWire(const QString &ch, const Connection &holder, const Transmission &t)
{
    QJsonObject o{{QLatin1String("t"), QLatin1String(proto::type::kTalking)},
                  {QLatin1String("ch"), ch},
                  {QLatin1String("id"), holder.id()},
                  {QLatin1String("name"), holder.name},
                  {QLatin1String("sid"), double(t.sid)},
                  {QLatin1String("codec"), t.codec},
                  {QLatin1String("rate"), t.rate},
                  {QLatin1String("ptime"), t.ptime}};
    return controlWire(o);
}

QByteArray overWire(const QString &ch, const QString &holderId, quint32 sid, const char *reason,
                    std::optional<qint64> seq)
{
    QJsonObject o{{QLatin1String("t"), QLatin1String(proto::type::kOver)},
                  {QLatin1String("ch"), ch},
                  {QLatin1String("id"), holderId},
                  {QLatin1String("sid"), double(sid)},
                  {QLatin1String("reason"), QLatin1String(reason)}};
    return controlWire(o, seq);
}

QByteArray presenceWire(const QString &ch, const Connection &who, const char *state)
{
    QJsonObject o{{QLatin1String("t"), QLatin1String(proto::type::kPresence)},
                  {QLatin1String("ch"), ch},
                  {QLatin1String("id"), who.id()},
                  {QLatin1String("name"), who.name},
                  {QLatin1String("state"), QLatin1String(state)}};
    return controlWire(o);
}

QByteArray errorWire(const char *code, const QString &msg, std::optional<qint64> seq)
{
    QJsonObject o{{QLatin1String("t"), QLatin1String(proto::type::kError)},
                  {QLatin1String("code"), QLatin1String(code)},
                  {QLatin1String("msg"), msg}};
    return controlWire(o, seq);
}

QJsonValue talkerJson(const FloorControl *floor)
{
    if (!floor || !floor->isHeld())
        return QJsonValue(QJsonValue::Null);
    const Transmission &t = floor->current();
    return QJsonObject{{QLatin1String("id"), t.holder->id()},
                       {QLatin1String("name"), t.holder->name},
                       {QLatin1String("sid"), double(t.sid)},
                       {QLatin1String("codec"), t.codec},
                       {QLatin1String("rate"), t.rate},
                       {QLatin1String("ptime"), t.ptime}};
}

} // namespace tenfour::relay
