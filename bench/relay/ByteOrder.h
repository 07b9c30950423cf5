#pragma once
// Big-endian fields of Tenfour's binary audio frames (docs/protocol.md: type, sid, seq), for the
// load generator and the soak driver.

#include <cstdint>

namespace relaybench {

inline uint32_t readBe32(const char *p)
{
    const auto *u = reinterpret_cast<const unsigned char *>(p);
    return (uint32_t(u[0]) << 24) | (uint32_t(u[1]) << 16) | (uint32_t(u[2]) << 8) | u[3];
}

inline void writeBe32(char *p, uint32_t v)
{
    p[0] = char(v >> 24);
    p[1] = char(v >> 16);
    p[2] = char(v >> 8);
    p[3] = char(v);
}

} // namespace relaybench
