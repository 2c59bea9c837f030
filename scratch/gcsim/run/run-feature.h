#ifndef GCSIM_RUN_FEATURE_H
#define GCSIM_RUN_FEATURE_H

// A run of one delivery mode as a table of features. RunMode (experiment.cc) builds a
// RunContext and walks the phases below in order; in each phase it calls every feature of
// the table that applies to the run, in table order (RunFeatures(), run-features.cc). A
// feature is one capability (repair, ordering, routes, a collector, an output) with the
// hooks it needs; adding a capability means adding its file and one row of the table.
//
// Phases, in order:
//   AdjustTopology  the topology configuration, before the network is built
//   AfterBuild      the network exists; checks that need it
//   Senders         who besides P1 sends to the group (MulticastGroup::senders) and what
//                   P1 sends itself
//   Routes          unicast routes are in place: the group's multicast routes
//   Applications    P1, the clients and their agents; when the last message leaves
//   Collectors      trackers and outputs attached to the trace sources
//   (the simulation runs until lastSend + drain)
//   Collect         each feature's share of the ModeResult
//   Teardown        after Simulator::Destroy()

#include "models/group/delivery-mode.h"
#include "models/multicast/dense-mode.h"
#include "models/multicast/multicast-routing.h"
#include "models/network/network.h"
#include "models/network/routing-graph.h"
#include "models/stats/delivery-tracker.h"
#include "models/stats/host-load-tracker.h"
#include "scratch/gcsim/experiment.h"
#include "scratch/gcsim/scenario.h"

#include <memory>
#include <ns3/application-container.h>
#include <ns3/nstime.h>
#include <optional>
#include <string>
#include <vector>

namespace gcsim
{

/// Everything one run of one mode builds and shares between its features.
struct RunContext
{
    RunContext(const Scenario& scenario, const std::string& label, const RunSinks& sinks);

    const Scenario& s;            //!< the scenario
    const std::string label;      //!< the run's name, e.g. "multicast/flood+igmp"
    const std::string fileLabel;  //!< the label in file names: '/' as '-'
    const Scenario::RunSpec spec; //!< what the label means
    const RunSinks& sinks;        //!< where streamed output goes

    ns3::gcsim::TopologyConfig topology;           //!< AdjustTopology
    ns3::gcsim::Network network;                   //!< built after AdjustTopology
    std::optional<ns3::gcsim::RoutingGraph> graph; //!< of network
    ns3::gcsim::RoutingGraph::Tree fromServer;     //!< unicast paths from P1
    ns3::gcsim::GroupDirectory directory;          //!< what P1's delivery mode knows
    ns3::gcsim::MulticastGroup group;              //!< the group the routes are for
    /// The group's members when message 0 leaves (animation, narration and NetAnim follow it).
    std::vector<uint32_t> firstGroup;

    uint32_t p1Messages{0};                //!< group messages P1 sends itself (Senders)
    uint32_t clientMessageSize{0};         //!< UDP payload of a client's own messages (replay)
    ns3::Ptr<ns3::gcsim::DenseMode> dense; //!< dense-mode routing (multicast runs only)

    ns3::Ptr<ns3::gcsim::DeliveryMode> deliveryMode; //!< Applications
    ns3::ApplicationContainer server;                //!< P1's GroupServer
    ns3::ApplicationContainer clients;               //!< client n's GroupClient at n - 1
    ns3::ApplicationContainer agents;                //!< repair agents, P1's first
    ns3::Time lastSend;                              //!< when the last message leaves

    std::unique_ptr<ns3::gcsim::DeliveryTracker> deliveries; //!< Collectors
    std::unique_ptr<ns3::gcsim::LatencyBreakdown> breakdown; //!< Collectors (output key)
    std::unique_ptr<ns3::gcsim::HostLoadTracker> hosts;      //!< Collectors
};

/// One capability of a run: hooks for the phases it takes part in (see above).
class RunFeature
{
public:
    virtual ~RunFeature() = default;

    /// Whether this run uses the feature at all; the other hooks are called only if so.
    virtual bool Applies(const RunContext& run) const = 0;

    virtual void AdjustTopology(RunContext&) {}
    virtual void AfterBuild(RunContext&) {}
    virtual void Senders(RunContext&) {}
    virtual void Routes(RunContext&) {}
    virtual void Applications(RunContext&) {}
    virtual void Collectors(RunContext&) {}
    virtual void Collect(RunContext&, ModeResult&) {}
    virtual void Teardown(RunContext&) {}
};

/// A row of the table: a name (for --timings and tests) and how to make the feature.
struct RunFeatureEntry
{
    const char* name;
    std::unique_ptr<RunFeature> (*make)();
};

/// The features in the order their hooks run within each phase.
const std::vector<RunFeatureEntry>& RunFeatures();

// One file each (run/<name>-feature.cc).
std::unique_ptr<RunFeature> MakeGroupFeature();
std::unique_ptr<RunFeature> MakeRoutesFeature();
std::unique_ptr<RunFeature> MakeGroupsFeature();
std::unique_ptr<RunFeature> MakeRepairFeature();
std::unique_ptr<RunFeature> MakeOrderingFeature();
std::unique_ptr<RunFeature> MakeReplayFeature();
std::unique_ptr<RunFeature> MakePoissonFeature();
std::unique_ptr<RunFeature> MakeBackgroundFeature();
std::unique_ptr<RunFeature> MakeLoadFeature();
std::unique_ptr<RunFeature> MakeAnimationFeature();
std::unique_ptr<RunFeature> MakeNarrationFeature();
std::unique_ptr<RunFeature> MakeConsoleFeature();
std::unique_ptr<RunFeature> MakePcapFeature();
std::unique_ptr<RunFeature> MakeNetAnimFeature();
std::unique_ptr<RunFeature> MakeMembershipFeature();
std::unique_ptr<RunFeature> MakeReliabilityFeature();
std::unique_ptr<RunFeature> MakeFailuresFeature();
std::unique_ptr<RunFeature> MakeWifiFeature();
std::unique_ptr<RunFeature> MakeAdhocFeature();
std::unique_ptr<RunFeature> MakeGossipFeature();

/// Checks that [[failures]]' links exist in \p network; InputError at the entry's line if not.
void CheckFailures(const Scenario& s, const ns3::gcsim::Network& network);

/**
 * Makes room for the pcap files of \p network (pcap-feature.cc): raises the soft limit of
 * open files up to the hard one when needed, else InputError naming output.pcap.
 */
void FitPcapFiles(const Scenario& s, const ns3::gcsim::Network& network);

} // namespace gcsim

#endif
