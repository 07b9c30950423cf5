// tenfour-soak's driver, part 2: the sockets and the WebSocket framing of every connection
// (connect, upgrade, send with a queue for what the kernel did not take, read and split frames,
// answer pings, note close frames). Part 1, SoakDriver.cpp, is what the soak does with them.
#include "SoakDriver.h"

#include "../relay/WsFraming.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace soak {

namespace {
constexpr size_t kMaxFrame = 64 * 1024; // the relay sends nothing larger
} // namespace

using relaybench::ServerFrame;

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

} // namespace soak
