// jitter_sim: one speaker's stream through a simulated network (delay, jitter, reordering, loss)
// into SpeakerStream, against a fixed 200 ms buffer as the baseline (same seed, same input).
// Prints added playout delay (mean, p95), concealed-frame ratio and interruptions >= 150 ms.
//
// Usage: jitter_sim [--jitter MS] [--loss PCT] [--seed N] [--frames N] [--seeds N] [input.raw]
//   input.raw: s16le mono 48 kHz (e.g. `espeak-ng -w x.wav ...; sox x.wav -r 48000 -c 1 -t raw x.raw`);
//   without it a synthetic speech-like signal is used.

#include "StreamSim.h"
#include "audio/SpeakerStream.h"

#include <QFile>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using namespace tenfour;
using namespace tenfour::dsptest;

namespace {

EncodedStream encodeFile(const char *path, const codec::EncoderConfig &cfg)
{
    EncodedStream s;
    QFile f(QString::fromLocal8Bit(path));
    if (!f.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", path);
        std::exit(2);
    }
    const QByteArray raw = f.readAll();
    const int frames = int(raw.size() / 2 / 960);
    codec::OpusEncoder enc(cfg);
    unsigned char buf[1275];
    std::vector<qint16> frame(960);
    for (int i = 0; i < frames; ++i) {
        std::memcpy(frame.data(), raw.constData() + size_t(i) * 1920, 1920);
        const int n = enc.encode(frame.data(), buf, int(sizeof(buf)));
        s.pcm.push_back(frame);
        s.packets.emplace_back(buf, buf + std::max(n, 0));
    }
    return s;
}

struct Row {
    double mean = 0, p95 = 0, conceal = 0, interruptions = 0, late = 0;
};

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[size_t(p * double(v.size() - 1))];
}

void print(const char *name, const Row &r, int seeds)
{
    std::printf("| %-28s | %8.1f | %8.1f | %9.2f%% | %13.1f | %9.1f |\n", name, r.mean / seeds, r.p95 / seeds,
                100.0 * r.conceal / seeds, r.interruptions / seeds, r.late / seeds);
}

} // namespace

int main(int argc, char **argv)
{
    double jitter = 40, loss = 5;
    quint64 seed = 1;
    int frames = 3000, seeds = 5;
    const char *input = nullptr;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&] { return i + 1 < argc ? argv[++i] : "0"; };
        if (a == "--jitter")
            jitter = std::atof(next());
        else if (a == "--loss")
            loss = std::atof(next());
        else if (a == "--seed")
            seed = quint64(std::atoll(next()));
        else if (a == "--frames")
            frames = std::atoi(next());
        else if (a == "--seeds")
            seeds = std::max(1, std::atoi(next()));
        else if (a == "-h" || a == "--help") {
            std::printf(
                "usage: %s [--jitter MS] [--loss PCT] [--seed N] [--seeds N] [--frames N] [input.raw]\n",
                argv[0]);
            return 0;
        } else
            input = argv[i];
    }

    codec::EncoderConfig cfg; // the client's defaults: 24 kbit/s, FEC on, 5% expected loss
    const EncodedStream in = input ? encodeFile(input, cfg) : encodeStream(frames, 4242, false, cfg);
    frames = int(in.packets.size());
    std::printf(
        "jitter_sim: %d frames (%.1f s) of %s, uniform jitter 0-%.0f ms, %.1f%% loss, base delay 10 ms, "
        "seeds %llu..%llu\n\n",
        frames, frames * 0.02, input ? input : "synthetic speech", jitter, loss, seed,
        seed + quint64(seeds) - 1);

    std::printf("| %-28s | %8s | %8s | %10s | %13s | %9s |\n", "buffer", "mean ms", "p95 ms", "concealed",
                "gaps >=150ms", "late");
    std::printf(
        "|------------------------------|----------|----------|------------|---------------|-----------|\n");

    struct Scenario {
        const char *name;
        double jitter, loss;
        int preRoll;
    };
    const Scenario scenarios[] = {
        {"clean", 0, 0, 0},
        {"jitter+loss", jitter, loss / 100.0, 0},
        {"jitter+loss, pre-roll burst", jitter, loss / 100.0, 8},
    };
    for (const Scenario &sc : scenarios) {
        Row adaptive, fixed;
        for (int k = 0; k < seeds; ++k) {
            NetConditions c;
            c.jitterMs = sc.jitter;
            c.loss = sc.loss;
            c.preRoll = sc.preRoll;
            c.seed = seed + quint64(k);
            audio::SpeakerStream stream;
            // Each seed also gets its own phase between packet arrivals and the playout clock.
            const qint64 phaseUs = 1000 + qint64(k) * 3700 % 20000;
            const SimResult r = runStream(stream, in, c, phaseUs);
            adaptive.mean += r.meanDelay();
            adaptive.p95 += r.percentileDelay(0.95);
            adaptive.conceal += r.concealRatio();
            adaptive.interruptions += r.interruptions150;
            adaptive.late += double(r.counters.late);

            const FixedResult f = runFixedBuffer(frames, c, 200.0);
            double sum = 0;
            for (double d : f.delayMs)
                sum += d;
            fixed.mean += f.delayMs.empty() ? 0 : sum / double(f.delayMs.size());
            fixed.p95 += percentile(f.delayMs, 0.95);
            fixed.conceal += f.frames ? double(f.concealed) / f.frames : 0;
            fixed.interruptions += f.interruptions150;
            fixed.late += 0;
        }
        std::printf("| %-28s |          |          |            |               |           |\n", sc.name);
        print("  adaptive (SpeakerStream)", adaptive, seeds);
        print("  fixed 200 ms", fixed, seeds);
    }
    std::printf("\nThe playout clock's phase differs per seed (1 ms + seed index * 3.7 ms).\n"
                "added delay = playout time - (capture time + 10 ms base network delay), per played frame;\n"
                "concealed = PLC/FEC frames / all frames played; late = packets that came after their turn.\n"
                "Fixed 200 ms: frame n plays 200 ms + n * 20 ms after the first packet arrived.\n");
    return 0;
}
