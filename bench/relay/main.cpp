// relaybench: the load generator of the relay fan-out benchmark (docs/benchmarks.md).
// One run = one scenario against one relay; bench/relay/run.sh runs every scenario against
// tenfour-relay and the Node `ws` baseline and prints the comparison.
//
//   relaybench --url ws://127.0.0.1:PORT/ [--proto tenfour|raw] --scenario saturate|fixed|idle
//              [--channels N] [--listeners N per channel] [--threads N] [--window N] [--batch N]
//              [--rate N] [--frame-bytes N] [--warmup S] [--duration S] [--settle S]
//              [--setup-timeout S] [--setup-parallel N] [--relay-pid PID] [--label NAME]
// Prints a readable summary and one "RESULT key=value ..." line; exits 1 when any connection
// failed or (outside idle) no frame was delivered.

#include "Stats.h"
#include "Worker.h"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <sys/resource.h>
#include <thread>

using namespace relaybench;

namespace {

[[noreturn]] void usage(const char *why)
{
    fprintf(stderr, "relaybench: %s\n(see the comment at the top of bench/relay/main.cpp)\n", why);
    exit(2);
}

bool parseUrl(const std::string &url, Config &cfg)
{
    static const std::string kScheme = "ws://";
    if (url.compare(0, kScheme.size(), kScheme) != 0)
        return false;
    const std::string rest = url.substr(kScheme.size());
    const size_t colon = rest.find(':');
    if (colon == std::string::npos)
        return false;
    cfg.host = rest.substr(0, colon);
    cfg.port = atoi(rest.c_str() + colon + 1);
    return cfg.port > 0 && cfg.port < 65536;
}

Config parseArgs(int argc, char **argv)
{
    Config cfg;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (i + 1 >= argc)
            usage(("missing value after " + a).c_str());
        const std::string v = argv[++i];
        auto num = [&](int lo, int hi) {
            const int n = atoi(v.c_str());
            if (n < lo || n > hi)
                usage((a + " out of range").c_str());
            return n;
        };
        auto secs = [&]() {
            const double d = atof(v.c_str());
            if (!(d >= 0 && d <= 600))
                usage((a + " out of range").c_str());
            return d;
        };
        if (a == "--url") {
            if (!parseUrl(v, cfg))
                usage("--url must be ws://HOST:PORT/");
        } else if (a == "--proto") {
            if (v != "tenfour" && v != "raw")
                usage("--proto is tenfour or raw");
            cfg.proto = v == "raw" ? Proto::Raw : Proto::Tenfour;
        } else if (a == "--scenario") {
            if (v == "saturate")
                cfg.scenario = Scenario::Saturate;
            else if (v == "fixed")
                cfg.scenario = Scenario::Fixed;
            else if (v == "idle")
                cfg.scenario = Scenario::Idle;
            else
                usage("--scenario is saturate, fixed or idle");
        } else if (a == "--channels") {
            cfg.channels = num(1, 1000);
        } else if (a == "--listeners") {
            cfg.listenersPerChannel = num(1, 20000);
        } else if (a == "--threads") {
            cfg.threads = num(1, 64);
        } else if (a == "--window") {
            cfg.window = num(1, 100000);
        } else if (a == "--batch") {
            cfg.batch = num(1, 1024);
        } else if (a == "--rate") {
            cfg.rate = num(1, 1000);
        } else if (a == "--frame-bytes") {
            cfg.frameBytes = num(17, 1284);
        } else if (a == "--warmup") {
            cfg.warmupSec = secs();
        } else if (a == "--duration") {
            cfg.durationSec = secs();
        } else if (a == "--settle") {
            cfg.settleSec = secs();
        } else if (a == "--setup-timeout") {
            cfg.setupTimeoutSec = secs();
        } else if (a == "--setup-parallel") {
            cfg.maxSetupInFlight = num(1, 10000);
        } else if (a == "--relay-pid") {
            cfg.relayPid = num(1, 1 << 30);
        } else if (a == "--label") {
            cfg.label = v;
        } else {
            usage(("unknown option " + a).c_str());
        }
    }
    if (cfg.port == 0)
        usage("--url is required");
    if (cfg.listeners() + cfg.talkers() > 50000)
        usage("at most 50000 connections");
    return cfg;
}

const char *scenarioName(Scenario s)
{
    return s == Scenario::Saturate ? "saturate" : s == Scenario::Fixed ? "fixed" : "idle";
}

// Polls until done() holds; false on a failure or the timeout. Bounded in time.
bool waitFor(Shared &s, double timeoutSec, const std::function<bool()> &done)
{
    const int64_t deadline = nowNs() + int64_t(timeoutSec * 1e9);
    while (nowNs() < deadline) {
        if (s.failures.load() > 0)
            return false;
        if (done())
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return done() && s.failures.load() == 0;
}

// Sleeps, but returns early (false) when a connection fails.
bool hold(Shared &s, double sec)
{
    return !waitFor(s, sec, [] { return false; }) && s.failures.load() == 0;
}

struct Snapshot {
    int64_t ns = 0;
    uint64_t deliveries = 0, sent = 0, gaps = 0, reorders = 0, skipped = 0, textIn = 0;
    ProcSample self, relay;
};

Snapshot snapshot(const Config &cfg, const std::vector<std::unique_ptr<Worker>> &workers)
{
    Snapshot s;
    for (const auto &w : workers) {
        s.deliveries += w->counters.deliveries.load(std::memory_order_relaxed);
        s.sent += w->counters.sent.load(std::memory_order_relaxed);
        s.gaps += w->counters.gaps.load(std::memory_order_relaxed);
        s.reorders += w->counters.reorders.load(std::memory_order_relaxed);
        s.skipped += w->counters.skipped.load(std::memory_order_relaxed);
        s.textIn += w->counters.textIn.load(std::memory_order_relaxed);
    }
    s.ns = nowNs();
    s.self = sampleSelf();
    if (cfg.relayPid)
        s.relay = sampleProcess(cfg.relayPid);
    return s;
}

void raiseFdLimit()
{
    rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

} // namespace

int main(int argc, char **argv)
{
    const Config cfg = parseArgs(argc, argv);
    signal(SIGPIPE, SIG_IGN);
    raiseFdLimit();
    setvbuf(stdout, nullptr, _IOLBF, 0);

    Shared shared(cfg);
    std::vector<std::unique_ptr<Worker>> workers;
    for (int i = 0; i < cfg.threads; ++i)
        workers.push_back(std::make_unique<Worker>(shared, i));
    for (int c = 0; c < cfg.channels; ++c) {
        for (int i = 0; i < cfg.listenersPerChannel; ++i) {
            const int l = c * cfg.listenersPerChannel + i;
            workers[size_t(l % cfg.threads)]->addListener(l, c);
        }
    }
    for (int c = 0; c < cfg.talkers(); ++c)
        workers[0]->addTalker(c);
    const int total = cfg.listeners() + cfg.talkers();

    printf(
        "relaybench %s: scenario %s, %d channel(s) x %d listener(s) + %d talker(s), %d threads, proto %s\n",
        cfg.label.c_str(), scenarioName(cfg.scenario), cfg.channels, cfg.listenersPerChannel, cfg.talkers(),
        cfg.threads, cfg.proto == Proto::Raw ? "raw" : "tenfour");
    const ProcSample relayBefore = cfg.relayPid ? sampleProcess(cfg.relayPid) : ProcSample{};
    if (cfg.relayPid && !relayBefore.ok) {
        fprintf(stderr, "relaybench: no process %d to measure\n", cfg.relayPid);
        return 1;
    }

    std::vector<std::thread> threads;
    for (auto &w : workers)
        threads.emplace_back([&w] { w->run(); });

    const int64_t t0 = nowNs();
    bool ok = waitFor(shared, cfg.setupTimeoutSec, [&] { return shared.ready.load() == total; });
    const double setupSec = double(nowNs() - t0) / 1e9;
    if (ok)
        printf("  setup: %d connections ready in %.2f s\n", total, setupSec);
    else if (shared.failures.load() == 0)
        shared.fail("only " + std::to_string(shared.ready.load()) + " of " + std::to_string(total) +
                    " connections ready after " + std::to_string(int(cfg.setupTimeoutSec)) + " s");

    Snapshot a, b;
    ProcSample relayIdle;
    if (ok && cfg.scenario == Scenario::Idle) {
        ok = hold(shared, cfg.settleSec);
        relayIdle = cfg.relayPid ? sampleProcess(cfg.relayPid) : ProcSample{};
    } else if (ok) {
        shared.phase.store(kTalk);
        ok = waitFor(shared, 10, [&] { return shared.granted.load() == cfg.talkers(); });
        if (!ok && shared.failures.load() == 0)
            shared.fail("talk not granted within 10 s");
        if (ok) {
            shared.phase.store(kRun);
            ok = hold(shared, cfg.warmupSec);
        }
        if (ok) {
            a = snapshot(cfg, workers);
            shared.measuring.store(true);
            ok = hold(shared, cfg.durationSec);
            shared.measuring.store(false);
            b = snapshot(cfg, workers);
        }
    }
    shared.phase.store(kStop);
    for (auto &t : threads)
        t.join();

    if (cfg.relayPid && !sampleProcess(cfg.relayPid).ok)
        shared.fail("the relay process is gone");
    for (const std::string &e : shared.errors())
        fprintf(stderr, "relaybench %s: error: %s\n", cfg.label.c_str(), e.c_str());
    if (shared.failures.load() > 0) {
        fprintf(stderr, "relaybench %s: FAILED (%d connection failures)\n", cfg.label.c_str(),
                shared.failures.load());
        return 1;
    }

    if (cfg.scenario == Scenario::Idle) {
        const double perConnKb = double(relayIdle.rssKb - relayBefore.rssKb) / total;
        printf("  relay rss: %ld KB before, %ld KB with %d idle connections = %.1f KB per connection\n",
               relayBefore.rssKb, relayIdle.rssKb, total, perConnKb);
        printf("RESULT scenario=idle relay=%s conns=%d setup_s=%.2f rss_before_kb=%ld rss_after_kb=%ld "
               "kb_per_conn=%.2f\n",
               cfg.label.c_str(), total, setupSec, relayBefore.rssKb, relayIdle.rssKb, perConnKb);
        return 0;
    }

    LatencyHistogram lat;
    for (const auto &w : workers)
        lat.merge(w->latency);
    const double dur = double(b.ns - a.ns) / 1e9;
    const uint64_t delivered = b.deliveries - a.deliveries;
    const double perSec = double(delivered) / dur;
    const double sentPerSec = double(b.sent - a.sent) / dur;
    const double genCpu = 100.0 * (b.self.cpuSec - a.self.cpuSec) / dur;
    const double relayCpu = cfg.relayPid ? 100.0 * (b.relay.cpuSec - a.relay.cpuSec) / dur : -1;
    // Deliveries the talkers' frames called for (each goes to every listener of its channel).
    const double ratio = double(delivered) / (double(b.sent - a.sent) * cfg.listenersPerChannel + 1e-9);
    printf("  deliveries: %s in %.2f s = %s/s (talkers sent %s frames/s; delivered/expected %.3f)\n",
           humanCount(double(delivered)).c_str(), dur, humanCount(perSec).c_str(),
           humanCount(sentPerSec).c_str(), ratio);
    printf("  latency send->receive: p50 %.3f ms  p99 %.3f ms  max %.3f ms  (%s samples)\n",
           lat.percentileMs(50), lat.percentileMs(99), lat.maxMs(), humanCount(double(lat.count())).c_str());
    printf("  losses: %llu seq gaps, %llu reordered, %llu sends skipped by the generator\n",
           (unsigned long long)(b.gaps - a.gaps), (unsigned long long)(b.reorders - a.reorders),
           (unsigned long long)(b.skipped - a.skipped));
    printf("  cpu (100%% = one core): generator %.0f%%, relay %.0f%%; relay rss %ld KB\n", genCpu, relayCpu,
           b.relay.rssKb);
    printf("RESULT scenario=%s relay=%s channels=%d listeners=%d deliveries_per_s=%.0f sent_per_s=%.0f "
           "delivery_ratio=%.4f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f gaps=%llu gen_cpu_pct=%.1f "
           "relay_cpu_pct=%.1f relay_rss_kb=%ld setup_s=%.2f\n",
           scenarioName(cfg.scenario), cfg.label.c_str(), cfg.channels, cfg.listenersPerChannel, perSec,
           sentPerSec, ratio, lat.percentileMs(50), lat.percentileMs(99), lat.maxMs(),
           (unsigned long long)(b.gaps - a.gaps), genCpu, relayCpu, b.relay.rssKb, setupSec);
    if (delivered == 0) {
        fprintf(stderr, "relaybench %s: FAILED (no frame delivered)\n", cfg.label.c_str());
        return 1;
    }
    return 0;
}
