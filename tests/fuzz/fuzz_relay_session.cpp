// The relay's real message handler, RelayServerPrivate::onText/onBinary (relay/RelayServerPrivate.h),
// with up to three client connections in one relay: hello (open or with tokens), join/leave,
// talk/over, audio in both forms, garbage, and connections dropping in between, so requests
// meet every state of the channels and floors they act on.
//
// No socket is involved: each Connection gets a QTcpSocket and a QWebSocket that never connect,
// attached and set to AwaitHello as onWebSocketReady() does after a real handshake. Every send
// is then refused (the connection is not open), but everything before it runs as in the relay:
// parsing, the rate limiters, validation, channels, floor control, echo recording. Each input
// gets a fresh relay.
//
// Invariants after every message (abort on violation): membership is symmetric (a connection
// lists a channel exactly when the channel lists it); a held floor's holder is a Ready member
// of that channel and lists the floor among its holdings, and every holding is held by its
// connection; a connection that has not said hello is in no channel.
//
// Input: 1 byte of options, then records of 1 byte (connection and kind) + a random-length
// string (FuzzedDataProvider).

#include "FuzzCheck.h"
#include "relay/RelayServerPrivate.h"
#include "relay/WireFrame.h"

#include <QCoreApplication>
#include <QTcpSocket>
#include <QWebSocket>
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <array>
#include <cstdint>

using namespace tenfour::relay;

namespace {

constexpr int kConnections = 3;

class Relay {
public:
    explicit Relay(const RelayConfig &cfg) : m_server(cfg), d(&m_server, cfg) {}

    ~Relay()
    {
        for (Connection *c : m_conns) {
            if (c)
                d.dropConnection(c);
        }
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }

    // A connection right after its WebSocket handshake (RelayServerPrivate::onWebSocketReady).
    Connection *connect(int i)
    {
        auto *c = new Connection(d.nextSerial++, new QTcpSocket, d.outbox, d.cfg.maxQueuedBytes,
                                 d.cfg.maxQueuedBytesHard, &m_server);
        d.connections.emplace(c->serial(), c);
        c->attach(new QWebSocket);
        c->setState(Connection::State::AwaitHello);
        c->lastSeenMs = monotonicMs();
        c->control.configure(d.cfg.controlRate, d.cfg.controlBurst);
        c->address = QStringLiteral("127.0.0.1");
        m_conns[size_t(i)] = c;
        return c;
    }

    void drop(int i)
    {
        d.dropConnection(m_conns[size_t(i)]);
        m_conns[size_t(i)] = nullptr;
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }

    Connection *at(int i) const { return m_conns[size_t(i)]; }
    RelayServerPrivate &priv() { return d; }

    void check() const
    {
        for (const auto &[name, ch] : d.channels) {
            for (const Connection *m : ch->members()) {
                FUZZ_CHECK(d.connections.count(m->serial()) == 1);
                FUZZ_CHECK(std::count(m->channels.begin(), m->channels.end(), ch.get()) == 1);
            }
            if (const FloorControl *f = ch->floor(); f && f->isHeld()) {
                const Connection *h = f->holder();
                FUZZ_CHECK(h->isMember(ch.get()));
                FUZZ_CHECK(h->state() == Connection::State::Ready);
                FUZZ_CHECK(std::count(h->holdings.begin(), h->holdings.end(), f) == 1);
            }
        }
        for (const auto &[serial, c] : d.connections) {
            FUZZ_CHECK(c->serial() == serial);
            if (c->state() == Connection::State::AwaitHello)
                FUZZ_CHECK(c->channels.empty() && c->holdings.empty());
            for (const Channel *ch : c->channels) {
                const auto &members = ch->members();
                FUZZ_CHECK(std::count(members.begin(), members.end(), c) == 1);
            }
            for (const FloorControl *f : c->holdings)
                FUZZ_CHECK(f->isHeld() && f->holder() == c);
        }
    }

private:
    RelayServer m_server; // the QObject everything hangs off; its own internals stay idle
    RelayServerPrivate d;
    std::array<Connection *, kConnections> m_conns{};
};

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    quietQt();
    new QCoreApplication(*argc, *argv); // deleteLater and the relay's timers need one
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzedDataProvider in(data, size);
    const uint8_t flags = in.ConsumeIntegral<uint8_t>();
    RelayConfig cfg;
    // A closed connection's grace timer: with no event loop it never fires, and Qt keeps a pending
    // single-shot timer alive until it does, even after its connection is deleted (not a leak in
    // the relay, whose loop runs; here it would look like one after every input).
    cfg.closeGraceMs = 0;
    if (flags & 1) { // no rate limits: lets long inputs go deep
        cfg.controlRate = 0;
        cfg.audioRateFactor = 0;
    }
    if (flags & 2)
        cfg.tokenSecret = QByteArrayLiteral("fuzz-secret-0123456789");
    if (flags & 4) {
        cfg.channels = QStringList{QStringLiteral("general"), QStringLiteral("ops")};
        cfg.allowAdHocChannels = false;
    }
    if (flags & 8) {
        cfg.maxChannels = 3;
        cfg.maxChannelsPerConnection = 2;
    }
    {
        Relay relay(cfg);
        for (int i = 0; i < kConnections; ++i)
            relay.connect(i);
        relay.check();
        while (in.remaining_bytes() > 0) {
            const uint8_t op = in.ConsumeIntegral<uint8_t>();
            const int i = op % kConnections;
            Connection *c = relay.at(i);
            switch ((op / kConnections) % 4) {
            case 0:
            case 1: {
                const std::string s = in.ConsumeRandomLengthString(10000);
                relay.priv().onText(c, QString::fromUtf8(s.data(), qsizetype(s.size())));
                break;
            }
            case 2: {
                const std::string s = in.ConsumeRandomLengthString(2000);
                relay.priv().onBinary(c, QByteArray(s.data(), qsizetype(s.size())));
                break;
            }
            case 3: // the client goes away (or its socket breaks) and someone else connects
                relay.drop(i);
                relay.connect(i);
                break;
            }
            relay.check();
        }
    }
    QCoreApplication::sendPostedEvents();
    return 0;
}
