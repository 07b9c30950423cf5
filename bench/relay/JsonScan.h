#pragma once
// Reading a member of the relay's control messages without a JSON parser, for the load
// generator and the soak driver (no Qt: they must cost far less than the relay they load). The
// relay writes compact JSON whose keys are ours and whose string values hold no `"key":`, so
// finding `"key"` followed by a colon is exact enough; the checks that matter are on the binary
// frames.

#include <cstddef>
#include <cstdint>
#include <string>

namespace relaybench {

// The string value of member `key`, or empty when absent or not a string.
std::string jsonString(const char *json, size_t len, const char *key);
// The value of member `key` when it is a non-negative integer.
bool jsonUnsigned(const char *json, size_t len, const char *key, uint64_t &out);
// The message type ("t").
inline std::string controlType(const char *json, size_t len)
{
    return jsonString(json, len, "t");
}

} // namespace relaybench
