#pragma once
// A token bucket: `rate` tokens per second, at most `burst` stored. Time comes from the caller
// (monotonic nanoseconds), so one clock read serves every limiter touched by one message.

#include <QtGlobal>

namespace tenfour::relay {

class RateLimiter {
public:
    RateLimiter() = default;
    RateLimiter(double ratePerSecond, double burst) { configure(ratePerSecond, burst); }

    // rate 0 = unlimited. Keeps the stored tokens (capped at the new burst).
    void configure(double ratePerSecond, double burst)
    {
        rate_ = ratePerSecond;
        burst_ = burst;
        if (tokens_ > burst_ || !started_)
            tokens_ = burst_;
    }
    bool unlimited() const { return rate_ <= 0; }
    double rate() const { return rate_; }
    double burst() const { return burst_; }

    // Takes `cost` tokens when there are enough; false (and nothing taken) otherwise.
    bool tryTake(qint64 nowNs, double cost = 1.0)
    {
        if (rate_ <= 0)
            return true;
        refill(nowNs);
        if (tokens_ < cost)
            return false;
        tokens_ -= cost;
        return true;
    }

    double tokens(qint64 nowNs)
    {
        refill(nowNs);
        return tokens_;
    }

private:
    void refill(qint64 nowNs)
    {
        if (!started_) {
            started_ = true;
            lastNs_ = nowNs;
            tokens_ = burst_;
            return;
        }
        if (nowNs > lastNs_) {
            tokens_ += double(nowNs - lastNs_) * 1e-9 * rate_;
            if (tokens_ > burst_)
                tokens_ = burst_;
            lastNs_ = nowNs;
        }
    }

    double rate_ = 0;
    double burst_ = 0;
    double tokens_ = 0;
    qint64 lastNs_ = 0;
    bool started_ = false;
};

} // namespace tenfour::relay
