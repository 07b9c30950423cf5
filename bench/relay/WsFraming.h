#pragma once
// The client side of RFC 6455, only as much as the load generator needs: an upgrade request
// with a fixed key, the check of the server's 101 answer, masked client frames and unmasked
// server frames. No Qt: the generator must cost far less than the relay it measures.

#include <cstddef>
#include <cstdint>
#include <string>

namespace relaybench {

enum Opcode : uint8_t { kCont = 0x0, kText = 0x1, kBinary = 0x2, kClose = 0x8, kPing = 0x9, kPong = 0xA };

// The sample key of RFC 6455 section 1.3 and the accept value it implies: with a fixed key,
// checking the server's answer is a string compare instead of a SHA-1.
inline constexpr char kWsKey[] = "dGhlIHNhbXBsZSBub25jZQ==";
inline constexpr char kWsAccept[] = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

// Largest header of a client frame: 2 bytes, 8 bytes of extended length, 4 bytes of mask.
inline constexpr size_t kMaxClientHeader = 14;

std::string makeUpgradeRequest(const std::string &hostPort, const std::string &path);

// Looks at the start of the server's reply to the upgrade request. Returns the size of the
// HTTP response (up to and including the blank line) when it is a valid 101 with the right
// Sec-WebSocket-Accept, 0 when more bytes are needed, -1 when refused (reason in why).
long parseUpgradeResponse(const char *data, size_t len, std::string &why);

// Writes one masked, final client frame into dst (room for len + kMaxClientHeader bytes).
// Returns the bytes written.
size_t writeClientFrame(char *dst, uint8_t opcode, const char *payload, size_t len);
void appendClientFrame(std::string &out, uint8_t opcode, const char *payload, size_t len);

struct ServerFrame {
    uint8_t opcode = 0;
    bool fin = false;
    const char *payload = nullptr;
    size_t len = 0;
};

// Parses one server frame at data. Returns the bytes it spans, 0 when incomplete, -1 when
// malformed (reserved bits, masked, longer than maxPayload).
long parseServerFrame(const char *data, size_t len, size_t maxPayload, ServerFrame &out);

} // namespace relaybench
