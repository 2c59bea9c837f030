// Many groups and sources: the routers' multicast forwarding state, as each variant's
// protocol holds it, grows with the groups and (source trees only) with the sources.
#include "test-utilities.h"

namespace gcsim::test
{
namespace
{

// A ring of six routers, a client on each (client k on R(k-1)), P1 on R0; every client a
// member, so that every router is on every tree.
Scenario
Ring(uint32_t groups, uint32_t sources, const std::string& placement = "same")
{
    return ScenarioFrom(R"(
[topology]
kind = "ring"
routers = 6
clients = 6
[group]
members = "all"
[traffic]
messages = 5
drain = "100ms"
[delivery]
modes = ["multicast"]
multicast_routing = ["source-tree", "shared-tree"]
)",
                        {"group.count=" + std::to_string(groups),
                         "group.sources=" + std::to_string(sources),
                         "group.placement=\"" + placement + "\""});
}

// P1's tree: R0 forwards to its LAN, R1 and R5; R1 to its LAN and R2; R2 to its LAN and R3
// (R3 is three hops either way: the search finds it by R2); R5 to its LAN and R4; R3 and R4
// to their LANs: 6 entries, 11 outgoing interfaces. With the same members and sources, each
// group adds as much again; a source tree an (S,G) entry per source on each of its routers,
// a shared tree one (*,G) entry per group, whatever the sources.
TEST(Groups, StateGrowsWithGroupsAndSourceTreesWithSources)
{
    for (uint32_t groups : {1u, 5u})
    {
        for (uint32_t sources : {1u, 3u})
        {
            SCOPED_TRACE(std::to_string(groups) + " groups, " + std::to_string(sources) +
                         " sources");
            Scenario s = Ring(groups, sources);
            ModeResult source = Simulate(s, "multicast/source-tree");
            ModeResult shared = Simulate(s, "multicast/shared-tree");
            ASSERT_TRUE(source.forwarding && shared.forwarding);
            EXPECT_EQ(source.forwarding->groups, groups);
            EXPECT_EQ(source.forwarding->routers, 6u);
            EXPECT_EQ(source.forwarding->routersWithState, 6u);
            EXPECT_EQ(source.forwarding->entries, 6u * groups * sources);
            EXPECT_EQ(source.forwarding->entriesMax, groups * sources);
            EXPECT_EQ(shared.forwarding->entries, 6u * groups);
            EXPECT_EQ(shared.forwarding->entriesMax, groups);
            if (sources == 1)
            {
                EXPECT_EQ(source.forwarding->interfaces, 11u * groups);
            }
            // Only group 1 carries messages: its deliveries are as with one group.
            EXPECT_EQ(source.delivery.deliveries, 5u * 6);
            EXPECT_EQ(source.links.messageFrames,
                      Simulate(Ring(1, 1), "multicast/source-tree").links.messageFrames);
        }
    }
}

// Members drawn per group ("random") come from the run's seed: the same every time, another
// draw per group, and no more state than "same" gives when every client is a member anyway.
TEST(Groups, DrawnGroupsAreTheSameEveryRun)
{
    Scenario s = ScenarioFrom(R"(
[topology]
kind = "grid"
rows = 4
columns = 4
clients = 16
[group]
members = 4
count = 20
sources = 2
[traffic]
messages = 2
drain = "100ms"
[delivery]
modes = ["multicast"]
)");
    ModeResult a = Simulate(s, "multicast");
    ModeResult b = Simulate(s, "multicast");
    ASSERT_TRUE(a.forwarding);
    EXPECT_EQ(a.forwarding->entries, b.forwarding->entries);
    EXPECT_EQ(a.forwarding->interfaces, b.forwarding->interfaces);
    EXPECT_GT(a.forwarding->entries, 20u * 2) << "more than one router per source tree";
    EXPECT_LE(a.forwarding->entriesMax, 20u * 2) << "at most an entry per source and group";
}

// Other modes and single segments hold no multicast state to count.
TEST(Groups, OnlyMulticastRunsOnRoutedNetworksCountState)
{
    Scenario s = Ring(1, 1);
    EXPECT_FALSE(Simulate(s, "broadcast").forwarding);
    Scenario lan = ScenarioFrom("[delivery]\nmodes = [\"multicast\"]\n");
    EXPECT_FALSE(Simulate(lan, "multicast").forwarding);
}

} // namespace
} // namespace gcsim::test
