// The `file` topology kind: every shipped map loads, routes and delivers exactly once to
// every member; hostile maps are refused (exit status 2, a message naming the map, nothing
// written) or, for the defects the builder tolerates, run.
#include "models/network/map-topology.h"
#include "models/network/network.h"
#include "models/network/shortest-path-routing.h"
#include "test-utilities.h"

#include <algorithm>
#include <cctype>
#include <ns3/ipv4-list-routing.h>
#include <ns3/ipv4.h>
#include <ns3/node-list.h>
#include <ns3/simulator.h>
#include <set>

namespace gcsim::test
{
namespace
{

using ns3::gcsim::BuildNetwork;
using ns3::gcsim::Network;
using ns3::gcsim::ReadRouterMap;
using ns3::gcsim::RouterMap;

/// A scenario on map \p map (relative to scenarios/, or absolute).
std::string
MapScenario(const std::string& map, uint32_t clients, const std::string& members,
            const std::string& modes, const std::string& extraTopology = "")
{
    return "name = \"map\"\n[topology]\nkind = \"file\"\nmap = \"" + map +
           "\"\nclients = " + std::to_string(clients) + "\n" + extraTopology +
           "[group]\nmembers = " + members + "\n[traffic]\nmessages = 2\nsize = 100\n" +
           "[delivery]\nmodes = " + modes + "\n";
}

void
ExpectExactlyOnce(const ModeResult& r, uint64_t destinations)
{
    EXPECT_EQ(r.delivery.messages, 2U);
    EXPECT_EQ(r.delivery.expected, 2 * destinations);
    EXPECT_EQ(r.delivery.deliveries, r.delivery.expected);
    EXPECT_EQ(r.delivery.duplicates, 0U);
}

struct ShippedMap
{
    const char* file;
    uint32_t routers;    //!< map nodes
    uint32_t links;      //!< distinct links
    uint32_t duplicates; //!< links listed again
    uint32_t parts;      //!< connected parts
};

void
PrintTo(const ShippedMap& m, std::ostream* os)
{
    *os << m.file;
}

const std::vector<ShippedMap> kShipped = {
    {"Inet_small_toposample.txt", 10, 9, 0, 1},
    {"Inet_toposample.txt", 3037, 4788, 0, 1},
    {"Orbis_toposample.txt", 1423, 2769, 0, 1},
    // Every link at both of its ends; router 464 has no neighbour.
    {"RocketFuel_sample_4755.r0.cch_maps.txt", 12, 12, 12, 2},
    // Every link in both directions; ns-3's reader keeps one.
    {"RocketFuel_toposample_1239_weights.txt", 315, 972, 0, 1},
};

TEST(MapTopology, EveryShippedMapIsTested)
{
    std::set<std::string> shipped;
    for (const auto& e : std::filesystem::directory_iterator(SourcePath("scenarios/maps")))
    {
        if (e.path().extension() == ".txt")
        {
            shipped.insert(e.path().filename().string());
        }
    }
    std::set<std::string> tested;
    for (const auto& m : kShipped)
    {
        tested.insert(m.file);
    }
    EXPECT_EQ(shipped, tested);
}

class ShippedMaps : public ::testing::TestWithParam<ShippedMap>
{
};

TEST_P(ShippedMaps, LoadsRoutesAndMulticastsExactlyOnceToEveryMember)
{
    const ShippedMap& m = GetParam();
    Scenario s =
        ScenarioFrom(MapScenario(std::string("maps/") + m.file, 8, "\"all\"", "[\"multicast\"]"));

    ns3::Simulator::Destroy();
    RouterMap map = ReadRouterMap(s.topology.mapFile, s.topology.mapFormat);
    EXPECT_EQ(map.names.size(), m.routers);
    EXPECT_EQ(map.links.size(), m.links);
    EXPECT_EQ(map.duplicates, m.duplicates);
    EXPECT_EQ(map.parts, m.parts);
    EXPECT_EQ(map.selfLoops, 0U);
    ns3::Simulator::Destroy();

    Network network = BuildNetwork(s.topology);
    ASSERT_EQ(network.hosts.GetN(), 9U);
    for (uint32_t h = 0; h < network.hosts.GetN(); ++h)
    {
        EXPECT_EQ(network.hosts.Get(h)->GetId(), h) << "hosts keep node ids 0..N";
    }
    EXPECT_EQ(network.routers.GetN(), m.routers);
    // The map's links, P1's link and one LAN per access router (8 routers reachable).
    EXPECT_EQ(network.links.size(), m.links + 1 + 8);
    ns3::Simulator::Destroy();

    ExpectExactlyOnce(Simulate(s, "multicast"), 8);
}

INSTANTIATE_TEST_SUITE_P(Maps, ShippedMaps, ::testing::ValuesIn(kShipped),
                         [](const ::testing::TestParamInfo<ShippedMap>& p)
                         {
                             std::string name = p.param.file;
                             name = name.substr(0, name.find('.'));
                             return name;
                         });

TEST(MapTopology, InetRouterIIsInetNodeI)
{
    ns3::Simulator::Destroy();
    RouterMap map = ReadRouterMap(SourcePath("scenarios/maps/Inet_toposample.txt"), "inet");
    ns3::Simulator::Destroy();
    ASSERT_EQ(map.names.size(), 3037U);
    for (uint32_t r = 0; r < map.names.size(); ++r)
    {
        ASSERT_EQ(map.names[r], std::to_string(r));
    }
}

TEST(MapTopology, BroadcastOnTheSmallInetMapReachesEveryClientOnce)
{
    Scenario s = ScenarioFrom(
        MapScenario("maps/Inet_small_toposample.txt", 8, "[1, 2, 3]", "[\"broadcast\"]"));
    ModeResult r = Simulate(s, "broadcast");
    ExpectExactlyOnce(r, 8);
    EXPECT_EQ(r.hosts.nonmemberReceptions, 2U * 5);
}

/// The routes of the 3,037-router map (how long building them takes is bench/route-bench's).
TEST(MapTopology, TheBigInetMapBuildsAndRoutes)
{
    Scenario s =
        ScenarioFrom(MapScenario("maps/Inet_toposample.txt", 64, "\"all\"", "[\"unicast\"]"));
    ns3::Simulator::Destroy();
    Network network = BuildNetwork(s.topology);

    // Every router has a route to every host link (P1's and 64 LANs) it is not on.
    uint32_t hostLinks = 0;
    std::vector<uint32_t> onRouter(ns3::NodeList::GetNNodes(), 0);
    for (const auto& link : network.links)
    {
        bool hasHost = false;
        for (const auto& device : link.ends)
        {
            hasHost = hasHost || device->GetNode()->GetId() < network.hosts.GetN();
        }
        if (hasHost)
        {
            ++hostLinks;
            for (const auto& device : link.ends)
            {
                ++onRouter[device->GetNode()->GetId()];
            }
        }
    }
    EXPECT_EQ(hostLinks, 65U);
    for (uint32_t r = 0; r < network.routers.GetN(); ++r)
    {
        auto node = network.routers.Get(r);
        auto list = ns3::DynamicCast<ns3::Ipv4ListRouting>(
            node->GetObject<ns3::Ipv4>()->GetRoutingProtocol());
        ns3::Ptr<ns3::gcsim::ShortestPathRouting> spr;
        for (uint32_t i = 0; list && i < list->GetNRoutingProtocols(); ++i)
        {
            int16_t priority;
            spr = spr ? spr
                      : ns3::DynamicCast<ns3::gcsim::ShortestPathRouting>(
                            list->GetRoutingProtocol(i, priority));
        }
        ASSERT_TRUE(spr);
        ASSERT_EQ(spr->GetNRoutes() + onRouter[node->GetId()], hostLinks) << "router " << r;
    }
    ns3::Simulator::Destroy();
}

// --- Defects the builder tolerates -------------------------------------------------------

/// Writes \p text as map \p name in \p dir and returns its path.
std::string
Map(const ScratchFolder& dir, const std::string& name, const std::string& text)
{
    std::string path = dir / name;
    WriteFile(path, text);
    return path;
}

RouterMap
Read(const std::string& path, const std::string& format)
{
    ns3::Simulator::Destroy();
    RouterMap map = ReadRouterMap(path, format);
    ns3::Simulator::Destroy();
    return map;
}

TEST(MapDefects, SelfLoopsAreSkippedAndCounted)
{
    ScratchFolder dir;
    std::string map = Map(dir, "loops_inet.txt",
                          "4 5\n0 0 0\n1 1 1\n2 2 2\n3 3 3\n"
                          "0 1 10\n1 1 10\n1 2 10\n2 3 10\n3 3 10\n");
    RouterMap m = Read(map, "inet");
    EXPECT_EQ(m.selfLoops, 2U);
    EXPECT_EQ(m.links.size(), 3U);
    EXPECT_EQ(m.parts, 1U);
    Scenario s = ScenarioFrom(MapScenario(map, 4, "\"all\"", "[\"multicast\", \"broadcast\"]"));
    ExpectExactlyOnce(Simulate(s, "multicast"), 4);
    ExpectExactlyOnce(Simulate(s, "broadcast"), 4);
}

TEST(MapDefects, InetNodesInNoLinkAreNotRouters)
{
    ScratchFolder dir;
    std::string map =
        Map(dir, "unlinked_inet.txt", "4 2\n0 0 0\n1 1 1\n2 2 2\n3 3 3\n0 1 10\n1 2 10\n");
    RouterMap m = Read(map, "inet");
    EXPECT_EQ(m.unlinkedNodes, 1U);
    EXPECT_EQ(m.names, (std::vector<std::string>{"0", "1", "2"}));
    Scenario s = ScenarioFrom(MapScenario(map, 2, "\"all\"", "[\"multicast\"]"));
    ExpectExactlyOnce(Simulate(s, "multicast"), 2);
}

TEST(MapDefects, DuplicateLinksAreBuiltOnceAndCounted)
{
    ScratchFolder dir;
    std::string map = Map(dir, "dups_orbis.txt", "1 2\n2 3\n2 1\n\n1 2\n3 4\n");
    RouterMap m = Read(map, "orbis");
    EXPECT_EQ(m.duplicates, 2U);
    EXPECT_EQ(m.links.size(), 3U);
    Scenario s = ScenarioFrom(MapScenario(map, 4, "\"all\"", "[\"multicast\"]"));
    Network network = BuildNetwork(s.topology);
    EXPECT_EQ(network.links.size(), 3U + 1 + 4);
    ns3::Simulator::Destroy();
    ExpectExactlyOnce(Simulate(s, "multicast"), 4);
}

TEST(MapDefects, DisconnectedPartsHoldHostsOnlyWhereP1CanReach)
{
    ScratchFolder dir;
    // Routers 0-3 ("0".."3") in one part, 4-6 ("10".."12") in another.
    std::string map = Map(dir, "parts_orbis.txt", "0 1\n10 11\n1 2\n11 12\n2 3\n");
    RouterMap m = Read(map, "orbis");
    EXPECT_EQ(m.parts, 2U);
    EXPECT_EQ(m.part, (std::vector<uint32_t>{0, 0, 0, 0, 1, 1, 1}));
    // Seeded placement draws only from P1's part, even with more clients than it has routers.
    Scenario s = ScenarioFrom(MapScenario(map, 6, "\"all\"", "[\"multicast\", \"broadcast\"]"));
    for (const char* mode : {"unicast", "replicated-unicast", "multicast", "broadcast"})
    {
        ModeResult r = Simulate(s, mode);
        EXPECT_EQ(r.delivery.deliveries, r.delivery.expected) << mode;
        EXPECT_EQ(r.delivery.duplicates, 0U) << mode;
        EXPECT_GT(r.delivery.deliveries, 0U) << mode;
    }
    // P1 in the other part: the clients follow it there.
    Scenario other = ScenarioFrom(MapScenario(map, 3, "\"all\"", "[\"multicast\"]",
                                              "server_router = 5\naccess_routers = [4, 6]\n"));
    ExpectExactlyOnce(Simulate(other, "multicast"), 3);
}

TEST(MapDefects, ACommandRunOnAMapWithDefectsSucceeds)
{
    ScratchFolder dir;
    std::string map = Map(dir, "defects_orbis.txt", "1 2\n2 2\n2 1\n2 3\n7 8\n");
    std::string scenario = dir / "scenario.toml";
    WriteFile(scenario, MapScenario(map, 3, "\"all\"", "[\"multicast\", \"broadcast\"]"));
    CommandResult r = RunCommand({"run", scenario, "--out", dir / "results", "-q"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(std::filesystem::exists(dir / "results/summary.json"));
}

// --- The text checks predict ns-3's reader ------------------------------------------------

/// A map text, as CheckRouterMap (a scenario's checks) and ReadRouterMap (ns-3's reader and
/// the same checks) must both take it: the same routers and links, or both refuse it.
struct MapText
{
    const char* title;
    const char* format;
    std::string text;
    uint32_t routers; //!< 0: refused
    uint32_t links;
    std::string mustSay; //!< in the refusal
};

void
PrintTo(const MapText& c, std::ostream* os)
{
    *os << c.title;
}

class MapTexts : public ::testing::TestWithParam<MapText>
{
};

TEST_P(MapTexts, CheckAndReaderAgree)
{
    const MapText& c = GetParam();
    ScratchFolder dir;
    std::string path = Map(dir, "map.txt", c.text);
    if (c.routers == 0)
    {
        for (bool withReader : {false, true})
        {
            try
            {
                withReader ? Read(path, c.format) : ns3::gcsim::CheckRouterMap(path, c.format);
                ADD_FAILURE() << (withReader ? "ReadRouterMap" : "CheckRouterMap") << " accepts";
            }
            catch (const std::invalid_argument& e)
            {
                EXPECT_NE(std::string(e.what()).find(c.mustSay), std::string::npos) << e.what();
            }
            ns3::Simulator::Destroy();
        }
        return;
    }
    RouterMap listed = ns3::gcsim::CheckRouterMap(path, c.format);
    RouterMap read = Read(path, c.format);
    EXPECT_EQ(read.names.size(), c.routers);
    EXPECT_EQ(read.links.size(), c.links);
    EXPECT_EQ(listed.names, read.names);
    EXPECT_EQ(listed.links, read.links);
    EXPECT_EQ(listed.part, read.part);
}

const std::string kMapsA = "1 @Pune,+IN + bb\t(1) &1 -> <2>  =a.example.net r0\n";

INSTANTIATE_TEST_SUITE_P(
    Texts, MapTexts,
    ::testing::Values(
        // fuzz/regressions/map/trailing-cr-line.txt: a blank last line ending in \r loses
        // nothing, and a name may hold any byte but a space or a tab.
        MapText{"weights with a blank line of a carriage return at the end", "rocketfuel",
                std::string("1 -\xff\xff\xff\xff\xff\xff\xff\xff\0\0"
                            "4 3\n\r\n",
                            19),
                2, 1, ""},
        MapText{"maps with a blank line of a carriage return at the end", "rocketfuel",
                kMapsA + "\r\n", 2, 1, ""},
        MapText{"weights lines ending in carriage returns", "rocketfuel", "A B 1\r\nB C 2\r\n", 0,
                0, "line 1: `A B 1\\x0d` ends in \\r"},
        MapText{"weights line after a blank carriage-return line", "rocketfuel",
                "A B 1\n\r\nB C 2\n", 0, 0, "line 2: a blank line inside"},
        MapText{"weights line starting with a space", "rocketfuel", "A B 1\n B C 2\n", 0, 0,
                "line 2: ` B C 2` is not a Rocketfuel weights line"},
        MapText{"weight std::stod reads out of range", "rocketfuel",
                "A B 1\nB C 1" + std::string(400, '0') + "\n", 0, 0, "cannot read the weight"},
        MapText{"name holding a carriage return", "rocketfuel", "A B 1\nB C\r 2\n", 0, 0,
                "a form feed or a carriage return"},
        MapText{"name holding a byte of 0xff", "rocketfuel", "A\xff B 1\nB C 2\n", 3, 2, ""},
        MapText{"weights whose first name holds ->", "rocketfuel", "A-> B 1\nB C 2\n", 3, 2, ""},
        MapText{"maps neighbours two spaces apart", "rocketfuel",
                "1 @Pune,+IN (2) -> <2>  <3>  =a.example.net r0\n", 0, 0,
                "more than one space or tab before the neighbour <3>"},
        MapText{"maps neighbours written together", "rocketfuel",
                "1 @Pune,+IN (2) -> <2><3>  =a.example.net r0\n", 0, 0,
                "the neighbour `<2><3>` is not a uid in angle brackets"},
        MapText{"maps location with an underscore", "rocketfuel",
                kMapsA + "3 @New_Delhi,+IN (1) -> <1>  =c.example.net r0\n", 0, 0,
                "line 2: `3 @New_Delhi"},
        MapText{"maps line of radius 1 (ns-3 3.37 reads it)", "rocketfuel",
                kMapsA + "2 @Mumbai,+IN (1) -> <3>  =b.example.net r1\n", 3, 2, ""},
        MapText{"a Rocketfuel line of 100,000 characters (std::regex would overflow the "
                "stack)",
                "rocketfuel", "A B 1\n" + std::string(100000, 'C') + " D 1\n", 0, 0,
                "longer than 4096 characters"},
        MapText{"Inet with carriage returns", "inet",
                "3 2\r\n0 0 0\r\n1 1 1\r\n2 2 2\r\n0 1 5\r\n1 2 5\r\n\r\n", 3, 2, ""},
        MapText{"Orbis with carriage returns", "orbis", "1 2\r\n2 3\r\n\r\n", 3, 2, ""}),
    [](const ::testing::TestParamInfo<MapText>& p)
    {
        std::string name = p.param.title;
        for (char& ch : name)
        {
            ch = std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
        }
        return name;
    });

// --- Maps the builder refuses ------------------------------------------------------------

struct HostileMap
{
    const char* title;
    const char* file;                 //!< written to the scratch folder ("" = none)
    std::string text;                 //!< its contents
    std::string topology;             //!< more [topology] keys
    std::vector<std::string> mustSay; //!< substrings of the message ("@" = the map's path)
};

void
PrintTo(const HostileMap& c, std::ostream* os)
{
    *os << c.title;
}

class HostileMaps : public ::testing::TestWithParam<HostileMap>
{
};

TEST_P(HostileMaps, ExitWithTwoAClearMessageAndNothingWritten)
{
    const HostileMap& c = GetParam();
    ScratchFolder dir;
    std::string map = dir / c.file;
    std::vector<std::string> before;
    if (!c.text.empty())
    {
        WriteFile(map, c.text);
        before.push_back(map);
    }
    std::string scenario = dir / "scenario.toml";
    WriteFile(scenario, MapScenario(c.file, 3, "\"all\"", "[\"multicast\"]", c.topology));
    before.push_back(scenario);
    CommandResult r = RunCommand({"run", scenario, "--out", dir / "results"});
    EXPECT_EQ(r.status, 2) << r.err;
    for (std::string s : c.mustSay)
    {
        if (s.rfind("@", 0) == 0)
        {
            s = map + s.substr(1);
        }
        EXPECT_NE(r.err.find(s), std::string::npos) << "expected '" << s << "' in: " << r.err;
    }
    std::vector<std::string> after = dir.Entries();
    std::sort(after.begin(), after.end());
    std::sort(before.begin(), before.end());
    EXPECT_EQ(after, before) << "something was written";
}

const std::string kInetHead = "4 3\n0 0 0\n1 1 1\n2 2 2\n3 3 3\n";
const std::string kMapsLine2 = "2 @Mumbai,+IN + bb\t(1) &1 -> <1>  =b.example.net r0\n";

INSTANTIATE_TEST_SUITE_P(
    Files, HostileMaps,
    ::testing::Values(
        HostileMap{"missing file", "absent_inet.txt", "", "", {"topology.map", "absent_inet.txt"}},
        HostileMap{"empty file", "empty_orbis.txt", "\n\n", "", {"@: the map holds no links"}},
        HostileMap{"Inet cut at a line break",
                   "cut_inet.txt",
                   kInetHead + "0 1 5\n1 2 5\n",
                   "",
                   {"@: cut short", "announces 3 links", "after 2 of them"}},
        HostileMap{"Inet cut inside the node list",
                   "cut_nodes_inet.txt",
                   "4 3\n0 0 0\n1 1 1\n",
                   "",
                   {"@: cut short", "after 2 of the nodes"}},
        HostileMap{"Inet cut inside a line",
                   "cut_line_inet.txt",
                   kInetHead + "0 1 5\n1 2 5\n2 3",
                   "",
                   {"@, line 8", "not an Inet link line", "cut short?"}},
        HostileMap{"Inet blank link line",
                   "blank_inet.txt",
                   kInetHead + "0 1 5\n\n2 3 5\n",
                   "",
                   {"@, line 7", "not an Inet link line"}},
        HostileMap{"Inet longer than its header",
                   "long_inet.txt",
                   kInetHead + "0 1 5\n1 2 5\n2 3 5\n3 0 5\n",
                   "",
                   {"@, line 9", "the file goes on"}},
        HostileMap{"Inet without a header",
                   "nohead_inet.txt",
                   "0 1 5\n1 2 5\n",
                   "",
                   {"@, line 1", "`nodes links`"}},
        HostileMap{"Orbis cut inside a line",
                   "cut_orbis.txt",
                   "1 2\n2 3\n3",
                   "",
                   {"@, line 3", "not an Orbis link line", "cut short?"}},
        HostileMap{"Rocketfuel weights cut inside a line",
                   "cut_rocketfuel.txt",
                   "A B 1\nB C 2\nC D",
                   "",
                   {"@, line 3", "not a Rocketfuel weights line"}},
        HostileMap{"Rocketfuel maps cut inside a line",
                   "cut_maps_rocketfuel.txt",
                   "1 @Pune,+IN + bb\t(1) &1 -> <2>  =a.example.net r0\n2 @Mumbai,+IN + bb\t(1) "
                   "&1 -> <1>  =b.exa",
                   "",
                   {"@, line 2", "not a Rocketfuel maps line"}},
        HostileMap{"Rocketfuel line ns-3's reader cannot parse",
                   "unparsed_rocketfuel.txt",
                   "1 @Pune,+IN + bb\t(2) &1 -> <2> <3>  =a.example.net r0\n" + kMapsLine2 +
                       "3 @New_Delhi,+IN + bb\t(1) &1 -> <4>  =c.example.net r0\n",
                   "",
                   {"@, line 3", "not a Rocketfuel maps line", "location `@...`"}},
        HostileMap{"Rocketfuel blank line inside",
                   "blank_rocketfuel.txt",
                   "A B 1\n\nB C 2\n",
                   "",
                   {"@, line 2", "blank line"}},
        HostileMap{"Rocketfuel with carriage returns",
                   "crlf_rocketfuel.txt",
                   "A B 1\r\nB C 2\r\n",
                   "",
                   {"@, line 1", "carriage returns", "reads no link"}},
        HostileMap{"Rocketfuel first line neither kind",
                   "garbage_rocketfuel.txt",
                   "hello\n",
                   "",
                   {"@, line 1", "not a Rocketfuel maps or weights line"}},
        HostileMap{"access router in another part",
                   "parts_orbis.txt",
                   "0 1\n1 2\n5 6\n",
                   "access_routers = [1, 4]\n",
                   {"topology.access_routers",
                    "router 4 cannot be reached from the server router 0",
                    "@ falls into 2 disconnected parts"}},
        HostileMap{"server router beyond the map",
                   "small_orbis.txt",
                   "0 1\n1 2\n",
                   "server_router = 3\n",
                   {"topology.server_router: there is no router 3", "@ has routers 0 to 2"}},
        // Weights and positions are read only when the scenario routes or delays by them.
        HostileMap{"a weight of zero",
                   "zero_inet.txt",
                   "3 2\n0 0 0\n1 1 1\n2 2 2\n0 1 5\n1 2 0\n",
                   "routing_metric = \"weight\"\n",
                   {"scenario.toml:6: topology.routing_metric: ",
                    "@, line 6: the link's weight `0` "
                    "is not a number above zero"}},
        HostileMap{"a negative weight",
                   "negative_inet.txt",
                   "3 2\n0 0 0\n1 1 1\n2 2 2\n0 1 -3\n1 2 5\n",
                   "routing_metric = \"weight\"\n",
                   {"scenario.toml:6: topology.routing_metric: ", "@, line 5",
                    "`-3` is not a number above zero"}},
        HostileMap{
            "a weight that is no number",
            "heavy_inet.txt",
            "3 2\n0 0 0\n1 1 1\n2 2 2\n0 1 heavy\n1 2 5\n",
            "routing_metric = \"weight\"\n",
            {"scenario.toml:6: topology.routing_metric: ", "`heavy` is not a number above zero"}},
        HostileMap{"a Rocketfuel weight of zero",
                   "zero_rocketfuel.txt",
                   "A B 1\nB C 0.0\n",
                   "routing_metric = \"weight\"\n",
                   {"scenario.toml:6: topology.routing_metric: ", "@, line 2",
                    "`0.0` is not a number above zero"}},
        HostileMap{"weight on an Orbis map",
                   "small_orbis.txt",
                   "0 1\n1 2\n",
                   "routing_metric = \"weight\"\n",
                   {"scenario.toml:6: topology.routing_metric: ", "@ has none"}},
        HostileMap{"distance on a Rocketfuel map",
                   "w_rocketfuel.txt",
                   "A B 1\nB C 2\n",
                   "core_delay = \"distance\"\n",
                   {"scenario.toml:6: topology.core_delay: ", "@ places none: only Inet maps do"}},
        HostileMap{"coordinates that are no numbers",
                   "east_inet.txt",
                   "3 2\n0 0 0\n1 east 1\n2 2 2\n0 1 5\n1 2 5\n",
                   "core_delay = \"distance\"\n",
                   {"scenario.toml:6: topology.core_delay: ", "@, line 3",
                    "coordinates are not two numbers"}}),
    [](const ::testing::TestParamInfo<HostileMap>& p)
    {
        std::string name = p.param.title;
        for (char& ch : name)
        {
            ch = std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
        }
        return name;
    });

} // namespace
} // namespace gcsim::test
