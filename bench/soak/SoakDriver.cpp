#include "SoakDriver.h"

#include "../relay/WsFraming.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <random>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

namespace soak {

using relaybench::ServerFrame;

namespace {

constexpr int64_t kMs = 1000000;
constexpr int64_t kFrameNs = 20 * kMs;
constexpr uint32_t kFloodChannelTag = 0xFFFF;
constexpr int64_t kLatencyBucketNs = 100000; // 0.1 ms
constexpr size_t kLatencyBuckets = 100000;   // up to 10 s
constexpr size_t kMaxFrame = 64 * 1024;

int64_t nowNs()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

// The JSON of the relay's messages is compact and its keys are ours, so a search for
// "key": is exact enough for a load driver (the checks that matter are on the binary frames).
const char *findKey(const char *p, size_t len, const char *key)
{
    const std::string needle = std::string("\"") + key + "\":";
    const std::string hay(p, len);
    const size_t at = hay.find(needle);
    return at == std::string::npos ? nullptr : p + at + needle.size();
}

bool numField(const char *p, size_t len, const char *key, uint64_t &out)
{
    const char *v = findKey(p, len, key);
    if (!v || v >= p + len || *v < '0' || *v > '9')
        return false;
    out = 0;
    while (v < p + len && *v >= '0' && *v <= '9')
        out = out * 10 + uint64_t(*v++ - '0');
    return true;
}

std::string strField(const char *p, size_t len, const char *key)
{
    const char *v = findKey(p, len, key);
    if (!v || v >= p + len || *v != '"')
        return std::string();
    const char *e = static_cast<const char *>(memchr(v + 1, '"', size_t(p + len - v - 1)));
    return e ? std::string(v + 1, e) : std::string();
}

std::string channelName(int i)
{
    char name[32];
    snprintf(name, sizeof name, "soak-%02d", i);
    return name;
}

void putBe32(char *d, uint32_t v)
{
    d[0] = char(v >> 24);
    d[1] = char(v >> 16);
    d[2] = char(v >> 8);
    d[3] = char(v);
}

uint32_t getBe32(const char *d)
{
    const auto *u = reinterpret_cast<const unsigned char *>(d);
    return (uint32_t(u[0]) << 24) | (uint32_t(u[1]) << 16) | (uint32_t(u[2]) << 8) | u[3];
}

} // namespace

Driver::Driver(const Config &cfg) : m_cfg(cfg), m_latencyHist(kLatencyBuckets, 0) {}

Driver::~Driver()
{
    for (Conn &c : m_conns) {
        if (c.fd >= 0)
            ::close(c.fd);
    }
    if (m_ep >= 0)
        ::close(m_ep);
}

long Driver::relayRssKb() const
{
    if (m_cfg.relayPid <= 0)
        return 0;
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/status", m_cfg.relayPid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[256];
    long kb = -1;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "VmRSS:", 6) == 0) {
            kb = strtol(line + 6, nullptr, 10);
            break;
        }
    }
    fclose(f);
    return kb;
}

int Driver::newConn(Role role, int channel, const std::string &channelName)
{
    Conn c;
    c.index = int(m_conns.size());
    c.role = role;
    c.channel = channel;
    c.channelName = channelName;
    m_conns.push_back(std::move(c));
    return m_conns.back().index;
}

bool Driver::startConnect(Conn &c)
{
    c.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c.fd < 0) {
        c.phase = Phase::Closed;
        c.closeWhy = std::string("socket: ") + strerror(errno);
        return false;
    }
    const int one = 1;
    setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (c.role == Role::SlowReader) {
        // A small receive window, so the relay's queue for it fills in seconds, not minutes.
        const int small = 4096;
        setsockopt(c.fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    }
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(uint16_t(m_cfg.port));
    inet_pton(AF_INET, m_cfg.host.c_str(), &a.sin_addr);
    if (::connect(c.fd, reinterpret_cast<sockaddr *>(&a), sizeof a) < 0 && errno != EINPROGRESS) {
        closeConn(c, std::string("connect: ") + strerror(errno));
        return false;
    }
    epoll_event ev{};
    ev.events = EPOLLOUT | EPOLLIN;
    ev.data.u32 = uint32_t(c.index);
    epoll_ctl(m_ep, EPOLL_CTL_ADD, c.fd, &ev);
    c.wantWrite = true;
    c.phase = Phase::Connecting;
    return true;
}

void Driver::closeConn(Conn &c, const std::string &why)
{
    if (c.phase == Phase::Closed)
        return;
    if (c.role == Role::Member && c.phase != Phase::Ready)
        --m_inFlight; // failed during setup
    c.phase = Phase::Closed;
    c.closeWhy = why;
    if (c.fd >= 0) {
        epoll_ctl(m_ep, EPOLL_CTL_DEL, c.fd, nullptr);
        ::close(c.fd);
        c.fd = -1;
    }
    c.in.clear();
    c.out.clear();
}

void Driver::send(Conn &c, const char *data, size_t len)
{
    if (c.fd < 0)
        return;
    if (!c.out.empty()) {
        c.out.append(data, len);
        return;
    }
    const ssize_t n = ::send(c.fd, data, len, MSG_NOSIGNAL);
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
        closeConn(c, std::string("send: ") + strerror(errno));
        return;
    }
    const size_t done = n < 0 ? 0 : size_t(n);
    if (done < len) {
        c.out.append(data + done, len - done);
        if (!c.wantWrite) {
            epoll_event ev{};
            ev.events = (c.role == Role::SlowReader && c.phase == Phase::Ready)
                            ? uint32_t(EPOLLOUT)
                            : uint32_t(EPOLLIN | EPOLLOUT);
            ev.data.u32 = uint32_t(c.index);
            epoll_ctl(m_ep, EPOLL_CTL_MOD, c.fd, &ev);
            c.wantWrite = true;
        }
    }
}

void Driver::sendText(Conn &c, const std::string &json)
{
    std::string frame;
    relaybench::appendClientFrame(frame, relaybench::kText, json.data(), json.size());
    send(c, frame.data(), frame.size());
}

void Driver::onWritable(Conn &c)
{
    if (c.phase == Phase::Connecting) {
        int err = 0;
        socklen_t len = sizeof err;
        getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &err, &len);
        if (err != 0) {
            closeConn(c, std::string("connect: ") + strerror(err));
            return;
        }
        std::string req = relaybench::makeUpgradeRequest(m_cfg.host + ":" + std::to_string(m_cfg.port), "/");
        if (c.role == Role::Burst) {
            // The relay trusts a loopback peer's X-Real-IP (a reverse proxy on this machine), so
            // this burst counts against the per-address limit like 500 connections from one
            // remote address, while the soak's own loopback clients stay exempt.
            req.resize(req.size() - 2);
            req += "X-Real-IP: " + m_cfg.burstAddress + "\r\n\r\n";
        }
        c.phase = Phase::Upgrading;
        send(c, req.data(), req.size());
    }
    while (!c.out.empty() && c.fd >= 0) {
        const ssize_t n = ::send(c.fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return;
            closeConn(c, std::string("send: ") + strerror(errno));
            return;
        }
        c.out.erase(0, size_t(n));
    }
    if (c.fd >= 0 && c.wantWrite) {
        epoll_event ev{};
        ev.events = (c.role == Role::SlowReader && c.phase == Phase::Ready) ? 0u : uint32_t(EPOLLIN);
        ev.data.u32 = uint32_t(c.index);
        epoll_ctl(m_ep, EPOLL_CTL_MOD, c.fd, &ev);
        c.wantWrite = false;
    }
}

void Driver::onReadable(Conn &c)
{
    char buf[65536];
    for (;;) {
        const ssize_t n = ::recv(c.fd, buf, sizeof buf, 0);
        if (n == 0) {
            closeConn(c, c.closeCode ? "closed by the relay (code " + std::to_string(c.closeCode) + ")"
                                     : std::string("closed by the relay (EOF)"));
            return;
        }
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            closeConn(c, std::string("recv: ") + strerror(errno));
            return;
        }
        c.in.append(buf, size_t(n));
        if (size_t(n) < sizeof buf)
            break;
    }
    size_t pos = 0;
    if (c.phase == Phase::Upgrading) {
        std::string why;
        const long hdr = relaybench::parseUpgradeResponse(c.in.data(), c.in.size(), why);
        if (hdr < 0) {
            closeConn(c, why);
            return;
        }
        if (hdr == 0)
            return;
        pos = size_t(hdr);
        onUpgraded(c);
    }
    while (c.phase != Phase::Closed && pos < c.in.size()) {
        ServerFrame f;
        const long used = relaybench::parseServerFrame(c.in.data() + pos, c.in.size() - pos, kMaxFrame, f);
        if (used < 0) {
            closeConn(c, "malformed frame from the relay");
            return;
        }
        if (used == 0)
            break;
        onFrame(c, f.opcode, f.payload, f.len);
        pos += size_t(used);
    }
    if (c.phase != Phase::Closed)
        c.in.erase(0, pos);
}

void Driver::onUpgraded(Conn &c)
{
    c.phase = Phase::AwaitWelcome;
    const std::string name = (c.role == Role::Member ? "s" : "x") + std::to_string(c.index);
    sendText(c, "{\"t\":\"hello\",\"v\":1,\"seq\":1,\"name\":\"" + name + "\",\"client\":\"tenfour-soak\"}");
}

void Driver::onFrame(Conn &c, uint8_t opcode, const char *p, size_t len)
{
    switch (opcode) {
    case relaybench::kText:
        onControl(c, p, len);
        break;
    case relaybench::kBinary:
        onAudio(c, p, len);
        break;
    case relaybench::kPing: {
        std::string pong;
        relaybench::appendClientFrame(pong, relaybench::kPong, p, len);
        send(c, pong.data(), pong.size());
        break;
    }
    case relaybench::kClose:
        c.closeCode = len >= 2 ? (uint8_t(p[0]) << 8) | uint8_t(p[1]) : 1005;
        closeConn(c, "close frame " + std::to_string(c.closeCode) + ": " +
                         (len > 2 ? std::string(p + 2, len - 2) : std::string()));
        break;
    default:
        break;
    }
}

void Driver::onControl(Conn &c, const char *p, size_t len)
{
    ++c.controlRx;
    const std::string t = relaybench::controlType(p, len);
    if (t == "welcome") {
        ++c.welcomes;
        if (c.role == Role::Burst || c.role == Role::Junk) {
            c.phase = Phase::Ready;
            return;
        }
        c.phase = Phase::AwaitJoined;
        if (c.role == Role::SlowReader) {
            // In as many soak channels as a connection may join (32): ~100 kB/s it never reads.
            c.joinsPending = std::min<int>(32, int(m_channels.size()));
            for (int i = 0; i < c.joinsPending; ++i)
                sendText(c, "{\"t\":\"join\",\"seq\":2,\"ch\":\"" + channelName(i) + "\"}");
            return;
        }
        sendText(c, "{\"t\":\"join\",\"seq\":2,\"ch\":\"" + c.channelName + "\"}");
    } else if (t == "joined") {
        if (c.phase == Phase::AwaitJoined && --c.joinsPending <= 0) {
            c.phase = Phase::Ready;
            if (c.role == Role::Member)
                --m_inFlight;
            if (c.role == Role::SlowReader && !c.wantWrite) {
                // From now on it never reads again.
                epoll_event ev{};
                ev.events = 0;
                ev.data.u32 = uint32_t(c.index);
                epoll_ctl(m_ep, EPOLL_CTL_MOD, c.fd, &ev);
            }
        }
    } else if (t == "granted") {
        uint64_t sid = 0;
        if (numField(p, len, "sid", sid) && sid == c.sid && !c.granted) {
            c.granted = true;
            c.txSeq = 0;
            c.nextTxNs = m_now;
            if (c.role == Role::Member) {
                ++m_r->transmissions;
                // Keep the channel's slot in the 20 ms period, so talkers stay spread out.
                const Channel &ch = m_channels[size_t(c.channel)];
                c.nextTxNs = m_now + ((ch.phaseNs - m_now) % kFrameNs + kFrameNs) % kFrameNs;
            } else if (m_floodStartNs == 0) {
                m_floodStartNs = m_now;
            }
        }
    } else if (t == "denied") {
        uint64_t sid = 0;
        if (numField(p, len, "sid", sid) && sid == c.sid) {
            ++m_r->denied;
            c.sid = 0;
            c.retryTalkNs = m_now + 50 * kMs;
        }
    } else if (t == "over") {
        uint64_t sid = 0;
        if (numField(p, len, "sid", sid) && c.sid != 0 && sid == c.sid) {
            // Our transmission is over (acknowledged or revoked): the next member's turn.
            c.sid = 0;
            c.granted = false;
            if (c.role == Role::Member && !m_stopping) {
                Channel &ch = m_channels[size_t(c.channel)];
                if (ch.talker == c.index) {
                    ch.turn = (ch.turn + 1) % int(ch.members.size());
                    ch.talker = ch.members[size_t(ch.turn)];
                    requestTalk(m_conns[size_t(ch.talker)]);
                }
            } else if (c.role == Role::Flooder && !m_stopping) {
                requestTalk(c); // revoked (max_time): flood on
            }
        }
    } else if (t == "error") {
        ++c.errors[strField(p, len, "code")];
    }
}

void Driver::onAudio(Conn &c, const char *p, size_t len)
{
    if (len < 9 || uint8_t(p[0]) != 0x01)
        return;
    ++c.framesRx;
    const uint32_t sid = getBe32(p + 1);
    const uint32_t seq = getBe32(p + 5);
    FramePayload fp;
    if (len >= 9 + sizeof fp) {
        memcpy(&fp, p + 9, sizeof fp);
        const uint32_t expected = c.role == Role::FloodListener ? kFloodChannelTag : uint32_t(c.channel);
        if (memcmp(fp.magic, "SOAK", 4) != 0 || fp.channel != expected)
            ++c.wrongChannel;
        if (c.role == Role::Member) {
            const int64_t lat = m_now - fp.sentNs;
            const size_t b = lat < 0 ? 0 : size_t(lat / kLatencyBucketNs);
            if (b < kLatencyBuckets)
                ++m_latencyHist[b];
            else
                ++m_latencyOver;
        }
    } else {
        ++c.wrongChannel; // not one of ours
    }
    if (c.role == Role::Member && sid == c.lastSid && c.lastRxNs != 0) {
        const int64_t gap = m_now - c.lastRxNs;
        if (gap > c.maxGapNs)
            c.maxGapNs = gap;
        if (double(gap) > m_cfg.gapLimitMs * kMs)
            ++c.gapsOverLimit;
        if (seq > c.lastSeq + 1)
            c.seqMissing += seq - c.lastSeq - 1;
    }
    c.lastSid = sid;
    c.lastSeq = seq;
    c.lastRxNs = m_now;
}

void Driver::requestTalk(Conn &c)
{
    if (c.phase != Phase::Ready)
        return;
    static std::mt19937 rng(12345);
    do {
        c.sid = uint32_t(rng());
    } while (c.sid == 0);
    c.granted = false;
    c.retryTalkNs = 0;
    sendText(c, "{\"t\":\"talk\",\"seq\":3,\"ch\":\"" + c.channelName + "\",\"sid\":" +
                    std::to_string(c.sid) + ",\"codec\":\"opus\",\"rate\":48000,\"ptime\":20}");
}

void Driver::sendAudio(Conn &c)
{
    char frame[9 + sizeof(FramePayload) + relaybench::kMaxClientHeader];
    char body[9 + sizeof(FramePayload)];
    body[0] = 0x01;
    putBe32(body + 1, c.sid);
    putBe32(body + 5, ++c.txSeq);
    FramePayload fp;
    fp.channel = c.role == Role::Flooder ? kFloodChannelTag : uint32_t(c.channel);
    fp.sentNs = m_now;
    memcpy(body + 9, &fp, sizeof fp);
    const size_t n = relaybench::writeClientFrame(frame, relaybench::kBinary, body, sizeof body);
    send(c, frame, n);
    ++c.framesTx;
}

void Driver::rotate(Channel &ch)
{
    ch.rotateAtNs += int64_t(m_cfg.rotateS * 1e9);
    if (ch.talker >= 0) {
        Conn &t = m_conns[size_t(ch.talker)];
        if (t.phase == Phase::Ready && t.sid != 0) {
            if (t.granted) {
                t.granted = false; // no more frames; the over's ack hands the floor on
                sendText(t, "{\"t\":\"over\",\"seq\":4,\"sid\":" + std::to_string(t.sid) + "}");
                return;
            }
            return; // still asking (or retrying): leave it its turn
        }
    }
    // Nobody yet (or the talker is gone): the next member asks.
    ch.turn = ch.talker < 0 ? 0 : (ch.turn + 1) % int(ch.members.size());
    ch.talker = ch.members[size_t(ch.turn)];
    requestTalk(m_conns[size_t(ch.talker)]);
}

void Driver::tick()
{
    if (m_talking) {
        for (Channel &ch : m_channels) {
            if (!m_stopping && m_now >= ch.rotateAtNs)
                rotate(ch);
            if (ch.talker < 0)
                continue;
            Conn &t = m_conns[size_t(ch.talker)];
            if (t.retryTalkNs != 0 && m_now >= t.retryTalkNs && !m_stopping)
                requestTalk(t);
            while (t.granted && t.phase == Phase::Ready && t.nextTxNs <= m_now) {
                const double late = double(m_now - t.nextTxNs) / kMs;
                if (late > m_r->maxSendLateMs)
                    m_r->maxSendLateMs = late;
                sendAudio(t);
                t.nextTxNs += kFrameNs;
            }
        }
    }
    if (m_flooder >= 0) {
        Conn &f = m_conns[size_t(m_flooder)];
        const Conn &l = m_conns[size_t(m_floodListener)];
        if (f.phase == Phase::Ready && l.phase == Phase::Ready && f.sid == 0 && !m_stopping)
            requestTalk(f);
        else if (f.retryTalkNs != 0 && m_now >= f.retryTalkNs && !m_stopping)
            requestTalk(f);
        // Ten times real time: a frame every 2 ms.
        while (f.granted && f.phase == Phase::Ready && f.nextTxNs <= m_now && !m_stopping) {
            sendAudio(f);
            f.nextTxNs += kFrameNs / 10;
        }
    }
    if (m_junk >= 0) {
        Conn &j = m_conns[size_t(m_junk)];
        while (j.phase == Phase::Ready && j.nextJunkNs <= m_now && !m_stopping) {
            static const std::string kJunk[] = {"{not json", "[1,2,3]", "{\"t\":", "{\"t\":42}",
                                                "\"\\ud800\""};
            sendText(j, kJunk[m_r->junkSent % 5]);
            ++m_r->junkSent;
            j.nextJunkNs = (j.nextJunkNs == 0 ? m_now : j.nextJunkNs) + 5 * kMs; // 200 a second
        }
    }
}

bool Driver::run(Result &r, std::string &why)
{
    m_r = &r;
    signal(SIGPIPE, SIG_IGN);
    rlimit rl{};
    getrlimit(RLIMIT_NOFILE, &rl);
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
    if (rl.rlim_cur < rlim_t(m_cfg.clients + m_cfg.burst + 64)) {
        why = "RLIMIT_NOFILE too low: " + std::to_string(rl.rlim_cur);
        return false;
    }
    m_ep = epoll_create1(EPOLL_CLOEXEC);
    m_conns.reserve(size_t(m_cfg.clients + m_cfg.burst + 8));
    r.rssStartKb = relayRssKb();

    m_channels.resize(size_t(m_cfg.channels));
    for (int i = 0; i < m_cfg.clients; ++i) {
        const int idx = newConn(Role::Member, i % m_cfg.channels, channelName(i % m_cfg.channels));
        m_channels[size_t(i % m_cfg.channels)].members.push_back(idx);
        m_pending.push_back(idx);
    }
    r.members = m_cfg.clients;

    epoll_event evs[256];
    auto pump = [&](int timeoutMs) {
        const int n = epoll_wait(m_ep, evs, 256, timeoutMs);
        m_now = nowNs();
        for (int i = 0; i < n; ++i) {
            Conn &c = m_conns[evs[i].data.u32];
            if (c.phase == Phase::Closed)
                continue;
            if (evs[i].events & (EPOLLOUT | EPOLLERR | EPOLLHUP))
                onWritable(c);
            if (c.phase != Phase::Closed && (evs[i].events & (EPOLLIN | EPOLLERR | EPOLLHUP)))
                onReadable(c);
        }
    };

    // Set-up: every member connected, welcomed and joined, a few handshakes at a time.
    const int64_t setupStart = nowNs();
    m_now = setupStart;
    size_t next = 0;
    for (;;) {
        while (next < m_pending.size() && m_inFlight < m_cfg.setupParallel) {
            ++m_inFlight;
            startConnect(m_conns[size_t(m_pending[next++])]);
        }
        int ready = 0, closed = 0;
        for (int i = 0; i < m_cfg.clients; ++i) {
            ready += m_conns[size_t(i)].phase == Phase::Ready;
            closed += m_conns[size_t(i)].phase == Phase::Closed;
        }
        if (ready + closed == m_cfg.clients)
            break;
        if (m_now - setupStart > 120LL * 1000 * kMs) {
            why = "set-up took over 120 s: " + std::to_string(ready) + " of " +
                  std::to_string(m_cfg.clients) + " members joined";
            return false;
        }
        pump(10);
    }
    r.setupS = double(m_now - setupStart) / 1e9;

    // The soak proper.
    m_soakStart = m_now;
    m_talking = true;
    for (size_t i = 0; i < m_channels.size(); ++i) {
        m_channels[i].phaseNs = m_soakStart + int64_t(i) * kFrameNs / int64_t(m_channels.size());
        m_channels[i].rotateAtNs =
            m_soakStart + int64_t(double(i) * m_cfg.rotateS * 1e9 / double(m_channels.size()));
    }
    if (m_cfg.abuse) {
        m_flooder = newConn(Role::Flooder, -1, "abuse-flood");
        m_floodListener = newConn(Role::FloodListener, -1, "abuse-flood");
        m_junk = newConn(Role::Junk, -1, std::string());
        m_slow = newConn(Role::SlowReader, 0, channelName(0));
        for (int idx : {m_flooder, m_floodListener, m_junk, m_slow})
            startConnect(m_conns[size_t(idx)]);
    }
    const int64_t end = m_soakStart + int64_t(m_cfg.durationS * 1e9);
    const int64_t warmEnd = m_soakStart + int64_t(m_cfg.warmupS * 1e9);
    // The burst comes inside the warm-up: its 500 sockets' memory goes back to the relay's
    // allocator, not always to the system, and must not read as a leak.
    const int64_t burstAt = m_soakStart + int64_t(m_cfg.warmupS * 1e9) / 3;
    bool burstStarted = false, burstClosed = false;
    int64_t nextRss = m_soakStart;
    while (m_now < end) {
        pump(1);
        tick();
        if (m_cfg.abuse && !burstStarted && m_now >= burstAt) {
            burstStarted = true;
            for (int i = 0; i < m_cfg.burst; ++i)
                m_burst.push_back(newConn(Role::Burst, -1, std::string()));
            for (int idx : m_burst)
                startConnect(m_conns[size_t(idx)]);
        }
        // Counted after 8 s at least: under load (or ASan) 500 handshakes, some behind SYN
        // retransmits of a full listen backlog, take seconds.
        const int64_t burstCountAt =
            burstAt + std::max<int64_t>(int64_t(m_cfg.warmupS * 1e9) / 3, 8000 * kMs);
        if (burstStarted && !burstClosed && m_now >= burstCountAt) {
            // The burst is over: count, then hang up the ones that got in.
            burstClosed = true;
            for (int idx : m_burst) {
                Conn &b = m_conns[size_t(idx)];
                if (b.welcomes > 0)
                    ++r.burstWelcomed;
                else if (b.errors.count("too_many_connections"))
                    ++r.burstRefused;
                else {
                    ++r.burstOther;
                    if (r.burstOtherWhy.empty())
                        r.burstOtherWhy =
                            b.phase == Phase::Closed ? b.closeWhy : "phase " + std::to_string(int(b.phase));
                }
                closeConn(b, "burst over");
            }
        }
        if (m_now >= nextRss) {
            nextRss += 1000 * kMs;
            const long rss = relayRssKb();
            r.rssMaxKb = std::max(r.rssMaxKb, rss);
            if (r.rssWarmKb == 0 && m_now >= warmEnd)
                r.rssWarmKb = rss;
        }
    }

    // Wind down: every talker says over, the last frames arrive.
    m_stopping = true;
    for (Channel &ch : m_channels) {
        if (ch.talker < 0)
            continue;
        Conn &t = m_conns[size_t(ch.talker)];
        if (t.phase == Phase::Ready && t.granted) {
            t.granted = false;
            sendText(t, "{\"t\":\"over\",\"seq\":4,\"sid\":" + std::to_string(t.sid) + "}");
        }
    }
    const int64_t drainEnd = m_now + 1500 * kMs;
    while (m_now < drainEnd)
        pump(5);
    r.rssEndKb = relayRssKb();

    // The verdict's numbers.
    for (int i = 0; i < m_cfg.clients; ++i) {
        const Conn &c = m_conns[size_t(i)];
        if (c.phase == Phase::Ready)
            ++r.membersConnectedAtEnd;
        else if (r.lostWhy.size() < 5)
            r.lostWhy.push_back("s" + std::to_string(i) + ": " + c.closeWhy);
        r.framesTx += c.framesTx;
        r.framesRx += c.framesRx;
        r.wrongChannel += c.wrongChannel;
        r.seqMissing += c.seqMissing;
        r.gapsOverLimit += c.gapsOverLimit;
        r.maxGapMs = std::max(r.maxGapMs, double(c.maxGapNs) / kMs);
    }
    uint64_t total = m_latencyOver;
    for (uint32_t n : m_latencyHist)
        total += n;
    uint64_t seen = 0;
    for (size_t b = 0; b < kLatencyBuckets; ++b) {
        if (m_latencyHist[b] == 0)
            continue;
        seen += m_latencyHist[b];
        const double ms = double(b + 1) * kLatencyBucketNs / kMs;
        if (r.latencyP50Ms == 0 && seen * 2 >= total)
            r.latencyP50Ms = ms;
        if (r.latencyP99Ms == 0 && seen * 100 >= total * 99)
            r.latencyP99Ms = ms;
        r.latencyMaxMs = ms;
    }
    if (m_latencyOver)
        r.latencyMaxMs = 10000;
    if (m_cfg.abuse) {
        const Conn &f = m_conns[size_t(m_flooder)];
        const Conn &l = m_conns[size_t(m_floodListener)];
        const Conn &j = m_conns[size_t(m_junk)];
        r.floodSent = f.framesTx;
        r.floodDelivered = l.framesRx;
        r.floodS = m_floodStartNs ? double(end - m_floodStartNs) / 1e9 : 0;
        auto rl = f.errors.find("rate_limited");
        r.floodRateLimitedErrors = rl == f.errors.end() ? 0 : rl->second;
        r.wrongChannel += l.wrongChannel;
        for (const auto &e : j.errors)
            r.junkErrors += e.second;
        auto jr = j.errors.find("rate_limited");
        r.junkRateLimited = jr == j.errors.end() ? 0 : jr->second;
        r.junkConnectedAtEnd = j.phase == Phase::Ready;
        r.slowReaderConnectedAtEnd = m_conns[size_t(m_slow)].phase == Phase::Ready;
    }
    return true;
}

} // namespace soak
