// On a complete k-ary router tree (P1 on its own link to the root, a client LAN per leaf):
// link transmissions per message and latencies against closed forms, exactly; the
// multicast routing variants; overlay relays.
#include "scratch/gcsim/report/theory.h"
#include "test-utilities.h"

#include <cmath>
#include <set>

namespace gcsim::test
{
namespace
{

constexpr int64_t kSize = 1000; // UDP payload bytes
constexpr int64_t kAccessBps = 100000000;
constexpr int64_t kAccessDelay = 500; // ns

// Per-hop times of a 1000-byte datagram: kAccessHop, kCoreHop and kLanHop (test-utilities.h).

struct Tree
{
    uint32_t k;
    uint32_t h;
    uint32_t Leaves() const
    {
        return static_cast<uint32_t>(std::pow(k, h));
    }
    uint32_t Routers() const
    {
        return (static_cast<uint32_t>(std::pow(k, h + 1)) - 1) / (k - 1);
    }
    /// A scenario with 2 clients per leaf LAN and the given members.
    Scenario Make(const std::string& members, const std::vector<std::string>& more = {}) const
    {
        std::vector<std::string> overrides = {"topology.fanout=" + std::to_string(k),
                                              "topology.depth=" + std::to_string(h),
                                              "group.members=" + members};
        overrides.insert(overrides.end(), more.begin(), more.end());
        return ScenarioFrom(R"(
[topology]
kind = "tree"
clients_per_leaf = 2
data_rate = "100Mbps"
delay = "500ns"
core_rate = "1Gbps"
core_delay = "1ms"
[traffic]
messages = 5
size = 1000
interval = "50ms"
)",
                            overrides);
    }
    /// One member per leaf: the first client of each leaf LAN.
    std::string OnePerLeaf() const
    {
        std::string list = "[";
        for (uint32_t leaf = 0; leaf < Leaves(); ++leaf)
        {
            list += (leaf ? ", " : "") + std::to_string(2 * leaf + 1);
        }
        return list + "]";
    }
};

class TreeClosedForms : public ::testing::TestWithParam<Tree>
{
};

TEST_P(TreeClosedForms, LinkTransmissionsPerMessageWithOneMemberPerLeaf)
{
    const Tree t = GetParam();
    Scenario s = t.Make(t.OnePerLeaf());
    uint64_t g = t.Leaves();
    uint64_t coreLinks = t.Routers() - 1; // = k (N - 1) / (k - 1) for N = k^h leaves
    ASSERT_EQ(coreLinks * (t.k - 1), uint64_t(t.k) * (t.Leaves() - 1));

    // Replicated unicast: each copy crosses P1's link, h core links and its leaf LAN.
    ModeResult ru = Simulate(s, "replicated-unicast");
    EXPECT_EQ(ru.links.frames, 5 * g * (t.h + 2));
    // Core links alone: N x h, the closed form of the literature; summary.json's
    // core_link_transmissions counts them apart from the access links (P1's and the LANs).
    EXPECT_EQ(ru.links.frames - 5 * 2 * g, 5 * g * t.h);
    EXPECT_EQ(ru.links.coreFrames, 5 * g * t.h);

    // A source tree and a flood both cover the whole tree when every leaf has a member:
    // P1's link, k (N - 1) / (k - 1) core links, N leaf LANs.
    for (const char* variant : {"source-tree", "flood"})
    {
        Scenario v = t.Make(t.OnePerLeaf(), {std::string("delivery.multicast_routing=") + variant});
        ModeResult mc = Simulate(v, "multicast");
        EXPECT_EQ(mc.links.frames, 5 * (1 + coreLinks + g)) << variant;
        EXPECT_EQ(mc.links.coreFrames, 5 * coreLinks) << variant;
        EXPECT_EQ(mc.delivery.deliveries, 5 * g) << variant;
        EXPECT_EQ(mc.delivery.duplicates, 0u) << variant;
    }
    // Broadcast is the same flood, of the network-wide group.
    ModeResult bc = Simulate(s, "broadcast");
    EXPECT_EQ(bc.links.frames, 5 * (1 + coreLinks + g));
    EXPECT_EQ(bc.delivery.deliveries, 5 * 2 * g);
    // Unicast: one path.
    ModeResult uc = Simulate(s, "unicast");
    EXPECT_EQ(uc.links.frames, 5u * (t.h + 2));
    EXPECT_EQ(uc.links.coreFrames, 5u * t.h);
}

TEST_P(TreeClosedForms, LatenciesAreStoreAndForwardSums)
{
    const Tree t = GetParam();
    Scenario s = t.Make(t.OnePerLeaf());
    int64_t path = kAccessHop + t.h * kCoreHop + kLanHop;
    for (const char* mode : {"unicast", "multicast", "broadcast"})
    {
        ModeResult r = Simulate(s, mode);
        EXPECT_EQ(r.delivery.latency.p50, path) << mode;
        EXPECT_EQ(r.delivery.latency.max, path) << mode;
        EXPECT_NEAR(r.delivery.stretchMax, 1.0, 1e-12) << mode;
        EXPECT_EQ(r.delivery.hops.max, int64_t(t.h) + 2) << mode;
    }
    // Replicated unicast: the g-th copy leaves P1 after g access-link transmissions; the
    // core links are ten times faster, so it never queues again.
    ModeResult ru = Simulate(s, "replicated-unicast");
    int64_t g = t.Leaves();
    EXPECT_EQ(ru.delivery.latency.max,
              g * TxNs(kSize + 30, kAccessBps) + kAccessDelay + t.h * kCoreHop + kLanHop);
}

TEST_P(TreeClosedForms, TheTablesClosedFormsAgreeWithHalfTheClientsInTheGroup)
{
    // Members drawn by the seed: several on some leaf LANs, none on others.
    const Tree t = GetParam();
    Scenario s = t.Make("0.5", {"delivery.multicast_routing=[\"source-tree\", \"flood\", "
                                "\"shared-tree\", \"dense\"]",
                                "delivery.prune_lifetime=\"120ms\""});
    std::vector<ModeResult> results;
    for (const char* label :
         {"unicast", "replicated-unicast", "multicast/source-tree", "multicast/flood",
          "multicast/shared-tree", "multicast/dense", "broadcast"})
    {
        results.push_back(Simulate(s, label));
    }
    auto checks = ClosedFormChecks(s, results);
    EXPECT_GE(checks.size(), 7u * 5);
    std::set<std::string> figures;
    for (const auto& c : checks)
    {
        figures.insert(c.mode + " " + c.figure);
    }
    EXPECT_TRUE(figures.count("multicast/shared-tree stretch max"));
    // Five messages 50 ms apart, prunes held 120 ms: dense mode floods at messages 0 and 3
    // (where a leaf has no member; with members everywhere nothing is pruned).
    auto prunes =
        std::find_if(checks.begin(), checks.end(),
                     [](const ClosedFormCheck& c) { return c.figure == "prunes / grafts"; });
    ASSERT_EQ(prunes != checks.end(), results[5].dense.prunes > 0);
    if (prunes != checks.end())
    {
        EXPECT_EQ(prunes->formula.rfind("floods x pruned links = 2 x ", 0), 0u) << prunes->formula;
    }
    for (const auto& c : checks)
    {
        EXPECT_TRUE(c.agrees) << c.mode << " " << c.figure << ": " << c.predicted << " vs "
                              << c.simulated << " (" << c.formula << ")";
    }
}

INSTANTIATE_TEST_SUITE_P(Shapes, TreeClosedForms,
                         ::testing::Values(Tree{2, 2}, Tree{2, 3}, Tree{3, 2}, Tree{4, 1}),
                         [](const ::testing::TestParamInfo<Tree>& p) {
                             return "k" + std::to_string(p.param.k) + "h" +
                                    std::to_string(p.param.h);
                         });

TEST(TreeRouting, ASourceTreePrunesBranchesWithoutMembersAFloodDoesNot)
{
    Tree t{2, 3}; // 8 leaves, 15 routers
    // Members under the first two leaves only: R7 and R8, both below R3 below R1.
    Scenario s = t.Make("[1, 3]");
    ModeResult st = Simulate(s, "multicast");
    // P1's link, R0-R1, R1-R3, R3-R7, R3-R8, and the LANs of R7 and R8.
    EXPECT_EQ(st.links.frames, 5u * (1 + 4 + 2));
    EXPECT_EQ(st.links.frames - st.links.serverFrames, 5u * 6);
    ModeResult flood =
        Simulate(t.Make("[1, 3]", {"delivery.multicast_routing=\"flood\""}), "multicast");
    EXPECT_EQ(flood.links.frames, 5u * (1 + 14 + 8));
    EXPECT_EQ(flood.delivery.deliveries, st.delivery.deliveries);
    // The flood's extra frames reach LANs without members: their NICs filter them.
    EXPECT_EQ(flood.hosts.nicFiltered, 5u * (16 - 2));
    EXPECT_EQ(st.hosts.nicFiltered, 5u * 2); // the members' LAN neighbours
}

TEST(TreeRouting, SharedTreeStretchIsOneWhenTheRendezvousPointIsOnEveryPath)
{
    Tree t{2, 2};
    // R0, the root, lies on every path from P1; the 1-median rule also picks it.
    for (const char* rp : {"delivery.rendezvous=0", "delivery.multicast_routing=\"shared-tree\""})
    {
        Scenario s = t.Make(t.OnePerLeaf(), {"delivery.multicast_routing=\"shared-tree\"", rp});
        ModeResult r = Simulate(s, "multicast");
        EXPECT_EQ(r.delivery.deliveries, 5u * 4);
        EXPECT_NEAR(r.delivery.stretchMean, 1.0, 1e-12) << rp;
        EXPECT_NEAR(r.delivery.stretchMax, 1.0, 1e-12) << rp;
    }
    // R3, a leaf router: P1's traffic climbs down to R3 and back up, so every other member
    // waits longer than its shortest path.
    Scenario leafRp = t.Make(
        t.OnePerLeaf(), {"delivery.multicast_routing=\"shared-tree\"", "delivery.rendezvous=3"});
    ModeResult r = Simulate(leafRp, "multicast");
    EXPECT_EQ(r.delivery.deliveries, 5u * 4);
    EXPECT_EQ(r.delivery.duplicates, 0u);
    EXPECT_GT(r.delivery.stretchMean, 1.0);
    EXPECT_GT(r.delivery.stretchMax, 2.0);
    EXPECT_EQ(r.links.stressMax, 2u); // R0-R1 and R1-R3 carry the message both ways
}

TEST(TreeRouting, OverlayMembersRelayAlongAProximityTree)
{
    Tree t{2, 2};
    Scenario s = t.Make(t.OnePerLeaf(), {"delivery.overlay_fanout=2"});
    ModeResult r = Simulate(s, "overlay");
    EXPECT_EQ(r.delivery.deliveries, 5u * 4);
    EXPECT_EQ(r.delivery.duplicates, 0u);
    EXPECT_EQ(r.links.serverFrames, 5u * 2); // P1 sends to its two children only
    // Members 1 and 3 are P1's children; 5 and 7 hang under member 1, so their copies
    // travel P1 -> 1 -> 5: longer than a direct path.
    EXPECT_GT(r.delivery.stretchMax, 1.5);
    EXPECT_NEAR(r.delivery.stretchMean, (1.0 + 1.0 + r.delivery.stretchMax * 2) / 4, 0.2);
}

} // namespace
} // namespace gcsim::test
