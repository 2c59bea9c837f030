// The table of a run's features (run-feature.h). Within each phase the hooks run in this
// order, which is also the order in which the run creates ns-3 objects, connects trace
// sinks and schedules events: results depend on it, so a new row goes where its objects
// should be made (usually last).
#include "run-feature.h"

#include <algorithm>

namespace gcsim
{
namespace
{

std::string
FileLabel(std::string label)
{
    std::replace(label.begin(), label.end(), '/', '-');
    return label;
}

} // namespace

RunContext::RunContext(const Scenario& scenario, const std::string& runLabel,
                       const RunSinks& runSinks)
  : s(scenario)
  , label(runLabel)
  , fileLabel(FileLabel(runLabel))
  , spec(scenario.RunOf(runLabel))
  , sinks(runSinks)
  , topology(scenario.topology)
  , firstGroup(scenario.MembersAt(scenario.traffic.start))
  , p1Messages(scenario.traffic.messages)
{
}

const std::vector<RunFeatureEntry>&
RunFeatures()
{
    static const std::vector<RunFeatureEntry> table = {
        {"group", &MakeGroupFeature},             // P1, the clients, the delivery mode; deliveries
        {"gossip", &MakeGossipFeature},           // the gossip modes' agents and views
        {"routes", &MakeRoutesFeature},           // multicast routes, dense mode, broadcast flood
        {"groups", &MakeGroupsFeature},           // groups 2..G, their senders; forwarding state
        {"repair", &MakeRepairFeature},           // NAK repair and ARQ agents ([reliability])
        {"ordering", &MakeOrderingFeature},       // senders, agents, sequencer ([ordering])
        {"replay", &MakeReplayFeature},           // a transcript's messages (pattern = "replay")
        {"poisson", &MakePoissonFeature},         // exponential gaps (pattern = "poisson")
        {"background", &MakeBackgroundFeature},   // cross traffic ([background])
        {"failures", &MakeFailuresFeature},       // links and routers down and up ([[failures]])
        {"load", &MakeLoadFeature},               // links.csv and the hosts' load
        {"animation", &MakeAnimationFeature},     // animation.json
        {"narration", &MakeNarrationFeature},     // --narrate
        {"console", &MakeConsoleFeature},         // the hosts' console lines
        {"pcap", &MakePcapFeature},               // output.pcap
        {"netanim", &MakeNetAnimFeature},         // output.netanim
        {"membership", &MakeMembershipFeature},   // joins and leaves ([membership])
        {"reliability", &MakeReliabilityFeature}, // what repair cost ([reliability])
        {"wifi", &MakeWifiFeature},               // the radio's airtime, frames and rates
        {"adhoc", &MakeAdhocFeature},             // the mesh's floods (kind adhoc)
    };
    return table;
}

} // namespace gcsim
