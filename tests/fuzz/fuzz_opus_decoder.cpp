// The Opus decode path with arbitrary packets, through our wrapper (app/codec/OpusDecoder.h), so
// its own checks are fuzzed along with libopus: the packet-duration check before opus_decode,
// the caller's buffer size, the FEC/PLC frame sizes, and the SILK/LBRR header reader
// (packetHasFec) that parses packets by itself. One decoder per input, many packets in a row,
// so the decoder state carries from one call to the next as in a real stream.
//
// Invariants: no call writes past the caller's buffer (each PCM buffer is allocated at exactly
// the size passed, for ASan to see), a successful decode returns packetSamples() samples and at
// most maxSamples, FEC and PLC return exactly the frame size asked for when it is valid and an
// error otherwise, and packetHasFec() implies packetHasSilk().
//
// Input: records of 1 byte op, parameters and a packet (FuzzedDataProvider).

#include "FuzzCheck.h"
#include "codec/OpusDecoder.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstdint>
#include <memory>

using tenfour::codec::OpusDecoder;

namespace {
constexpr int kMaxFrame = 5760; // 120 ms at 48 kHz, the longest Opus packet

// A PCM buffer of exactly n samples (at least one), left uninitialised: the decoder only writes
// it, and zero-filling it in this instrumented harness (a coverage callback per sample) took a
// third of the target's time.
std::unique_ptr<qint16[]> pcmBuffer(int n)
{
    return std::unique_ptr<qint16[]>(new qint16[size_t(std::max(n, 1))]);
}

bool validFrameSize(int n)
{
    return n > 0 && n <= kMaxFrame && n % 120 == 0;
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    quietQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzedDataProvider in(data, size);
    OpusDecoder dec;
    FUZZ_CHECK(dec.isValid());
    while (in.remaining_bytes() > 0) {
        const uint8_t op = in.ConsumeIntegral<uint8_t>();
        // The decoder's buffer: usually a 20 ms frame or the largest one, sometimes anything.
        int maxSamples = 960;
        switch (op >> 5) {
        case 0:
            maxSamples = kMaxFrame;
            break;
        case 1:
            maxSamples = in.ConsumeIntegralInRange<int>(0, 2 * kMaxFrame);
            break;
        default:
            break;
        }
        const std::string s = in.ConsumeRandomLengthString(1500);
        const auto *pkt = reinterpret_cast<const unsigned char *>(s.data());
        const int len = int(s.size());
        const auto pcm = pcmBuffer(maxSamples);

        const int samples = OpusDecoder::packetSamples(pkt, len);
        const bool silk = OpusDecoder::packetHasSilk(pkt, len);
        if (OpusDecoder::packetHasFec(pkt, len))
            FUZZ_CHECK(silk && len >= 2);

        switch (op % 4) {
        case 0:
        case 1: {
            const int n = dec.decode(pkt, len, pcm.get(), maxSamples);
            if (n > 0) {
                FUZZ_CHECK(n <= maxSamples && n <= kMaxFrame);
                FUZZ_CHECK(n == samples);
            }
            break;
        }
        case 2: {
            const int frame = in.ConsumeBool() ? 960 : in.ConsumeIntegralInRange<int>(-1, kMaxFrame + 120);
            const auto out = pcmBuffer(frame);
            const int n = dec.decodeFec(pkt, len, out.get(), frame);
            if (!validFrameSize(frame) || len == 0)
                FUZZ_CHECK(n < 0);
            else if (n >= 0)
                FUZZ_CHECK(n == frame);
            break;
        }
        case 3: {
            const int frame = in.ConsumeBool() ? 960 : in.ConsumeIntegralInRange<int>(-1, kMaxFrame + 120);
            const auto out = pcmBuffer(frame);
            const int n = dec.conceal(out.get(), frame);
            if (!validFrameSize(frame))
                FUZZ_CHECK(n < 0);
            else
                FUZZ_CHECK(n == frame);
            if (in.ConsumeIntegral<uint8_t>() == 0)
                dec.reset();
            break;
        }
        }
    }
    return 0;
}
