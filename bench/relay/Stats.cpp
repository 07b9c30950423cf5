#include "Stats.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <sys/resource.h>
#include <unistd.h>

namespace relaybench {

int64_t nowNs()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

LatencyHistogram::LatencyHistogram() : fine_(kFineUs, 0), coarse_(kCoarseMs, 0) {}

void LatencyHistogram::add(int64_t ns)
{
    if (ns < 0)
        ns = 0; // cannot happen with one monotonic clock; keep the bucket index valid anyway
    const int64_t us = ns / 1000;
    if (us < kFineUs)
        ++fine_[size_t(us)];
    else if (us / 1000 < kCoarseMs)
        ++coarse_[size_t(us / 1000)];
    else
        ++overflow_;
    ++count_;
    if (ns > maxNs_)
        maxNs_ = ns;
}

void LatencyHistogram::merge(const LatencyHistogram &o)
{
    for (size_t i = 0; i < fine_.size(); ++i)
        fine_[i] += o.fine_[i];
    for (size_t i = 0; i < coarse_.size(); ++i)
        coarse_[i] += o.coarse_[i];
    overflow_ += o.overflow_;
    count_ += o.count_;
    if (o.maxNs_ > maxNs_)
        maxNs_ = o.maxNs_;
}

double LatencyHistogram::percentileMs(double p) const
{
    if (count_ == 0)
        return 0;
    // The smallest value with at least p% of the samples at or below it.
    uint64_t rank = uint64_t(p / 100.0 * double(count_) + 0.5);
    if (rank < 1)
        rank = 1;
    uint64_t seen = 0;
    for (size_t i = 0; i < fine_.size(); ++i) {
        seen += fine_[i];
        if (seen >= rank)
            return double(i) / 1000.0;
    }
    for (size_t i = 0; i < coarse_.size(); ++i) {
        seen += coarse_[i];
        if (seen >= rank)
            return double(i);
    }
    return maxMs();
}

ProcSample sampleProcess(int pid)
{
    ProcSample s;
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    if (FILE *f = fopen(path, "r")) {
        char buf[1024];
        const size_t n = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[n] = 0;
        // The command name may hold spaces and parentheses: fields restart after the last ')'.
        if (const char *p = strrchr(buf, ')')) {
            unsigned long utime = 0, stime = 0;
            // After ')': state(3) ppid pgrp session tty tpgid flags minflt cminflt majflt
            // cmajflt utime(14) stime(15).
            if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime) == 2) {
                s.cpuSec = double(utime + stime) / double(sysconf(_SC_CLK_TCK));
                s.ok = true;
            }
        }
    }
    snprintf(path, sizeof path, "/proc/%d/status", pid);
    if (FILE *f = fopen(path, "r")) {
        char line[256];
        while (fgets(line, sizeof line, f)) {
            if (strncmp(line, "VmRSS:", 6) == 0) {
                s.rssKb = atol(line + 6);
                break;
            }
        }
        fclose(f);
    } else {
        s.ok = false;
    }
    return s;
}

ProcSample sampleSelf()
{
    ProcSample s = sampleProcess(int(getpid()));
    rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) == 0) {
        s.cpuSec = double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
                   double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
        s.ok = true;
    }
    return s;
}

std::string humanCount(double v)
{
    char buf[32];
    if (v >= 1e6)
        snprintf(buf, sizeof buf, "%.2fM", v / 1e6);
    else if (v >= 1e3)
        snprintf(buf, sizeof buf, "%.1fk", v / 1e3);
    else
        snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
}

} // namespace relaybench
