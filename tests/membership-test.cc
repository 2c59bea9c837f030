// Membership over time with the instant model: who gets which message around joins and
// leaves, what joins and leaves cost in latency, how a tree's routers prune and graft
// (link transmissions per message against closed forms), the scenario keys and their
// errors, and determinism.
#include "test-utilities.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace gcsim::test
{
namespace
{

// A binary router tree of depth 2 (R0; R1, R2; leaves R3..R6), 2 clients per leaf LAN:
// leaf l holds clients 2l + 1 and 2l + 2. Twelve messages, one every 50 ms from 1 s; every
// event falls 25 ms after a send, when no copy is in flight.
const std::string kTree = DepthTwoTree("membership") + "[group]\nmembers = [1, 3, 5, 7]\n";

constexpr int64_t kStartNs = 1000000000;
constexpr int64_t kIntervalNs = 50000000;

const int64_t kTreePath = kAccessHop + 2 * kCoreHop + kLanHop;

struct Change
{
    int64_t atNs;
    uint32_t client;
    bool join;
};

/// The [membership] table for \p changes.
std::string
MembershipToml(const std::vector<Change>& changes)
{
    std::string text = "[membership]\nmodel = \"instant\"\nevents = [\n";
    for (const auto& c : changes)
    {
        text += "  { at = \"" + std::to_string(c.atNs) +
                "ns\", client = " + std::to_string(c.client) + ", action = \"" +
                (c.join ? "join" : "leave") + "\" },\n";
    }
    return text + "]\n";
}

/// The messages (numbers) sent while \p client was a member, from \p initial and \p changes.
std::set<uint32_t>
SentWhileMember(uint32_t client, const std::vector<uint32_t>& initial,
                const std::vector<Change>& changes, uint32_t messages)
{
    std::set<uint32_t> out;
    for (uint32_t m = 0; m < messages; ++m)
    {
        int64_t send = kStartNs + m * kIntervalNs;
        bool member = std::find(initial.begin(), initial.end(), client) != initial.end();
        for (const auto& c : changes)
        {
            if (c.client == client && c.atNs <= send)
            {
                member = c.join;
            }
        }
        if (member)
        {
            out.insert(m);
        }
    }
    return out;
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

// Joins of a client on a LAN with a member (2) and on a leaf without one (8), leaves of a
// leaf's only member (3) and of a joined client (2).
const std::vector<Change> kChanges = {
    {1175000000, 2, true},
    {1275000000, 3, false},
    {1375000000, 8, true},
    {1475000000, 2, false},
};

TEST(MembershipOverTime, EachClientGetsExactlyTheMessagesSentWhileItWasAMember)
{
    Scenario s = ScenarioFrom(std::string(kTree) + MembershipToml(kChanges));
    for (const char* run : {"multicast/source-tree", "multicast/shared-tree", "multicast/flood",
                            "replicated-unicast", "overlay"})
    {
        std::ostringstream csv;
        ModeResult r = Simulate(s, run, &csv);
        auto received = Received(csv.str());
        uint64_t expected = 0;
        for (uint32_t c = 1; c <= 8; ++c)
        {
            std::set<uint32_t> want = SentWhileMember(c, {1, 3, 5, 7}, kChanges, 12);
            std::multiset<uint32_t> got = received[c];
            EXPECT_EQ(got, std::multiset<uint32_t>(want.begin(), want.end()))
                << run << " client " << c;
            expected += want.size();
        }
        // 4 members for messages 0-3, 5 for 4-5, 4 for 6-7, 5 for 8-9, 4 for 10-11.
        EXPECT_EQ(expected, 4u * 4 + 5 * 2 + 4 * 2 + 5 * 2 + 4 * 2);
        EXPECT_EQ(r.delivery.expected, expected) << run;
        EXPECT_EQ(r.delivery.deliveries, expected) << run;
        EXPECT_EQ(r.delivery.duplicates, 0u) << run;
        EXPECT_EQ(r.delivery.unwanted, 0u) << run;
        EXPECT_EQ(r.membership.joins, 2u) << run;
        EXPECT_EQ(r.membership.leaves, 2u) << run;
        EXPECT_EQ(r.membership.joinsServed, 2u) << run;
        EXPECT_EQ(r.membership.deliveriesAfterLeave, 0u) << run;
        EXPECT_EQ(r.membership.leaveLatency.max, 0) << run;
        EXPECT_EQ(r.membership.controlPackets, 0u) << run;
        EXPECT_EQ(r.membership.controlBytes, 0u) << run;
    }
}

TEST(MembershipOverTime, ReplicatedUnicastSendsOneCopyPerMemberOfTheMoment)
{
    Scenario s = ScenarioFrom(std::string(kTree) + MembershipToml(kChanges));
    ModeResult r = Simulate(s, "replicated-unicast");
    EXPECT_EQ(r.links.serverFrames, 4u * 4 + 5 * 2 + 4 * 2 + 5 * 2 + 4 * 2);
}

/// Link transmissions of one source-tree message on the depth-2 binary tree for members on
/// the leaves \p leaves: P1's link, the core links of the pruned tree, the member LANs.
uint64_t
SourceTreeFrames(const std::set<uint32_t>& leaves)
{
    std::set<uint32_t> parents;
    for (uint32_t l : leaves)
    {
        parents.insert(l / 2);
    }
    return 1 + leaves.size() + parents.size() + leaves.size();
}

TEST(MembershipOverTime, RoutersPruneALeftBranchAndGraftItBackOnAJoin)
{
    // Leaf 3's only member leaves, then leaf 2's, so R2's whole subtree goes; they come
    // back in the opposite order.
    std::vector<Change> changes = {
        {1175000000, 7, false},
        {1275000000, 5, false},
        {1375000000, 5, true},
        {1475000000, 7, true},
    };
    Scenario s = ScenarioFrom(std::string(kTree) + MembershipToml(changes));
    uint64_t all = SourceTreeFrames({0, 1, 2, 3});
    uint64_t oneLeafPruned = SourceTreeFrames({0, 1, 2});
    uint64_t subtreePruned = SourceTreeFrames({0, 1});
    EXPECT_EQ(all, 11u);
    EXPECT_EQ(oneLeafPruned, 9u); // a leaf LAN and its core link fewer
    EXPECT_EQ(subtreePruned, 6u); // and the core link to R2 with its other leaf
    uint64_t frames = 4 * all + 2 * oneLeafPruned + 2 * subtreePruned + 2 * oneLeafPruned + 2 * all;
    uint64_t deliveries = 4u * 4 + 3 * 2 + 2 * 2 + 3 * 2 + 4 * 2;
    // The shared tree's rendezvous is R0 here (the 1-median of P1 and one member per leaf),
    // so its tree is the source tree.
    for (const char* run : {"multicast/source-tree", "multicast/shared-tree"})
    {
        ModeResult r = Simulate(s, run);
        EXPECT_EQ(r.links.frames, frames) << run;
        EXPECT_EQ(r.delivery.deliveries, deliveries) << run;
        // One non-member on each member LAN filters each frame.
        EXPECT_EQ(r.hosts.nicFiltered, deliveries) << run;
        EXPECT_EQ(r.hosts.ipDrops, 0u) << run;
    }
    // The flood prunes nothing: every message crosses every link, and the non-members of
    // every leaf LAN filter it.
    ModeResult flood = Simulate(s, "multicast/flood");
    EXPECT_EQ(flood.links.frames, 12 * all);
    EXPECT_EQ(flood.delivery.deliveries, deliveries);
    EXPECT_EQ(flood.hosts.nicFiltered, 12 * 8 - deliveries);
}

TEST(MembershipOverTime, InstantJoinAddsNothingToThePathLatency)
{
    // Client 8 joins 25 ms after message 7: its first copy is message 8, one path latency
    // after P1 sent it.
    Scenario s = ScenarioFrom(std::string(kTree) + MembershipToml({{1375000000, 8, true}}));
    for (const char* run : {"multicast/source-tree", "multicast/flood", "broadcast"})
    {
        ModeResult r = Simulate(s, run);
        EXPECT_EQ(r.membership.joinsServed, 1u) << run;
        EXPECT_EQ(r.membership.joinLatency.max, kTreePath) << run;
        EXPECT_EQ(r.delivery.latency.max, kTreePath) << run;
    }
    // On one LAN: a 1024-byte frame, 85.6 us on 100 Mbit/s and 500 ns of cable.
    Scenario lan = ScenarioFrom(R"(
[topology]
kind = "lan"
clients = 4
[group]
members = [1, 2]
[traffic]
messages = 10
[membership]
events = [{ at = "1005ms", client = 3, action = "join" },
          { at = "1025ms", client = 1, action = "leave" }]
)");
    ModeResult r = Simulate(lan, "multicast");
    EXPECT_EQ(r.membership.joinLatency.max, 86100);
    EXPECT_EQ(r.membership.joinLatency.mean, 86100);
    EXPECT_EQ(r.membership.leaveLatency.max, 0);
    EXPECT_EQ(r.membership.deliveriesAfterLeave, 0u);
    // Messages 0-2 to 1 and 2, message 0 only before 3 joined; 3-9 to 2 and 3.
    EXPECT_EQ(r.delivery.deliveries, 2u + 3 + 3 + 7 * 2);
}

TEST(MembershipOverTime, ALeaveMidFlightStopsMulticastAtOnceButNotUnicastCopies)
{
    // Client 7 leaves 1 ms after message 4 left P1: the copy is then on a core link.
    const int64_t send4 = kStartNs + 4 * kIntervalNs;
    const int64_t leave = send4 + 1000000;
    Scenario s = ScenarioFrom(std::string(kTree) + MembershipToml({{leave, 7, false}}));

    // Multicast: R2 no longer forwards to leaf 3, so the copy never reaches 7's LAN.
    std::ostringstream mcCsv;
    ModeResult mc = Simulate(s, "multicast/source-tree", &mcCsv);
    EXPECT_EQ(Received(mcCsv.str())[7], (std::multiset<uint32_t>{0, 1, 2, 3}));
    EXPECT_EQ(mc.membership.deliveriesAfterLeave, 0u);
    EXPECT_EQ(mc.membership.leaveLatency.max, 0);
    EXPECT_EQ(mc.delivery.expected, 12u * 4 - 7);
    EXPECT_EQ(mc.delivery.deliveries, 12u * 4 - 8); // message 4's copy for 7 is lost with it

    // Replicated unicast: 7's own copy of message 4 is a unicast already on its way and
    // arrives after the leave; the leave latency is the rest of its path.
    std::ostringstream ruCsv;
    ModeResult ru = Simulate(s, "replicated-unicast", &ruCsv);
    EXPECT_EQ(Received(ruCsv.str())[7], (std::multiset<uint32_t>{0, 1, 2, 3, 4}));
    int64_t recv = -1;
    auto rows = ReadCsv(ruCsv.str());
    for (std::size_t i = 1; i < rows.size(); ++i)
    {
        if (rows[i][1] == "4" && rows[i][2] == "7")
        {
            recv = std::stoll(rows[i][7]);
        }
    }
    ASSERT_GT(recv, leave);
    // Copy 4 of 4 leaves P1 after three copies ahead of it on P1's link.
    EXPECT_EQ(recv - send4, 4 * TxNs(1030, 100000000) + 500 + 2 * kCoreHop + kLanHop);
    EXPECT_EQ(ru.membership.deliveriesAfterLeave, 1u);
    EXPECT_EQ(ru.membership.leaveLatency.max, recv - leave);
}

TEST(MembershipOverTime, ASnoopingSwitchFollowsJoinsAndLeaves)
{
    // Multicast on a star: P1's cable, then one frame per member port.
    Scenario s = ScenarioFrom(R"(
[topology]
kind = "star"
clients = 4
[group]
members = [1]
[traffic]
messages = 10
[membership]
events = [{ at = "1025ms", client = 2, action = "join" },
          { at = "1065ms", client = 1, action = "leave" }]
)");
    ModeResult r = Simulate(s, "multicast");
    EXPECT_EQ(r.links.frames, 3u * 2 + 4 * 3 + 3 * 2);
    EXPECT_EQ(r.delivery.deliveries, 3u + 4 * 2 + 3);
    EXPECT_EQ(r.hosts.nicFiltered, 0u);
}

TEST(MembershipOverTime, ChurnIsSeededAndFlipsMembership)
{
    std::string base = std::string(kTree) + "[membership]\nchurn = { rate = \"40/s\" }\n";
    Scenario a = ScenarioFrom(base);
    Scenario b = ScenarioFrom(base);
    Scenario c = ScenarioFrom(base, {"membership.churn.seed=2"});
    ASSERT_GT(a.membership.schedule.size(), 5u);
    auto same = [](const Scenario& x, const Scenario& y)
    {
        if (x.membership.schedule.size() != y.membership.schedule.size())
        {
            return false;
        }
        for (std::size_t i = 0; i < x.membership.schedule.size(); ++i)
        {
            const auto& p = x.membership.schedule[i];
            const auto& q = y.membership.schedule[i];
            if (p.at != q.at || p.client != q.client || p.join != q.join)
            {
                return false;
            }
        }
        return true;
    };
    EXPECT_TRUE(same(a, b));
    EXPECT_FALSE(same(a, c));
    // Every generated event flips its client, inside [traffic.start, last send).
    std::vector<bool> member(9, false);
    for (uint32_t m : a.group.members)
    {
        member[m] = true;
    }
    for (const auto& e : a.membership.schedule)
    {
        EXPECT_NE(member[e.client], e.join);
        member[e.client] = e.join;
        EXPECT_GE(e.at.GetNanoSeconds(), kStartNs);
        EXPECT_LT(e.at.GetNanoSeconds(), kStartNs + 12 * kIntervalNs);
    }
    // The resolved scenario reads back to the same timeline.
    Scenario again = ScenarioFrom(ResolvedToml(a));
    EXPECT_TRUE(same(a, again));
    EXPECT_EQ(ResolvedToml(again), ResolvedToml(a));
}

TEST(MembershipOverTime, SameScenarioAndSeedGiveByteIdenticalResults)
{
    ScratchFolder dir;
    std::string file = dir / "churn.toml";
    WriteFile(file, std::string(kTree) + MembershipToml(kChanges) +
                        "churn = { rate = \"30/s\", seed = 5, clients = [4, 6] }\n" +
                        "[delivery]\nmodes = [\"replicated-unicast\", \"multicast\", "
                        "\"overlay\"]\nmulticast_routing = [\"source-tree\", \"flood\"]\n");
    for (const char* out : {"a", "b"})
    {
        CommandResult r = RunCommand({"run", file, "-q", "--no-report", "--out", dir / out});
        ASSERT_EQ(r.status, 0) << r.err;
    }
    for (const char* name :
         {"summary.json", "deliveries.csv", "links.csv", "scenario.toml", "membership.csv"})
    {
        std::string a = ReadFile(dir / (std::string("a/") + name));
        EXPECT_FALSE(a.empty()) << name;
        EXPECT_EQ(a, ReadFile(dir / (std::string("b/") + name))) << name;
    }
    auto summary = nlohmann::ordered_json::parse(ReadFile(dir / "a/summary.json"));
    // membership.csv lists each join and leave the runs applied, once.
    std::istringstream timeline(ReadFile(dir / "a/membership.csv"));
    std::string row;
    std::getline(timeline, row);
    EXPECT_EQ(row, "time_s,client,action");
    int joins = 0;
    int leaves = 0;
    while (std::getline(timeline, row))
    {
        joins += row.size() > 5 && row.compare(row.size() - 5, 5, ",join") == 0;
        leaves += row.size() > 6 && row.compare(row.size() - 6, 6, ",leave") == 0;
    }
    EXPECT_EQ(joins, summary["modes"]["multicast/source-tree"]["membership"]["joins"].get<int>());
    EXPECT_EQ(leaves, summary["modes"]["multicast/source-tree"]["membership"]["leaves"].get<int>());
    for (const char* run : {"replicated-unicast", "multicast/source-tree", "multicast/flood"})
    {
        const auto& m = summary["modes"][run]["membership"];
        EXPECT_EQ(m["model"], "instant") << run;
        EXPECT_EQ(m["control_packets"], 0) << run;
        EXPECT_EQ(m["control_bytes"], 0) << run;
        EXPECT_GT(m["joins"].get<int>(), 2) << run;
    }
}

TEST(MembershipOverTime, ScenariosWithoutMembershipResolveAsBefore)
{
    Scenario s = ScenarioFrom(kTree);
    EXPECT_FALSE(s.membership.given);
    EXPECT_EQ(ResolvedToml(s).find("[membership"), std::string::npos);
}

TEST(MembershipOverTime, AnEventGivenWithSetIsBlamedOnTheOverride)
{
    ScratchFolder dir;
    std::string file = dir / "scenario.toml";
    WriteFile(file, kTree);
    std::string set = "membership.events=[{ at = \"1s\", client = 40, action = \"join\" }]";
    CommandResult r = RunCommand({"run", file, "--set", set, "--out", dir / "results"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("--set " + set +
                         ": membership.events[0].client: client 40 is not in "
                         "the network"),
              std::string::npos)
        << r.err;
}

struct BadCase
{
    const char* title;
    std::string membership;           //!< appended to the tree scenario (line 18 on)
    std::vector<std::string> mustSay; //!< "@" = the file
};

void
PrintTo(const BadCase& c, std::ostream* os)
{
    *os << c.title;
}

class BadMembership : public ::testing::TestWithParam<BadCase>
{
};

TEST_P(BadMembership, ExitsWithTwoNamingFileLineAndKey)
{
    const BadCase& c = GetParam();
    ScratchFolder dir;
    std::string file = dir / "scenario.toml";
    WriteFile(file, std::string(kTree) + c.membership);
    CommandResult r = RunCommand({"run", file, "--out", dir / "results"});
    EXPECT_EQ(r.status, 2) << r.err;
    for (std::string say : c.mustSay)
    {
        if (say.rfind("@", 0) == 0)
        {
            say = file + say.substr(1);
        }
        EXPECT_NE(r.err.find(say), std::string::npos) << "expected '" << say << "' in: " << r.err;
    }
    EXPECT_EQ(dir.Entries(), std::vector<std::string>{file}) << "something was written";
}

INSTANTIATE_TEST_SUITE_P(
    Scenarios, BadMembership,
    ::testing::Values(
        BadCase{"ChurnRateBeyondAnyInteger",
                "[membership]\nchurn = { rate = \"4e120/s\" }\n",
                {"@:19:", "membership.churn.rate", "about 2.4e+120 events", "at most 1000000"}},
        BadCase{
            "UnknownClient",
            "[membership]\nevents = [\n { at = \"2s\", client = 9, action = \"join\" }]\n",
            {"@:20:", "membership.events[0].client", "client 9 is not in the network", "1 to 8"}},
        BadCase{"UnknownAction",
                "[membership]\nevents = [\n { at = \"2s\", client = 2, action = \"jion\" }]\n",
                {"@:20:", "membership.events[0].action", "did you mean 'join'", "join, leave"}},
        BadCase{"NegativeTime",
                "[membership]\nevents = [\n { at = \"-1s\", client = 2, action = \"join\" }]\n",
                {"@:20:", "membership.events[0].at", "must not be negative"}},
        BadCase{"UnparsableTime",
                "[membership]\nevents = [\n { at = \"soon\", client = 2, action = \"join\" }]\n",
                {"@:20:", "membership.events[0].at", "cannot read 'soon'"}},
        BadCase{"EventAfterTheRun",
                "[membership]\nevents = [\n { at = \"1s\", client = 2, action = \"join\" },\n"
                " { at = \"3s\", client = 2, action = \"leave\" }]\n",
                {"@:21:", "membership.events[1].at", "the run ends at 2.6s"}},
        BadCase{"JoinOfAMember",
                "[membership]\nevents = [\n { at = \"1.1s\", client = 3, action = \"join\" }]\n",
                {"@:20:", "membership.events[0].action", "client 3 is already in the group"}},
        BadCase{"LeaveOfANonMember",
                "[membership]\nevents = [\n { at = \"1.1s\", client = 4, action = \"leave\" }]\n",
                {"@:20:", "membership.events[0].action", "client 4 is not in the group at 1.1s"}},
        BadCase{"UnknownEventKey",
                "[membership]\nevents = [\n { at = \"1s\", clinet = 2, action = \"join\" }]\n",
                {"@:20:", "membership.events[0].clinet", "did you mean 'client'"}},
        BadCase{"UnknownModel",
                "[membership]\nmodel = \"pim\"\n",
                {"@:19:", "membership.model", "accepted: instant, igmp"}},
        BadCase{"UnknownMembershipKey",
                "[membership]\nevent = []\n",
                {"@:19:", "membership.event", "did you mean 'membership.events'"}},
        BadCase{"UnreadableChurnRate",
                "[membership]\nchurn = { rate = \"often\" }\n",
                {"@:19:", "membership.churn.rate", "cannot read 'often'", "/s"}},
        BadCase{"ChurnPastTheRun",
                "[membership]\nchurn = { rate = \"2/s\", stop = \"9s\" }\n",
                {"@:19:", "membership.churn.stop", "the run ends at 2.6s"}},
        BadCase{"ChurnClientOutsideTheNetwork",
                "[membership]\nchurn = { rate = \"2/s\", clients = [1, 12] }\n",
                {"@:19:", "membership.churn.clients", "12 is out of range"}}));

} // namespace
} // namespace gcsim::test
