// [[failures]]: a link or router fails; frames on it are lost at once, routing reconverges
// after the stated delay, and each mode's deliveries resume along the new path.
#include "test-utilities.h"

#include <map>

namespace gcsim::test
{
namespace
{

// A ring of six routers, one client per router (client k on R(k-1)), P1 on R0; every
// client a member. A 1024-byte message every 5 ms from 1 s: message k leaves at 1 s + 5k ms.
// The link R0-R1 fails at 1.0525 s, between messages 10 and 11; routing reconverges 50 ms
// later, between messages 20 and 21.
std::string
Ring(const std::string& failures)
{
    return R"(name = "ring"
[topology]
kind = "ring"
routers = 6
clients = 6
core_delay = "1ms"
[group]
members = [1, 2, 3, 4, 5, 6]
[traffic]
messages = 60
interval = "5ms"
size = 1024
drain = "500ms"
[delivery]
modes = ["unicast", "replicated-unicast", "multicast", "broadcast"]
multicast_routing = ["source-tree", "shared-tree", "dense", "flood"]
)" + failures;
}

const std::string kR0R1Down = R"(
[[failures]]
at = "1.0525s"
link = "R0-R1"
reconvergence = "50ms"
)";

// A datagram of 1024 bytes of payload is 1052 IPv4 bytes: P1's point-to-point link (100
// Mbit/s, 500 ns, 2 bytes of PPP), each router link (1 Gbit/s, 1 ms), the client's LAN (100
// Mbit/s, 500 ns, 18 bytes of Ethernet).
const int64_t kAccess = TxNs(1054, 100000000) + 500;
const int64_t kCore = TxNs(1054, 1000000000) + 1000000;
const int64_t kLan = TxNs(1070, 100000000) + 500;

/// The latency of a message to a client \p core router links from R0, on an idle network.
int64_t
Latency(int core)
{
    return kAccess + core * kCore + kLan;
}

int64_t
SendNs(int message)
{
    return 1000000000 + message * 5000000LL;
}

/// (message, receiver) -> recv_ns of the first copies at destinations.
std::map<std::pair<int, int>, int64_t>
Arrivals(const std::string& csv)
{
    std::map<std::pair<int, int>, int64_t> arrivals;
    auto rows = ReadCsv(csv);
    for (std::size_t i = 1; i < rows.size(); ++i)
    {
        const auto& r = rows[i];
        if (r[4] == "1" && r[5] == "0" && r[11] == "0") // destination, first copy, from P1
        {
            arrivals[{std::stoi(r[1]), std::stoi(r[2])}] = std::stoll(r[7]);
        }
    }
    return arrivals;
}

// Clients 2, 3 and 4 sit behind R1 on P1's tree (R3 is three hops either way; the search
// takes R1's side, found first). Messages 11 to 20 leave while the link is down and routing
// has not caught up: they are lost to those three. Message 21 takes the other way round the
// ring and arrives after exactly its new path's latency: 5, 4 and 3 router links; the event's
// recovery is from the failure to that delivery at client 2, the farthest.
TEST(Failures, ARingReroutesAfterExactlyTheReconvergenceDelay)
{
    Scenario s = ScenarioFrom(Ring(kR0R1Down));
    const std::map<int, std::pair<int, int>> hops = {
        {2, {1, 5}}, {3, {2, 4}}, {4, {3, 3}}}; // client: core links before, after
    for (const char* mode : {"multicast/source-tree", "multicast/shared-tree", "multicast/dense"})
    {
        SCOPED_TRACE(mode);
        std::ostringstream csv;
        ModeResult r = Simulate(s, mode, &csv);
        auto at = Arrivals(csv.str());
        for (const auto& [client, links] : hops)
        {
            SCOPED_TRACE("client " + std::to_string(client));
            EXPECT_EQ(at.at({10, client}), SendNs(10) + Latency(links.first));
            for (int m = 11; m <= 20; ++m)
            {
                EXPECT_FALSE(at.count({m, client})) << "message " << m;
            }
            EXPECT_EQ(at.at({21, client}), SendNs(21) + Latency(links.second));
        }
        for (int client : {1, 5, 6})
        {
            for (int m = 0; m < 60; ++m)
            {
                EXPECT_TRUE(at.count({m, client})) << "client " << client << " message " << m;
            }
        }
        ASSERT_TRUE(r.failures.used);
        ASSERT_EQ(r.failures.events.size(), 1u);
        const auto& e = r.failures.events[0];
        EXPECT_EQ(e.what, "link R0-R1 down");
        EXPECT_EQ(e.atNs, 1052500000);
        EXPECT_EQ(e.reconvergedNs, 1102500000);
        EXPECT_EQ(e.messages, 60u); // the first event's window: from message 0
        EXPECT_EQ(e.messagesLost, 10u);
        EXPECT_EQ(e.deliveriesLost, 30u);
        EXPECT_EQ(e.membersAffected, 3u);
        EXPECT_EQ(e.membersUnrecovered, 0u);
        EXPECT_EQ(e.recoveryNsMax, SendNs(21) + Latency(5) - 1052500000);
        EXPECT_EQ(r.delivery.deliveries, 60u * 6 - 30);
        EXPECT_EQ(r.Drops(), r.failures.framesLost) << "nothing else drops on an idle ring";
        // Each member's longest gap: client 2's, from message 10 to message 21.
        ASSERT_EQ(r.failures.members.size(), 6u);
        EXPECT_EQ(r.failures.members[1].client, 2u);
        EXPECT_EQ(r.failures.members[1].missed, 10u);
        EXPECT_EQ(r.failures.members[1].longestGapNs,
                  SendNs(21) + Latency(5) - SendNs(10) - Latency(1));
        EXPECT_EQ(r.failures.members[0].longestGapNs, 5000000) << "client 1 missed nothing";
    }
    // Dense mode: the routers whose RPF interface moved grafted towards their new upstream
    // router, which had pruned them (they were RPF drops on its side of the ring).
    ModeResult dense = Simulate(s, "multicast/dense");
    EXPECT_GT(dense.dense.grafts, 0u);
}

// A flood forwards on every working link: the copy going the other way round the ring reaches
// clients 2 to 4 at once, nothing is lost, and message 11 arrives after the long way's latency.
TEST(Failures, FloodingLosesNothingAndGoesTheOtherWayAtOnce)
{
    Scenario s = ScenarioFrom(Ring(kR0R1Down));
    for (const char* mode : {"multicast/flood", "broadcast"})
    {
        SCOPED_TRACE(mode);
        std::ostringstream csv;
        ModeResult r = Simulate(s, mode, &csv);
        auto at = Arrivals(csv.str());
        EXPECT_EQ(r.delivery.deliveries, 60u * 6);
        EXPECT_EQ(r.failures.events[0].messagesLost, 0u);
        EXPECT_EQ(r.failures.events[0].recoveryNsMax, -1) << "nobody to recover";
        EXPECT_EQ(at.at({11, 2}), SendNs(11) + Latency(5));
        EXPECT_GT(r.failures.framesLost, 0u) << "copies still go onto the failed link";
    }
}

// Unicast to one client and a copy per member lose the same messages: routes, not trees.
TEST(Failures, UnicastRoutesAreRecomputedToo)
{
    Scenario s = ScenarioFrom(Ring(kR0R1Down));
    ModeResult copies = Simulate(s, "replicated-unicast");
    EXPECT_EQ(copies.failures.events[0].messagesLost, 10u);
    EXPECT_EQ(copies.failures.events[0].deliveriesLost, 30u);
    EXPECT_EQ(copies.failures.events[0].membersUnrecovered, 0u);
    EXPECT_EQ(copies.failures.framesLost, 30u) << "a copy per affected member and message";
}

// The link comes back: frames pass on it at once, and after the reconvergence delay (at
// 1.2025 s) the routes return to it. Message 40, sent at 1.2 s, is then half way round the
// long way: R3 takes it in at 1.203 s, when its route expects the group from R2, and drops
// it, so clients 2 to 4 lose it: the transient loss of a route change under traffic.
TEST(Failures, ALinkThatComesBackTakesTheRoutesBack)
{
    Scenario s = ScenarioFrom(Ring(kR0R1Down + R"(
[[failures]]
at = "1.1525s"
link = "R1-R0"
action = "up"
reconvergence = "50ms"
)"));
    ASSERT_EQ(s.failures.size(), 2u);
    EXPECT_EQ(s.failures[1].link, "R0-R1") << "written with the lower router first";
    std::ostringstream csv;
    ModeResult r = Simulate(s, "multicast/source-tree", &csv);
    auto at = Arrivals(csv.str());
    ASSERT_EQ(r.failures.events.size(), 2u);
    EXPECT_EQ(r.failures.events[1].what, "link R0-R1 up");
    EXPECT_EQ(r.failures.events[1].messages, 29u); // 31 to 59
    EXPECT_EQ(r.failures.events[1].messagesLost, 1u);
    EXPECT_EQ(r.failures.events[1].deliveriesLost, 3u);
    EXPECT_EQ(at.at({39, 2}), SendNs(39) + Latency(5)) << "routes still go the long way";
    for (int client : {2, 3, 4})
    {
        EXPECT_FALSE(at.count({40, client})) << client;
    }
    EXPECT_EQ(at.at({40, 5}), SendNs(40) + Latency(2)) << "R4 forwarded it before the change";
    EXPECT_EQ(at.at({41, 2}), SendNs(41) + Latency(1)) << "routes are back";
}

// A router fails: its own client is cut off for good (its LAN has no other router), the
// clients beyond it are reached the other way round.
TEST(Failures, ARouterFailureCutsItsOwnHostsOff)
{
    Scenario s = ScenarioFrom(Ring(R"(
[[failures]]
at = "1.0525s"
router = 1
reconvergence = "50ms"
)"));
    std::ostringstream csv;
    ModeResult r = Simulate(s, "multicast/source-tree", &csv);
    auto at = Arrivals(csv.str());
    const auto& e = r.failures.events[0];
    EXPECT_EQ(e.what, "router R1 down");
    EXPECT_EQ(e.membersAffected, 3u);
    EXPECT_EQ(e.membersUnrecovered, 1u) << "client 2, on R1";
    EXPECT_FALSE(at.count({21, 2}));
    EXPECT_EQ(at.at({21, 3}), SendNs(21) + Latency(4));
    EXPECT_EQ(e.recoveryNsMax, SendNs(21) + Latency(4) - 1052500000);
}

// The shared tree's rendezvous router R3 fails: after reconvergence the rule chooses
// another, and once R3 is back (and routing with it) the tree is the scenario's again. Client
// 1, on R0 beside P1, gets its copies from R3's tree: three router links up, three down.
TEST(Failures, ASharedTreeChoosesAnotherRendezvousWhileItsOwnIsDown)
{
    Scenario s = ScenarioFrom(Ring(R"(
[[failures]]
at = "1.0525s"
router = 3
reconvergence = "50ms"
[[failures]]
at = "1.1525s"
router = 3
action = "up"
reconvergence = "50ms"
)"),
                              {"delivery.rendezvous=3"});
    std::ostringstream csv;
    ModeResult r = Simulate(s, "multicast/shared-tree", &csv);
    auto at = Arrivals(csv.str());
    EXPECT_EQ(at.at({5, 1}), SendNs(5) + Latency(6)) << "by way of R3";
    EXPECT_FALSE(at.count({10, 1})) << "in flight to R3 when it failed";
    EXPECT_EQ(r.failures.events[0].messages, 31u) << "0 to 30";
    EXPECT_EQ(r.failures.events[0].messagesLost, 21u) << "10 (in flight), 11 to 30";
    EXPECT_EQ(at.at({25, 1}), SendNs(25) + Latency(0)) << "the rule's rendezvous: R0";
    EXPECT_EQ(at.at({41, 1}), SendNs(41) + Latency(6)) << "R3 again";
    EXPECT_EQ(r.failures.events[0].membersAffected, 6u) << "every copy went through R3";
    EXPECT_EQ(r.failures.events[0].membersUnrecovered, 1u) << "client 4, on R3";
}

// The resolved scenario writes the failures back as [[failures]] tables that read back alike.
TEST(Failures, TheResolvedScenarioReadsBack)
{
    Scenario s = ScenarioFrom(Ring(kR0R1Down));
    std::string resolved = ResolvedToml(s);
    EXPECT_NE(resolved.find("[[failures]]"), std::string::npos) << resolved;
    Scenario again = ScenarioFrom(resolved);
    ASSERT_EQ(again.failures.size(), 1u);
    EXPECT_EQ(again.failures[0].What(), "link R0-R1 down");
    EXPECT_EQ(again.failures[0].at, s.failures[0].at);
    EXPECT_EQ(again.failures[0].reconvergence, ns3::MilliSeconds(50));
    EXPECT_EQ(ResolvedToml(again), resolved);
}

} // namespace
} // namespace gcsim::test
