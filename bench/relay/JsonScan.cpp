#include "JsonScan.h"

#include <cstring>

namespace relaybench {

namespace {

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

// Where the value of member `key` starts (after the colon and blanks), or len when absent.
size_t valueAt(const char *json, size_t len, const char *key)
{
    const size_t k = strlen(key);
    for (size_t i = 0; i + k + 2 <= len; ++i) {
        if (json[i] != '"' || (i > 0 && json[i - 1] == '\\') || memcmp(json + i + 1, key, k) != 0 ||
            json[i + 1 + k] != '"')
            continue;
        size_t j = i + k + 2;
        while (j < len && isBlank(json[j]))
            ++j;
        if (j >= len || json[j] != ':')
            continue; // a string value that happens to equal the key
        ++j;
        while (j < len && isBlank(json[j]))
            ++j;
        return j;
    }
    return len;
}

} // namespace

std::string jsonString(const char *json, size_t len, const char *key)
{
    const size_t j = valueAt(json, len, key);
    if (j >= len || json[j] != '"')
        return std::string();
    const char *b = json + j + 1;
    const char *e = static_cast<const char *>(memchr(b, '"', len - (j + 1)));
    return e ? std::string(b, e) : std::string();
}

bool jsonUnsigned(const char *json, size_t len, const char *key, uint64_t &out)
{
    size_t j = valueAt(json, len, key);
    if (j >= len || json[j] < '0' || json[j] > '9')
        return false;
    out = 0;
    while (j < len && json[j] >= '0' && json[j] <= '9')
        out = out * 10 + uint64_t(json[j++] - '0');
    return true;
}

} // namespace relaybench
