#include "relay/Channel.h"

#include <algorithm>

namespace tenfour::relay {

Channel::Channel(QString name, bool configured, bool echo, int maxTalkMs, int idleRevokeMs)
    : name_(std::move(name))
    , configured_(configured)
    , echo_(echo)
{
    if (!echo_)
        floor_ = std::make_unique<FloorControl>(this, nullptr, maxTalkMs, idleRevokeMs);
}

Channel::~Channel() = default;

void Channel::add(Connection *c)
{
    if (std::find(members_.begin(), members_.end(), c) == members_.end())
        members_.push_back(c);
}

void Channel::remove(Connection *c)
{
    members_.erase(std::remove(members_.begin(), members_.end(), c), members_.end());
}

void Channel::broadcast(Wire wire, const Connection *except) const
{
    for (Connection *m : members_) {
        if (m != except)
            m->sendControl(wire);
    }
}

} // namespace tenfour::relay
