#ifndef GCSIM_THROUGHPUT_H
#define GCSIM_THROUGHPUT_H

#include "experiment.h"
#include "scenario.h"

#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace gcsim
{

/// One simulation of the throughput search: the rate offered and what it gave.
struct ThroughputStep
{
    double rate{0};               //!< offered messages per second
    int64_t intervalNs{0};        //!< the interval simulated: ThroughputInterval(rate)
    double deliveryRatio{0};      //!< first copies received / expected
    double latencyMeanNs{0};      //!< over deliveries
    int64_t latencyP99Ns{0};      //!< over deliveries
    uint64_t drops{0};            //!< every packet lost anywhere
    double completionGrowthNs{0}; //!< DeliveryCounts::completionGrowthNs
    bool sustained{false};        //!< Sustained()
};

/// The throughput pattern's search for one mode.
struct ThroughputSearch
{
    /// The highest sustained rate found (messages/s); 0 when even traffic.rate_min failed.
    double messagesPerS{0};
    double bitsPerS{0}; //!< messagesPerS x UDP payload bytes x 8
    /**
     * How the search ended: "bracketed" (a sustained and a failing rate within the
     * precision), "rate_max" (traffic.rate_max was sustained: the mode does at least that),
     * "rate_min" (traffic.rate_min already failed: the mode does less than that).
     */
    std::string bound;
    std::vector<ThroughputStep> steps; //!< in the order simulated
    /// The lowest rate tried whose latency p99 is at least twice that of the lowest rate
    /// tried; 0 if none (the knee of the latency curve, at the steps' resolution).
    double p99DoublingRate{0};
};

/// The interval between messages at \p rate messages/s: 1/rate, to the nanosecond, >= 1 ns.
ns3::Time ThroughputInterval(double rate);

/**
 * True if \p delivery meets the throughput criterion: a delivery ratio of at least 99.9 %,
 * and a steady state: P1's messages' completion grows from the second to the last quarter
 * of the run (the first is warm-up) by at most 1 % of the mean completion or 1 us,
 * whichever is larger. A rate the links cannot carry fills a queue, and completion grows
 * with every message even while the queue still holds them all.
 */
bool Sustained(const ns3::gcsim::DeliveryCounts& delivery);

/**
 * \brief The highest message rate \p run sustains with a delivery ratio >= 99.9 %.
 *
 * P1 sends the scenario's `traffic.messages` messages at a fixed interval 1/rate. Every
 * rate tried is its own fresh simulation of the mode (RunMode with that interval, the same
 * seed). The rate starts at `traffic.rate_min` and doubles while the delivery ratio holds,
 * up to `traffic.rate_max` (tried itself); from the last sustained and the first failing
 * rate it bisects (the midpoint of the two) until they are within `traffic.rate_precision`
 * of the sustained one (bad - good <= precision x good), or until the midpoint's interval
 * equals one of theirs to the nanosecond (nothing between them can be simulated). The
 * search assumes that a rate above a failing one fails too.
 *
 * Deliveries count only if they arrive before the run stops (`traffic.drain` after the
 * last send): a rate whose backlog is still queued then is not sustained.
 *
 * The returned result is a further simulation of the highest sustained rate (traffic.rate_min
 * if none was), this one with \p sinks (deliveries.csv, links.csv, pcap, ...), so those
 * hold that run only; its figures must equal its step's, or the search throws
 * std::logic_error. `throughput` holds the search.
 *
 * \param progress if set, called after each step
 */
ModeResult SearchThroughput(const Scenario& scenario, const std::string& run, const RunSinks& sinks,
                            const std::function<void(const ThroughputStep&)>& progress = {});

/// throughput.csv's first line: mode,rate,delivery_ratio,latency_mean_ns,latency_p99_ns,drops.
std::string ThroughputCsvHeader();

/// throughput.csv: the header, then one row per step of each result's search, in order.
void WriteThroughputCsv(std::ostream& out, const std::vector<ModeResult>& results);

} // namespace gcsim

#endif
