#pragma once
// Everything the relay sends in one event-loop turn, flushed once at the end of the turn.
//
// The fan-out queues, per receiver, pointers into frames built once (no copy, no allocation per
// receiver); flushAll() then writes each receiver's queue with one sendmsg() (Linux), so
// frames that arrived together leave together. Only what the kernel does not take goes into
// the QTcpSocket's own buffer (which then drains through its write notifier), so sockets with
// room never touch the event dispatcher on the write path: with the glib dispatcher that costs
// a list walk per socket notifier change.

#include <QByteArray>

#include <functional>
#include <vector>

namespace tenfour::relay {

class Connection;

// A frame that lives until the next flush.
struct Wire {
    const char *data = nullptr;
    qsizetype size = 0;
};

class Outbox {
public:
    // schedule: arranges for flushAll() to run once the current event is handled.
    explicit Outbox(std::function<void()> schedule) : schedule_(std::move(schedule)) {}

    // Keeps bytes alive until the next flushAll() and returns them as a Wire.
    Wire keep(QByteArray bytes)
    {
        arena_.push_back(std::move(bytes));
        const QByteArray &b = arena_.back();
        return Wire{b.constData(), b.size()};
    }
    // c has something queued.
    void dirty(Connection *c)
    {
        dirty_.push_back(c);
        if (!scheduled_ && !held_) {
            scheduled_ = true;
            schedule_();
        }
    }
    // While a socket's readyRead is being handled, its messages' output waits for
    // releaseAndFlush(), called right after that (RelayServer connects it after QWebSocket's own
    // readyRead handler): all messages of one read leave together, without another trip
    // through the event loop (and its poll over every socket).
    void hold() { held_ = true; }
    void releaseAndFlush()
    {
        held_ = false;
        if (!dirty_.empty())
            flushAll();
    }
    // c is going away: drop it from the flush list (its queue is discarded).
    void forget(Connection *c);
    // Writes every queued frame (see the comment at the top) and frees the frames.
    void flushAll();

private:
    std::function<void()> schedule_;
    std::vector<QByteArray> arena_;
    std::vector<Connection *> dirty_;
    bool scheduled_ = false;
    bool held_ = false;
};

} // namespace tenfour::relay
