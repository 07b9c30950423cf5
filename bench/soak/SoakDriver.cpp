#include "SoakDriver.h"

#include "../relay/ByteOrder.h"
#include "../relay/JsonScan.h"
#include "../relay/Stats.h"
#include "../relay/WsFraming.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <random>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <unistd.h>

namespace soak {

namespace {

constexpr int64_t kMs = 1000000;
constexpr int64_t kFrameNs = 20 * kMs;
constexpr uint32_t kFloodChannelTag = 0xFFFF;

std::string channelName(int i)
{
    char name[32];
    snprintf(name, sizeof name, "soak-%02d", i);
    return name;
}

} // namespace

Driver::Driver(const Config &cfg) : m_cfg(cfg) {}

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
    const relaybench::ProcSample p = relaybench::sampleProcess(m_cfg.relayPid);
    return p.ok ? p.rssKb : -1;
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
        if (relaybench::jsonUnsigned(p, len, "sid", sid) && sid == c.sid && !c.granted) {
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
        if (relaybench::jsonUnsigned(p, len, "sid", sid) && sid == c.sid) {
            ++m_r->denied;
            c.sid = 0;
            c.retryTalkNs = m_now + 50 * kMs;
        }
    } else if (t == "over") {
        uint64_t sid = 0;
        if (relaybench::jsonUnsigned(p, len, "sid", sid) && c.sid != 0 && sid == c.sid) {
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
        ++c.errors[relaybench::jsonString(p, len, "code")];
    }
}

void Driver::onAudio(Conn &c, const char *p, size_t len)
{
    if (len < 9 || uint8_t(p[0]) != 0x01)
        return;
    ++c.framesRx;
    const uint32_t sid = relaybench::readBe32(p + 1);
    const uint32_t seq = relaybench::readBe32(p + 5);
    FramePayload fp;
    if (len >= 9 + sizeof fp) {
        memcpy(&fp, p + 9, sizeof fp);
        const uint32_t expected = c.role == Role::FloodListener ? kFloodChannelTag : uint32_t(c.channel);
        if (memcmp(fp.magic, "SOAK", 4) != 0 || fp.channel != expected)
            ++c.wrongChannel;
        if (c.role == Role::Member) {
            m_latency.add(m_now - fp.sentNs);
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
    relaybench::writeBe32(body + 1, c.sid);
    relaybench::writeBe32(body + 5, ++c.txSeq);
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
        m_now = relaybench::nowNs();
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
    const int64_t setupStart = relaybench::nowNs();
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
    r.latencyP50Ms = m_latency.percentileMs(50);
    r.latencyP99Ms = m_latency.percentileMs(99);
    r.latencyMaxMs = m_latency.maxMs();
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
