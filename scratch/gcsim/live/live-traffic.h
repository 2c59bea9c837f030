#ifndef GCSIM_LIVE_TRAFFIC_H
#define GCSIM_LIVE_TRAFFIC_H

#include "live-network.h"
#include "scratch/gcsim/experiment.h"

#include <cstdint>
#include <iosfwd>
#include <string>

namespace gcsim
{

/// How well the live run kept to the scenario's clock.
struct LiveTiming
{
    int64_t clockResolutionNs{0}; //!< clock_getres(CLOCK_REALTIME)
    int64_t lateMeanNs{0};        //!< P1's sends after their planned instants, mean
    int64_t lateMaxNs{0};         //!< and the latest
};

/**
 * Sends \p scenario's messages by \p mode from P1's namespace on \p network and receives them
 * in every client's namespace with real sockets (members join the group with
 * IP_ADD_MEMBERSHIP, so the kernel sends IGMP); returns what a simulation of the mode
 * returns, measured: deliveries timed by the kernel's receive timestamps (SO_TIMESTAMPNS)
 * against P1's clock just before each send, frames per link and P1's frames from the
 * bridge's counters, receptions at non-members from the sockets, group frames that reached
 * non-members' NICs from the bridge's per-port counters. Times are written on the
 * scenario's clock: P1's first planned send is traffic.start.
 *
 * \p baselineNs > 0: stretch is each latency over it (the live unicast run's median).
 * deliveries.csv rows go to \p csv, links.csv rows to \p links; \p timing gets the clock's
 * figures.
 */
ModeResult RunLiveMode(const Scenario& scenario, const LiveNetwork& network,
                       const std::string& mode, int64_t baselineNs, std::ostream* csv,
                       std::ostream* links, LiveTiming& timing);

} // namespace gcsim

#endif
