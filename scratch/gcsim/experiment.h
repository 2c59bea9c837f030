#ifndef GCSIM_EXPERIMENT_H
#define GCSIM_EXPERIMENT_H

#include "memory-estimate.h"
#include "models/multicast/forwarding-state.h"
#include "models/stats/animation-tracker.h"
#include "models/stats/delivery-tracker.h"
#include "models/stats/dense-mode-tracker.h"
#include "models/stats/failure-tracker.h"
#include "models/stats/gossip-tracker.h"
#include "models/stats/groups-tracker.h"
#include "models/stats/host-load-tracker.h"
#include "models/stats/link-tracker.h"
#include "models/stats/membership-tracker.h"
#include "models/stats/narration-tracker.h"
#include "models/stats/ordering-tracker.h"
#include "models/stats/reliability-tracker.h"
#include "models/stats/wifi-tracker.h"
#include "scenario.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace gcsim
{

struct ThroughputSearch; // throughput.h

/// Everything measured for one delivery mode.
struct ModeResult
{
    std::string mode;
    ns3::gcsim::DeliveryCounts delivery;
    ns3::gcsim::LinkCounts links;
    ns3::gcsim::HostCounts hosts;
    /// Joins and leaves and what they cost; only for scenarios with [membership].
    ns3::gcsim::MembershipCounts membership;
    /// Dense mode's control packets and RPF drops; `used` only in runs with dense routing.
    ns3::gcsim::DenseModeCounts dense;
    /// What NAK repair or ARQ did and cost; only for scenarios with [reliability].
    ns3::gcsim::ReliabilityCounts reliability;
    /// Several senders and their delivery order; only for the multicast runs of scenarios
    /// with [ordering].
    ns3::gcsim::OrderingCounts ordering;
    /// What [background]'s cross traffic got through; flows 0 without it.
    struct Background
    {
        uint64_t flows{0};
        uint64_t bytesReceived{0}; //!< by the flows' sinks (UDP payload, TCP stream bytes)
        double throughputBps{0};   //!< bytesReceived x 8 over the time the flows ran
    } background;
    /// What [[failures]] cost; `used` only in scenarios with failures.
    ns3::gcsim::FailureCounts failures;
    /// What the 802.11 medium carried; `used` only on wifi and adhoc networks.
    ns3::gcsim::WifiCounts wifi;
    /// What the gossip agents did; `used` only in the gossip modes' runs.
    ns3::gcsim::GossipCounts gossip;
    /// Every group's messages, deliveries and control traffic, P1's to the first included;
    /// only in multicast runs of scenarios with several groups or senders, or
    /// output.forwarding_state.
    ns3::gcsim::GroupsCounts groups;
    /// The routers' multicast forwarding state for every group (output.forwarding_state,
    /// multicast runs).
    std::optional<ns3::gcsim::ForwardingState> forwarding;
    uint64_t destinations{0}; //!< per message
    int64_t simulatedNs{0};   //!< simulated time when the run ended
    /// The throughput pattern's search over rates (throughput.h); null in other patterns.
    std::shared_ptr<const ThroughputSearch> throughput;

    /// Frames dropped, every cause: queues, links, loss, IP, ARP, failed links and routers.
    uint64_t Drops() const;
};

/// Where a run's streamed output goes; any of them may be left empty.
struct RunSinks
{
    std::ostream* deliveries{nullptr}; //!< deliveries.csv rows
    std::ostream* links{nullptr};      //!< links.csv rows
    /// A console line: simulated time, host ("P1", "C3"), text.
    std::function<void(ns3::Time, const std::string&, const std::string&)> console;
    std::string pcapPrefix; //!< non-empty: write pcap files starting with this path
    /// Non-empty: write a NetAnim XML per mode, this path then "<mode>.xml".
    std::string netanimPrefix;
    /// Non-null: each mode's account of message 0 is appended here (--narrate).
    std::vector<ns3::gcsim::Narration>* narrations{nullptr};
    /// Non-null: record message 0's frames and receptions of each mode (animation.json).
    ns3::gcsim::Animation* animation{nullptr};
    /// Non-null: in an ordering run, each member's deliveries in order, as (origin, message),
    /// by client number (tests compare them).
    std::map<uint32_t, std::vector<std::pair<uint32_t, uint32_t>>>* orderings{nullptr};
    /// Called as each phase of the run ends ("build", "routes", "applications", "trackers",
    /// "simulate", "collect", "teardown") with its wall-clock seconds and the heap in use
    /// at its end (--timings).
    std::function<void(const std::string&, double, const HeapUse&)> phase;
    /// Called now and then while the simulation runs, with the simulated time reached and
    /// the time the run stops at (a progress line on a terminal).
    std::function<void(ns3::Time, ns3::Time)> progress;
    /// Called with the network once the collectors are attached, before the simulation runs:
    /// a caller's own trace sinks (tests check counts the collectors do not keep).
    std::function<void(const ns3::gcsim::Network&)> inspect;
};

/// Builds \p scenario's network once and discards it; throws InputError if it cannot be built.
void CheckNetwork(const Scenario& scenario);

/**
 * Simulates \p mode on a fresh ns-3 run of \p scenario's network (same seed, same
 * messages as every other mode) and returns what was measured.
 */
ModeResult RunMode(const Scenario& scenario, const std::string& mode, const RunSinks& sinks);

} // namespace gcsim

#endif
