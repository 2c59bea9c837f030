// Properties that hold on every network, group and mode: random small topologies of every
// kind, random groups, sizes and loss, every delivery mode and multicast routing variant.
//
// The cases come from a seeded generator: a failure names its case number and the scenario
// text, which reproduces it with `gcsim run`. GCSIM_PROPERTY_SEED picks another sequence of
// cases, GCSIM_PROPERTY_CASES another number of them.
#include "models/group/multicast-nic-filter.h"
#include "models/network/frame-loss.h"
#include "models/network/routing-graph.h"
#include "test-utilities.h"

#include <cstdlib>
#include <map>
#include <ns3/callback.h>
#include <ns3/csma-net-device.h>
#include <ns3/simulator.h>
#include <random>
#include <set>

namespace gcsim::test
{
namespace
{

using ns3::Ptr;
using ns3::gcsim::Network;

uint64_t
FromEnvironment(const char* name, uint64_t fallback)
{
    const char* v = std::getenv(name);
    return v && *v ? std::strtoull(v, nullptr, 10) : fallback;
}

/// One random case: a scenario's text and whether its links lose frames.
struct Case
{
    std::string toml;
    bool lossy{false};
    bool routed{false};
};

/// A random small network of one of the kinds in TopologyTable(), a random group and traffic.
Case
RandomCase(std::mt19937_64& rng)
{
    auto pick = [&rng](uint64_t lo, uint64_t hi) { return lo + rng() % (hi - lo + 1); };
    std::vector<std::string> kinds;
    for (const auto& e : ns3::gcsim::TopologyTable())
    {
        // The wired kinds: radio media have their own invariants (wifi-test.cc).
        if (std::string(e.kind) != "wifi" && std::string(e.kind) != "adhoc")
        {
            kinds.emplace_back(e.kind);
        }
    }
    std::string kind = kinds[pick(0, kinds.size() - 1)];
    std::ostringstream t;
    t << "seed = " << pick(1, 100000) << "\n[topology]\nkind = \"" << kind << "\"\n";
    uint64_t clients = pick(1, 10);
    Case c;
    c.routed = kind != "p2p" && kind != "lan" && kind != "star";
    if (kind == "p2p")
    {
        clients = 1;
    }
    else if (kind == "tree")
    {
        uint64_t fanout = pick(1, 3);
        uint64_t depth = pick(0, 2);
        uint64_t leaves = 1;
        for (uint64_t d = 0; d < depth; ++d)
        {
            leaves *= fanout;
        }
        uint64_t perLeaf = pick(1, 3);
        clients = leaves * perLeaf;
        t << "fanout = " << fanout << "\ndepth = " << depth << "\nclients_per_leaf = " << perLeaf
          << "\n";
    }
    else if (kind == "star")
    {
        t << "igmp_snooping = " << (pick(0, 1) ? "true" : "false") << "\n";
    }
    else if (kind == "ring" || kind == "waxman")
    {
        // Two routers in a ring would need two links between them: the builder refuses it.
        t << "routers = " << pick(kind == "ring" ? 3 : 2, 7) << "\n";
    }
    else if (kind == "grid")
    {
        t << "rows = " << pick(1, 3) << "\ncolumns = " << pick(1, 3) << "\n";
    }
    else if (kind == "file")
    {
        t << "map = \"maps/"
          << (pick(0, 1) ? "Inet_small_toposample.txt" : "RocketFuel_sample_4755.r0.cch_maps.txt")
          << "\"\n";
    }
    if (kind != "tree")
    {
        t << "clients = " << clients << "\n";
    }
    const char* rates[] = {"10Mbps", "100Mbps", "1Gbps"};
    const char* delays[] = {"0ns", "500ns", "20us", "1ms"};
    t << "data_rate = \"" << rates[pick(0, 2)] << "\"\ndelay = \"" << delays[pick(0, 3)] << "\"\n";
    if (c.routed && kind != "dumbbell")
    {
        t << "core_rate = \"" << rates[pick(0, 2)] << "\"\ncore_delay = \"" << delays[pick(0, 3)]
          << "\"\n";
    }
    if (pick(0, 2) == 0)
    {
        c.lossy = true;
        t << "loss = " << double(pick(1, 30)) / 100 << "\n";
        if (c.routed && pick(0, 1))
        {
            t << (kind == "dumbbell" ? "bottleneck_loss = " : "core_loss = ")
              << double(pick(1, 30)) / 100 << "\n";
        }
    }
    // A random non-empty group and a random unicast target.
    std::vector<uint64_t> members;
    for (uint64_t m = 1; m <= clients; ++m)
    {
        if (pick(0, 1))
        {
            members.push_back(m);
        }
    }
    if (members.empty())
    {
        members.push_back(pick(1, clients));
    }
    t << "[group]\nmembers = [";
    for (std::size_t i = 0; i < members.size(); ++i)
    {
        t << (i ? ", " : "") << members[i];
    }
    t << "]\ntarget = " << pick(1, clients) << "\n";
    t << "[traffic]\nmessages = " << pick(1, 4) << "\nsize = " << pick(16, 1400)
      << "\ninterval = \"" << pick(1, 20) << "ms\"\n";
    t << "[delivery]\noverlay_fanout = " << pick(1, 3) << "\n";
    c.toml = t.str();
    return c;
}

/// Per device, what arrived and what its receive models dropped, from the device's traces.
struct DeviceCounts
{
    uint64_t sent{0};     //!< PhyTxEnd
    uint64_t rxEnd{0};    //!< PhyRxEnd: every arrival on Ethernet, the frames that pass on PPP
    uint64_t rxDrop{0};   //!< PhyRxDrop: the receive error model dropped it
    bool ethernet{false}; //!< a CSMA device
};

/// The latency of a lone unicast from P1 to each client on an idle network, ns (index n).
std::vector<int64_t>
Baselines(const Scenario& s)
{
    ns3::Simulator::Destroy();
    ns3::gcsim::TopologyConfig topology = s.topology;
    topology.members = s.group.members;
    Network network = ns3::gcsim::BuildNetwork(topology);
    ns3::gcsim::RoutingGraph graph(network);
    auto tree = graph.FromNodes({network.Server()->GetId()});
    std::vector<int64_t> baseline(network.ClientCount() + 1, 0);
    for (uint32_t c = 1; c <= network.ClientCount(); ++c)
    {
        ns3::Time t;
        for (uint32_t link : graph.LinksToSource(tree, network.hosts.Get(c)->GetId()))
        {
            t += network.links[link].HopTime(s.traffic.size + 28);
        }
        baseline[c] = t.GetNanoSeconds();
    }
    ns3::Simulator::Destroy();
    return baseline;
}

/// Checks every property on one run of \p run.
void
CheckRun(const Case& c, const Scenario& s, const std::string& run,
         const std::vector<int64_t>& baseline)
{
    SCOPED_TRACE(run);
    std::ostringstream csv;
    std::map<const ns3::NetDevice*, DeviceCounts> devices;
    std::vector<std::vector<const ns3::NetDevice*>> linkEnds;
    uint64_t filtered = 0;
    uint64_t lost = 0;
    std::vector<std::pair<Ptr<ns3::NetDevice>, Ptr<ns3::gcsim::FrameLoss>>> lossAt;
    RunSinks sinks;
    sinks.deliveries = &csv;
    std::vector<Ptr<ns3::gcsim::MulticastNicFilter>> filters;
    sinks.inspect = [&](const Network& network)
    {
        for (const auto& link : network.links)
        {
            linkEnds.emplace_back();
            for (std::size_t e = 0; e < link.ends.size(); ++e)
            {
                Ptr<ns3::NetDevice> device = link.ends[e];
                const ns3::NetDevice* key = ns3::PeekPointer(device);
                linkEnds.back().push_back(key);
                DeviceCounts* counts = &devices[key];
                counts->ethernet = ns3::DynamicCast<ns3::CsmaNetDevice>(device) != nullptr;
                auto count = [counts](uint64_t DeviceCounts::*field)
                {
                    return ns3::Callback<void, Ptr<const ns3::Packet>>(
                        [counts, field](Ptr<const ns3::Packet>) { ++(counts->*field); });
                };
                ASSERT_TRUE(
                    device->TraceConnectWithoutContext("PhyTxEnd", count(&DeviceCounts::sent)));
                ASSERT_TRUE(
                    device->TraceConnectWithoutContext("PhyRxEnd", count(&DeviceCounts::rxEnd)));
                ASSERT_TRUE(
                    device->TraceConnectWithoutContext("PhyRxDrop", count(&DeviceCounts::rxDrop)));
                if (auto filter = ns3::gcsim::MulticastNicFilter::On(device))
                {
                    filters.push_back(filter);
                }
                if (!link.lossModels.empty())
                {
                    lossAt.emplace_back(device, link.lossModels[e]);
                }
            }
        }
    };
    ModeResult r = RunMode(s, run, sinks);
    for (const auto& f : filters)
    {
        filtered += f->GetFiltered();
    }
    std::map<const ns3::NetDevice*, uint64_t> lostAt;
    for (const auto& [device, model] : lossAt)
    {
        lostAt[ns3::PeekPointer(device)] = model->GetLost();
        lost += model->GetLost();
    }
    const auto& d = r.delivery;
    const auto& l = r.links;
    const auto& h = r.hosts;
    uint64_t drops =
        l.queueDrops + l.linkDrops + l.queueDiscDrops + l.lossDrops + h.ipDrops + h.arpDrops;
    std::string mode = run.substr(0, run.find('/'));
    uint32_t n = s.topology.clients;

    // Destinations: one client, the group, or every client.
    uint64_t destinations = mode == "unicast"     ? 1
                            : mode == "broadcast" ? n
                                                  : s.group.members.size();
    EXPECT_EQ(d.messages, s.traffic.messages);
    EXPECT_EQ(d.expected, d.messages * destinations);

    // Each destination receives each message at most once, and exactly once without loss.
    EXPECT_EQ(d.duplicates, 0u);
    EXPECT_LE(d.deliveries, d.expected);
    if (!c.lossy)
    {
        EXPECT_EQ(d.deliveries, d.expected) << "a lossless network lost a delivery";
        EXPECT_EQ(drops, 0u);
    }
    // Nothing silently missing: a missed delivery has a drop behind it; in the modes where
    // every copy crosses the network alone, exactly one.
    if (d.deliveries < d.expected)
    {
        EXPECT_GT(drops, 0u);
    }
    if (mode == "unicast" || mode == "replicated-unicast")
    {
        EXPECT_EQ(d.expected - d.deliveries, drops);
    }
    if (mode == "multicast" || mode == "overlay")
    {
        EXPECT_EQ(d.nonmemberDeliveries, 0u)
            << "a group message reached a non-member's application";
        EXPECT_EQ(d.unwanted, 0u);
    }
    if (mode == "broadcast" && !c.lossy)
    {
        EXPECT_EQ(d.deliveries, uint64_t(d.messages) * n) << "broadcast missed a client";
    }

    // deliveries.csv: mode,message,receiver,member,destination,duplicate,send_ns,recv_ns,
    // latency_ns,bytes,hops,origin, then the latency's parts (transmission .. other)
    std::set<std::pair<std::string, std::string>> seen;
    uint64_t rows = 0;
    for (const auto& row : ReadCsv(csv.str()))
    {
        ASSERT_EQ(row.size(), 19u);
        ++rows;
        int64_t sendNs = std::stoll(row[6]);
        int64_t recvNs = std::stoll(row[7]);
        int64_t latency = std::stoll(row[8]);
        // The parts add up to the latency, and the frames traced explain all of it.
        int64_t parts = 0;
        for (std::size_t p = 12; p < 19; ++p)
        {
            parts += std::stoll(row[p]);
            EXPECT_GE(std::stoll(row[p]), 0) << "a negative part of message " << row[1];
        }
        EXPECT_EQ(parts, latency);
        EXPECT_EQ(row[18], "0") << "latency the frames do not explain, message " << row[1]
                                << " at C" << row[2];
        uint32_t receiver = std::stoul(row[2]);
        EXPECT_GE(sendNs, s.traffic.start.GetNanoSeconds());
        EXPECT_GT(recvNs, sendNs) << "a delivery before its send";
        EXPECT_EQ(latency, recvNs - sendNs);
        // No copy can beat the store-and-forward time of the shortest route.
        EXPECT_GE(latency, baseline[receiver])
            << "message " << row[1] << " at C" << receiver << " faster than its unicast path";
        if (mode == "multicast" || mode == "overlay")
        {
            EXPECT_EQ(row[3], "1") << "message " << row[1] << " at non-member C" << receiver;
        }
        if (row[4] == "1" && row[5] == "0")
        {
            EXPECT_TRUE(seen.insert({row[1], row[2]}).second)
                << "message " << row[1] << " delivered twice to C" << receiver;
        }
    }
    EXPECT_EQ(seen.size(), d.deliveries);
    EXPECT_EQ(rows, d.deliveries + d.duplicates + d.unwanted);

    // Per link: every copy a sender put on the link arrived at each other end, and every
    // copy a receiver's models dropped was a filtered or a lost one. On Ethernet ns-3 traces
    // every arrival (PhyRxEnd) before the receive model; on point-to-point only those that
    // pass it.
    uint64_t lostTotal = 0;
    for (const auto& ends : linkEnds)
    {
        uint64_t sent = 0;
        for (const auto* e : ends)
        {
            sent += devices[e].sent;
        }
        for (const auto* e : ends)
        {
            const DeviceCounts& dc = devices[e];
            uint64_t arrived = dc.ethernet ? dc.rxEnd : dc.rxEnd + dc.rxDrop;
            EXPECT_EQ(arrived, sent - dc.sent) << "copies sent != copies arrived on a link";
            lostTotal += lostAt[e];
            EXPECT_LE(lostAt[e], dc.rxDrop);
        }
    }
    uint64_t rxDrops = 0;
    for (const auto& [device, dc] : devices)
    {
        rxDrops += dc.rxDrop;
    }
    EXPECT_EQ(rxDrops, filtered + lost) << "a receiver dropped frames that were neither filtered "
                                           "nor lost";
    EXPECT_EQ(lostTotal, l.lossDrops);
    EXPECT_EQ(filtered, h.nicFiltered);
    if (!c.lossy)
    {
        EXPECT_EQ(lost, 0u);
    }
}

TEST(Properties, HoldOnRandomNetworksGroupsAndModes)
{
    uint64_t seed = FromEnvironment("GCSIM_PROPERTY_SEED", 20240611);
    uint64_t cases = FromEnvironment("GCSIM_PROPERTY_CASES", 200);
    std::mt19937_64 rng(seed);
    uint64_t runs = 0;
    for (uint64_t i = 0; i < cases; ++i)
    {
        Case c = RandomCase(rng);
        SCOPED_TRACE("case " + std::to_string(i) + " of seed " + std::to_string(seed) + ":\n" +
                     c.toml);
        Scenario s = ScenarioFrom(c.toml);
        std::vector<std::string> runsOfCase = {"unicast", "replicated-unicast", "broadcast",
                                               "overlay"};
        for (const char* variant : {"source-tree", "shared-tree", "flood"})
        {
            runsOfCase.push_back(std::string("multicast/") + variant);
        }
        std::vector<int64_t> baseline = Baselines(s);
        for (const auto& run : runsOfCase)
        {
            CheckRun(c, s, run, baseline);
            ++runs;
            if (HasFatalFailure())
            {
                return;
            }
        }
    }
    RecordProperty("runs", static_cast<int>(runs));
}

} // namespace
} // namespace gcsim::test
