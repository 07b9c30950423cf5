#include "WsFraming.h"

#include <cstring>
#include <strings.h>

namespace relaybench {
namespace {

// A fixed mask keeps sending cheap; the relay still has to unmask every byte.
constexpr unsigned char kMask[4] = {0x37, 0xfa, 0x21, 0x3d};
constexpr size_t kMaxHttpResponse = 8192;

const char *findHeaderEnd(const char *data, size_t len)
{
    for (size_t i = 3; i < len; ++i) {
        if (data[i] == '\n' && data[i - 1] == '\r' && data[i - 2] == '\n' && data[i - 3] == '\r')
            return data + i + 1;
    }
    return nullptr;
}

std::string trim(const char *b, const char *e)
{
    while (b < e && (*b == ' ' || *b == '\t'))
        ++b;
    while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        --e;
    return std::string(b, e);
}

} // namespace

std::string makeUpgradeRequest(const std::string &hostPort, const std::string &path)
{
    std::string r;
    r.reserve(200);
    r += "GET " + path + " HTTP/1.1\r\nHost: " + hostPort;
    r += "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ";
    r += kWsKey;
    r += "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    return r;
}

long parseUpgradeResponse(const char *data, size_t len, std::string &why)
{
    const char *end = findHeaderEnd(data, len < kMaxHttpResponse ? len : kMaxHttpResponse);
    if (!end) {
        if (len >= kMaxHttpResponse) {
            why = "upgrade response larger than 8 KB";
            return -1;
        }
        return 0;
    }
    const char *lineEnd = static_cast<const char *>(memchr(data, '\r', end - data));
    std::string status(data, lineEnd ? lineEnd : end);
    if (status.compare(0, 12, "HTTP/1.1 101") != 0) {
        why = "upgrade refused: " + status;
        return -1;
    }
    // Walk the header lines for Sec-WebSocket-Accept.
    const char *p = lineEnd ? lineEnd + 2 : end;
    bool acceptOk = false;
    while (p < end) {
        const char *nl = static_cast<const char *>(memchr(p, '\n', end - p));
        if (!nl)
            break;
        const char *colon = static_cast<const char *>(memchr(p, ':', nl - p));
        static constexpr char kName[] = "sec-websocket-accept";
        if (colon && size_t(colon - p) == sizeof(kName) - 1 && strncasecmp(p, kName, sizeof(kName) - 1) == 0)
            acceptOk = trim(colon + 1, nl) == kWsAccept;
        p = nl + 1;
    }
    if (!acceptOk) {
        why = "upgrade response without the expected Sec-WebSocket-Accept";
        return -1;
    }
    return end - data;
}

size_t writeClientFrame(char *dst, uint8_t opcode, const char *payload, size_t len)
{
    auto *d = reinterpret_cast<unsigned char *>(dst);
    size_t n = 0;
    d[n++] = 0x80 | opcode;
    if (len < 126) {
        d[n++] = 0x80 | uint8_t(len);
    } else if (len <= 0xffff) {
        d[n++] = 0x80 | 126;
        d[n++] = uint8_t(len >> 8);
        d[n++] = uint8_t(len);
    } else {
        d[n++] = 0x80 | 127;
        for (int shift = 56; shift >= 0; shift -= 8)
            d[n++] = uint8_t(uint64_t(len) >> shift);
    }
    memcpy(d + n, kMask, 4);
    n += 4;
    const auto *s = reinterpret_cast<const unsigned char *>(payload);
    for (size_t i = 0; i < len; ++i)
        d[n + i] = s[i] ^ kMask[i & 3];
    return n + len;
}

void appendClientFrame(std::string &out, uint8_t opcode, const char *payload, size_t len)
{
    const size_t old = out.size();
    out.resize(old + len + kMaxClientHeader);
    out.resize(old + writeClientFrame(&out[old], opcode, payload, len));
}

long parseServerFrame(const char *data, size_t len, size_t maxPayload, ServerFrame &out)
{
    if (len < 2)
        return 0;
    const auto *d = reinterpret_cast<const unsigned char *>(data);
    if ((d[0] & 0x70) != 0 || (d[1] & 0x80) != 0)
        return -1; // no extension was negotiated, and a server never masks
    size_t n = 2;
    uint64_t plen = d[1] & 0x7f;
    if (plen == 126) {
        if (len < 4)
            return 0;
        plen = (uint64_t(d[2]) << 8) | d[3];
        n = 4;
    } else if (plen == 127) {
        if (len < 10)
            return 0;
        plen = 0;
        for (int i = 0; i < 8; ++i)
            plen = (plen << 8) | d[2 + i];
        n = 10;
    }
    if (plen > maxPayload)
        return -1;
    if (len < n + plen)
        return 0;
    out.opcode = d[0] & 0x0f;
    out.fin = (d[0] & 0x80) != 0;
    out.payload = data + n;
    out.len = size_t(plen);
    return long(n + plen);
}

} // namespace relaybench
