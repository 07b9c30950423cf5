#include "relay/Outbox.h"

#include "relay/Connection.h"

#include <algorithm>

namespace tenfour::relay {

void Outbox::forget(Connection *c)
{
    dirty_.erase(std::remove(dirty_.begin(), dirty_.end(), c), dirty_.end());
}

void Outbox::flushAll()
{
    scheduled_ = false;
    // Flushing never queues more (writes only reach sockets), but be safe about it anyway.
    for (size_t i = 0; i < dirty_.size(); ++i)
        dirty_[i]->flush();
    dirty_.clear();
    arena_.clear();
}

} // namespace tenfour::relay
