// Micro-benchmarks of the real-time audio core: the cost of one 20 ms frame in each stage.
// Run: build/<dir>/bench/dsp/dsp_bench   (a 20 ms frame is 20,000,000 ns of real time)

#include "DspTestSignals.h"
#include "audio/PlayoutMixer.h"
#include "audio/PttGate.h"
#include "audio/Resampler.h"
#include "audio/SoftLimiter.h"
#include "audio/SpscQueue.h"
#include "codec/OpusDecoder.h"
#include "codec/OpusEncoder.h"

#include <benchmark/benchmark.h>
#include <cstring>
#include <vector>

using namespace tenfour;
using namespace tenfour::dsptest;

namespace {

const EncodedStream &speech()
{
    static const EncodedStream s = encodeStream(500, 77); // 10 s, reused by every benchmark
    return s;
}

void BM_OpusEncode(benchmark::State &state)
{
    codec::EncoderConfig cfg;
    cfg.complexity = int(state.range(0));
    codec::OpusEncoder enc(cfg);
    const auto &s = speech();
    unsigned char buf[1275];
    size_t i = 0;
    for (auto _ : state) {
        const int n = enc.encode(s.pcm[i].data(), buf, int(sizeof(buf)));
        benchmark::DoNotOptimize(n);
        i = (i + 1) % s.pcm.size();
    }
    state.SetLabel("per 20 ms frame, 24 kbit/s");
}
BENCHMARK(BM_OpusEncode)->Arg(10)->Arg(5);

void BM_OpusDecode(benchmark::State &state)
{
    codec::OpusDecoder dec;
    const auto &s = speech();
    std::vector<qint16> pcm(960);
    size_t i = 0;
    for (auto _ : state) {
        const auto &p = s.packets[i];
        benchmark::DoNotOptimize(dec.decode(p.data(), int(p.size()), pcm.data(), 960));
        i = (i + 1) % s.packets.size();
    }
    state.SetLabel("per 20 ms frame");
}
BENCHMARK(BM_OpusDecode);

void BM_OpusConceal(benchmark::State &state)
{
    codec::OpusDecoder dec;
    const auto &s = speech();
    std::vector<qint16> pcm(960);
    for (int f = 0; f < 20; ++f)
        dec.decode(s.packets[size_t(f)].data(), int(s.packets[size_t(f)].size()), pcm.data(), 960);
    for (auto _ : state)
        benchmark::DoNotOptimize(dec.conceal(pcm.data(), 960));
    state.SetLabel("PLC, per 20 ms frame");
}
BENCHMARK(BM_OpusConceal);

// The whole receive path for one 20 ms period: each speaker's packet goes through the queue, the
// jitter buffer and the decoder, then the mix and the limiter run. range(0) = speakers.
void BM_MixerFrame(benchmark::State &state)
{
    const int speakers = int(state.range(0));
    audio::PlayoutMixer mixer;
    const auto &s = speech();
    std::vector<qint16> out(960);
    auto packet = std::make_unique<audio::IncomingPacket>();
    quint32 seq = 0;
    qint64 t = 0;
    for (auto _ : state) {
        for (int k = 0; k < speakers; ++k) {
            const auto &p = s.packets[(seq + quint32(k) * 37) % s.packets.size()];
            packet->kind = audio::IncomingPacket::Audio;
            packet->sid = quint32(k + 1);
            packet->seq = seq;
            packet->arrivalUs = t + 1000;
            packet->size = quint16(p.size());
            std::memcpy(packet->data, p.data(), p.size());
            mixer.enqueue(*packet);
        }
        mixer.render(out.data(), 960, t + 2000);
        ++seq;
        t += 20000;
    }
    const auto st = mixer.stats();
    state.counters["active"] = st.activeSpeakers;
    state.counters["concealed"] = double(st.concealed);
    state.SetLabel("per 20 ms frame, incl. decode");
}
BENCHMARK(BM_MixerFrame)->Arg(1)->Arg(8);

// The same without audio: the mixer's fixed cost per frame (queue drain, 16 idle slots, limiter).
void BM_MixerIdle(benchmark::State &state)
{
    audio::PlayoutMixer mixer;
    std::vector<qint16> out(960);
    qint64 t = 0;
    for (auto _ : state) {
        mixer.render(out.data(), 960, t);
        t += 20000;
    }
    state.SetLabel("per 20 ms frame");
}
BENCHMARK(BM_MixerIdle);

void BM_SpscQueuePacket(benchmark::State &state)
{
    auto q = std::make_unique<audio::SpscQueue<audio::IncomingPacket, 256>>();
    auto in = std::make_unique<audio::IncomingPacket>();
    auto out = std::make_unique<audio::IncomingPacket>();
    for (auto _ : state) {
        q->tryPush(*in);
        q->tryPop(*out);
        benchmark::DoNotOptimize(out->seq);
    }
    state.SetLabel("push + pop of one IncomingPacket");
}
BENCHMARK(BM_SpscQueuePacket);

void BM_PttGate(benchmark::State &state)
{
    audio::PttGate gate;
    std::vector<qint16> frame(960, 1);
    const qint16 *out[audio::PttGate::kMaxOut];
    int n = 0, i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(
            gate.process(frame.data(), (i++ / 50) % 2 == 0, out, audio::PttGate::kMaxOut, &n));
    }
    state.SetLabel("per 20 ms frame");
}
BENCHMARK(BM_PttGate);

void BM_Resample44kStereo(benchmark::State &state)
{
    audio::Resampler r(44100, 2);
    std::vector<qint16> in(882 * 2);
    Rng rng(1);
    for (auto &v : in)
        v = qint16(rng.next() & 0x0FFF);
    std::vector<qint16> out(size_t(r.outputCapacityFor(882)));
    for (auto _ : state)
        benchmark::DoNotOptimize(r.process(in.data(), 882, out.data(), int(out.size())));
    state.SetLabel("44.1 kHz stereo -> 48 kHz mono, per 20 ms");
}
BENCHMARK(BM_Resample44kStereo);

void BM_SoftLimiter(benchmark::State &state)
{
    audio::SoftLimiter lim;
    std::vector<float> in(960);
    for (int i = 0; i < 960; ++i)
        in[size_t(i)] = float((i % 200) - 100) * 600.0f; // half the samples above the knee
    std::vector<qint16> out(960);
    for (auto _ : state) {
        lim.process(in.data(), out.data(), 960);
        benchmark::DoNotOptimize(out.data());
    }
    state.SetLabel("per 20 ms frame, loud");
}
BENCHMARK(BM_SoftLimiter);

} // namespace

BENCHMARK_MAIN();
