// Dense mode (flood and prune): the first datagram floods every router and every segment
// with members, prunes cut the branches without members until the prune lifetime ends and
// the next datagram floods them again, a join below a pruned branch grafts it back at once,
// RPF checks keep a flood on a graph with cycles to one copy per member; counts against
// closed forms, exactly-once delivery, and determinism.
#include "test-utilities.h"

#include <map>
#include <set>

namespace gcsim::test
{
namespace
{

// A binary router tree of depth 2: R0; R1, R2; leaves R3..R6, 2 clients per leaf LAN (leaf
// l holds clients 2l + 1 and 2l + 2). Members 1 and 3 sit on R3's and R4's LANs, both under
// R1: R2, R5 and R6 have no member below them. Twelve messages, one every 50 ms from 1 s.
const std::string kTree = DepthTwoTree("dense") + R"([group]
members = [1, 3]
[delivery]
modes = ["multicast"]
multicast_routing = ["source-tree", "dense"]
)";

constexpr uint32_t kMessages = 12;
constexpr int64_t kIntervalMs = 50;

// Message copies on links per message. The source tree: P1's link, R0-R1, R1-R3, R1-R4 and
// the two member LANs. A flood: P1's link, all 6 router links, the two member LANs (a router
// forwards onto a host segment only if it has members).
constexpr uint64_t kTreeCopies = 1 + 3 + 2;
constexpr uint64_t kFloodCopies = 1 + 6 + 2;
// Prunes per flood: R5 and R6 (no member, no router below) to R2, then R2 to R0.
constexpr uint64_t kPrunesPerFlood = 3;

/**
 * Messages that flood, of \p messages sent every \p interval with prune lifetime \p lifetime
 * (a multiple of the interval): a prune reaches R0 a few ms (c, under one interval) after
 * the flood passed it and holds until c + lifetime, so the next flood is message
 * lifetime / interval + 1 later.
 */
uint64_t
Floods(uint64_t messages, int64_t intervalMs, int64_t lifetimeMs)
{
    uint64_t period = static_cast<uint64_t>(lifetimeMs / intervalMs) + 1;
    return (messages + period - 1) / period;
}

/// Per receiver, the message numbers of the deliveries.csv rows of \p csv, with repeats.
std::map<uint32_t, std::multiset<uint32_t>>
Received(const std::string& csv)
{
    std::map<uint32_t, std::multiset<uint32_t>> out;
    auto rows = ReadCsv(csv);
    for (std::size_t i = 1; i < rows.size(); ++i)
    {
        out[std::stoul(rows[i][2])].insert(std::stoul(rows[i][1]));
    }
    return out;
}

std::multiset<uint32_t>
AllMessages(uint32_t from = 0)
{
    std::multiset<uint32_t> all;
    for (uint32_t m = from; m < kMessages; ++m)
    {
        all.insert(m);
    }
    return all;
}

TEST(DenseMode, FloodsThenPrunesToTheSourceTreeUntilThePruneLifetimeEnds)
{
    for (int64_t lifetimeMs : {100, 200, 250, 5000})
    {
        Scenario s = ScenarioFrom(
            kTree, {"delivery.prune_lifetime=\"" + std::to_string(lifetimeMs) + "ms\""});
        SCOPED_TRACE("prune lifetime " + std::to_string(lifetimeMs) + " ms");
        ModeResult tree = Simulate(s, "multicast/source-tree");
        std::ostringstream csv;
        ModeResult dense = Simulate(s, "multicast/dense", &csv);
        uint64_t floods = Floods(kMessages, kIntervalMs, lifetimeMs);
        EXPECT_EQ(tree.links.messageFrames, kMessages * kTreeCopies);
        EXPECT_EQ(dense.links.messageFrames,
                  floods * kFloodCopies + (kMessages - floods) * kTreeCopies);
        EXPECT_EQ(dense.dense.prunes, floods * kPrunesPerFlood);
        EXPECT_EQ(dense.dense.grafts, 0u);
        EXPECT_EQ(dense.dense.rpfDrops, 0u);
        // A Prune is one IPv4 packet of 20 + 34 bytes, one point-to-point frame of 56.
        EXPECT_EQ(dense.dense.controlPackets, dense.dense.prunes);
        EXPECT_EQ(dense.dense.controlBytes, dense.dense.prunes * 54);
        EXPECT_EQ(dense.links.frames, dense.links.messageFrames + dense.dense.controlPackets);
        EXPECT_EQ(dense.links.bytes - dense.links.messageBytes, dense.dense.prunes * 56);
        EXPECT_FALSE(tree.dense.used);
        // Exactly once to members; nothing to non-members' applications or stacks: the
        // flood reaches no LAN without members, and non-members on member LANs filter it
        // as they do under the source tree.
        EXPECT_EQ(dense.delivery.deliveries, kMessages * 2);
        EXPECT_EQ(dense.delivery.duplicates, 0u);
        EXPECT_EQ(dense.delivery.nonmemberDeliveries, 0u);
        EXPECT_EQ(dense.hosts.nonmemberReceptions, 0u);
        EXPECT_EQ(dense.hosts.nicFiltered, tree.hosts.nicFiltered);
        EXPECT_EQ(dense.hosts.nicFiltered, kMessages * 2);
        auto received = Received(csv.str());
        EXPECT_EQ(received[1], AllMessages());
        EXPECT_EQ(received[3], AllMessages());
        EXPECT_EQ(received.size(), 2u);
        // The latency is the source tree's: the same shortest paths.
        EXPECT_EQ(dense.delivery.latency.max, tree.delivery.latency.max);
    }
}

TEST(DenseMode, AJoinBelowAPrunedBranchIsServedByTheNextMessage)
{
    // Client 5 (R5's LAN, below R2, which R0 pruned) joins at 1.075 s, between messages 1
    // and 2. R5 grafts to R2, R2 to R0; each Graft is acknowledged.
    Scenario s = ScenarioFrom(std::string(kTree) + R"([membership]
model = "instant"
events = [{ at = "1075ms", client = 5, action = "join" }]
)",
                              {"delivery.prune_lifetime=\"200ms\""});
    std::ostringstream csv;
    ModeResult r = Simulate(s, "multicast/dense", &csv);
    auto received = Received(csv.str());
    EXPECT_EQ(received[5], AllMessages(2));
    EXPECT_EQ(received[1], AllMessages());
    EXPECT_EQ(received[3], AllMessages());
    EXPECT_EQ(r.delivery.duplicates, 0u);
    EXPECT_EQ(r.dense.grafts, 2u);
    EXPECT_EQ(r.dense.graftAcks, 2u);
    // Message 0 floods (9 copies) and prunes R5, R6, R2; message 1 follows the tree (6).
    // After the graft the tree has R0-R2, R2-R5 and R5's LAN too (9), and R6's prune at R2
    // still holds; it ends about 203 ms after message 0, so message 5 floods R6 again (10)
    // and R6 prunes; that prune ends before message 10, which floods R6 once more (10).
    uint64_t copies = 9 + 6 + 3 * 9 + 10 + 4 * 9 + 10 + 9;
    EXPECT_EQ(r.links.messageFrames, copies);
    EXPECT_EQ(r.dense.prunes, 3u + 1 + 1);
}

TEST(DenseMode, TheLastMemberLeavingPrunesItsBranch)
{
    // Client 3 (R4's LAN) leaves at 1.075 s: R4 has nothing left downstream and prunes at
    // once; R1 still serves R3.
    Scenario s = ScenarioFrom(std::string(kTree) + R"([membership]
model = "instant"
events = [{ at = "1075ms", client = 3, action = "leave" }]
)",
                              {"delivery.prune_lifetime=\"5s\""});
    ModeResult r = Simulate(s, "multicast/dense");
    EXPECT_EQ(r.dense.prunes, kPrunesPerFlood + 1);
    // Message 0 floods, message 1 follows the tree, then the tree without R1-R4 and its LAN.
    EXPECT_EQ(r.links.messageFrames, kFloodCopies + kTreeCopies + 10 * (kTreeCopies - 2));
    EXPECT_EQ(r.delivery.nonmemberDeliveries, 0u);
}

TEST(DenseMode, UnderIgmpRoutersGraftAndPruneWhenTheQuerierLearns)
{
    // The join and the leave above, with the igmp model: R5 learns of client 5 from its
    // report 5.62 us after the join and grafts then, long before message 2 (1.1 s); R4 drops
    // client 3's state 2 x 10 ms (robustness x last member query interval) after its Leave,
    // at 1.095 s, still before message 2. So the copies on links are those of instant; only
    // the IGMP frames come on top of them.
    const std::string igmp = "model = \"igmp\"\n";
    Scenario join = ScenarioFrom(std::string(kTree) + "[membership]\n" + igmp +
                                     "events = [{ at = \"1075ms\", client = 5, action = "
                                     "\"join\" }]\n",
                                 {"delivery.prune_lifetime=\"200ms\""});
    std::ostringstream csv;
    ModeResult r = Simulate(join, "multicast/dense", &csv);
    auto received = Received(csv.str());
    EXPECT_EQ(received[5], AllMessages(2));
    EXPECT_EQ(received[1], AllMessages());
    EXPECT_EQ(received[3], AllMessages());
    EXPECT_EQ(r.delivery.duplicates, 0u);
    EXPECT_EQ(r.dense.grafts, 2u);
    EXPECT_EQ(r.links.messageFrames, 9u + 6 + 3 * 9 + 10 + 4 * 9 + 10 + 9);
    EXPECT_GT(r.membership.controlPackets, 0u);
    EXPECT_EQ(r.links.frames,
              r.links.messageFrames + r.dense.controlPackets + r.membership.controlPackets);

    Scenario leave = ScenarioFrom(std::string(kTree) + "[membership]\n" + igmp +
                                      "events = [{ at = \"1075ms\", client = 3, action = "
                                      "\"leave\" }]\n",
                                  {"delivery.prune_lifetime=\"5s\""});
    r = Simulate(leave, "multicast/dense");
    EXPECT_EQ(r.dense.prunes, kPrunesPerFlood + 1);
    EXPECT_EQ(r.links.messageFrames, kFloodCopies + kTreeCopies + 10 * (kTreeCopies - 2));
    EXPECT_EQ(r.delivery.nonmemberDeliveries, 0u);
    EXPECT_EQ(r.membership.deliveriesAfterLeave, 0u);
}

TEST(DenseMode, RpfChecksKeepAFloodOnAGridToOneCopyPerMember)
{
    // A 3 x 3 grid of routers, one client on each, all in the group: 12 router links, 8 on
    // the shortest-path tree from R0, 4 across it. A flood puts a copy on each cross link
    // from each end; each is an RPF drop at the other end, answered by a Prune there.
    Scenario s = ScenarioFrom(R"(name = "dense-grid"
[topology]
kind = "grid"
rows = 3
columns = 3
clients = 9
core_rate = "1Gbps"
core_delay = "1ms"
[group]
members = "all"
[traffic]
messages = 12
size = 1000
interval = "50ms"
drain = "1s"
[delivery]
modes = ["multicast"]
multicast_routing = ["source-tree", "dense"]
prune_lifetime = "200ms"
)");
    ModeResult tree = Simulate(s, "multicast/source-tree");
    ModeResult dense = Simulate(s, "multicast/dense");
    uint64_t floods = Floods(kMessages, kIntervalMs, 200);
    uint64_t treeCopies = 1 + 8 + 9;
    EXPECT_EQ(tree.links.messageFrames, kMessages * treeCopies);
    EXPECT_EQ(dense.dense.rpfDrops, floods * 4 * 2);
    EXPECT_EQ(dense.dense.prunes, floods * 4 * 2);
    EXPECT_EQ(dense.links.messageFrames, kMessages * treeCopies + floods * 4 * 2);
    EXPECT_EQ(dense.delivery.deliveries, kMessages * 9);
    EXPECT_EQ(dense.delivery.duplicates, 0u);
    EXPECT_EQ(dense.hosts.ipDrops, 0u);
}

TEST(DenseMode, OtherModesOfTheScenarioRunWithoutIt)
{
    // With dense as the only variant, the runs of other modes have no group traffic to
    // route: no dense state, no control packets, and joins and leaves still apply.
    Scenario s = ScenarioFrom(std::string(kTree) + R"([membership]
model = "instant"
events = [{ at = "1075ms", client = 5, action = "join" }]
)",
                              {"delivery.modes=[\"replicated-unicast\", \"multicast\"]",
                               "delivery.multicast_routing=\"dense\""});
    ASSERT_EQ(s.Runs(), (std::vector<std::string>{"replicated-unicast", "multicast"}));
    ModeResult ru = Simulate(s, "replicated-unicast");
    EXPECT_FALSE(ru.dense.used);
    EXPECT_EQ(ru.delivery.deliveries, kMessages * 2 + (kMessages - 2));
    ModeResult mc = Simulate(s, "multicast");
    EXPECT_TRUE(mc.dense.used);
    EXPECT_EQ(mc.delivery.deliveries, kMessages * 2 + (kMessages - 2));
    EXPECT_EQ(mc.dense.grafts, 2u);
}

TEST(DenseMode, OnOneLanItIsTheLansOwnMulticast)
{
    Scenario s = ScenarioFrom(R"(name = "dense-lan"
[topology]
kind = "lan"
clients = 4
[group]
members = [1, 2]
[traffic]
messages = 5
[delivery]
modes = ["multicast"]
multicast_routing = ["source-tree", "dense"]
)");
    ModeResult tree = Simulate(s, "multicast/source-tree");
    ModeResult dense = Simulate(s, "multicast/dense");
    EXPECT_EQ(dense.links.frames, tree.links.frames);
    EXPECT_EQ(dense.delivery.deliveries, 10u);
    EXPECT_EQ(dense.hosts.nicFiltered, tree.hosts.nicFiltered);
    EXPECT_FALSE(dense.dense.used);
}

TEST(DenseMode, PruneLifetimeResolvesOnlyWithDense)
{
    Scenario dense = ScenarioFrom(kTree, {"delivery.prune_lifetime=\"250ms\""});
    EXPECT_EQ(dense.delivery.pruneLifetime, ns3::MilliSeconds(250));
    EXPECT_NE(ResolvedToml(dense).find("prune_lifetime = '250ms'"), std::string::npos);
    EXPECT_EQ(ScenarioFrom(kTree).delivery.pruneLifetime, ns3::Seconds(3));
    Scenario tree = ScenarioFrom(kTree, {"delivery.multicast_routing=\"source-tree\""});
    EXPECT_EQ(ResolvedToml(tree).find("prune_lifetime"), std::string::npos);
}

TEST(DenseMode, SameScenarioAndSeedGiveByteIdenticalResults)
{
    ScratchFolder dir;
    for (const char* out : {"a", "b"})
    {
        CommandResult r =
            RunCommand({"run", SourcePath("scenarios/dense-tree.toml"), "-q", "--no-report",
                        "--set", "traffic.messages=30", "--out", dir / out});
        ASSERT_EQ(r.status, 0) << r.err;
    }
    for (const char* name : {"summary.json", "deliveries.csv", "links.csv", "table.txt"})
    {
        EXPECT_EQ(ReadFile(dir / (std::string("a/") + name)),
                  ReadFile(dir / (std::string("b/") + name)))
            << name;
    }
    EXPECT_NE(ReadFile(dir / "a/summary.json").find("\"rpf_drops\""), std::string::npos);
}

} // namespace
} // namespace gcsim::test
