// tenfour-soak: the relay soak of docs/reliability.md ("Soak"). N clients in C channels on one
// relay, a talker in every channel changing every few seconds, for a fixed time, with abusers
// alongside (a 10x real-time flooder, a malformed-JSON sender, a reader that never reads, a
// burst of connections from one address). Checks: every frame reached its own channel only,
// no gap inside a transmission above the jitter-buffer length, every member still connected,
// the relay's RSS grew less than 5 % after the warm-up, and each abuser was limited.
//
//   tenfour-soak --url ws://127.0.0.1:PORT/ [--clients 1000] [--channels 50] [--duration 600]
//                [--warmup 60] [--rotate 3] [--gap-limit-ms 300] [--no-abuse] [--burst 500]
//                [--burst-limit 64] [--relay-pid PID] [--relay-stats FILE] [--rss-limit-pct 5]
// --relay-stats: the file the relay's stdout goes to; the driver sends it SIGUSR1 at the end
// and reads the stats line (dropped frames by reason). --rss-limit-pct 0: no memory check (an
// ASan relay's RSS is its quarantine; LeakSanitizer at the relay's exit checks leaks there). Exit 0 when
// every check passed, 1 when one failed, 2 on a usage error. bench/soak/run.sh starts the relay and runs
// this.

#include "SoakDriver.h"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>

namespace {

[[noreturn]] void usage(const std::string &why)
{
    fprintf(stderr, "tenfour-soak: %s\n(see the comment at the top of bench/soak/main.cpp)\n", why.c_str());
    exit(2);
}

// The number after "key=" in the relay's stats line, -1 when absent.
long statValue(const std::string &line, const char *key)
{
    const std::string k = std::string(" ") + key + "=";
    size_t at = line.find(k);
    if (at == std::string::npos) {
        const std::string k2 = std::string("(") + key + "=";
        at = line.find(k2);
        if (at == std::string::npos)
            return -1;
        return strtol(line.c_str() + at + k2.size(), nullptr, 10);
    }
    return strtol(line.c_str() + at + k.size(), nullptr, 10);
}

std::string relayStatsLine(int pid, const std::string &file)
{
    if (pid <= 0 || file.empty())
        return std::string();
    kill(pid, SIGUSR1);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    std::ifstream in(file);
    std::string line, last;
    while (std::getline(in, line)) {
        if (line.rfind("stats:", 0) == 0)
            last = line;
    }
    return last;
}

} // namespace

int main(int argc, char **argv)
{
    soak::Config cfg;
    std::string statsFile;
    int burstLimit = 64;
    double rssLimitPct = 5.0;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--no-abuse") {
            cfg.abuse = false;
            continue;
        }
        if (i + 1 >= argc)
            usage("missing value after " + a);
        const std::string v = argv[++i];
        if (a == "--url") {
            const std::string scheme = "ws://";
            const size_t colon = v.rfind(':');
            if (v.compare(0, scheme.size(), scheme) != 0 || colon == std::string::npos ||
                colon < scheme.size())
                usage("--url must be ws://HOST:PORT/");
            cfg.host = v.substr(scheme.size(), colon - scheme.size());
            cfg.port = atoi(v.c_str() + colon + 1);
        } else if (a == "--clients") {
            cfg.clients = atoi(v.c_str());
        } else if (a == "--channels") {
            cfg.channels = atoi(v.c_str());
        } else if (a == "--duration") {
            cfg.durationS = atof(v.c_str());
        } else if (a == "--warmup") {
            cfg.warmupS = atof(v.c_str());
        } else if (a == "--rotate") {
            cfg.rotateS = atof(v.c_str());
        } else if (a == "--gap-limit-ms") {
            cfg.gapLimitMs = atof(v.c_str());
        } else if (a == "--burst") {
            cfg.burst = atoi(v.c_str());
        } else if (a == "--burst-limit") {
            burstLimit = atoi(v.c_str());
        } else if (a == "--rss-limit-pct") {
            rssLimitPct = atof(v.c_str());
        } else if (a == "--relay-pid") {
            cfg.relayPid = atoi(v.c_str());
        } else if (a == "--relay-stats") {
            statsFile = v;
        } else {
            usage("unknown option " + a);
        }
    }
    if (cfg.port <= 0 || cfg.port > 65535)
        usage("--url is required");
    if (cfg.clients < 2 || cfg.channels < 1 || cfg.clients < 2 * cfg.channels)
        usage("need at least two clients per channel");
    if (!(cfg.durationS > 0) || cfg.warmupS >= cfg.durationS || !(cfg.rotateS > 0))
        usage("--duration must be > --warmup, --rotate > 0");

    soak::Driver driver(cfg);
    soak::Result r;
    std::string why;
    if (!driver.run(r, why)) {
        fprintf(stderr, "tenfour-soak: FAIL: %s\n", why.c_str());
        return 1;
    }
    const std::string stats = relayStatsLine(cfg.relayPid, statsFile);

    int failures = 0;
    auto check = [&](bool ok, const std::string &what) {
        printf("  [%s] %s\n", ok ? " ok " : "FAIL", what.c_str());
        failures += ok ? 0 : 1;
    };
    const double growth =
        r.rssWarmKb > 0 ? 100.0 * double(r.rssEndKb - r.rssWarmKb) / double(r.rssWarmKb) : 0;
    printf("soak: %d clients in %d channels, %.0f s (set-up %.1f s), talker rotation every %.1f s\n",
           cfg.clients, cfg.channels, cfg.durationS, r.setupS, cfg.rotateS);
    printf("  transmissions %llu (denied %llu), frames sent %llu, delivered %llu, latency p50 %.1f ms p99 "
           "%.1f ms "
           "max %.1f ms, longest gap %.1f ms, driver's worst send lateness %.1f ms\n",
           (unsigned long long)r.transmissions, (unsigned long long)r.denied, (unsigned long long)r.framesTx,
           (unsigned long long)r.framesRx, r.latencyP50Ms, r.latencyP99Ms, r.latencyMaxMs, r.maxGapMs,
           r.maxSendLateMs);
    if (cfg.relayPid > 0)
        printf("  relay RSS: start %ld kB, after warm-up (%.0f s) %ld kB, end %ld kB, max %ld kB: growth "
               "%.2f %%\n",
               r.rssStartKb, cfg.warmupS, r.rssWarmKb, r.rssEndKb, r.rssMaxKb, growth);
    if (!stats.empty())
        printf("  relay %s\n", stats.c_str());

    check(r.membersConnectedAtEnd == r.members, std::to_string(r.membersConnectedAtEnd) + " of " +
                                                    std::to_string(r.members) +
                                                    " members connected at the end");
    for (const std::string &w : r.lostWhy)
        printf("         lost %s\n", w.c_str());
    check(r.transmissions > 0 && r.framesRx > 0, "transmissions happened and frames were delivered");
    check(r.wrongChannel == 0, std::to_string(r.wrongChannel) + " frames delivered to a wrong channel");
    check(r.seqMissing == 0, std::to_string(r.seqMissing) + " frames missing inside transmissions");
    check(r.gapsOverLimit == 0, std::to_string(r.gapsOverLimit) + " gaps above " +
                                    std::to_string(int(cfg.gapLimitMs)) + " ms between consecutive frames");
    if (cfg.relayPid > 0 && rssLimitPct > 0)
        check(r.rssWarmKb > 0 && growth < rssLimitPct,
              "relay RSS growth after the warm-up below " + std::to_string(int(rssLimitPct)) + " %");
    if (cfg.abuse) {
        // The relay allows 2x real time per transmission with a one-second burst of that.
        const double allowed = r.floodS * 100.0 + 100.0;
        printf("  flooder: sent %llu frames in %.1f s (10x real time), listener got %llu (allowed %.0f), "
               "rate_limited errors %llu\n",
               (unsigned long long)r.floodSent, r.floodS, (unsigned long long)r.floodDelivered, allowed,
               (unsigned long long)r.floodRateLimitedErrors);
        check(r.floodSent > 0 && double(r.floodDelivered) <= allowed * 1.05 && r.floodDelivered > 0 &&
                  r.floodRateLimitedErrors > 0,
              "the flooder was held to 2x real time and told so");
        printf("  junk: sent %llu malformed messages, got %llu errors (%llu rate_limited)\n",
               (unsigned long long)r.junkSent, (unsigned long long)r.junkErrors,
               (unsigned long long)r.junkRateLimited);
        check(r.junkErrors > 0 && r.junkRateLimited > 0 && r.junkErrors < r.junkSent && r.junkConnectedAtEnd,
              "the junk sender got bad_request then rate_limited, and stayed connected");
        const long slow = statValue(stats, "slow_reader");
        printf("  slow reader: %s, relay slow_reader drops %ld\n",
               r.slowReaderConnectedAtEnd ? "still connected" : "dropped by the relay", slow);
        check(slow > 0 || !r.slowReaderConnectedAtEnd,
              "the slow reader's audio was held back (or it was dropped)");
        printf(
            "  burst: %d connections from %s: %d welcomed, %d refused (too_many_connections), %d other%s%s\n",
            cfg.burst, cfg.burstAddress.c_str(), r.burstWelcomed, r.burstRefused, r.burstOther,
            r.burstOther ? ", e.g. " : "", r.burstOtherWhy.c_str());
        check(r.burstWelcomed <= burstLimit && r.burstRefused >= cfg.burst - burstLimit,
              "the burst was held to " + std::to_string(burstLimit) + " connections");
    }
    printf(
        "RESULT soak clients=%d channels=%d duration_s=%.0f connected_end=%d wrong_channel=%llu missing=%llu "
        "max_gap_ms=%.1f p99_ms=%.1f rss_warm_kb=%ld rss_end_kb=%ld rss_growth_pct=%.2f failures=%d\n",
        cfg.clients, cfg.channels, cfg.durationS, r.membersConnectedAtEnd, (unsigned long long)r.wrongChannel,
        (unsigned long long)r.seqMissing, r.maxGapMs, r.latencyP99Ms, r.rssWarmKb, r.rssEndKb, growth,
        failures);
    printf("soak: %s\n", failures == 0 ? "PASS" : "FAIL");
    return failures == 0 ? 0 : 1;
}
