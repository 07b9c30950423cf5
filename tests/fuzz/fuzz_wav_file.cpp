// The WAV reader of tenfour-cli (app/engine/WavFile.h; `tenfour-cli send FILE` reads it through
// PacedFileSource::load -> WavFile::read -> WavFile::parse): RIFF chunk walking, fmt and
// WAVE_FORMAT_EXTENSIBLE headers, truncated and oversized chunk sizes, every sample format.
//
// Invariants for an accepted file: a rate and channel count within the documented limits, whole
// frames only, no more samples than the bytes could hold, integer samples within [-1, 1], and
// toMono() giving one sample per frame. A refused file always comes with a reason.

#include "FuzzCheck.h"
#include "engine/WavFile.h"

#include <QByteArray>
#include <QString>
#include <cmath>
#include <cstdint>
#include <cstring>

using tenfour::engine::WavFile;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    quietQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    WavFile wav;
    QString error;
    if (!WavFile::parse(bytes, wav, &error)) {
        FUZZ_CHECK(!error.isEmpty());
        return 0;
    }
    FUZZ_CHECK(wav.channels >= 1 && wav.channels <= 64);
    FUZZ_CHECK(wav.sampleRate >= 1000 && wav.sampleRate <= 384000);
    FUZZ_CHECK(wav.samples.size() % size_t(wav.channels) == 0);
    FUZZ_CHECK(wav.samples.size() <= size); // at least one byte per sample
    // The format tag decides whether the samples are integers (bounded) or floats (anything).
    bool isFloat = false;
    // (Walked like the parser: up to the first data chunk; the last fmt before it counts.)
    for (size_t pos = 12; pos + 8 <= size;) {
        if (std::memcmp(data + pos, "data", 4) == 0)
            break;
        const size_t len = size_t(data[pos + 4]) | size_t(data[pos + 5]) << 8 | size_t(data[pos + 6]) << 16 |
                           size_t(data[pos + 7]) << 24;
        if (std::memcmp(data + pos, "fmt ", 4) == 0 && pos + 8 + 16 <= size) {
            const int tag = data[pos + 8] | data[pos + 9] << 8;
            const int sub = pos + 34 <= size ? (data[pos + 32] | data[pos + 33] << 8) : 0;
            isFloat = tag == 3 || (tag == 0xFFFE && sub == 3);
        }
        pos += 8 + len + (len & 1);
    }
    if (!isFloat) {
        for (const float s : wav.samples)
            FUZZ_CHECK(s >= -1.0f && s <= 1.0f); // 32-bit INT32_MAX rounds to 1.0f
    }
    const std::vector<float> mono = wav.toMono();
    FUZZ_CHECK(qint64(mono.size()) == wav.frames());
    FUZZ_CHECK(wav.durationSeconds() >= 0.0);
    return 0;
}
