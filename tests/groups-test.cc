// Many groups, many senders: the routers' forwarding state per routing variant on a ring
// small enough to count by hand, the closed forms with "same" placement, G = 1 as before,
// seeded draws, and the extra groups' traffic on the links.
#include "test-utilities.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace gcsim::test
{
namespace
{

/**
 * Eight routers in a ring, one client on each (client c on R(c-1)), P1 on R0; the group is
 * clients 3 and 4 (R2, R3):
 *
 *        P1
 *         |
 *   R7 -- R0 -- R1 -- R2 -- R3 -- R4
 *    \                |C3   |C4   /
 *     R6 ---------- R5 --------- (ring)
 */
std::string
Ring(const std::string& group)
{
    return R"(name = "groups"
[topology]
kind = "ring"
routers = 8
clients = 8
[group]
members = [3, 4]
)" + group +
           R"(
[traffic]
messages = 2
size = 1000
[delivery]
modes = ["multicast"]
multicast_routing = ["source-tree", "shared-tree", "flood", "dense"]
)";
}

/// The forwarding state of run \p label of \p s: per router (R0..R7), entries and interfaces.
ns3::gcsim::ForwardingState
StateOf(const Scenario& s, const std::string& label)
{
    ModeResult r = Simulate(s, label);
    EXPECT_TRUE(r.forwarding) << label;
    return r.forwarding ? *r.forwarding : ns3::gcsim::ForwardingState{};
}

using Counts = std::vector<uint64_t>;

// Three groups with the same members, each sent to by P1 and both members. Source trees:
// P1's tree is R0 R1 R2 R3 (R2 also onto C3's LAN), client 3's is R2 R3, client 4's R3 R2;
// each is an (S,G) entry on each of its routers: R0 and R1 hold 1 per group, R2 and R3 3.
// The shared tree's rendezvous is R2 (hop sums to P1 and the members: R2 6, R1 and R3 7);
// every sender's packets cross R0..R3 at most, one (*,G) entry each per group, its
// interfaces the union of the senders' (R2: C3's LAN and R3; R3: C4's LAN and R2). A flood
// holds nothing per group; dense mode's flood leaves (S,G) state for 3 sources on all 8
// routers.
TEST(Groups, RingStateIsCountedAsEachProtocolHoldsIt)
{
    Scenario s = ScenarioFrom(Ring("count = 3\nplacement = \"same\"\nsenders_per_group = 3"));
    ASSERT_EQ(s.groups.all.size(), 3u);
    EXPECT_EQ(s.groups.all[2].senders, (std::vector<uint32_t>{3, 4}));

    auto source = StateOf(s, "multicast/source-tree");
    EXPECT_EQ(source.entries, (Counts{3, 3, 9, 9, 0, 0, 0, 0}));
    EXPECT_EQ(source.interfaces, (Counts{3, 3, 12, 9, 0, 0, 0, 0}));
    ASSERT_EQ(source.groups.size(), 3u);
    EXPECT_EQ(source.groups[1].routers, 4u);
    EXPECT_EQ(source.groups[1].entries, 4u + 2u + 2u);
    EXPECT_EQ(source.groups[1].interfaces, 5u + 2u + 2u);

    auto shared = StateOf(s, "multicast/shared-tree");
    EXPECT_EQ(shared.entries, (Counts{3, 3, 3, 3, 0, 0, 0, 0}));
    EXPECT_EQ(shared.interfaces, (Counts{3, 3, 6, 6, 0, 0, 0, 0}));

    auto flood = StateOf(s, "multicast/flood");
    EXPECT_EQ(flood.Sum().entries, 0u);
    EXPECT_EQ(flood.Sum().routersWithState, 0u);

    auto dense = StateOf(s, "multicast/dense");
    EXPECT_EQ(dense.entries, Counts(8, 9));
    EXPECT_EQ(dense.Sum().routersWithState, 8u);
}

// With "same" placement the state has closed forms: source trees G x (sum over senders of the
// routers on the sender's tree), here G x (4 + 2 (S - 1)); the shared tree G x (routers on
// it), here G x 4 whatever the senders; dense mode G x S x 8. The most one router holds: G x
// S on the source trees (R2 and R3 are on every tree), G on the shared tree.
TEST(Groups, StateGrowsAsItsClosedFormWithGroupsAndSenders)
{
    for (uint32_t g : {1u, 2u, 5u})
    {
        for (uint32_t senders : {1u, 2u, 3u})
        {
            SCOPED_TRACE("G " + std::to_string(g) + ", S " + std::to_string(senders));
            Scenario s = ScenarioFrom(
                Ring("count = " + std::to_string(g) +
                     "\nplacement = \"same\"\nsenders_per_group = " + std::to_string(senders)),
                {"output.forwarding_state=true"});
            auto source = StateOf(s, "multicast/source-tree").Sum();
            EXPECT_EQ(source.entries, g * (4 + 2 * (senders - 1)));
            EXPECT_EQ(source.entriesMax, g * senders);
            auto shared = StateOf(s, "multicast/shared-tree").Sum();
            EXPECT_EQ(shared.entries, g * 4);
            EXPECT_EQ(shared.entriesMax, g);
            EXPECT_EQ(StateOf(s, "multicast/dense").Sum().entries, g * senders * 8);
        }
    }
}

/// \p scenario's run folder, by the command: summary.json's modes less the groups' objects,
/// and the other files.
struct RunFiles
{
    nlohmann::json modes;
    std::string deliveries;
    std::string links;
    std::string table;
};

RunFiles
RunFolder(const std::string& scenario)
{
    ScratchFolder dir;
    std::string file = dir / "scenario.toml";
    WriteFile(file, scenario);
    CommandResult r =
        RunCommand({"run", file, "--out", dir / "out", "-q", "--no-report", "--no-plots"});
    EXPECT_EQ(r.status, 0) << r.err;
    RunFiles files;
    files.modes = nlohmann::json::parse(ReadFile(dir / "out/summary.json"))["modes"];
    for (auto& [mode, figures] : files.modes.items())
    {
        figures.erase("groups");
        figures.erase("forwarding_state");
    }
    files.deliveries = ReadFile(dir / "out/deliveries.csv");
    files.links = ReadFile(dir / "out/links.csv");
    files.table = ReadFile(dir / "out/table.txt");
    return files;
}

// One group is the scenario as it always ran: `count = 1` and counting the forwarding state
// change none of its figures, deliveries or frames (the table only gains rows).
TEST(Groups, OneGroupRunsAsBefore)
{
    std::string tree = DepthTwoTree("one-group") +
                       "[group]\nmembers = [1, 4, 6]\n%s[delivery]\nmodes = [\"multicast\"]\n"
                       "multicast_routing = [\"source-tree\", \"shared-tree\", \"dense\"]\n";
    auto with = [&tree](const std::string& lines)
    {
        std::string text = tree;
        return text.replace(text.find("%s"), 2, lines);
    };
    RunFiles before = RunFolder(with(""));
    RunFiles counted = RunFolder(with("count = 1\nsenders_per_group = 1\n") +
                                 "[output]\nforwarding_state = true\n");
    EXPECT_EQ(counted.modes, before.modes);
    EXPECT_EQ(counted.deliveries, before.deliveries);
    EXPECT_EQ(counted.links, before.links);
    EXPECT_EQ(before.table.find("forwarding entries"), std::string::npos);
    EXPECT_NE(counted.table.find("forwarding entries"), std::string::npos);
}

// Groups 2..G and their senders are drawn from the run's seed: the same seed draws the same
// groups, another repetition others; group k's address is group.address + k - 1.
TEST(Groups, TheSameSeedDrawsTheSameGroups)
{
    std::string text = R"(name = "drawn"
[topology]
kind = "grid"
rows = 4
columns = 4
clients = 32
[group]
address = "239.1.2.250"
members = 6
count = 20
senders_per_group = 3
[traffic]
messages = 1
[delivery]
modes = ["multicast"]
)";
    auto groups = [](const Scenario& s)
    {
        std::vector<std::vector<uint32_t>> drawn;
        for (const auto& g : s.groups.all)
        {
            drawn.push_back(g.members);
            drawn.push_back(g.senders);
        }
        return drawn;
    };
    Scenario a = ScenarioFrom(text);
    Scenario b = ScenarioFrom(text);
    Scenario other = ScenarioFrom(text, {"run=2"});
    EXPECT_EQ(groups(a), groups(b));
    EXPECT_NE(groups(a), groups(other));
    ASSERT_EQ(a.groups.all.size(), 20u);
    EXPECT_EQ(a.groups.all[0].members, a.group.members);
    EXPECT_EQ(a.groups.all[19].address, ns3::Ipv4Address("239.1.3.13"));
    for (const auto& g : a.groups.all)
    {
        EXPECT_EQ(g.members.size(), 6u);
        ASSERT_EQ(g.senders.size(), 2u);
        for (uint32_t sender : g.senders)
        {
            EXPECT_TRUE(std::binary_search(g.members.begin(), g.members.end(), sender));
        }
    }
    EXPECT_NE(a.groups.all[1].members, a.groups.all[2].members);
}

// The other groups' packets travel: with "same" placement every group's tree is group 1's, so
// G groups put G times the frames on the links (6 per message and group: P1's link, R0-R1,
// R1-R2, R2-R3 and the two member LANs) and every member gets every group's messages. Group
// 1's own figures stay its own.
TEST(Groups, TheOtherGroupsPacketsLoadTheLinks)
{
    auto run = [](uint32_t g)
    {
        Scenario s = ScenarioFrom(Ring("count = " + std::to_string(g) + "\nplacement = \"same\""),
                                  {"delivery.multicast_routing=source-tree"});
        return Simulate(s, "multicast");
    };
    ModeResult one = run(1);
    ModeResult four = run(4);
    EXPECT_EQ(one.links.frames, 2u * 6u);
    EXPECT_EQ(four.links.frames, 4u * one.links.frames);
    EXPECT_EQ(four.links.messageFrames, one.links.messageFrames);
    EXPECT_EQ(four.delivery.deliveries, one.delivery.deliveries);
    EXPECT_EQ(four.links.stressMax, 1u);
    ASSERT_EQ(four.groups.groups.size(), 4u);
    for (const auto& g : four.groups.groups)
    {
        EXPECT_EQ(g.messages, 2u);
        EXPECT_EQ(g.expected, 4u);
        EXPECT_EQ(g.deliveries, 4u);
        EXPECT_EQ(g.duplicates, 0u);
    }
}

// On one LAN the other groups need no routers: their frames reach the members (and the
// non-members' NICs filter them), and nobody holds forwarding state.
TEST(Groups, OnALanTheGroupsNeedNoState)
{
    Scenario s = ScenarioFrom(R"(name = "lan-groups"
[topology]
kind = "lan"
clients = 6
[group]
members = 3
count = 3
senders_per_group = 2
[traffic]
messages = 2
[delivery]
modes = ["multicast"]
)");
    ModeResult r = Simulate(s, "multicast");
    ASSERT_TRUE(r.forwarding);
    EXPECT_EQ(r.forwarding->Sum().entries, 0u);
    uint64_t expected = 0, deliveries = 0;
    for (const auto& g : r.groups.groups)
    {
        expected += g.expected;
        deliveries += g.deliveries;
    }
    // Per group: P1's 2 messages to 3 members, a member's 2 to the other 2.
    EXPECT_EQ(expected, 3u * (2 * 3 + 2 * 2));
    EXPECT_EQ(deliveries, expected);
    // One frame per message, group and sender.
    EXPECT_EQ(r.links.frames, 3u * 2u * 2u);
}

} // namespace
} // namespace gcsim::test
