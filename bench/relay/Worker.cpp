#include "Worker.h"

#include "JsonScan.h"
#include "WorkerConn.h"
#include "WsFraming.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace relaybench {
namespace {

constexpr size_t kRxBuffer = 256 * 1024;
constexpr size_t kMaxServerPayload = 64 * 1024; // control messages are <= 8 KB, audio <= 1284 B
constexpr size_t kMaxPendingOut = 4 * 1024 * 1024;

} // namespace

Shared::Shared(const Config &c) : cfg(c), lastSeq(new PaddedSeq[size_t(c.listeners())]) {}

void Shared::fail(const std::string &why)
{
    failures.fetch_add(1);
    std::lock_guard<std::mutex> lock(mu_);
    if (errors_.size() < 5)
        errors_.push_back(why);
}

std::vector<std::string> Shared::errors()
{
    std::lock_guard<std::mutex> lock(mu_);
    return errors_;
}

Worker::Worker(Shared &shared, int index) : s_(shared), index_(index), rx_(kRxBuffer)
{
    epfd_ = epoll_create1(EPOLL_CLOEXEC);
    const Config &cfg = s_.cfg;
    tx_.resize(size_t(cfg.batch) * (size_t(cfg.frameBytes) + kMaxClientHeader));
    frame_.assign(size_t(cfg.frameBytes), 0);
    hostPort_ = cfg.host + ":" + std::to_string(cfg.port);
    upgrade_ = makeUpgradeRequest(hostPort_, "/");
}

Worker::~Worker()
{
    for (auto &c : conns_) {
        if (c->fd >= 0)
            close(c->fd);
    }
    if (wakeFd_ >= 0)
        close(wakeFd_);
    if (epfd_ >= 0)
        close(epfd_);
}

void Worker::addListener(int listener, int channel)
{
    auto c = std::make_unique<Conn>();
    c->id = listener;
    c->channel = channel;
    c->listener = listener;
    conns_.push_back(std::move(c));
}

void Worker::addTalker(int channel)
{
    if (wakeFd_ < 0) {
        // Listeners on other workers kick this eventfd when a full window opens again.
        wakeFd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.ptr = nullptr;
        epoll_ctl(epfd_, EPOLL_CTL_ADD, wakeFd_, &ev);
        s_.talkerWakeFd = wakeFd_;
    }
    auto c = std::make_unique<Conn>();
    c->id = s_.cfg.listeners() + channel;
    c->channel = channel;
    c->talker = true;
    c->sid = uint32_t(channel) + 1;
    talkers_.push_back(c.get());
    conns_.push_back(std::move(c));
}

void Worker::open(Conn &c)
{
    c.fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c.fd < 0) {
        fail(c, std::string("socket: ") + strerror(errno));
        return;
    }
    const int one = 1;
    setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(uint16_t(s_.cfg.port));
    inet_pton(AF_INET, s_.cfg.host.c_str(), &addr.sin_addr);
    if (connect(c.fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) < 0 && errno != EINPROGRESS) {
        fail(c, std::string("connect: ") + strerror(errno));
        return;
    }
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLOUT;
    ev.data.ptr = &c;
    epoll_ctl(epfd_, EPOLL_CTL_ADD, c.fd, &ev);
    c.wantWrite = true;
    c.state = Conn::kConnecting;
    ++setupInFlight_;
}

void Worker::onEvent(Conn &c, uint32_t events)
{
    if (c.state == Conn::kDead)
        return;
    if (c.state == Conn::kConnecting) {
        if (!(events & (EPOLLOUT | EPOLLERR | EPOLLHUP)))
            return;
        int err = 0;
        socklen_t len = sizeof err;
        getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &err, &len);
        if (err != 0) {
            fail(c, std::string("connect: ") + strerror(err));
            return;
        }
        c.state = Conn::kUpgrading;
        setWantWrite(c, false);
        // Raw mode (broadcast relay) groups clients by path, one path per channel.
        const std::string request = s_.cfg.proto == Proto::Raw
                                        ? makeUpgradeRequest(hostPort_, "/b" + std::to_string(c.channel))
                                        : upgrade_;
        sendBytes(c, request.data(), request.size());
        return;
    }
    if (events & EPOLLOUT)
        flush(c);
    if (c.state != Conn::kDead && (events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
        onReadable(c);
}

void Worker::onReadable(Conn &c)
{
    const size_t have = c.in.size();
    memcpy(rx_.data(), c.in.data(), have);
    const ssize_t n = recv(c.fd, rx_.data() + have, rx_.size() - have, 0);
    if (n < 0) {
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            fail(c, std::string("recv: ") + strerror(errno));
        return;
    }
    if (n == 0) {
        fail(c, "the relay closed the connection");
        return;
    }
    const int64_t now = nowNs();
    const char *p = rx_.data();
    size_t len = have + size_t(n);
    if (c.state == Conn::kUpgrading) {
        std::string why;
        const long h = parseUpgradeResponse(p, len, why);
        if (h < 0) {
            fail(c, why);
            return;
        }
        if (h == 0) {
            c.in.assign(p, len);
            return;
        }
        p += h;
        len -= size_t(h);
        if (s_.cfg.proto == Proto::Raw) {
            becomeReady(c);
        } else {
            c.state = Conn::kAwaitWelcome;
            sendControl(c, "{\"t\":\"hello\",\"v\":1,\"seq\":1,\"name\":\"g" + std::to_string(c.id) +
                               "\",\"client\":\"bench\"}");
        }
    }
    processFrames(c, p, len, now);
}

void Worker::processFrames(Conn &c, const char *p, size_t len, int64_t now)
{
    const uint32_t seqBefore = c.seq;
    while (len > 0 && c.state != Conn::kDead) {
        ServerFrame f;
        const long k = parseServerFrame(p, len, kMaxServerPayload, f);
        if (k < 0) {
            fail(c, "malformed WebSocket frame from the relay");
            return;
        }
        if (k == 0)
            break;
        if (!f.fin || f.opcode == kCont) {
            fail(c, "fragmented message (the generator does not reassemble)");
            return;
        }
        switch (f.opcode) {
        case kBinary:
            onAudio(c, f.payload, f.len, now);
            break;
        case kText:
            onText(c, f.payload, f.len);
            break;
        case kPing: {
            std::string pong;
            appendClientFrame(pong, kPong, f.payload, f.len);
            sendBytes(c, pong.data(), pong.size());
            break;
        }
        case kClose:
            fail(c, "the relay sent a close frame");
            return;
        default:
            break;
        }
        p += k;
        len -= size_t(k);
    }
    if (c.state == Conn::kDead)
        return;
    c.in.assign(p, len);
    if (c.listener >= 0 && c.seq != seqBefore)
        s_.lastSeq[size_t(c.listener)].v.store(c.seq, std::memory_order_relaxed);
}

void Worker::onText(Conn &c, const char *data, size_t len)
{
    ++textIn_;
    if (s_.cfg.proto == Proto::Raw)
        return; // the broadcast relay's text is other clients' chatter
    const std::string t = controlType(data, len);
    if (t == "error") {
        fail(c, "relay error: " + std::string(data, len < 300 ? len : 300));
        return;
    }
    const std::string ch = "\"b" + std::to_string(c.channel) + "\"";
    if (c.state == Conn::kAwaitWelcome && t == "welcome") {
        c.state = Conn::kAwaitJoined;
        sendControl(c, "{\"t\":\"join\",\"seq\":2,\"ch\":" + ch + "}");
    } else if (c.state == Conn::kAwaitJoined && t == "joined") {
        becomeReady(c);
    } else if (c.state == Conn::kAwaitGranted && t == "granted") {
        c.state = Conn::kTalking;
        s_.granted.fetch_add(1);
    } else if (c.state == Conn::kAwaitGranted && t == "denied") {
        fail(c, "talk denied: " + std::string(data, len < 300 ? len : 300));
    }
}

void Worker::onAudio(Conn &c, const char *data, size_t len, int64_t now)
{
    if (c.listener < 0)
        return;
    if (len < size_t(kMinFrame) || data[0] != 0x01) {
        fail(c, "binary message that is not a bench audio frame");
        return;
    }
    const uint32_t seq = readBe32(data + 5);
    int64_t sentAt;
    memcpy(&sentAt, data + kHeader, sizeof sentAt);
    ++deliveries_;
    if (c.seq != 0 && seq != c.seq + 1) {
        if (seq > c.seq)
            gaps_ += seq - c.seq - 1;
        else
            ++reorders_;
    }
    if (seq > c.seq)
        c.seq = seq;
    if (measuring_)
        latency.add(now - sentAt);
    deliveredSince_ = true;
}

bool Worker::sendBytes(Conn &c, const char *data, size_t len)
{
    if (c.fd < 0)
        return false;
    if (c.out.size() > c.outOff) {
        c.out.append(data, len);
        if (c.out.size() - c.outOff > kMaxPendingOut) {
            fail(c, "the relay stopped reading (4 MB unsent)");
            return false;
        }
        return true;
    }
    ssize_t w = send(c.fd, data, len, MSG_NOSIGNAL);
    if (w < 0) {
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            fail(c, std::string("send: ") + strerror(errno));
            return false;
        }
        w = 0;
    }
    if (size_t(w) < len) {
        c.out.assign(data + w, len - size_t(w));
        c.outOff = 0;
        setWantWrite(c, true);
    }
    return true;
}

void Worker::sendControl(Conn &c, const std::string &json)
{
    std::string frame;
    appendClientFrame(frame, kText, json.data(), json.size());
    sendBytes(c, frame.data(), frame.size());
}

void Worker::flush(Conn &c)
{
    if (c.out.size() > c.outOff) {
        const ssize_t w = send(c.fd, c.out.data() + c.outOff, c.out.size() - c.outOff, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
                fail(c, std::string("send: ") + strerror(errno));
            return;
        }
        c.outOff += size_t(w);
    }
    if (c.out.size() == c.outOff) {
        c.out.clear();
        c.outOff = 0;
        setWantWrite(c, false);
    }
}

void Worker::setWantWrite(Conn &c, bool on)
{
    if (c.wantWrite == on || c.fd < 0)
        return;
    epoll_event ev{};
    ev.events = EPOLLIN | (on ? EPOLLOUT : 0u);
    ev.data.ptr = &c;
    epoll_ctl(epfd_, EPOLL_CTL_MOD, c.fd, &ev);
    c.wantWrite = on;
}

void Worker::becomeReady(Conn &c)
{
    c.state = Conn::kReady;
    --setupInFlight_;
    s_.ready.fetch_add(1);
}

void Worker::fail(Conn &c, const std::string &why)
{
    s_.fail((c.talker ? "talker of b" : "listener g") + std::to_string(c.talker ? c.channel : c.id) + ": " +
            why);
    closeConn(c);
}

void Worker::closeConn(Conn &c)
{
    if (c.fd >= 0) {
        epoll_ctl(epfd_, EPOLL_CTL_DEL, c.fd, nullptr);
        close(c.fd);
        c.fd = -1;
    }
    switch (c.state) {
    case Conn::kConnecting:
    case Conn::kUpgrading:
    case Conn::kAwaitWelcome:
    case Conn::kAwaitJoined:
        --setupInFlight_; // let the next connection start
        break;
    default:
        break;
    }
    c.state = Conn::kDead;
}

void Worker::publish()
{
    counters.deliveries.store(deliveries_, std::memory_order_relaxed);
    counters.sent.store(sent_, std::memory_order_relaxed);
    counters.gaps.store(gaps_, std::memory_order_relaxed);
    counters.reorders.store(reorders_, std::memory_order_relaxed);
    counters.skipped.store(skipped_, std::memory_order_relaxed);
    counters.textIn.store(textIn_, std::memory_order_relaxed);
}

void Worker::run()
{
    const Config &cfg = s_.cfg;
    // Every worker stops by itself, whatever the main thread does.
    const int64_t cap =
        nowNs() + int64_t((cfg.setupTimeoutSec + cfg.warmupSec + cfg.durationSec + cfg.settleSec + 60) * 1e9);
    epoll_event evs[256];
    size_t nextOpen = 0;
    int lastPhase = -1;
    for (;;) {
        const int phase = s_.phase.load(std::memory_order_acquire);
        if (phase == kStop)
            break;
        if (nowNs() > cap) {
            s_.fail("worker " + std::to_string(index_) + " hit its time cap");
            break;
        }
        // Open connections a few at a time so the relay's accept backlog never overflows.
        while (nextOpen < conns_.size() && setupInFlight_ < cfg.maxSetupInFlight)
            open(*conns_[nextOpen++]);
        if (phase != lastPhase) {
            onPhase(phase);
            lastPhase = phase;
        }
        measuring_ = s_.measuring.load(std::memory_order_relaxed);
        pumpTalkers(phase, nowNs());
        const int64_t wait = waitNs(phase, nowNs());
        const timespec ts{time_t(wait / 1000000000), long(wait % 1000000000)};
        const int n = epoll_pwait2(epfd_, evs, 256, &ts, nullptr);
        if (n < 0 && errno != EINTR) {
            s_.fail(std::string("epoll: ") + strerror(errno));
            break;
        }
        for (int i = 0; i < n; ++i) {
            if (evs[i].data.ptr == nullptr) {
                uint64_t v;
                if (read(wakeFd_, &v, sizeof v) < 0) {
                    // EAGAIN: another wake-up already drained it
                }
                continue;
            }
            onEvent(*static_cast<Conn *>(evs[i].data.ptr), evs[i].events);
        }
        publish();
        if (deliveredSince_) {
            deliveredSince_ = false;
            std::atomic_thread_fence(std::memory_order_seq_cst);
            // Kicked even from the talkers' own worker: the extra non-blocking pass tops the
            // window up sooner, which fed tenfour-relay ~15 % more deliveries/s than sleeping.
            if (s_.talkerWaiting.load(std::memory_order_relaxed) && s_.talkerWaiting.exchange(false)) {
                const uint64_t one = 1;
                if (write(s_.talkerWakeFd, &one, sizeof one) < 0) {
                    // EAGAIN: the counter is already non-zero, the talker will wake
                }
            }
        }
    }
    publish();
}

} // namespace relaybench
