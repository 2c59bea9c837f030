#include "throughput.h"

#include "scratch/gcsim/output/text-format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace gcsim
{

namespace
{

/// ThroughputSearch::p99DoublingRate of \p steps.
double
P99DoublingRate(const std::vector<ThroughputStep>& steps)
{
    if (steps.empty())
    {
        return 0;
    }
    const ThroughputStep* lowest = &steps.front();
    for (const auto& step : steps)
    {
        lowest = step.rate < lowest->rate ? &step : lowest;
    }
    double doubling = 0;
    for (const auto& step : steps)
    {
        if (step.latencyP99Ns >= 2 * lowest->latencyP99Ns &&
            (doubling == 0 || step.rate < doubling))
        {
            doubling = step.rate;
        }
    }
    return doubling;
}

} // namespace

ns3::Time
ThroughputInterval(double rate)
{
    return ns3::NanoSeconds(std::max<int64_t>(1, std::llround(1e9 / rate)));
}

bool
Sustained(const ns3::gcsim::DeliveryCounts& delivery)
{
    // deliveries / expected >= 0.999, in integers
    bool delivered = delivery.expected > 0 && 1000 * delivery.deliveries >= 999 * delivery.expected;
    return delivered &&
           delivery.completionGrowthNs <= std::max(1000.0, 0.01 * delivery.completion.mean);
}

ModeResult
SearchThroughput(const Scenario& s, const std::string& run, const RunSinks& sinks,
                 const std::function<void(const ThroughputStep&)>& progress)
{
    auto search = std::make_shared<ThroughputSearch>();
    auto at = [&s](double rate)
    {
        Scenario scenario = s;
        scenario.traffic.interval = ThroughputInterval(rate);
        return scenario;
    };
    // One step: a fresh simulation at `rate`, without sinks.
    auto sustains = [&](double rate)
    {
        ModeResult r = RunMode(at(rate), run, RunSinks{});
        ThroughputStep step;
        step.rate = rate;
        step.intervalNs = ThroughputInterval(rate).GetNanoSeconds();
        step.deliveryRatio =
            r.delivery.expected ? double(r.delivery.deliveries) / double(r.delivery.expected) : 0;
        step.latencyMeanNs = r.delivery.latency.mean;
        step.latencyP99Ns = r.delivery.latency.p99;
        step.drops = r.Drops();
        step.completionGrowthNs = r.delivery.completionGrowthNs;
        step.sustained = Sustained(r.delivery);
        search->steps.push_back(step);
        if (progress)
        {
            progress(step);
        }
        return step.sustained;
    };

    const auto& tr = s.traffic;
    double good = 0; // the highest sustained rate so far
    double bad = 0;  // the lowest failing rate so far (0: none yet)
    // Doubling: rate_min, 2 rate_min, 4 rate_min, ... and rate_max itself.
    for (double rate = tr.rateMin;; rate = std::min(2 * rate, tr.rateMax))
    {
        if (!sustains(rate))
        {
            bad = rate;
            break;
        }
        good = rate;
        if (rate >= tr.rateMax)
        {
            break;
        }
    }
    // Bisection between the last sustained and the first failing rate.
    if (good > 0 && bad > 0)
    {
        while (bad - good > tr.ratePrecision * good)
        {
            double mid = (good + bad) / 2;
            if (ThroughputInterval(mid) == ThroughputInterval(good) ||
                ThroughputInterval(mid) == ThroughputInterval(bad))
            {
                break; // nothing between them on the nanosecond grid
            }
            if (sustains(mid))
            {
                good = mid;
            }
            else
            {
                bad = mid;
            }
        }
    }
    search->messagesPerS = good;
    search->bitsPerS = good * tr.size * 8.0;
    search->bound = good == 0 ? "rate_min" : bad == 0 ? "rate_max" : "bracketed";
    search->p99DoublingRate = P99DoublingRate(search->steps);

    // The reported run: the highest sustained rate once more, now with the sinks.
    double reported = good > 0 ? good : tr.rateMin;
    ModeResult result = RunMode(at(reported), run, sinks);
    const ThroughputStep* step = nullptr;
    for (const auto& st : search->steps)
    {
        step = st.rate == reported ? &st : step;
    }
    if (!step || step->drops != result.Drops() ||
        step->latencyMeanNs != result.delivery.latency.mean ||
        step->sustained != Sustained(result.delivery))
    {
        throw std::logic_error("the throughput search's run of " + run + " at " + Number(reported) +
                               " messages/s did not repeat its step's figures");
    }
    result.throughput = search;
    return result;
}

std::string
ThroughputCsvHeader()
{
    return "mode,rate,delivery_ratio,latency_mean_ns,latency_p99_ns,drops";
}

void
WriteThroughputCsv(std::ostream& out, const std::vector<ModeResult>& results)
{
    out << ThroughputCsvHeader() << '\n';
    for (const auto& r : results)
    {
        if (!r.throughput)
        {
            continue;
        }
        for (const auto& step : r.throughput->steps)
        {
            out << r.mode << ',' << Number(step.rate) << ',' << Number(step.deliveryRatio) << ','
                << Number(step.latencyMeanNs) << ',' << step.latencyP99Ns << ',' << step.drops
                << '\n';
        }
    }
}

} // namespace gcsim
