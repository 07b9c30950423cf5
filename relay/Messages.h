#pragma once
// The JSON messages the relay sends more than once or from more than one place, built as
// ready WebSocket text frames (WireFrame.h). docs/protocol.md is the reference for each.

#include "relay/FloorControl.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace tenfour::relay {

class Connection;

QByteArray controlWire(const QJsonObject &obj, std::optional<qint64> seq = std::nullopt);

// {"t":"talking","ch","id","name","sid","codec","rate","ptime"}
QByteArray talkingWire(const QString &ch, const Connection &holder, const Transmission &t);
// {"t":"over","ch","id","sid","reason"[,"seq"]}
QByteArray overWire(const QString &ch, const QString &holderId, quint32 sid, const char *reason,
                    std::optional<qint64> seq = std::nullopt);
// {"t":"presence","ch","id","name","state"}
QByteArray presenceWire(const QString &ch, const Connection &who, const char *state);
// {"t":"error","code","msg"[,"seq"]}
QByteArray errorWire(const char *code, const QString &msg, std::optional<qint64> seq = std::nullopt);

// {"id","name","sid","codec","rate","ptime"} of a floor's holder, or null.
QJsonValue talkerJson(const FloorControl *floor);

} // namespace tenfour::relay
