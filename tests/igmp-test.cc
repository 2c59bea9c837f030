// The igmp membership model: IGMPv2 messages on the wire and what the querier's state does
// to routes, P1's directory and a snooping switch. Join and leave windows against closed
// forms from the frames' hop times, control packets of a quiet network counted, the
// exactly-once invariants, run labels with both models, the [membership] timer keys and
// their errors, determinism.
#include "models/membership/membership-model.h"
#include "models/network/routing-graph.h"
#include "test-utilities.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace gcsim::test
{
namespace
{

// The tree of membership-test.cc: binary, depth 2 (R0; R1, R2; leaves R3..R6), leaf l holds
// clients 2l + 1 and 2l + 2. Twelve messages, one every 50 ms from 1 s; the run ends at 2.6 s.
const std::string kTree = DepthTwoTree("igmp");

constexpr int64_t kStartNs = 1000000000;
constexpr int64_t kIntervalNs = 50000000;

int64_t
SendNs(int64_t message)
{
    return kStartNs + message * kIntervalNs;
}

const int64_t kTreePath = kAccessHop + 2 * kCoreHop + kLanHop;
// From P1 to a leaf router.
const int64_t kToLeafRouter = kAccessHop + 2 * kCoreHop;
// An IGMP message (IPv4 20 + IGMP 8 bytes) in a 64-byte frame on a 100 Mbit/s LAN: the
// report's (or leave's) way to the querier. It is the model's join latency on a LAN.
const int64_t kIgmpLanHop = TxNs(64, 100000000) + 500;
// Replicated unicast, copy k of a message: k copies on P1's link, then the rest of the path.
int64_t
UnicastCopyNs(int64_t k)
{
    return k * TxNs(1030, 100000000) + 500 + 2 * kCoreHop + kLanHop;
}

std::string
Events(const std::vector<std::tuple<int64_t, uint32_t, bool>>& events)
{
    std::string text = "events = [\n";
    for (const auto& [at, client, join] : events)
    {
        text += "  { at = \"" + std::to_string(at) + "ns\", client = " + std::to_string(client) +
                ", action = \"" + (join ? "join" : "leave") + "\" },\n";
    }
    return text + "]\n";
}

std::string
Tree(const std::string& members, const std::string& membership)
{
    return std::string(kTree) + "[group]\nmembers = " + members + "\n[membership]\n" + membership;
}

/// Per receiver, the message numbers of the deliveries.csv rows of \p csv.
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
Range(uint32_t from, uint32_t to)
{
    std::multiset<uint32_t> out;
    for (uint32_t m = from; m < to; ++m)
    {
        out.insert(m);
    }
    return out;
}

TEST(Igmp, AJoinReachesP1sDirectoryOneReportHopLater)
{
    // Client 8 joins a leaf with no member 3 us before message 4 is sent, client 6 a leaf
    // with one 6 us before message 7: P1 knows of a join when the report reaches the leaf
    // router, 5.62 us after it, and sends to the client from its next message on.
    ASSERT_EQ(kIgmpLanHop, 5620);
    Scenario s = ScenarioFrom(
        Tree("[1, 3, 5]", "model = \"igmp\"\n" +
                              Events({{SendNs(4) - 3000, 8, true}, {SendNs(7) - 6000, 6, true}})));
    std::ostringstream csv;
    ModeResult r = Simulate(s, "replicated-unicast", &csv);
    auto received = Received(csv.str());
    EXPECT_EQ(received[8], Range(5, 12)); // message 4 left P1 before the report arrived
    EXPECT_EQ(received[6], Range(7, 12));
    // Message 4 counted client 8 (a member by then) as a destination and missed it.
    EXPECT_EQ(r.delivery.expected, 3u * 12 + 8 + 5);
    EXPECT_EQ(r.delivery.deliveries, 3u * 12 + 7 + 5);
    EXPECT_EQ(r.delivery.duplicates, 0u);
    EXPECT_EQ(r.delivery.nonmemberDeliveries, 0u);
    // Join latency: client 8 waits for message 5, its 4th copy (members 1, 3, 5, 8).
    EXPECT_EQ(r.membership.joinsServed, 2u);
    EXPECT_EQ(r.membership.joinLatency.max, kIntervalNs + UnicastCopyNs(4));
}

TEST(Igmp, AMulticastJoinServesWhatReachesTheLeafRouterAfterTheReport)
{
    // On a tree the routes change when the report reaches the leaf router; a message gets
    // onto the client's LAN if it reaches that router at or after the join plus 5.62 us.
    // Client 8 joins 3 us before message 4 reaches R6 (too late for it), client 6 joins
    // 6 us before message 7 reaches R5 (in time: a message P1 sent before the join).
    Scenario s = ScenarioFrom(Tree(
        "[1, 3, 5]", "model = \"igmp\"\n" + Events({{SendNs(4) + kToLeafRouter - 3000, 8, true},
                                                    {SendNs(7) + kToLeafRouter - 6000, 6, true}})));
    for (const char* run : {"multicast/source-tree", "multicast/shared-tree"})
    {
        std::ostringstream csv;
        ModeResult r = Simulate(s, run, &csv);
        auto received = Received(csv.str());
        EXPECT_EQ(received[8], Range(5, 12)) << run;
        EXPECT_EQ(received[6], Range(7, 12)) << run;
        // Message 7 was not destined for client 6 (not a member when P1 sent it).
        EXPECT_EQ(r.delivery.unwanted, 1u) << run;
        EXPECT_EQ(r.delivery.duplicates, 0u) << run;
        EXPECT_EQ(r.delivery.nonmemberDeliveries, 0u) << run;
        // Client 8's first message sent after its join is message 5, on the plain path.
        EXPECT_EQ(r.membership.joinLatency.max, kTreePath) << run;
    }
}

TEST(Igmp, ALeaveEndsAfterTheLastMemberQueries)
{
    // Client 7, leaf 3's only member, leaves 10 ms before message 6. Its Leave reaches R6
    // 5.62 us later; R6 sends 2 (robustness) group-specific queries 10 ms apart and drops
    // the state 2 x 10 ms after the Leave arrived, so message 6 still goes to leaf 3.
    const int64_t leave = SendNs(6) - 10000000;
    const int64_t stateGone = leave + kIgmpLanHop + 2 * 10000000;
    ASSERT_GT(stateGone, SendNs(6));
    ASSERT_LT(stateGone, SendNs(7));
    std::string membership = Events({{leave, 7, false}});
    Scenario igmp = ScenarioFrom(Tree("[1, 3, 5, 7]", "model = \"igmp\"\n" + membership));
    Scenario instant = ScenarioFrom(Tree("[1, 3, 5, 7]", membership));

    // Replicated unicast: P1 sends message 6 to client 7 too, which takes it in (unicast):
    // one delivery after leave, 10 ms plus the 4th copy's path after the leave.
    std::ostringstream csv;
    ModeResult ru = Simulate(igmp, "replicated-unicast", &csv);
    EXPECT_EQ(Received(csv.str())[7], Range(0, 7));
    EXPECT_EQ(ru.membership.deliveriesAfterLeave, 1u);
    EXPECT_EQ(ru.membership.leaveLatency.max, SendNs(6) + UnicastCopyNs(4) - leave);
    // The bound: the state goes robustness x LMQI after the Leave arrives, and the last copy
    // sent before then arrives one path later.
    EXPECT_LE(ru.membership.leaveLatency.max, kIgmpLanHop + 2 * 10000000 + UnicastCopyNs(4));
    EXPECT_EQ(Simulate(instant, "replicated-unicast").membership.deliveriesAfterLeave, 0u);

    // Multicast: client 7's NIC drops the group's frames from the leave on (no delivery
    // after it), but leaf 3's LAN carries message 6 until the state goes: two frames more
    // than with instant pruning (R2-R6 and the LAN), filtered by 7 and 8.
    ModeResult mc = Simulate(igmp, "multicast/source-tree");
    ModeResult mcInstant = Simulate(instant, "multicast/source-tree");
    EXPECT_EQ(mc.membership.deliveriesAfterLeave, 0u);
    EXPECT_EQ(mc.membership.leaveLatency.max, 0);
    EXPECT_EQ(mc.delivery.deliveries, mcInstant.delivery.deliveries);
    EXPECT_EQ(mc.links.messageFrames, mcInstant.links.messageFrames + 2);
    EXPECT_EQ(mc.hosts.nicFiltered, mcInstant.hosts.nicFiltered + 2);
    // The Leave and R6's two queries are control packets too.
    EXPECT_GE(mc.membership.controlPackets, 3u);
    EXPECT_EQ(mcInstant.membership.controlPackets, 0u);
}

TEST(Igmp, AQuietNetworkSendsGeneralQueriesAndOneReportPerSegment)
{
    // No event: every querier interface sends floor(2.6 s / 1.25 s) + 1 = 3 general queries
    // (0, 1.25 s, 2.5 s), and each segment with members answers each with one report: leaf 0
    // has two members, and the one that answers second hears the first and stays quiet.
    Scenario igmp = ScenarioFrom(Tree("[1, 2, 3, 5, 7]", "model = \"igmp\"\n"));
    Scenario instant = ScenarioFrom(Tree("[1, 2, 3, 5, 7]", "model = \"instant\"\n"));
    const uint64_t queries = 3 * 4;
    const uint64_t reports = 3 * 4;
    for (const char* run : {"multicast/source-tree", "multicast/flood", "replicated-unicast"})
    {
        std::ostringstream links;
        ModeResult r = Simulate(igmp, run, nullptr, &links);
        ModeResult base = Simulate(instant, run);
        EXPECT_EQ(r.membership.controlPackets, queries + reports) << run;
        // links.csv's rows add up to the summary's frames and bytes, IGMP included.
        uint64_t frames = 0;
        uint64_t bytes = 0;
        auto rows = ReadCsv(links.str());
        for (std::size_t i = 1; i < rows.size(); ++i)
        {
            frames += std::stoull(rows[i][4]);
            bytes += std::stoull(rows[i][5]);
        }
        EXPECT_EQ(frames, r.links.frames) << run;
        EXPECT_EQ(bytes, r.links.bytes) << run;
        EXPECT_EQ(r.membership.controlBytes, (queries + reports) * 28) << run;
        // Each IGMP packet is one 64-byte frame on its LAN and goes no further (TTL 1).
        EXPECT_EQ(r.links.frames, base.links.frames + queries + reports) << run;
        EXPECT_EQ(r.links.bytes, base.links.bytes + (queries + reports) * 64) << run;
        EXPECT_EQ(r.links.messageFrames, base.links.messageFrames) << run;
        // Reports to the group end at the leaf router (flood's routes would forward them, but
        // their TTL is 1) and at non-members' NICs: neither counts as a drop or as load.
        EXPECT_EQ(r.hosts.ipDrops, 0u) << run;
        EXPECT_EQ(r.hosts.nicFiltered, base.hosts.nicFiltered) << run;
        EXPECT_EQ(r.delivery.deliveries, base.delivery.deliveries) << run;
        EXPECT_EQ(r.delivery.deliveries, 12u * 5) << run;
    }
}

TEST(Igmp, ASnoopingSwitchKeepsReportsFromOtherHosts)
{
    // P1 queries the star: 9 general queries in 11.1 s. On a LAN, members hear each other's
    // reports (one report per query); behind a snooping switch a report goes to P1's port
    // only, so every member reports (two per query).
    auto scenario = [](const std::string& kind)
    {
        return ScenarioFrom("[topology]\nkind = \"" + kind +
                            "\"\nclients = 4\n[group]\nmembers = [1, 2]\n[traffic]\nmessages = "
                            "10\n[membership]\nmodel = \"igmp\"\n");
    };
    ModeResult lan = Simulate(scenario("lan"), "multicast");
    EXPECT_EQ(lan.membership.controlPackets, 9u + 9);
    ModeResult star = Simulate(scenario("star"), "multicast");
    EXPECT_EQ(star.membership.controlPackets, 9u + 18);
    // A query: P1's cable and the 4 client ports; a report: its cable and P1's.
    ModeResult plain = Simulate(ScenarioFrom("[topology]\nkind = \"star\"\nclients = 4\n[group]\n"
                                             "members = [1, 2]\n[traffic]\nmessages = 10\n"),
                                "multicast");
    EXPECT_EQ(star.links.frames, plain.links.frames + 9 * 5 + 18 * 2);
    EXPECT_EQ(star.delivery.deliveries, 10u * 2);
}

TEST(Igmp, ASnoopingSwitchLearnsJoinsAndLeavesFromTheWire)
{
    // The star of membership-test.cc: client 2 joins 5 ms before message 3, client 1 leaves
    // 5 ms before message 7; the switch lists and unlists their ports from the report and
    // the leave, 5.62 us after each: the same data frames as the instant model's.
    Scenario s = ScenarioFrom(R"(
[topology]
kind = "star"
clients = 4
[group]
members = [1]
[traffic]
messages = 10
[membership]
model = "igmp"
events = [{ at = "1025ms", client = 2, action = "join" },
          { at = "1065ms", client = 1, action = "leave" }]
)");
    ModeResult r = Simulate(s, "multicast");
    EXPECT_EQ(r.links.messageFrames, 3u * 2 + 4 * 3 + 3 * 2);
    EXPECT_EQ(r.delivery.deliveries, 3u + 4 * 2 + 3);
    EXPECT_EQ(r.delivery.expected, r.delivery.deliveries);
    EXPECT_EQ(r.hosts.nicFiltered, 0u);
    EXPECT_EQ(r.membership.deliveriesAfterLeave, 0u);
}

TEST(Igmp, OnALanP1QueriesAndDropsALeaverWhileTheOtherMemberStays)
{
    // P1 is the querier of the LAN (messages every 10 ms from 1 s; the run ends at 11.1 s).
    // Client 1 leaves at 1.025 s; P1 hears the Leave 5.62 us later, sends a group-specific
    // query, client 2 answers within 10 ms (so no second query), the state stays, and P1
    // drops client 1 from its list 2 x 10 ms after the Leave: messages sent at 1.03 s and
    // 1.04 s still go to client 1.
    Scenario s = ScenarioFrom(R"(
[topology]
kind = "lan"
clients = 4
[group]
members = [1, 2]
[traffic]
messages = 10
[membership]
model = "igmp"
events = [{ at = "1025ms", client = 1, action = "leave" }]
)");
    std::ostringstream csv;
    ModeResult r = Simulate(s, "replicated-unicast", &csv);
    auto received = Received(csv.str());
    EXPECT_EQ(received[1], Range(0, 5));
    EXPECT_EQ(received[2], Range(0, 10));
    EXPECT_EQ(r.membership.deliveriesAfterLeave, 2u);
    // The last: sent at 1.04 s, client 1's copy first of two, one 1070-byte frame's hop.
    EXPECT_EQ(r.membership.leaveLatency.max, 15000000 + TxNs(1070, 100000000) + 500);
    // 9 general queries, one report each (suppression while both are members), the Leave,
    // one group-specific query and client 2's answer.
    EXPECT_EQ(r.membership.controlPackets, 9u + 9 + 1 + 1 + 1);
}

// Seeded churn on the tree, for the invariants.
const char* kChurn = "churn = { rate = \"40/s\", seed = 3 }\n";

TEST(Igmp, MulticastStillDeliversExactlyOnceAndNothingToNonMembers)
{
    Scenario s = ScenarioFrom(Tree("[1, 3, 5, 7]", std::string("model = \"igmp\"\n") + kChurn));
    ASSERT_GT(s.membership.schedule.size(), 10u);
    for (const char* run : {"multicast/source-tree", "multicast/shared-tree", "multicast/flood",
                            "replicated-unicast", "overlay"})
    {
        ModeResult r = Simulate(s, run);
        EXPECT_EQ(r.membership.joins + r.membership.leaves, s.membership.schedule.size()) << run;
        EXPECT_LE(r.delivery.deliveries, r.delivery.expected) << run;
        EXPECT_GT(r.membership.controlPackets, 0u) << run;
        EXPECT_EQ(r.hosts.ipDrops, 0u) << run;
        if (std::string(run).rfind("multicast", 0) == 0)
        {
            EXPECT_EQ(r.delivery.duplicates, 0u) << run;
            EXPECT_EQ(r.delivery.nonmemberDeliveries, 0u) << run;
            EXPECT_EQ(r.hosts.nonmemberReceptions, 0u) << run;
            EXPECT_EQ(r.membership.deliveriesAfterLeave, 0u) << run;
        }
        else if (std::string(run) == "replicated-unicast")
        {
            // What reaches a client that left is a copy P1 sent while the querier still
            // knew it: each such copy is a delivery after leave.
            EXPECT_EQ(r.delivery.duplicates, 0u) << run;
            EXPECT_EQ(r.delivery.nonmemberDeliveries, r.membership.deliveriesAfterLeave) << run;
            EXPECT_LE(r.membership.leaveLatency.max,
                      kIgmpLanHop + 2 * 10000000 + UnicastCopyNs(8) + kIntervalNs)
                << run;
        }
    }
}

TEST(Igmp, BothModelsRunSideBySideAndResultsRepeatByteForByte)
{
    ScratchFolder dir;
    std::string file = dir / "churn.toml";
    WriteFile(file, Tree("[1, 3, 5, 7]", std::string("model = [\"instant\", \"igmp\"]\n") + kChurn +
                                             "[delivery]\nmodes = [\"multicast\", "
                                             "\"replicated-unicast\"]\n"));
    Scenario s = LoadScenario(file, {});
    EXPECT_EQ(s.Runs(),
              (std::vector<std::string>{"multicast+instant", "multicast+igmp",
                                        "replicated-unicast+instant", "replicated-unicast+igmp"}));
    EXPECT_EQ(s.RunOf("multicast+igmp").membership, MembershipKind::IGMP);
    for (const char* out : {"a", "b"})
    {
        CommandResult r = RunCommand({"run", file, "-q", "--no-report", "--out", dir / out});
        ASSERT_EQ(r.status, 0) << r.err;
    }
    for (const char* name : {"summary.json", "deliveries.csv", "links.csv", "scenario.toml"})
    {
        std::string a = ReadFile(dir / (std::string("a/") + name));
        EXPECT_FALSE(a.empty()) << name;
        EXPECT_EQ(a, ReadFile(dir / (std::string("b/") + name))) << name;
    }
    auto summary = nlohmann::ordered_json::parse(ReadFile(dir / "a/summary.json"));
    for (const char* model : {"instant", "igmp"})
    {
        const auto& m = summary["modes"][std::string("multicast+") + model]["membership"];
        EXPECT_EQ(m["model"], model);
        EXPECT_EQ(m["control_packets"].get<int>() > 0, std::string(model) == "igmp");
    }
    // The resolved scenario reads back to the same scenario (its first line names the file).
    auto body = [](const std::string& toml) { return toml.substr(toml.find('\n')); };
    EXPECT_EQ(body(ResolvedToml(ScenarioFrom(ResolvedToml(s)))), body(ResolvedToml(s)));
    EXPECT_NE(ResolvedToml(s).find("last_member_query_interval = '10ms'"), std::string::npos);
}

TEST(Igmp, TimersAreSetFromTheScenario)
{
    // Robustness 3 and a 5 ms last member query interval: the leave of leaf 3's only member
    // keeps P1 sending to it for 3 x 5 ms after the Leave arrives, 5.62 us after the leave:
    // here until 0.99 ms before message 6.
    const int64_t leave = SendNs(6) - 16000000;
    Scenario s = ScenarioFrom(
        Tree("[1, 3, 5, 7]", "model = \"igmp\"\nrobustness = 3\nlast_member_query_interval = "
                             "\"5ms\"\nquery_interval = \"1s\"\n" +
                                 Events({{leave, 7, false}})));
    std::ostringstream csv;
    ModeResult r = Simulate(s, "replicated-unicast", &csv);
    EXPECT_EQ(Received(csv.str())[7], Range(0, 6));
    // General queries at 0, 1 s and 2 s on 4 leaves; a report per leaf with members to each
    // (leaf 3 has none at 2 s); the Leave; 3 group-specific queries.
    EXPECT_EQ(r.membership.controlPackets, 12u + (4 + 4 + 3) + 1 + 3);
}

TEST(Igmp, RoutersTellWhenAnInterfaceGainsOrLosesMembers)
{
    // What dense mode reads: leaf router R6's LAN interface has members until client 7's
    // leave is over, at the leave for instant, one Leave hop and 2 x 10 ms later for igmp.
    const int64_t leave = SendNs(3) + 25000000;
    for (const char* model : {"instant", "igmp"})
    {
        Scenario s = ScenarioFrom(Tree("[1, 3, 5, 7]", std::string("model = \"") + model + "\"\n" +
                                                           Events({{leave, 7, false}})));
        struct Seen
        {
            uint32_t router;
            uint32_t interface;
            bool members;
            int64_t atNs;
        };
        std::vector<Seen> seen;
        bool before = false;
        uint32_t r6 = 0;
        ns3::Ptr<ns3::gcsim::MembershipModel> membership;
        RunSinks sinks;
        sinks.inspect = [&](const ns3::gcsim::Network& network)
        {
            r6 = network.routers.Get(6)->GetId();
            membership = network.Server()->GetObject<ns3::gcsim::MembershipModel>();
            ASSERT_TRUE(membership);
            membership->TraceConnectWithoutContext(
                "InterfaceMembers",
                ns3::Callback<void, uint32_t, uint32_t, bool>(
                    [&](uint32_t router, uint32_t interface, bool members) {
                        seen.push_back(
                            {router, interface, members, ns3::Simulator::Now().GetNanoSeconds()});
                    }));
            ns3::gcsim::RoutingGraph graph(network);
            for (const auto& at : graph.Attachments(r6))
            {
                before = before || membership->HasMembers(r6, at.interface);
            }
        };
        RunMode(s, "multicast/source-tree", sinks);
        EXPECT_TRUE(before) << model;
        ASSERT_EQ(seen.size(), 1u) << model;
        EXPECT_EQ(seen[0].router, r6) << model;
        EXPECT_FALSE(seen[0].members) << model;
        EXPECT_EQ(seen[0].atNs,
                  std::string(model) == "igmp" ? leave + kIgmpLanHop + 2 * 10000000 : leave)
            << model;
        EXPECT_FALSE(membership->HasMembers(seen[0].router, seen[0].interface)) << model;
        membership = nullptr;
    }
}

TEST(Igmp, AGroupMayStartEmptyWhenMembershipFillsIt)
{
    // No member at the start; client 4 joins 25 ms after message 2 and gets 3 to 11.
    for (const char* model : {"instant", "igmp"})
    {
        Scenario s = ScenarioFrom(Tree("[]", std::string("model = \"") + model + "\"\n" +
                                                 Events({{SendNs(2) + 25000000, 4, true}})));
        EXPECT_TRUE(s.group.members.empty());
        for (const char* run : {"multicast/source-tree", "replicated-unicast", "overlay"})
        {
            std::ostringstream csv;
            ModeResult r = Simulate(s, run, &csv);
            EXPECT_EQ(Received(csv.str())[4], Range(3, 12)) << model << " " << run;
            EXPECT_EQ(r.delivery.expected, 9u) << model << " " << run;
            EXPECT_EQ(r.delivery.deliveries, 9u) << model << " " << run;
        }
    }
    // Without [membership] an empty group is still refused.
    ScratchFolder dir;
    std::string file = dir / "scenario.toml";
    WriteFile(file, std::string(kTree) + "[group]\nmembers = []\n");
    CommandResult r = RunCommand({"run", file, "--out", dir / "results"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("group.members: the group is empty"), std::string::npos) << r.err;
}

struct BadCase
{
    const char* title;
    std::string membership;
    std::vector<std::string> mustSay;
};

void
PrintTo(const BadCase& c, std::ostream* os)
{
    *os << c.title;
}

class BadIgmp : public ::testing::TestWithParam<BadCase>
{
};

TEST_P(BadIgmp, ExitsWithTwoNamingTheKey)
{
    const BadCase& c = GetParam();
    ScratchFolder dir;
    std::string file = dir / "scenario.toml";
    WriteFile(file, Tree("[1, 3]", c.membership));
    CommandResult r = RunCommand({"run", file, "--out", dir / "results"});
    EXPECT_EQ(r.status, 2) << r.err;
    for (const auto& say : c.mustSay)
    {
        EXPECT_NE(r.err.find(say), std::string::npos) << "expected '" << say << "' in: " << r.err;
    }
    EXPECT_EQ(dir.Entries(), std::vector<std::string>{file}) << "something was written";
}

INSTANTIATE_TEST_SUITE_P(
    Scenarios, BadIgmp,
    ::testing::Values(
        BadCase{"ZeroQueryInterval",
                "model = \"igmp\"\nquery_interval = \"0s\"\n",
                {"membership.query_interval", "must be above zero"}},
        BadCase{"ResponseTooLong",
                "model = \"igmp\"\nquery_response_interval = \"300ms\"\n",
                {"membership.query_response_interval", "from 1ms to 255ms"}},
        BadCase{"ResponseNotWholeMilliseconds",
                "model = \"igmp\"\nlast_member_query_interval = \"1.5ms\"\n",
                {"membership.last_member_query_interval", "whole number of milliseconds"}},
        BadCase{"ResponseNotShorterThanQueries",
                "model = \"igmp\"\nquery_interval = \"50ms\"\nquery_response_interval = "
                "\"100ms\"\n",
                {"membership.query_response_interval", "must be shorter than the query interval"}},
        BadCase{"ZeroRobustness",
                "model = \"igmp\"\nrobustness = 0\n",
                {"membership.robustness", "between 1 and 10"}},
        BadCase{"UnreadableReportInterval",
                "model = \"igmp\"\nunsolicited_report_interval = \"soon\"\n",
                {"membership.unsolicited_report_interval", "cannot read 'soon'"}},
        BadCase{"TimerWithoutIgmp",
                "model = \"instant\"\nquery_interval = \"1s\"\n",
                {"membership.query_interval", "membership.model does not run igmp"}},
        BadCase{"ModelListedTwice",
                "model = [\"igmp\", \"instant\", \"igmp\"]\n",
                {"membership.model", "'igmp' is listed twice"}},
        BadCase{"UnknownModelInAList",
                "model = [\"instant\", \"pim\"]\n",
                {"membership.model", "accepted: instant, igmp"}},
        BadCase{
            "MisspeltModel", "model = \"igmpv2\"\n", {"membership.model", "did you mean 'igmp'"}}));

} // namespace
} // namespace gcsim::test
