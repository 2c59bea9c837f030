// Kind adhoc: a line of stations 40 m apart, so that only neighbours hear each other (a
// preamble carries about 50 m at 802.11a's 6 Mbit/s with loss exponent 3): flooding reaches
// every node, each node sends a message once, hops are the distance in spacings; AODV and
// OLSR route a unicast hop by hop; probabilistic flooding's reach grows with p.
#include "test-utilities.h"

#include <sstream>

namespace gcsim::test
{
namespace
{

constexpr uint32_t kLine = 6; // clients; with P1, 7 nodes
constexpr uint32_t kMessages = 4;

/// P1 and kLine clients in a line, 40 m apart; all members; unicast to the far end.
Scenario
Line(const std::vector<std::string>& more = {})
{
    std::vector<std::string> overrides = {"topology.clients=" + std::to_string(kLine),
                                          "group.target=" + std::to_string(kLine)};
    overrides.insert(overrides.end(), more.begin(), more.end());
    return ScenarioFrom(R"(
[topology]
kind = "adhoc"
placement = "line"
spacing = 40
rate_manager = "constant"
unicast_rate = "6Mbps"
[group]
members = "all"
[traffic]
messages = 4
interval = "200ms"
size = 200
[delivery]
modes = ["unicast", "multicast", "broadcast"]
multicast_routing = ["flood", "probabilistic"]
)",
                        overrides);
}

/// Receiver -> hops of its first copy of each message, from deliveries.csv rows.
std::map<uint32_t, std::set<uint32_t>>
HopsByReceiver(const std::string& csv)
{
    std::map<uint32_t, std::set<uint32_t>> hops;
    auto rows = ReadCsv(csv);
    for (std::size_t i = 1; i < rows.size(); ++i)
    {
        if (rows[i].size() > 10 && rows[i][5] == "0")
        {
            hops[std::stoul(rows[i][2])].insert(std::stoul(rows[i][10]));
        }
    }
    return hops;
}

TEST(Adhoc, FloodReachesEveryNodeOfALineAndEachSendsOnce)
{
    for (const std::string run : {"multicast/flood", "broadcast"})
    {
        std::ostringstream csv;
        ModeResult r = Simulate(Line(), run, &csv);
        EXPECT_EQ(r.delivery.deliveries, kMessages * kLine) << run;
        EXPECT_EQ(r.delivery.duplicates, 0U) << run;
        // P1 and every client put each message on the air exactly once.
        EXPECT_EQ(r.links.messageFrames, kMessages * (kLine + 1)) << run;
        auto hops = HopsByReceiver(csv.str());
        for (uint32_t c = 1; c <= kLine; ++c)
        {
            EXPECT_EQ(hops[c], std::set<uint32_t>{c}) << run << ": client " << c;
        }
    }
}

TEST(Adhoc, ProbabilityZeroReachesOnlyP1sNeighbours)
{
    std::ostringstream csv;
    ModeResult r =
        Simulate(Line({"delivery.flood_probability=0"}), "multicast/probabilistic", &csv);
    EXPECT_EQ(r.delivery.deliveries, kMessages); // client 1, P1's only neighbour
    EXPECT_EQ(r.links.messageFrames, kMessages); // P1's own frame, nobody else's
    auto hops = HopsByReceiver(csv.str());
    EXPECT_EQ(hops.size(), 1U);
    EXPECT_EQ(hops[1], std::set<uint32_t>{1});
}

TEST(Adhoc, ProbabilityOneIsPlainFlooding)
{
    ModeResult flood = Simulate(Line(), "multicast/flood");
    ModeResult one = Simulate(Line({"delivery.flood_probability=1"}), "multicast/probabilistic");
    EXPECT_EQ(one.delivery.deliveries, flood.delivery.deliveries);
    EXPECT_EQ(one.links.messageFrames, flood.links.messageFrames);
}

TEST(Adhoc, AodvAndOlsrRouteToTheFarEndHopByHop)
{
    for (const std::string routing : {"aodv", "olsr"})
    {
        std::vector<std::string> more = {"topology.unicast_routing=" + routing};
        if (routing == "olsr")
        {
            more.push_back("traffic.start=15s"); // the earliest the scenario allows
        }
        std::ostringstream csv;
        ModeResult r = Simulate(Line(more), "unicast", &csv);
        // Measured, not understood: AODV loses one message sent while its route request is
        // out (an ARP drop at 1.6 s; the three before it wait in its queue and arrive).
        EXPECT_GE(r.delivery.deliveries, kMessages - (routing == "aodv" ? 1 : 0)) << routing;
        EXPECT_EQ(HopsByReceiver(csv.str())[kLine], std::set<uint32_t>{kLine}) << routing;
    }
}

TEST(Adhoc, ReachGrowsWithTheRebroadcastProbability)
{
    // 30 nodes on a disc of 100 m (about 7 neighbours each): mean reach over 4 placements.
    // Bound: non-decreasing in p, and plain flooding reaches at least 95 %.
    std::vector<double> reach;
    for (const char* p : {"0.2", "0.5", "0.8", "1"})
    {
        double sum = 0;
        for (int run = 1; run <= 4; ++run)
        {
            Scenario s = ScenarioFrom(R"(
run = )" + std::to_string(run) + R"(
[topology]
kind = "adhoc"
clients = 29
radius = 100
[group]
members = "all"
[traffic]
messages = 5
interval = "200ms"
[delivery]
modes = ["multicast"]
multicast_routing = "probabilistic"
)",
                                      {std::string("delivery.flood_probability=") + p});
            ModeResult r = Simulate(s, "multicast/probabilistic");
            sum += double(r.delivery.deliveries) / double(r.delivery.expected);
        }
        reach.push_back(sum / 4);
    }
    for (std::size_t i = 1; i < reach.size(); ++i)
    {
        EXPECT_GE(reach[i], reach[i - 1]) << "reach at step " << i;
    }
    EXPECT_GE(reach.back(), 0.95);
}

TEST(Adhoc, MeshNodesCarryNoNicFilterAndFloodEveryGroup)
{
    // A non-member forwards: with one member at the far end, the message still gets there.
    std::ostringstream csv;
    ModeResult r =
        Simulate(Line({"group.members=[" + std::to_string(kLine) + "]"}), "multicast/flood", &csv);
    EXPECT_EQ(r.delivery.deliveries, kMessages);
    EXPECT_EQ(r.delivery.nonmemberDeliveries, 0U);
    EXPECT_EQ(r.hosts.nicFiltered, 0U);
    EXPECT_EQ(HopsByReceiver(csv.str())[kLine], std::set<uint32_t>{kLine});
}

} // namespace
} // namespace gcsim::test
