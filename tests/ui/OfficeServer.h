#pragma once
// The server the widget tests configure: "Office" on a loopback port nothing listens on (the
// fake engine never connects), auto-joining "general".

#include "ui/ServerConfig.h"

#include <QStringList>
#include <QUrl>

inline tenfour::ui::ServerConfig office(const QStringList &channels = {QStringLiteral("general"),
                                                                       QStringLiteral("ops")})
{
    tenfour::ui::ServerConfig s;
    s.id = QStringLiteral("office");
    s.name = QStringLiteral("Office");
    s.url = QUrl(QStringLiteral("ws://127.0.0.1:9/"));
    s.channels = channels;
    s.autoJoin = {QStringLiteral("general")};
    return s;
}
