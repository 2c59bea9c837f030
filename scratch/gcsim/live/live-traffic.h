#ifndef GCSIM_LIVE_TRAFFIC_H
#define GCSIM_LIVE_TRAFFIC_H

#include "live-network.h"
#include "scratch/gcsim/experiment.h"

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace gcsim
{

/// How well the live run kept to the scenario's clock.
struct LiveTiming
{
    int64_t clockResolutionNs{0}; //!< clock_getres(CLOCK_REALTIME)
    int64_t lateMeanNs{0};        //!< P1's sends after their planned instants, mean
    int64_t lateMaxNs{0};         //!< and the latest
};

/// One copy a client's socket received.
struct LiveCopy
{
    uint32_t client{0};
    uint32_t origin{0};
    uint32_t message{0};
    int64_t recvReal{0}; //!< the kernel's receive timestamp, CLOCK_REALTIME ns
    uint32_t bytes{0};
    uint32_t hops{0}; //!< from the received TTL
};

/// What one mode's live run measured, before it is counted as a simulation counts.
struct LiveMeasurement
{
    std::string mode;
    std::vector<uint32_t> destinations; //!< per message, as the simulated mode names them
    int64_t firstReal{0};               //!< P1's first planned send: traffic.start
    int64_t endReal{0};
    std::vector<int64_t> sent; //!< each message's send clock
    std::vector<LiveCopy> copies;
    std::vector<LivePortCounts> ports; //!< the bridge's counters, P1 first
    uint64_t queueDrops{0};            //!< by the tbf queues
    LiveTiming timing;
};

/**
 * Sends \p scenario's messages by \p mode from P1's namespace on \p network and receives them
 * in every client's namespace with real sockets (members join the group with
 * IP_ADD_MEMBERSHIP, so the kernel sends IGMP): P1's clock just before each send, the
 * kernel's receive timestamp (SO_TIMESTAMPNS) and TTL of every copy, and the bridge's counters.
 */
LiveMeasurement MeasureLiveMode(const Scenario& scenario, const LiveNetwork& network,
                                const std::string& mode);

/**
 * What a simulation of the mode returns, from \p m: deliveries through a DeliveryTracker on
 * the scenario's clock (P1's first planned send is traffic.start), frames per link and P1's
 * frames from the bridge's counters (bytes as on a wire: FCS included, at least 64), receptions
 * at non-members from the sockets, group frames that reached non-members' ports.
 * \p baselineNs > 0: stretch is each latency over it. deliveries.csv rows go to \p csv,
 * links.csv rows to \p links (either may be null).
 */
ModeResult CountLiveMode(const Scenario& scenario, const LiveNetwork& network,
                         const LiveMeasurement& m, int64_t baselineNs, std::ostream* csv,
                         std::ostream* links);

} // namespace gcsim

#endif
