#pragma once
// A per-channel push-to-talk key ("shout to channel"): holding `key` talks on `channel` of the
// current server, joining it for the talk when the app is not in it. Stored as "key=channel"
// ("F9=ops"): a key's portable form (input::PttKey) never contains '=', so the first '=' splits
// the two even when the channel name has one.

#include <QString>

namespace tenfour::ui {

struct ChannelKey {
    QString key;     // input::PttKey portable form
    QString channel; // a channel name on the current server

    QString toString() const { return key + QLatin1Char('=') + channel; }
    // An entry without a key or a channel is invalid (empty key and channel).
    static ChannelKey fromString(const QString &text)
    {
        const qsizetype at = text.indexOf(QLatin1Char('='));
        if (at <= 0 || at + 1 >= text.size())
            return {};
        return {text.left(at).trimmed(), text.mid(at + 1)};
    }
    bool isValid() const { return !key.isEmpty() && !channel.isEmpty(); }

    bool operator==(const ChannelKey &o) const { return key == o.key && channel == o.channel; }
    bool operator!=(const ChannelKey &o) const { return !(*this == o); }
};

} // namespace tenfour::ui
