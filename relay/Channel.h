#pragma once
// A channel: its members, in join order, and its floor. The fan-out lives here: one frame in,
// the same bytes written to every other member.

#include "relay/Connection.h"
#include "relay/FloorControl.h"
#include "relay/RelayStats.h"

#include <QString>

#include <memory>
#include <vector>

namespace tenfour::relay {

class Channel {
public:
    // echo: every member gets its own floor (EchoRecorder) and hears nobody else.
    Channel(QString name, bool configured, bool echo, int maxTalkMs, int idleRevokeMs);
    ~Channel();

    const QString &name() const { return name_; }
    bool isConfigured() const { return configured_; } // exists without members
    bool isEcho() const { return echo_; }
    FloorControl *floor() const { return floor_.get(); } // null for echo

    const std::vector<Connection *> &members() const { return members_; }
    int memberCount() const { return int(members_.size()); }
    void add(Connection *c);
    void remove(Connection *c);

    // Audio: `wire` (a ready WebSocket frame) to every member but `from`.
    void forward(const Connection *from, Wire wire, RelayStats &stats) const
    {
        for (Connection *m : members_) {
            if (m == from)
                continue;
            if (m->sendAudio(wire)) {
                ++stats.framesForwarded;
            } else if (m->isOpen()) {
                ++stats.droppedSlowReader;
                ++stats.framesDropped;
            }
        }
    }
    // Control: to every member but `except`.
    void broadcast(Wire wire, const Connection *except = nullptr) const;

private:
    QString name_;
    bool configured_;
    bool echo_;
    std::unique_ptr<FloorControl> floor_;
    std::vector<Connection *> members_;
};

} // namespace tenfour::relay
