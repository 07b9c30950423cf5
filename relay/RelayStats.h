#pragma once
// Counters of one RelayServer (RelayServer::stats()); the executable prints them as one line
// on SIGUSR1 or every --stats-interval.

#include <QString>
#include <QtGlobal>

namespace tenfour::relay {

struct RelayStats {
    int connections = 0;     // open WebSocket connections (hello or not)
    int channels = 0;        // existing channels: configured, echo, ad-hoc
    int talkers = 0;         // transmissions holding a floor right now (echo recordings included)

    quint64 framesIn = 0;        // audio frames received (binary and text-safe)
    quint64 framesForwarded = 0; // audio frames delivered, counted once per receiver
    quint64 framesRecorded = 0;  // audio frames recorded in the echo channel
    quint64 framesDropped = 0;   // the sum of the reasons below
    quint64 droppedNotHolder = 0;  // sid is not a floor the sender holds (or was revoked)
    quint64 droppedRateLimited = 0; // above the audio rate (x real time)
    quint64 droppedMalformed = 0;  // bad header, unknown type, payload too large, bad text-safe form
    quint64 droppedSlowReader = 0; // per receiver: its send queue was over the limit

    quint64 controlIn = 0;       // control messages received
    quint64 errorsSent = 0;      // {"t":"error"} sent
    quint64 connectionsAccepted = 0; // TCP connections accepted since start
    quint64 connectionsRejected = 0; // refused by a limit (per IP, total, origin, auth, hello timeout)
    qint64 maxQueuedBytes = 0;   // the largest send queue seen on any connection, bytes

    QString toLine() const
    {
        return QStringLiteral("stats: connections=%1 channels=%2 talkers=%3 frames_in=%4 forwarded=%5 "
                              "recorded=%6 dropped=%7 (not_holder=%8 rate=%9 malformed=%10 slow_reader=%11) "
                              "control_in=%12 errors=%13 accepted=%14 rejected=%15")
            .arg(connections)
            .arg(channels)
            .arg(talkers)
            .arg(framesIn)
            .arg(framesForwarded)
            .arg(framesRecorded)
            .arg(framesDropped)
            .arg(droppedNotHolder)
            .arg(droppedRateLimited)
            .arg(droppedMalformed)
            .arg(droppedSlowReader)
            .arg(controlIn)
            .arg(errorsSent)
            .arg(connectionsAccepted)
            .arg(connectionsRejected);
    }
};

} // namespace tenfour::relay
