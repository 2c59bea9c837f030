// Routing metrics and distance delays: on a five-router Inet map, hop count, link weight and
// delay each route P1's datagrams along a different path, with the latency its links give;
// with every link alike, the Dijkstra searches route as the breadth-first ones; maps keep
// their weights and positions. (Bad metrics and delays: bad-input-test.cc, map-test.cc.)
#include "models/network/map-topology.h"
#include "models/network/network.h"
#include "test-utilities.h"

#include <algorithm>
#include <map>
#include <ns3/simulator.h>
#include <set>

namespace gcsim::test
{
namespace
{

/**
 * Five routers, positions in km (one Inet unit), link weights after the positions:
 *
 *                R1 (150, 200)             hops:   R0 R1 R4        (2 links, 500 km)
 *              /  |   \                    weight: R0 R1 R3 R4     (weights 1 + 1 + 1)
 *     w 1    /    | w 1  \   w 10          delay:  R0 R2 R3 R4     (300 km)
 *          /      |        \
 *     R0 ---- R2 ---- R3 ------------ R4
 *   (0, 0) w 10 (75, 0) w 10 (150, 0) w 1 (300, 0)
 */
const char* kFiveRouters = "5 6\n"
                           "0 0 0\n"
                           "1 150 200\n"
                           "2 75 0\n"
                           "3 150 0\n"
                           "4 300 0\n"
                           "0 1 1\n"
                           "1 4 10\n"
                           "0 2 10\n"
                           "2 3 10\n"
                           "3 4 1\n"
                           "1 3 1\n";

/// One client on R4, P1 on R0; one 1000-byte message; the map at \p map.
std::string
FiveRouterScenario(const std::string& map, const std::string& topology)
{
    return "name = \"metric\"\n[topology]\nkind = \"file\"\nmap = \"" + map +
           "\"\nformat = \"inet\"\nclients = 1\naccess_routers = [4]\ndata_rate = "
           "\"100Mbps\"\ndelay = \"500ns\"\ncore_rate = \"1Gbps\"\n" +
           topology + "[traffic]\nmessages = 1\nsize = 1000\n[delivery]\nmodes = [\"unicast\"]\n";
}

/// The routers a unicast run's datagram crossed, from links.csv: "R0 R1 R4".
std::string
RouterPath(const std::string& links)
{
    std::map<std::string, std::string> next;
    auto rows = ReadCsv(links);
    for (std::size_t i = 1; i < rows.size(); ++i)
    {
        if (rows[i][2][0] == 'R' && rows[i][3][0] == 'R' && rows[i][4] != "0")
        {
            next[rows[i][2]] = rows[i][3];
        }
    }
    std::string path = "R0";
    for (std::string at = "R0"; next.count(at) && path.size() < 40; at = next[at])
    {
        path += " " + next[at];
    }
    return path;
}

struct Route
{
    std::string path;
    int64_t latencyNs;
    int hops; //!< as deliveries.csv counts them: routers crossed + 1
};

Route
UnicastRoute(const std::string& toml)
{
    std::ostringstream csv;
    std::ostringstream links;
    ModeResult r = Simulate(ScenarioFrom(toml), "unicast", &csv, &links);
    EXPECT_EQ(r.delivery.deliveries, 1U);
    auto rows = ReadCsv(csv.str());
    EXPECT_EQ(rows.size(), 2U);
    return {RouterPath(links.str()), std::stoll(rows.at(1)[8]), std::stoi(rows.at(1)[10])};
}

/// A 1000-byte datagram's time on one of the map's 1 Gbit/s links of \p km.
int64_t
CoreHop(int64_t km)
{
    return TxNs(1000 + 30, 1000000000) + km * 5000;
}

TEST(RoutingMetric, HopsWeightAndDelayEachPickTheirOwnPath)
{
    ScratchFolder dir;
    WriteFile(dir / "five_inet.txt", kFiveRouters);
    auto run = [&](const std::string& metric)
    {
        return UnicastRoute(
            FiveRouterScenario(dir / "five_inet.txt",
                               "core_delay = \"distance\"\nrouting_metric = \"" + metric + "\"\n"));
    };
    Route hops = run("hops");
    EXPECT_EQ(hops.path, "R0 R1 R4");
    EXPECT_EQ(hops.latencyNs, kAccessHop + CoreHop(250) + CoreHop(250) + kLanHop);
    EXPECT_EQ(hops.latencyNs, 2683560);
    EXPECT_EQ(hops.hops, 4);

    Route weight = run("weight");
    EXPECT_EQ(weight.path, "R0 R1 R3 R4");
    EXPECT_EQ(weight.latencyNs, kAccessHop + CoreHop(250) + CoreHop(200) + CoreHop(150) + kLanHop);
    EXPECT_EQ(weight.latencyNs, 3191800);
    EXPECT_EQ(weight.hops, 5);

    Route delay = run("delay");
    EXPECT_EQ(delay.path, "R0 R2 R3 R4");
    EXPECT_EQ(delay.latencyNs, kAccessHop + CoreHop(75) + CoreHop(75) + CoreHop(150) + kLanHop);
    EXPECT_EQ(delay.latencyNs, 1691800);
    EXPECT_EQ(delay.hops, 5);

    // With every link 1 ms long, delay routes as hops; weight still takes its path.
    Route fixedWeight = UnicastRoute(FiveRouterScenario(
        dir / "five_inet.txt", "core_delay = \"1ms\"\nrouting_metric = \"weight\"\n"));
    EXPECT_EQ(fixedWeight.path, "R0 R1 R3 R4");
    EXPECT_EQ(fixedWeight.latencyNs, kAccessHop + 3 * kCoreHop + kLanHop);
    Route fixedDelay = UnicastRoute(FiveRouterScenario(
        dir / "five_inet.txt", "core_delay = \"1ms\"\nrouting_metric = \"delay\"\n"));
    EXPECT_EQ(fixedDelay.path, "R0 R1 R4");
}

TEST(RoutingMetric, TheResolvedScenarioNamesAMetricOtherThanHops)
{
    ScratchFolder dir;
    WriteFile(dir / "five_inet.txt", kFiveRouters);
    std::string hops = ResolvedToml(ScenarioFrom(FiveRouterScenario(dir / "five_inet.txt", "")));
    EXPECT_EQ(hops.find("routing_metric"), std::string::npos) << hops;
    EXPECT_NE(hops.find("core_delay = '1ms'"), std::string::npos) << hops;
    std::string weight = ResolvedToml(ScenarioFrom(FiveRouterScenario(
        dir / "five_inet.txt", "core_delay = \"distance\"\nrouting_metric = \"weight\"\n")));
    EXPECT_NE(weight.find("routing_metric = 'weight'"), std::string::npos) << weight;
    EXPECT_NE(weight.find("core_delay = 'distance'"), std::string::npos) << weight;
}

/// deliveries.csv and links.csv of unicast and each multicast variant on a 4 x 4 grid.
std::vector<std::string>
GridOutputs(const std::string& metric)
{
    std::vector<std::string> out;
    Scenario s = ScenarioFrom("name = \"grid\"\n[topology]\nkind = \"grid\"\nrows = 4\n"
                              "columns = 4\nclients = 16\n" +
                              metric +
                              "[group]\nmembers = [3, 9, 12, 16]\ntarget = 16\n[traffic]\n"
                              "messages = 2\n[delivery]\nmulticast_routing = [\"source-tree\", "
                              "\"shared-tree\", \"dense\"]\n");
    for (const char* mode :
         {"unicast", "multicast/source-tree", "multicast/shared-tree", "multicast/dense"})
    {
        std::ostringstream csv;
        std::ostringstream links;
        Simulate(s, mode, &csv, &links);
        out.push_back(csv.str());
        out.push_back(links.str());
    }
    return out;
}

// A grid has many paths of equal length: Dijkstra breaks the ties as the breadth-first search.
TEST(RoutingMetric, WithEveryLinkAlikeDelayRoutesAsHops)
{
    std::vector<std::string> hops = GridOutputs("");
    std::vector<std::string> delay = GridOutputs("routing_metric = \"delay\"\n");
    ASSERT_EQ(hops.size(), delay.size());
    for (std::size_t i = 0; i < hops.size(); ++i)
    {
        EXPECT_EQ(hops[i], delay[i]) << "file " << i;
        EXPECT_GT(std::count(hops[i].begin(), hops[i].end(), '\n'), 2) << "file " << i;
    }
}

TEST(RoutingMetric, MapsKeepTheirWeightsAndPositions)
{
    ScratchFolder dir;
    // Rocketfuel weights files list a link both ways: the weight listed first is kept.
    WriteFile(dir / "w_rocketfuel.txt", "A B 2.5\nB A 7\nB C 1\n");
    ns3::gcsim::RouterMap rocketfuel =
        ns3::gcsim::CheckRouterMap(dir / "w_rocketfuel.txt", "rocketfuel");
    EXPECT_TRUE(rocketfuel.weighted);
    EXPECT_EQ(rocketfuel.weights, (std::vector<double>{2.5, 1}));
    EXPECT_FALSE(rocketfuel.placed);

    ns3::gcsim::RouterMap inet =
        ns3::gcsim::CheckRouterMap(SourcePath("scenarios/maps/Inet_small_toposample.txt"), "inet");
    ASSERT_TRUE(inet.weighted && inet.placed);
    EXPECT_EQ(inet.weights.front(), 1973);
    EXPECT_EQ(inet.positions[2], std::make_pair(9866.0, 2148.0));
    EXPECT_TRUE(inet.weightFault.empty() && inet.positionFault.empty());

    ns3::gcsim::RouterMap orbis =
        ns3::gcsim::CheckRouterMap(SourcePath("scenarios/maps/Orbis_toposample.txt"), "orbis");
    EXPECT_FALSE(orbis.weighted || orbis.placed);
}

TEST(RoutingMetric, DistanceDelaysAreFiveMicrosecondsAKmToTheNanosecond)
{
    using ns3::gcsim::DistanceDelay;
    EXPECT_EQ(DistanceDelay(1).GetNanoSeconds(), 5000);
    EXPECT_EQ(DistanceDelay(1.0001).GetNanoSeconds(), 5001);    // 5000.5 rounds up
    EXPECT_EQ(DistanceDelay(1.00009).GetNanoSeconds(), 5000);   // 5000.45 rounds down
    EXPECT_EQ(DistanceDelay(0).GetNanoSeconds(), 1000);         // routers at one place
    EXPECT_EQ(DistanceDelay(0.1).GetNanoSeconds(), 1000);       // 500 ns: at least 1 us
    EXPECT_EQ(DistanceDelay(10000).GetNanoSeconds(), 50000000); // across Inet's plane

    // A Waxman graph's links: as long as the routers are apart, up to the square's diagonal.
    Scenario s = ScenarioFrom(
        "[topology]\nkind = \"waxman\"\nrouters = 12\nclients = 4\ncore_delay = \"distance\"\n");
    ns3::Simulator::Destroy();
    ns3::gcsim::Network network = ns3::gcsim::BuildNetwork(s.topology);
    std::set<int64_t> delays;
    for (const auto& link : network.links)
    {
        if (link.rate == ns3::DataRate("1Gbps"))
        {
            delays.insert(link.delay.GetNanoSeconds());
        }
    }
    ns3::Simulator::Destroy();
    EXPECT_GT(delays.size(), 5U);
    EXPECT_GE(*delays.begin(), 1000);
    EXPECT_LE(*delays.rbegin(), 70710679); // 10,000 km x sqrt(2)
}

} // namespace
} // namespace gcsim::test
