#include "report.h"

#include "gossip-report.h"
#include "scratch/gcsim/output/text-format.h"
#include "scratch/gcsim/throughput.h"
#include "theory.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <sstream>
#include <toml++/toml.h>

namespace gcsim
{

using json = nlohmann::ordered_json;
using ns3::gcsim::FailureEventCounts;
using ns3::gcsim::ReliabilityCounts;

namespace
{

json
DistributionJson(const ns3::gcsim::Distribution& d)
{
    return json{{"mean", d.mean}, {"p50", d.p50}, {"p95", d.p95}, {"p99", d.p99}, {"max", d.max}};
}

double
PerMessage(uint64_t total, uint64_t messages)
{
    return messages ? double(total) / double(messages) : 0.0;
}

/// summary.json's "failures": totals over the events (the numbers collect makes columns of),
/// each event's window, and each destination's longest gap.
json
FailuresJson(const ns3::gcsim::FailureCounts& f)
{
    json events = json::array();
    uint64_t messagesLost = 0;
    uint64_t deliveriesLost = 0;
    uint64_t affected = 0;
    uint64_t unrecovered = 0;
    int64_t recovery = -1;
    for (const auto& e : f.events)
    {
        json event{{"what", e.what},
                   {"at_ns", e.atNs},
                   {"reconverged_ns", e.reconvergedNs},
                   {"messages", e.messages},
                   {"messages_lost", e.messagesLost},
                   {"deliveries_lost", e.deliveriesLost},
                   {"members_affected", e.membersAffected},
                   {"members_unrecovered", e.membersUnrecovered}};
        if (e.recoveryNsMax >= 0)
        {
            event["recovery_ns_max"] = e.recoveryNsMax;
            event["recovery_ns_mean"] = e.recoveryNsMean;
        }
        events.push_back(event);
        messagesLost += e.messagesLost;
        deliveriesLost += e.deliveriesLost;
        affected = std::max(affected, e.membersAffected);
        unrecovered = std::max(unrecovered, e.membersUnrecovered);
        recovery = std::max(recovery, e.recoveryNsMax);
    }
    json members = json::array();
    int64_t gapMax = 0;
    double gapSum = 0;
    for (const auto& m : f.members)
    {
        members.push_back(json{{"client", m.client},
                               {"missed", m.missed},
                               {"longest_gap_ns", m.longestGapNs},
                               {"longest_gap_end_ns", m.longestGapEndNs}});
        gapMax = std::max(gapMax, m.longestGapNs);
        gapSum += static_cast<double>(m.longestGapNs);
    }
    json j{{"frames_lost", f.framesLost},
           {"messages_lost", messagesLost},
           {"deliveries_lost", deliveriesLost},
           {"members_affected", affected},
           {"members_unrecovered", unrecovered},
           {"gap_ns_max", gapMax},
           {"gap_ns_mean", f.members.empty() ? 0.0 : gapSum / double(f.members.size())}};
    if (recovery >= 0)
    {
        j["recovery_ns_max"] = recovery;
    }
    j["events"] = events;
    j["members"] = members;
    return j;
}

json
ModeJson(const ModeResult& r)
{
    const auto& d = r.delivery;
    const auto& l = r.links;
    const auto& h = r.hosts;
    uint64_t drops = r.Drops();
    json j;
    j["messages"] = d.messages;
    j["destinations"] = r.destinations;
    j["expected_deliveries"] = d.expected;
    j["deliveries"] = d.deliveries;
    j["duplicates"] = d.duplicates;
    j["unwanted_deliveries"] = d.unwanted;
    j["delivery_ratio"] = d.expected ? double(d.deliveries) / double(d.expected) : 0.0;
    j["latency_ns"] = DistributionJson(d.latency);
    // The first message apart: on a cold network (dynamic ARP) it alone waits for resolution.
    j["first_message_latency_ns"] = d.firstMessageLatencyMean;
    j["latency_after_first_ns"] = DistributionJson(d.latencyAfterFirst);
    if (d.partsTraced)
    {
        // Where the deliveries' latency went: each part's mean and p99, ns (means add up).
        json parts;
        for (std::size_t i = 0; i < d.parts.size(); ++i)
        {
            parts[ns3::gcsim::kLatencyPartNames[i]] =
                json{{"mean", d.parts[i].mean}, {"p99", d.parts[i].p99}};
        }
        j["latency_parts_ns"] = parts;
    }
    j["completion_ns"] = DistributionJson(d.completion);
    j["hops"] = json{{"mean", d.hops.mean}, {"max", d.hops.max}};
    // Stretch compares with P1's unicast path; the senders' messages of an ordering run
    // have no such path: null there.
    j["stretch"] = r.ordering.given ? json{{"mean", nullptr}, {"max", nullptr}}
                                    : json{{"mean", d.stretchMean}, {"max", d.stretchMax}};
    j["source_packets"] = l.serverFrames;
    j["source_bytes"] = l.serverBytes;
    j["link_transmissions"] = l.frames;
    j["link_bytes"] = l.bytes;
    j["core_link_transmissions"] = l.coreFrames;
    j["access_link_transmissions"] = l.frames - l.coreFrames;
    j["message_link_transmissions"] = l.messageFrames;
    j["message_link_bytes"] = l.messageBytes;
    j["link_stress"] = json{{"max", l.stressMax}, {"mean", l.stressMean}};
    j["host_receptions"] = h.receptions;
    j["nonmember_receptions"] = h.nonmemberReceptions;
    j["nonmember_deliveries"] = d.nonmemberDeliveries;
    j["nic_filtered"] = h.nicFiltered;
    j["router_forwards"] = h.routerForwards;
    j["duplicates_suppressed"] = h.duplicatesSuppressed;
    j["drops"] = drops;
    j["drops_by_cause"] = json{{"device_queue", l.queueDrops},
                               {"link", l.linkDrops},
                               {"queue_disc", l.queueDiscDrops},
                               {"ip", h.ipDrops},
                               {"arp", h.arpDrops}};
    j["drops_by_cause"]["loss"] = l.lossDrops;
    if (r.failures.used)
    {
        j["drops_by_cause"]["failure"] = r.failures.framesLost;
    }
    j["per_message"] = json{{"source_packets", PerMessage(l.serverFrames, d.messages)},
                            {"source_bytes", PerMessage(l.serverBytes, d.messages)},
                            {"link_transmissions", PerMessage(l.frames, d.messages)},
                            {"link_bytes", PerMessage(l.bytes, d.messages)}};
    j["simulated_ns"] = r.simulatedNs;
    if (r.background.flows)
    {
        j["background"] = json{{"flows", r.background.flows},
                               {"bytes_received", r.background.bytesReceived},
                               {"throughput_bps", r.background.throughputBps}};
    }
    if (r.failures.used)
    {
        j["failures"] = FailuresJson(r.failures);
    }
    if (r.throughput)
    {
        json steps = json::array();
        for (const auto& step : r.throughput->steps)
        {
            steps.push_back(json{{"rate", step.rate},
                                 {"interval_ns", step.intervalNs},
                                 {"delivery_ratio", step.deliveryRatio},
                                 {"latency_mean_ns", step.latencyMeanNs},
                                 {"latency_p99_ns", step.latencyP99Ns},
                                 {"drops", step.drops},
                                 {"completion_growth_ns", step.completionGrowthNs},
                                 {"sustained", step.sustained}});
        }
        j["throughput"] = json{{"messages_per_s", r.throughput->messagesPerS},
                               {"bits_per_s", r.throughput->bitsPerS},
                               {"bound", r.throughput->bound},
                               {"p99_doubling_rate", r.throughput->p99DoublingRate > 0
                                                         ? json(r.throughput->p99DoublingRate)
                                                         : json(nullptr)},
                               {"steps", steps}};
    }
    return j;
}

/// Dense mode's control traffic and RPF drops (runs with multicast_routing dense).
json
DenseJson(const ModeResult& r)
{
    const auto& d = r.dense;
    return json{{"prunes", d.prunes},
                {"grafts", d.grafts},
                {"graft_acks", d.graftAcks},
                {"control_packets", d.controlPackets},
                {"control_bytes", d.controlBytes},
                {"rpf_drops", d.rpfDrops}};
}

/// summary.json's "wifi": what the 802.11 medium carried (airtime in ns).
json
WifiJson(const ModeResult& r)
{
    const auto& w = r.wifi;
    json stations = json::array();
    for (const auto& st : w.stations)
    {
        stations.push_back(
            json{{"client", st.client}, {"distance_m", st.distance}, {"received", st.received}});
    }
    return json{{"message_airtime_ns", w.messageAirtimeNs},
                {"airtime_per_message_ns", PerMessage(w.messageAirtimeNs, r.delivery.messages)},
                {"data_frames", w.dataFrames},
                {"group_frames", w.groupFrames},
                {"retries", w.retries},
                {"acks", w.acks},
                {"frames_by_mode", w.framesByMode},
                {"other_frames", w.otherFrames},
                {"other_airtime_ns", w.otherAirtimeNs},
                {"rx_errors", w.rxErrors},
                {"rx_drops", w.rxDrops},
                {"stations", stations}};
}

/// The name summary.json gives \p state.
const char*
StateRuleName(ns3::gcsim::MulticastState state)
{
    switch (state)
    {
        case ns3::gcsim::MulticastState::PER_SOURCE:
            return "(S,G) per sender";
        case ns3::gcsim::MulticastState::PER_GROUP:
            return "(*,G) per group";
        case ns3::gcsim::MulticastState::NONE:
            return "none";
        default:
            return "(S,G) as dense mode built it";
    }
}

/// \p a / \p b, 0 when \p b is.
double
Ratio(uint64_t a, uint64_t b)
{
    return b ? double(a) / double(b) : 0.0;
}

/// The routers' forwarding state over every group (output.forwarding_state): totals, and per
/// router the mean over all routers, the most, and the mean over those holding any.
json
ForwardingJson(const ModeResult& r, const Scenario& scenario)
{
    auto t = r.forwarding->Sum();
    json j;
    j["counted_as"] = StateRuleName(ns3::gcsim::MulticastStateOf(scenario.RunOf(r.mode).routing));
    j["routers"] = t.routers;
    j["routers_with_state"] = t.routersWithState;
    j["entries"] = t.entries;
    j["entries_per_router_mean"] = Ratio(t.entries, t.routers);
    j["entries_per_router_max"] = t.entriesMax;
    j["entries_per_state_router"] = Ratio(t.entries, t.routersWithState);
    j["entries_per_group"] = Ratio(t.entries, r.forwarding->groups.size());
    j["interfaces"] = t.interfaces;
    j["interfaces_per_router_mean"] = Ratio(t.interfaces, t.routers);
    j["interfaces_per_router_max"] = t.interfacesMax;
    return j;
}

/// Every group's counts added up.
ns3::gcsim::GroupsCounts::Group
GroupTotals(const ModeResult& r)
{
    ns3::gcsim::GroupsCounts::Group t;
    for (const auto& g : r.groups.groups)
    {
        t.messages += g.messages;
        t.expected += g.expected;
        t.deliveries += g.deliveries;
        t.duplicates += g.duplicates;
        t.controlPackets += g.controlPackets;
        t.controlBytes += g.controlBytes;
    }
    return t;
}

/// One group's messages, deliveries, control traffic and (with the forwarding state) its
/// routers, entries and interfaces.
json
OneGroupJson(const ModeResult& r, const Scenario& scenario, std::size_t k)
{
    const auto& g = r.groups.groups[k];
    const auto& spec = scenario.groups.all[k];
    std::ostringstream address;
    address << spec.address;
    json one{{"address", address.str()},           {"members", spec.members.size()},
             {"senders", spec.senders.size() + 1}, {"messages", g.messages},
             {"expected_deliveries", g.expected},  {"deliveries", g.deliveries},
             {"duplicates", g.duplicates},         {"control_packets", g.controlPackets},
             {"control_bytes", g.controlBytes}};
    if (r.forwarding)
    {
        const auto& state = r.forwarding->groups[k];
        one["routers_with_state"] = state.routers;
        one["entries"] = state.entries;
        one["interfaces"] = state.interfaces;
    }
    return one;
}

/// Every group's traffic (several groups or senders, or output.forwarding_state): totals over
/// the groups, then one object per group.
json
GroupsJson(const ModeResult& r, const Scenario& scenario)
{
    auto t = GroupTotals(r);
    json perGroup = json::array();
    for (std::size_t k = 0; k < r.groups.groups.size(); ++k)
    {
        perGroup.push_back(OneGroupJson(r, scenario, k));
    }
    json j;
    j["count"] = r.groups.groups.size();
    j["senders_per_group"] = scenario.groups.sendersPerGroup;
    j["messages"] = t.messages;
    j["expected_deliveries"] = t.expected;
    j["deliveries"] = t.deliveries;
    j["duplicates"] = t.duplicates;
    j["delivery_ratio"] = Ratio(t.deliveries, t.expected);
    j["control_packets"] = t.controlPackets;
    j["control_bytes"] = t.controlBytes;
    j["control_bytes_per_group"] = Ratio(t.controlBytes, r.groups.groups.size());
    j["per_group"] = perGroup;
    return j;
}

/// Joins, leaves and their cost (scenarios with [membership]).
json
MembershipJson(const ModeResult& r, const std::string& model)
{
    const auto& m = r.membership;
    json j;
    j["model"] = model;
    j["joins"] = m.joins;
    j["leaves"] = m.leaves;
    j["joins_served"] = m.joinsServed;
    j["join_latency_ns"] = DistributionJson(m.joinLatency);
    j["leave_latency_ns"] = DistributionJson(m.leaveLatency);
    j["deliveries_after_leave"] = m.deliveriesAfterLeave;
    j["control_packets"] = m.controlPackets;
    j["control_bytes"] = m.controlBytes;
    return j;
}

/// Losses, repairs and what they cost (scenarios with [reliability]).
json
ReliabilityJson(const ModeResult& r, const Scenario& scenario)
{
    const auto& c = r.reliability;
    json j;
    j["repair"] = RepairName(scenario.RunOf(r.mode).repair);
    j["expected"] = c.expected;
    j["delivered"] = c.delivered;
    j["delivery_ratio"] = c.expected ? double(c.delivered) / double(c.expected) : 0.0;
    j["losses"] = c.losses;
    j["repaired"] = c.repaired;
    j["repair_latency_ns"] = json{{"mean", c.repairLatency.mean}, {"max", c.repairLatency.max}};
    j["naks"] = c.naks;
    j["naks_per_loss"] = c.losses ? double(c.naks) / double(c.losses) : 0.0;
    j["naks_suppressed"] = c.naksSuppressed;
    j["repairs"] = c.repairs;
    j["repairs_suppressed"] = c.repairsSuppressed;
    j["session_messages"] = c.sessions;
    j["acks"] = c.acks;
    j["retransmissions"] = c.retransmissions;
    j["give_ups"] = c.giveUps;
    j["retransmitted_bytes"] = c.retransmittedBytes;
    j["duplicates_dropped"] = c.duplicatesDropped;
    j["control_link_transmissions"] = c.controlFrames;
    j["control_link_bytes"] = c.controlBytes;
    j["repair_link_transmissions"] = c.repairFrames;
    j["repair_link_bytes"] = c.repairBytes;
    return j;
}

/// The run of the same mode and routing without an order ("multicast+fifo" -> "multicast").
const ModeResult*
UnorderedRun(const ModeResult& r, const std::vector<ModeResult>& results)
{
    std::string base = r.mode.substr(0, r.mode.find('+'));
    for (const auto& other : results)
    {
        if (other.mode == base && other.ordering.given && other.ordering.order == "none")
        {
            return &other;
        }
    }
    return nullptr;
}

/// Several senders and their order (multicast runs of scenarios with [ordering]).
json
OrderingJson(const ModeResult& r, const std::vector<ModeResult>& results)
{
    const auto& o = r.ordering;
    json j;
    j["order"] = o.order;
    j["senders"] = o.senders;
    j["members"] = o.members;
    j["messages"] = o.messages;
    j["expected_deliveries"] = o.expected;
    j["deliveries"] = o.deliveries;
    j["duplicates"] = o.duplicates;
    j["nonmember_deliveries"] = o.nonmember;
    j["held_back"] = o.heldBack;
    j["undelivered"] = o.undelivered;
    j["fifo_violations"] = o.fifoViolations;
    j["disagreements"] = o.disagreements;
    j["hold_back_ns"] = DistributionJson(o.holdBack);
    j["latency_ns"] = DistributionJson(o.latency);
    if (const ModeResult* none = UnorderedRun(r, results))
    {
        j["latency_price_ns"] = json{{"mean", o.latency.mean - none->ordering.latency.mean},
                                     {"max", o.latency.max - none->ordering.latency.max}};
    }
    j["control_packets"] = o.controlPackets;
    j["control_bytes"] = o.controlBytes;
    return j;
}

} // namespace

json
SummaryJson(const Scenario& scenario, const std::vector<ModeResult>& results)
{
    std::ostringstream asJson;
    asJson << toml::json_formatter(toml::parse(ResolvedToml(scenario)));
    json summary;
    summary["gcsim_version"] = GCSIM_VERSION;
    summary["scenario"] = json::parse(asJson.str());
    json modes = json::object();
    for (const auto& r : results)
    {
        modes[r.mode] = ModeJson(r);
        if (scenario.membership.given)
        {
            modes[r.mode]["membership"] =
                MembershipJson(r, MembershipKindName(scenario.RunOf(r.mode).membership));
        }
        if (r.dense.used)
        {
            modes[r.mode]["dense"] = DenseJson(r);
        }
        if (scenario.reliability.given)
        {
            modes[r.mode]["reliability"] = ReliabilityJson(r, scenario);
        }
        if (r.ordering.given)
        {
            modes[r.mode]["ordering"] = OrderingJson(r, results);
        }
        if (!r.groups.groups.empty())
        {
            modes[r.mode]["groups"] = GroupsJson(r, scenario);
        }
        if (r.forwarding)
        {
            modes[r.mode]["forwarding_state"] = ForwardingJson(r, scenario);
        }
        if (r.wifi.used)
        {
            modes[r.mode]["wifi"] = WifiJson(r);
        }
        if (r.gossip.used)
        {
            modes[r.mode]["gossip"] = GossipJson(scenario, r);
        }
    }
    summary["modes"] = modes;
    return summary;
}

namespace
{

/// One line of the mode table: its label and each mode's cell.
struct TableRow
{
    std::string label;
    std::function<std::string(const ModeResult&)> cell;
};

/// "OfdmRate54Mbps" -> "54", "DsssRate5_5Mbps" -> "5.5", "HtMcs7" -> "HtMcs7".
std::string
ModeMbps(std::string mode)
{
    std::size_t rate = mode.find("Rate");
    if (rate == std::string::npos || mode.size() < 4 || mode.substr(mode.size() - 4) != "Mbps")
    {
        return mode;
    }
    mode = mode.substr(rate + 4, mode.size() - rate - 8);
    std::replace(mode.begin(), mode.end(), '_', '.');
    return mode;
}

/// The rates the messages' data frames went at: "6", or "6-54" (summary.json lists them all).
std::string
RateRange(const ns3::gcsim::WifiCounts& w)
{
    double low = 0;
    double high = 0;
    std::string lowText = "-";
    std::string highText;
    for (const auto& entry : w.framesByMode)
    {
        std::string mbps = ModeMbps(entry.first);
        double value = std::atof(mbps.c_str());
        if (lowText == "-" || value < low)
        {
            low = value;
            lowText = mbps;
        }
        if (highText.empty() || value > high)
        {
            high = value;
            highText = mbps;
        }
    }
    return lowText == highText || highText.empty() ? lowText : lowText + "-" + highText;
}

/// The rows every scenario shows: deliveries, latency, cost on P1 and the links, drops.
std::vector<TableRow>
DeliveryRows(const Scenario& s)
{
    std::vector<TableRow> rows = {
        {"destinations per message",
         [&s](const ModeResult& r)
         {
             // With membership over time, the mean over messages of the members at each send.
             return s.membership.given
                        ? Fixed(PerMessage(r.delivery.expected, r.delivery.messages), 2)
                        : std::to_string(r.destinations);
         }},
        {"delivery ratio",
         [](const ModeResult& r)
         {
             return Fixed(
                 r.delivery.expected ? double(r.delivery.deliveries) / r.delivery.expected : 0, 4);
         }},
        {"duplicates", [](const ModeResult& r) { return std::to_string(r.delivery.duplicates); }},
        {"latency mean (us)", [](const ModeResult& r) { return Us(r.delivery.latency.mean); }},
        {"latency p99 (us)", [](const ModeResult& r) { return Us(r.delivery.latency.p99); }},
        {"latency max (us)", [](const ModeResult& r) { return Us(r.delivery.latency.max); }},
        {"completion mean (us)",
         [](const ModeResult& r) { return Us(r.delivery.completion.mean); }},
        {"stretch mean", [](const ModeResult& r)
         { return r.ordering.given ? std::string("-") : Fixed(r.delivery.stretchMean, 3); }},
        {"stretch max", [](const ModeResult& r)
         { return r.ordering.given ? std::string("-") : Fixed(r.delivery.stretchMax, 3); }},
        {"P1 packets / message", [](const ModeResult& r)
         { return Fixed(PerMessage(r.links.serverFrames, r.delivery.messages), 2); }},
        {"P1 bytes / message", [](const ModeResult& r)
         { return Fixed(PerMessage(r.links.serverBytes, r.delivery.messages), 1); }},
        {"link transmissions / message", [](const ModeResult& r)
         { return Fixed(PerMessage(r.links.frames, r.delivery.messages), 2); }},
        {"link stress max", [](const ModeResult& r) { return std::to_string(r.links.stressMax); }},
        {"link stress mean", [](const ModeResult& r) { return Fixed(r.links.stressMean, 2); }},
        {"router forwards / message", [](const ModeResult& r)
         { return Fixed(PerMessage(r.hosts.routerForwards, r.delivery.messages), 2); }},
        {"non-member receptions",
         [](const ModeResult& r) { return std::to_string(r.hosts.nonmemberReceptions); }},
        {"NIC-filtered frames",
         [](const ModeResult& r) { return std::to_string(r.hosts.nicFiltered); }},
        {"drops", [](const ModeResult& r) { return std::to_string(r.Drops()); }},
    };
    if (s.topology.loss > 0 || s.topology.coreLoss > 0)
    {
        rows.push_back({"of which lost on links",
                        [](const ModeResult& r) { return std::to_string(r.links.lossDrops); }});
    }
    return rows;
}

/// The 802.11 medium: airtime, frames, retries, the rates frames went at, failed receptions.
std::vector<TableRow>
WifiRows()
{
    return {
        {"airtime / message (us)", [](const ModeResult& r)
         { return Us(PerMessage(r.wifi.messageAirtimeNs, r.delivery.messages)); }},
        {"radio data frames / message", [](const ModeResult& r)
         { return Fixed(PerMessage(r.wifi.dataFrames, r.delivery.messages), 2); }},
        {"of which group-addressed",
         [](const ModeResult& r) { return std::to_string(r.wifi.groupFrames); }},
        {"retries", [](const ModeResult& r) { return std::to_string(r.wifi.retries); }},
        {"frame rates (Mbit/s)", [](const ModeResult& r) { return RateRange(r.wifi); }},
        {"failed receptions",
         [](const ModeResult& r) { return std::to_string(r.wifi.FailedReceptions()); }},
    };
}

/// The gossip modes: how many rounds and how long until every live member had a message,
/// the closed form beside it, and what the gossip sent. "-" in the other modes' columns.
std::vector<TableRow>
GossipRows(const Scenario& s)
{
    auto only = [](std::function<std::string(const ModeResult&)> cell)
    { return [cell](const ModeResult& r) { return r.gossip.used ? cell(r) : std::string("-"); }; };
    auto perNodeMessage = [](const ModeResult& r, uint64_t count)
    {
        double d = double(r.gossip.messages) * r.gossip.population;
        return Fixed(d > 0 ? count / d : 0, 2);
    };
    return {
        {"messages reaching every live member", only(
                                                    [](const ModeResult& r) {
                                                        return std::to_string(r.gossip.reachedAll) +
                                                               " / " +
                                                               std::to_string(r.gossip.messages);
                                                    })},
        // Over the messages that got there; "-" when none did.
        {"gossip rounds to all, mean", only(
                                           [](const ModeResult& r) {
                                               return r.gossip.reachedAll
                                                          ? Fixed(r.gossip.roundsToAllMean, 2)
                                                          : std::string("-");
                                           })},
        {"gossip rounds to 99 %, mean", only(
                                            [](const ModeResult& r) {
                                                return r.gossip.reached99
                                                           ? Fixed(r.gossip.roundsTo99Mean, 2)
                                                           : std::string("-");
                                            })},
        {"time to all, mean (us)",
         only([](const ModeResult& r)
              { return r.gossip.reachedAll ? Us(r.gossip.timeToAllMeanNs) : std::string("-"); })},
        {"residue (members never reached)",
         only([](const ModeResult& r) { return Fixed(r.gossip.residueMean, 5); })},
        {"closed form (simulated 95 % CI)", only(
                                                [&s](const ModeResult& r)
                                                {
                                                    auto c = GossipTheory(s, r);
                                                    if (!c)
                                                    {
                                                        return std::string("-");
                                                    }
                                                    return c->figure + " " +
                                                           FixedShort(c->predicted, 4) + " (" +
                                                           FixedShort(c->low, 4) + "-" +
                                                           FixedShort(c->high, 4) + ")" +
                                                           (c->within ? "" : " *");
                                                })},
        {"gossip data / member / message",
         only([perNodeMessage](const ModeResult& r) { return perNodeMessage(r, r.gossip.data); })},
        {"gossip control / member / message",
         only([perNodeMessage](const ModeResult& r)
              { return perNodeMessage(r, r.gossip.control); })},
    };
}

/// Joins and leaves: how fast they took effect and what they cost.
std::vector<TableRow>
MembershipRows()
{
    return {
        {"joins / leaves",
         [](const ModeResult& r) {
             return std::to_string(r.membership.joins) + " / " +
                    std::to_string(r.membership.leaves);
         }},
        {"join latency mean (us)",
         [](const ModeResult& r) { return Us(r.membership.joinLatency.mean); }},
        {"join latency max (us)",
         [](const ModeResult& r) { return Us(r.membership.joinLatency.max); }},
        {"leave latency mean (us)",
         [](const ModeResult& r) { return Us(r.membership.leaveLatency.mean); }},
        {"leave latency max (us)",
         [](const ModeResult& r) { return Us(r.membership.leaveLatency.max); }},
        {"deliveries after leave",
         [](const ModeResult& r) { return std::to_string(r.membership.deliveriesAfterLeave); }},
        {"membership control packets",
         [](const ModeResult& r) { return std::to_string(r.membership.controlPackets); }},
        {"membership control bytes",
         [](const ModeResult& r) { return std::to_string(r.membership.controlBytes); }},
    };
}

/// Dense mode's copies on links, prunes, grafts and control traffic.
std::vector<TableRow>
DenseRows()
{
    return {
        {"message copies on links / message", [](const ModeResult& r)
         { return Fixed(PerMessage(r.links.messageFrames, r.delivery.messages), 2); }},
        {"prunes / grafts", [](const ModeResult& r)
         { return std::to_string(r.dense.prunes) + " / " + std::to_string(r.dense.grafts); }},
        {"routing control packets",
         [](const ModeResult& r) { return std::to_string(r.dense.controlPackets); }},
        {"routing control bytes",
         [](const ModeResult& r) { return std::to_string(r.dense.controlBytes); }},
        {"RPF drops", [](const ModeResult& r) { return std::to_string(r.dense.rpfDrops); }},
    };
}

/// What [[failures]] cost: messages lost after the events, members affected, recovery.
std::vector<TableRow>
FailureRows()
{
    // Over the events: sums of what was lost, the most members any one event affected.
    auto over = [](uint64_t FailureEventCounts::*field, bool add)
    {
        return [field, add](const ModeResult& r)
        {
            uint64_t total = 0;
            for (const auto& e : r.failures.events)
            {
                total = add ? total + e.*field : std::max(total, e.*field);
            }
            return std::to_string(total);
        };
    };
    return {
        {"frames lost to failures",
         [](const ModeResult& r) { return std::to_string(r.failures.framesLost); }},
        {"messages lost after failures", over(&FailureEventCounts::messagesLost, true)},
        {"deliveries lost after failures", over(&FailureEventCounts::deliveriesLost, true)},
        {"members affected", over(&FailureEventCounts::membersAffected, false)},
        {"members never recovered", over(&FailureEventCounts::membersUnrecovered, false)},
        {"recovery max (us)",
         [](const ModeResult& r) -> std::string
         {
             int64_t worst = -1;
             for (const auto& e : r.failures.events)
             {
                 worst = std::max(worst, e.recoveryNsMax);
             }
             return worst < 0 ? "-" : Us(static_cast<double>(worst));
         }},
        {"longest delivery gap (us)",
         [](const ModeResult& r)
         {
             int64_t gap = 0;
             for (const auto& m : r.failures.members)
             {
                 gap = std::max(gap, m.longestGapNs);
             }
             return Us(static_cast<double>(gap));
         }},
    };
}

/// Several groups and senders and the routers' forwarding state; blank in runs without them.
std::vector<TableRow>
GroupsRows(const Scenario& s)
{
    using Cell = std::function<std::string(const ModeResult&)>;
    auto grouped = [](Cell cell)
    { return [cell](const ModeResult& r) { return r.groups.groups.empty() ? "" : cell(r); }; };
    auto stated = [](std::function<std::string(const ns3::gcsim::ForwardingState::Totals&)> cell) {
        return [cell](const ModeResult& r)
        { return r.forwarding ? cell(r.forwarding->Sum()) : ""; };
    };
    auto count = [](uint64_t v) { return std::to_string(v); };
    auto perRouter = [count](uint64_t total, uint64_t routers, uint64_t max)
    { return Fixed(Ratio(total, routers), 2) + " / " + count(max); };
    using Totals = ns3::gcsim::ForwardingState::Totals;
    return {
        {"groups x senders per group",
         grouped(
             [count, &s](const ModeResult& r)
             { return count(r.groups.groups.size()) + " x " + count(s.groups.sendersPerGroup); })},
        {"group deliveries / expected", grouped(
                                            [count](const ModeResult& r)
                                            {
                                                auto t = GroupTotals(r);
                                                return count(t.deliveries) + " / " +
                                                       count(t.expected);
                                            })},
        {"routing control bytes / group",
         grouped([](const ModeResult& r)
                 { return Fixed(Ratio(GroupTotals(r).controlBytes, r.groups.groups.size()), 1); })},
        {"routers with state",
         stated([count](const Totals& t) { return count(t.routersWithState); })},
        {"forwarding entries", stated([count](const Totals& t) { return count(t.entries); })},
        {"entries / router mean / max",
         stated([perRouter](const Totals& t)
                { return perRouter(t.entries, t.routers, t.entriesMax); })},
        {"entries / router with state",
         stated([](const Totals& t) { return Fixed(Ratio(t.entries, t.routersWithState), 2); })},
        {"outgoing interfaces", stated([count](const Totals& t) { return count(t.interfaces); })},
        {"interfaces / router mean / max",
         stated([perRouter](const Totals& t)
                { return perRouter(t.interfaces, t.routers, t.interfacesMax); })},
    };
}

/// The reliability layer's losses, repairs and control traffic.
std::vector<TableRow>
ReliabilityRows()
{
    auto count = [](uint64_t ReliabilityCounts::*field)
    { return [field](const ModeResult& r) { return std::to_string(r.reliability.*field); }; };
    return {
        {"losses (first transmission)", count(&ReliabilityCounts::losses)},
        {"repaired deliveries", count(&ReliabilityCounts::repaired)},
        {"repair latency mean (us)",
         [](const ModeResult& r) { return Us(r.reliability.repairLatency.mean); }},
        {"repair latency max (us)",
         [](const ModeResult& r) { return Us(r.reliability.repairLatency.max); }},
        {"NAKs", count(&ReliabilityCounts::naks)},
        {"NAKs / loss",
         [](const ModeResult& r)
         {
             const auto& c = r.reliability;
             return Fixed(c.losses ? double(c.naks) / double(c.losses) : 0.0, 3);
         }},
        {"NAKs suppressed", count(&ReliabilityCounts::naksSuppressed)},
        {"repairs sent", count(&ReliabilityCounts::repairs)},
        {"repairs suppressed", count(&ReliabilityCounts::repairsSuppressed)},
        {"session messages", count(&ReliabilityCounts::sessions)},
        {"ACKs", count(&ReliabilityCounts::acks)},
        {"retransmissions (ARQ)", count(&ReliabilityCounts::retransmissions)},
        {"retransmitted bytes", count(&ReliabilityCounts::retransmittedBytes)},
        {"duplicates dropped", count(&ReliabilityCounts::duplicatesDropped)},
        {"control link transmissions", count(&ReliabilityCounts::controlFrames)},
        {"control link bytes", count(&ReliabilityCounts::controlBytes)},
    };
}

/// The ordering layer's deliveries, violations, hold-back and its price in latency.
std::vector<TableRow>
OrderingRows(const std::vector<ModeResult>& results)
{
    // Blank in the runs without an ordering layer (the scenario's other modes).
    auto ordered = [](std::function<std::string(const ModeResult&)> cell)
    { return [cell](const ModeResult& r) { return r.ordering.given ? cell(r) : ""; }; };
    auto count = [](uint64_t v) { return std::to_string(v); };
    return {
        {"order", ordered([](const ModeResult& r) { return r.ordering.order; })},
        {"ordered deliveries / expected",
         ordered([count](const ModeResult& r)
                 { return count(r.ordering.deliveries) + " / " + count(r.ordering.expected); })},
        {"held back at the end",
         ordered([count](const ModeResult& r) { return count(r.ordering.heldBack); })},
        {"FIFO violations",
         ordered([count](const ModeResult& r) { return count(r.ordering.fifoViolations); })},
        {"total-order disagreements",
         ordered([count](const ModeResult& r) { return count(r.ordering.disagreements); })},
        {"hold-back mean (us)",
         ordered([](const ModeResult& r) { return Us(r.ordering.holdBack.mean); })},
        {"hold-back max (us)",
         ordered([](const ModeResult& r) { return Us(r.ordering.holdBack.max); })},
        {"ordered latency mean (us)",
         ordered([](const ModeResult& r) { return Us(r.ordering.latency.mean); })},
        {"ordered latency max (us)",
         ordered([](const ModeResult& r) { return Us(r.ordering.latency.max); })},
        {"latency price mean (us)",
         ordered(
             [&results](const ModeResult& r) -> std::string
             {
                 const ModeResult* none = UnorderedRun(r, results);
                 return none ? Us(r.ordering.latency.mean - none->ordering.latency.mean) : "";
             })},
        {"sequencer packets",
         ordered([count](const ModeResult& r) { return count(r.ordering.controlPackets); })},
        {"sequencer bytes",
         ordered([count](const ModeResult& r) { return count(r.ordering.controlBytes); })},
    };
}

/// The throughput search's result: "< rate_min" when even that failed, ">= rate_max" when
/// that held.
TableRow
ThroughputRow(const Scenario& s)
{
    return {"throughput (msg/s)",
            [&s](const ModeResult& r) -> std::string
            {
                if (!r.throughput)
                {
                    return "";
                }
                if (r.throughput->bound == "rate_min")
                {
                    return "< " + Fixed(s.traffic.rateMin, 1);
                }
                return (r.throughput->bound == "rate_max" ? ">= " : "") +
                       Fixed(r.throughput->messagesPerS, 1);
            }};
}

/// The table's first line: the scenario in one sentence.
std::string
TitleLine(const Scenario& s, const std::vector<ModeResult>& results)
{
    std::ostringstream out;
    std::ostringstream rate;
    rate << s.topology.dataRate.GetBitRate() / 1e6 << " Mbit/s, "
         << s.topology.delay.GetNanoSeconds() << " ns";
    out << s.name << ": " << s.topology.clients << " client" << (s.topology.clients == 1 ? "" : "s")
        << " on a " << s.topology.kind << " (" << rate.str() << "), group of "
        << s.group.members.size()
        << (s.membership.given ? " at the start, " + std::to_string(s.membership.schedule.size()) +
                                     " joins and leaves"
                               : std::string())
        << ", " << (results.empty() ? 0 : results.front().delivery.messages) << " messages of "
        << s.traffic.size << " bytes, seed " << s.seed << ", run " << s.run;
    return out.str();
}

/// The table's text: the scenario line, then one column per mode, right-aligned (in blocks
/// of whole columns that fit \p width, if above 0).
std::string
RenderModes(const Scenario& s, const std::vector<ModeResult>& results,
            const std::vector<TableRow>& rows, std::size_t width)
{
    TextTable table;
    for (const auto& r : results)
    {
        table.headers.push_back(r.mode);
    }
    for (const auto& row : rows)
    {
        table.labels.push_back(row.label);
        table.cells.emplace_back();
        for (const auto& r : results)
        {
            table.cells.back().push_back(row.cell(r));
        }
    }
    return WrapWords(TitleLine(s, results), width) + "\n\n" + RenderTable(table, width);
}

} // namespace

std::string
ModeTable(const Scenario& s, const std::vector<ModeResult>& results, std::size_t width)
{
    std::vector<TableRow> rows = DeliveryRows(s);
    auto append = [&rows](const std::vector<TableRow>& more)
    { rows.insert(rows.end(), more.begin(), more.end()); };
    if (std::any_of(results.begin(), results.end(),
                    [](const ModeResult& r) { return r.wifi.used; }))
    {
        append(WifiRows());
    }
    if (s.gossip.used)
    {
        append(GossipRows(s));
    }
    if (s.membership.given)
    {
        append(MembershipRows());
    }
    if (std::any_of(results.begin(), results.end(),
                    [](const ModeResult& r) { return r.dense.used; }))
    {
        append(DenseRows());
    }
    if (std::any_of(results.begin(), results.end(),
                    [](const ModeResult& r) { return !r.groups.groups.empty(); }))
    {
        append(GroupsRows(s));
    }
    if (s.reliability.given)
    {
        append(ReliabilityRows());
    }
    if (!s.failures.empty())
    {
        append(FailureRows());
    }
    if (s.ordering.given)
    {
        append(OrderingRows(results));
    }
    if (!results.empty() && results.front().throughput)
    {
        rows.insert(rows.begin(), ThroughputRow(s));
    }
    std::string theory = TheoryText(ClosedFormChecks(s, results), width);
    return RenderModes(s, results, rows, width) + (theory.empty() ? "" : "\n" + theory);
}

} // namespace gcsim
