#ifndef GCSIM_RUN_ESTIMATE_H
#define GCSIM_RUN_ESTIMATE_H

#include "memory-estimate.h"

#include <cstdint>
#include <string>

namespace gcsim
{

struct Scenario;

/**
 * \brief What `gcsim run` of a scenario would take, counted before anything is built: memory,
 * wall-clock time and the size of its results folder.
 *
 * A rough estimate (a factor of two either way), from measured costs on this project's
 * reference machine (2.1 GHz, bench/README.md): per host and run about 92 us to build, start
 * and tear down; per frame that reaches a device about 0.375 us (a CSMA channel hands every
 * frame to every device on it); per datagram that goes up a host's stack about 7.6 us; per
 * row of deliveries.csv about 62 bytes. Routed kinds count each message's frames from an
 * estimate of the path length.
 */
struct RunEstimate
{
    MemoryEstimate memory; //!< peak memory, as CheckMemory refuses it
    double seconds{0};     //!< wall-clock time of every run of the scenario
    double outputBytes{0}; //!< the results folder (deliveries.csv, pcap files, ...)
    double deliveries{0};  //!< rows of deliveries.csv
    std::string timeKey;   //!< the key that makes it long ("traffic.messages", ...)
};

/// The estimate for \p scenario (every run of it).
RunEstimate EstimateRun(const Scenario& scenario);

/// Above these, `gcsim run` and `gcsim sweep` refuse a run unless --allow-large is given (the
/// refusal's text says "1 hour" and "10 GB").
constexpr double kMaxRunSeconds = 3600;
constexpr double kMaxOutputBytes = 10e9;

/// \p seconds for people: "about 40 s", "about 2.5 hours".
std::string DurationText(double seconds);

/// One line: "estimated: about 1.4 GB of memory, 40 s, 210 MB of results".
std::string EstimateLine(const RunEstimate& estimate);

} // namespace gcsim

#endif
