// Independent replications: what a run draws (the unicast target, P1's router, the random
// graph and the clients' routers) comes afresh from (seed, run) unless the scenario pins
// it, and the resolved scenario pins what was drawn. The unicast target: drawn among the
// members (independent of the group's size), a number, or the nearest/farthest member.
#include "test-utilities.h"

#include <set>

namespace gcsim::test
{
namespace
{

TEST(Target, DrawnAmongTheMembersAndAfreshPerRun)
{
    std::set<uint32_t> targets;
    uint32_t first = 0;
    for (uint32_t run = 1; run <= 40; ++run)
    {
        Scenario s = ScenarioFrom("run = " + std::to_string(run) +
                                  "\n[topology]\nclients = 64\n[group]\nmembers = 8\n");
        ASSERT_EQ(s.group.members.size(), 8u);
        EXPECT_TRUE(std::count(s.group.members.begin(), s.group.members.end(), s.group.target))
            << "run " << run << ": target " << s.group.target << " is not a member";
        first += s.group.target == s.group.members.front();
        targets.insert(s.group.target);
    }
    // 40 runs of 8 members each out of 64: the target is the lowest member about 1 run in 8
    // (the old rule: always), and the targets spread over the clients.
    EXPECT_LT(first, 15u);
    EXPECT_GT(targets.size(), 20u);
    // A given target stays, and the resolved scenario pins the drawn one.
    Scenario pinned = ScenarioFrom("[topology]\nclients = 64\n[group]\nmembers = 8\ntarget = 9\n");
    EXPECT_EQ(pinned.group.target, 9u);
    EXPECT_NE(ResolvedToml(ScenarioFrom("[topology]\nclients = 64\n[group]\nmembers = 8\n"))
                  .find("target = "),
              std::string::npos);
}

/// A row of four routers, P1 at R0, one client LAN on each: client c sits c - 1 routers away.
const char* kRow = R"(
[topology]
kind = "grid"
rows = 1
columns = 4
clients = 4
access_routers = [0, 1, 2, 3]
[group]
members = [2, 3, 4]
[traffic]
messages = 3
)";

/// The receivers of \p mode's deliveries with their hop counts.
std::map<uint32_t, uint32_t>
Receivers(const Scenario& s, const std::string& mode)
{
    std::ostringstream csv;
    Simulate(s, mode, &csv);
    std::map<uint32_t, uint32_t> hops;
    auto rows = ReadCsv(csv.str());
    for (std::size_t i = 1; i < rows.size(); ++i)
    {
        hops[std::stoul(rows[i][2])] = std::stoul(rows[i][10]);
    }
    return hops;
}

TEST(Target, NearestAndFarthestAreTheMembersWithFewestAndMostHops)
{
    auto all = Receivers(ScenarioFrom(kRow), "multicast");
    ASSERT_EQ(all.size(), 3u);
    EXPECT_LT(all[2], all[3]);
    EXPECT_LT(all[3], all[4]);
    auto nearest = Receivers(ScenarioFrom(kRow, {"group.target=\"nearest\""}), "unicast");
    auto farthest = Receivers(ScenarioFrom(kRow, {"group.target=\"farthest\""}), "unicast");
    ASSERT_EQ(nearest.size(), 1u);
    ASSERT_EQ(farthest.size(), 1u);
    EXPECT_EQ(nearest.begin()->first, 2u);
    EXPECT_EQ(farthest.begin()->first, 4u);
    EXPECT_NE(
        ResolvedToml(ScenarioFrom(kRow, {"group.target=\"farthest\""})).find("target = 'farthest'"),
        std::string::npos);
}

TEST(Target, AnythingElseIsRefusedNamingTheKey)
{
    for (const char* bad : {"\"closest\"", "0", "5", "1.5", "true"})
    {
        SCOPED_TRACE(bad);
        EXPECT_THROW(ScenarioFrom(kRow, {std::string("group.target=") + bad}), InputError);
        try
        {
            ScenarioFrom(kRow, {std::string("group.target=") + bad});
        }
        catch (const InputError& e)
        {
            EXPECT_NE(std::string(e.what()).find("group.target"), std::string::npos) << e.what();
        }
    }
}

TEST(Replication, ARandomServerRouterIsDrawnPerRunAndPinnedWhenResolved)
{
    std::set<int64_t> routers;
    for (uint32_t run = 1; run <= 20; ++run)
    {
        Scenario s = ScenarioFrom("run = " + std::to_string(run) + R"(
[topology]
kind = "grid"
rows = 3
columns = 3
clients = 9
server_router = "random"
)");
        ASSERT_GE(s.topology.serverRouter, 0);
        ASSERT_LT(s.topology.serverRouter, 9);
        routers.insert(s.topology.serverRouter);
        EXPECT_NE(
            ResolvedToml(s).find("server_router = " + std::to_string(s.topology.serverRouter)),
            std::string::npos);
    }
    EXPECT_GE(routers.size(), 6u);
    // On a map: a router of its largest connected part (the Inet map is one part).
    Scenario map = ScenarioFrom(ReadFile(SourcePath("scenarios/internet-map.toml")),
                                {"run=3", "topology.server_router=\"random\""});
    EXPECT_GE(map.topology.serverRouter, 0);
    EXPECT_THROW(ScenarioFrom("[topology]\nkind = \"grid\"\nserver_router = \"any\"\n"),
                 InputError);
}

TEST(Replication, TheGraphSeedFollowsTheRunUnlessPinned)
{
    const std::string waxman = R"(
[topology]
kind = "waxman"
routers = 12
clients = 6
[traffic]
messages = 2
[delivery]
modes = ["multicast"]
)";
    auto links = [&](const std::vector<std::string>& sets)
    {
        std::ostringstream csv;
        std::ostringstream linkCsv;
        Simulate(ScenarioFrom(waxman, sets), "multicast", &csv, &linkCsv);
        return linkCsv.str();
    };
    EXPECT_EQ(ScenarioFrom(waxman).topology.seed, 1u); // run 1 draws as a single run always did
    EXPECT_NE(ScenarioFrom(waxman, {"run=2"}).topology.seed, 1u);
    EXPECT_NE(links({}), links({"run=2"}));
    EXPECT_EQ(links({"topology.graph_seed=1"}), links({"run=2", "topology.graph_seed=1"}));
    EXPECT_NE(ResolvedToml(ScenarioFrom(waxman, {"run=2"})).find("graph_seed = "),
              std::string::npos);
}

// A cold network's first message: with dynamic ARP the first message waits for each
// resolution (ns-3's request jitter, up to 10 ms), the later ones find the caches filled. The
// first message's latency is reported apart, and after it static and dynamic ARP agree to
// the nanosecond (messages 50 ms apart, longer than any resolution).
TEST(Replication, AfterTheFirstMessageStaticAndDynamicArpAgree)
{
    const std::string lan = R"(
[topology]
clients = 8
[group]
members = [2, 4, 6, 8]
[traffic]
messages = 10
interval = "50ms"
)";
    for (const char* mode : {"unicast", "replicated-unicast", "multicast"})
    {
        SCOPED_TRACE(mode);
        ModeResult warm = Simulate(ScenarioFrom(lan), mode);
        ModeResult cold = Simulate(ScenarioFrom(lan, {"delivery.arp=\"dynamic\""}), mode);
        const auto& w = warm.delivery;
        const auto& c = cold.delivery;
        EXPECT_EQ(c.latencyAfterFirst.mean, w.latencyAfterFirst.mean);
        EXPECT_EQ(c.latencyAfterFirst.p99, w.latencyAfterFirst.p99);
        EXPECT_EQ(c.latencyAfterFirst.max, w.latencyAfterFirst.max);
        // Static ARP: the first message is like the others.
        EXPECT_EQ(w.firstMessageLatencyMean, w.latencyAfterFirst.mean);
        if (std::string(mode) != "multicast") // a group address needs no ARP
        {
            EXPECT_GT(c.firstMessageLatencyMean, w.firstMessageLatencyMean + 1000);
            EXPECT_GT(c.latency.mean, w.latency.mean);
        }
    }
}

} // namespace
} // namespace gcsim::test
