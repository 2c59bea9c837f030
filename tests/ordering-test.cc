// Ordered delivery with several senders: what `none`, `fifo` and `total` give each member,
// counted against hand-derived values on a three-router tree; the latency price of total
// order against closed forms on an idle network; exactly-once delivery of every sender's
// messages over per-sender multicast trees (source tree, shared tree, flood) on a tree and a
// grid; the [ordering] keys, labels and errors; determinism.
#include "models/ordering/order-trailer.h"
#include "models/ordering/ordering-helper.h"
#include "test-utilities.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <ns3/boolean.h>
#include <ns3/enum.h>
#include <ns3/uinteger.h>
#include <tuple>

namespace gcsim::test
{
namespace
{

// A binary router tree of depth 1: R0 (P1's router) and the leaves R1, R2. Clients 1 and 2
// share R1's LAN, clients 3 and 4 R2's. Members 1, 3 and 4 (client 2 is not in the group);
// clients 1 and 3 send, 5 messages each, 100 ms apart, so that each round is over before
// the next starts.
const char* kSmallTree = R"(name = "ordering"
[topology]
kind = "tree"
fanout = 2
depth = 1
clients_per_leaf = 2
data_rate = "100Mbps"
delay = "500ns"
core_rate = "1Gbps"
core_delay = "1ms"
[group]
members = [1, 3, 4]
[traffic]
messages = 5
size = 1000
interval = "100ms"
drain = "1s"
[delivery]
modes = ["multicast"]
[ordering]
senders = [1, 3]
order = ["none", "fifo", "total"]
)";

using Sequences = std::map<uint32_t, std::vector<std::pair<uint32_t, uint32_t>>>;

ModeResult
SimulateOrdered(const Scenario& s, const std::string& run, Sequences* sequences = nullptr,
                std::ostream* csv = nullptr)
{
    RunSinks sinks;
    sinks.orderings = sequences;
    if (csv)
    {
        *csv << ns3::gcsim::DeliveryTracker::CsvHeader() << '\n';
    }
    sinks.deliveries = csv;
    return RunMode(s, run, sinks);
}

/// Every member got every message once, at the network and at the application; nothing
/// reached a non-member's application.
void
ExpectExactlyOnce(const ModeResult& r, uint64_t messages, uint64_t members)
{
    EXPECT_EQ(r.delivery.messages, messages);
    EXPECT_EQ(r.delivery.deliveries, r.delivery.expected);
    EXPECT_EQ(r.delivery.duplicates, 0u);
    EXPECT_EQ(r.delivery.unwanted, 0u);
    EXPECT_EQ(r.delivery.nonmemberDeliveries, 0u);
    EXPECT_EQ(r.ordering.messages, messages);
    EXPECT_EQ(r.ordering.expected, messages * members);
    EXPECT_EQ(r.ordering.deliveries, messages * members);
    EXPECT_EQ(r.ordering.duplicates, 0u);
    EXPECT_EQ(r.ordering.nonmember, 0u);
    EXPECT_EQ(r.ordering.heldBack, 0u);
    EXPECT_EQ(r.ordering.undelivered, 0u);
}

TEST(Ordering, RunsAreLabelledPerOrder)
{
    Scenario s = ScenarioFrom(std::string(kSmallTree) + R"(
)",
                              {"delivery.modes=[\"broadcast\", \"multicast\"]",
                               "delivery.multicast_routing=[\"source-tree\", \"flood\"]"});
    std::vector<std::string> expected = {"broadcast",
                                         "multicast/source-tree",
                                         "multicast/source-tree+fifo",
                                         "multicast/source-tree+total",
                                         "multicast/flood",
                                         "multicast/flood+fifo",
                                         "multicast/flood+total"};
    EXPECT_EQ(s.Runs(), expected);
    EXPECT_TRUE(s.RunOf("multicast/flood+total").order == ns3::gcsim::ORDER_TOTAL);
    EXPECT_EQ(s.RunOf("multicast/flood+total").routing, ns3::gcsim::MulticastRouting::FLOOD);
    EXPECT_TRUE(s.RunOf("multicast/flood").order == ns3::gcsim::ORDER_NONE);
    EXPECT_FALSE(s.RunOf("broadcast").order.has_value());
    EXPECT_THROW(s.RunOf("broadcast+fifo"), InputError);
    Scenario plain = ScenarioFrom(std::string(kSmallTree), {"ordering.order=\"fifo\""});
    EXPECT_EQ(plain.Runs(), std::vector<std::string>{"multicast+fifo"});
}

TEST(Ordering, SendTimesFollowOffsetAndSeededJitter)
{
    Scenario s = ScenarioFrom(kSmallTree, {"ordering.offset=\"3ms\"", "ordering.jitter=\"2ms\""});
    ASSERT_EQ(s.ordering.sendTimes.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i)
    {
        ASSERT_EQ(s.ordering.sendTimes[i].size(), 5u);
        for (int64_t k = 0; k < 5; ++k)
        {
            int64_t base = 1000000000 + k * 100000000 + int64_t(i) * 3000000;
            int64_t at = s.ordering.sendTimes[i][k].GetNanoSeconds();
            EXPECT_GE(at, base);
            EXPECT_LT(at, base + 2000000);
        }
    }
    Scenario again =
        ScenarioFrom(kSmallTree, {"ordering.offset=\"3ms\"", "ordering.jitter=\"2ms\""});
    EXPECT_EQ(again.ordering.sendTimes, s.ordering.sendTimes);
    Scenario other = ScenarioFrom(
        kSmallTree, {"ordering.offset=\"3ms\"", "ordering.jitter=\"2ms\"", "ordering.seed=7"});
    EXPECT_NE(other.ordering.sendTimes, s.ordering.sendTimes);
}

// Both senders send at the same instants. Without order, client 1 delivers its own message
// at once and client 3's one path later; client 3 the other way round; client 4 gets client
// 3's first (one LAN hop against two LAN and two core hops). So the two messages of each
// round are a pair members deliver in opposite orders: 5 disagreements, no FIFO violation.
TEST(Ordering, NoneDisagreesOncePerRoundWhenSendersCross)
{
    Scenario s = ScenarioFrom(kSmallTree);
    Sequences sequences;
    ModeResult r = SimulateOrdered(s, "multicast", &sequences);
    ExpectExactlyOnce(r, 10, 3);
    EXPECT_EQ(r.ordering.order, "none");
    EXPECT_EQ(r.ordering.disagreements, 5u);
    EXPECT_EQ(r.ordering.fifoViolations, 0u);
    EXPECT_EQ(r.ordering.holdBack.max, 0);
    for (uint32_t k = 0; k < 5; ++k)
    {
        EXPECT_EQ(sequences[1][2 * k], std::make_pair(1u, k));
        EXPECT_EQ(sequences[3][2 * k], std::make_pair(3u, k));
        EXPECT_EQ(sequences[4][2 * k], std::make_pair(3u, k));
    }
    EXPECT_TRUE(sequences[2].empty()); // not a member
}

// Total order: every member's sequence is the same, message for message.
TEST(Ordering, TotalGivesEveryMemberTheSameSequence)
{
    Scenario s = ScenarioFrom(kSmallTree);
    Sequences sequences;
    ModeResult r = SimulateOrdered(s, "multicast+total", &sequences);
    ExpectExactlyOnce(r, 10, 3);
    EXPECT_EQ(r.ordering.disagreements, 0u);
    EXPECT_EQ(r.ordering.fifoViolations, 0u);
    ASSERT_EQ(sequences[1].size(), 10u);
    EXPECT_EQ(sequences[3], sequences[1]);
    EXPECT_EQ(sequences[4], sequences[1]);
    EXPECT_TRUE(sequences[2].empty());
    EXPECT_GE(r.ordering.holdBack.mean, 0.0);
    // Each message reaches P1 once by unicast: 10 packets of 1000 bytes.
    EXPECT_EQ(r.ordering.controlPackets, 10u);
    EXPECT_EQ(r.ordering.controlBytes, 10000u);
    // The senders' own copies come back from P1: every member is a destination.
    EXPECT_EQ(r.delivery.expected, 30u);
}

TEST(Ordering, FifoKeepsEachSendersOrder)
{
    // 10 us between sends against a LAN frame time of 84 us: each sender's messages queue
    // behind one another; the jitter mixes the senders.
    Scenario s = ScenarioFrom(kSmallTree, {"traffic.interval=\"10us\"", "ordering.jitter=\"1ms\""});
    Sequences sequences;
    ModeResult r = SimulateOrdered(s, "multicast+fifo", &sequences);
    ExpectExactlyOnce(r, 10, 3);
    EXPECT_EQ(r.ordering.fifoViolations, 0u);
    for (uint32_t m : {1u, 3u, 4u})
    {
        std::map<uint32_t, uint32_t> next;
        for (const auto& [origin, message] : sequences[m])
        {
            EXPECT_EQ(message, next[origin]++) << "member " << m << " origin " << origin;
        }
    }
}

/// A member's agent fed receipts directly, in the order given: what it delivers.
std::vector<std::pair<uint32_t, uint32_t>>
DeliveredFrom(ns3::gcsim::DeliveryOrder order,
              const std::vector<std::tuple<uint32_t, uint32_t, uint32_t>>& receipts)
{
    using namespace ns3;
    using namespace ns3::gcsim;
    Ptr<OrderingAgent> agent = CreateObject<OrderingAgent>();
    agent->SetAttribute("ClientNumber", UintegerValue(9));
    agent->SetAttribute("Member", BooleanValue(true));
    agent->SetAttribute("Order", EnumValue(order));
    std::vector<std::pair<uint32_t, uint32_t>> delivered;
    agent->TraceConnectWithoutContext(
        "Deliver", Callback<void, uint32_t, uint32_t, uint32_t, int64_t, int64_t>(
                       [&delivered](uint32_t, uint32_t origin, uint32_t message, int64_t, int64_t)
                       { delivered.emplace_back(origin, message); }));
    for (const auto& [origin, message, sequence] : receipts)
    {
        GroupHeader header;
        header.SetOrigin(origin);
        header.SetMessage(message);
        Ptr<Packet> datagram = MakeDatagram(header, "", 100);
        datagram->AddTrailer(OrderTrailer(sequence));
        agent->Receive(datagram, header, 9, 1);
    }
    return delivered;
}

// The hold-back queues themselves, fed out of order: FIFO waits for each sender's gap,
// total order for the sequence's gap; duplicates are dropped; `none` delivers as received.
TEST(Ordering, HoldBackQueuesReleaseInOrder)
{
    using P = std::pair<uint32_t, uint32_t>;
    using namespace ns3::gcsim;
    const uint32_t u = OrderTrailer::kUnsequenced;
    std::vector<std::tuple<uint32_t, uint32_t, uint32_t>> fifo = {
        {1, 1, u}, {2, 0, u}, {1, 2, u}, {1, 0, u}, {2, 0, u}, {2, 2, u}, {2, 1, u}};
    EXPECT_EQ(DeliveredFrom(ORDER_FIFO, fifo),
              (std::vector<P>{{2, 0}, {1, 0}, {1, 1}, {1, 2}, {2, 1}, {2, 2}}));
    EXPECT_EQ(DeliveredFrom(ORDER_NONE, fifo),
              (std::vector<P>{{1, 1}, {2, 0}, {1, 2}, {1, 0}, {2, 2}, {2, 1}}));
    std::vector<std::tuple<uint32_t, uint32_t, uint32_t>> total = {{1, 0, 2}, {2, 0, 1}, {1, 1, 3},
                                                                   {1, 0, 2}, {2, 1, 0}, {3, 0, u}};
    EXPECT_EQ(DeliveredFrom(ORDER_TOTAL, total), (std::vector<P>{{2, 1}, {2, 0}, {1, 0}, {1, 1}}));
}

// On an idle network (client 3 sends 10 ms after client 1), none delivers along the
// senders' own trees and total through P1. Per delivery at a member other than the origin:
//   none:  1 -> 3, 1 -> 4, 3 -> 1: 2 LAN + 2 core hops; 3 -> 4: 1 LAN hop (same LAN);
//   total: every one of them: 2 LAN + 2 core + 2 access hops (sender to P1, P1 to member).
// Nothing is held back: each order's messages arrive in order.
TEST(Ordering, TotalCostsThePathThroughTheSequencer)
{
    Scenario s = ScenarioFrom(kSmallTree, {"ordering.offset=\"10ms\""});
    ModeResult none = SimulateOrdered(s, "multicast");
    ModeResult fifo = SimulateOrdered(s, "multicast+fifo");
    ModeResult total = SimulateOrdered(s, "multicast+total");
    const int64_t far = 2 * kLanHop + 2 * kCoreHop;
    const int64_t viaP1 = far + 2 * kAccessHop;
    EXPECT_EQ(none.ordering.latency.count, 20u);
    EXPECT_DOUBLE_EQ(none.ordering.latency.mean, (3.0 * far + kLanHop) / 4.0);
    EXPECT_EQ(none.ordering.latency.max, far);
    EXPECT_DOUBLE_EQ(fifo.ordering.latency.mean, none.ordering.latency.mean);
    EXPECT_EQ(total.ordering.latency.count, 20u);
    EXPECT_DOUBLE_EQ(total.ordering.latency.mean, double(viaP1));
    EXPECT_EQ(total.ordering.latency.max, viaP1);
    EXPECT_DOUBLE_EQ(total.ordering.latency.mean - none.ordering.latency.mean,
                     (3.0 * 2 * kAccessHop + (viaP1 - kLanHop)) / 4.0);
    for (const ModeResult* r : {&none, &fifo, &total})
    {
        EXPECT_EQ(r->ordering.holdBack.max, 0);
        EXPECT_EQ(r->ordering.disagreements, 0u);
        ExpectExactlyOnce(*r, 10, 3);
    }
    EXPECT_EQ(none.ordering.controlPackets, 0u);
    EXPECT_EQ(fifo.ordering.controlPackets, 0u);
}

// A member's hold-back queue in total order: with both senders at the same instants, the
// two unicasts meet on P1's link and the second is sequenced one access frame later (it
// may then wait on the leaf LAN too, whose frame time is longer); no member receives them
// out of sequence (P1's tree is one path per member), so nothing waits for its turn.
TEST(Ordering, TotalHoldBackIsZeroOnStaticTrees)
{
    Scenario s = ScenarioFrom(kSmallTree);
    ModeResult total = SimulateOrdered(s, "multicast+total");
    EXPECT_EQ(total.ordering.holdBack.max, 0);
    const int64_t viaP1 = 2 * kLanHop + 2 * kCoreHop + 2 * kAccessHop;
    // Half the deliveries (the first sequenced of each round) take viaP1, half later.
    EXPECT_GE(total.ordering.latency.mean, viaP1 + TxNs(1000 + 30, 100000000) / 2.0);
    EXPECT_GE(total.ordering.latency.max, viaP1 + TxNs(1000 + 30, 100000000));
}

// Per-sender trees: four senders, members and not, on a tree and a grid, with each
// routing variant: every sender's message reaches every other member once. (On the grid
// this needs routes matched by source, SourceSpecificRouting: ns-3's own lookup takes the
// first route on the input interface, whoever sent; on the tree the shared tree must not
// send a sender's packets back onto its own LAN.)
class OrderingRoutes
  : public ::testing::TestWithParam<std::tuple<std::string, std::string, std::string>>
{
};

TEST_P(OrderingRoutes, EverySendersMessagesArriveExactlyOnce)
{
    const auto& [kind, variant, order] = GetParam();
    std::string topology = kind == "tree"
                               ? "kind = \"tree\"\nfanout = 2\ndepth = 2\nclients_per_leaf = 2\n"
                               : "kind = \"grid\"\nrows = 3\ncolumns = 3\nclients = 9\n";
    std::string toml = "name = \"routes\"\n[topology]\n" + topology + R"(data_rate = "100Mbps"
delay = "500ns"
core_rate = "1Gbps"
core_delay = "1ms"
[group]
members = [1, 2, 5, 8]
[traffic]
messages = 4
size = 200
interval = "20ms"
drain = "1s"
[delivery]
modes = ["multicast"]
multicast_routing = ")" +
                       variant + R"("
[ordering]
senders = [2, 3, 7, 8]
order = ")" + order + "\"\n";
    Scenario s = ScenarioFrom(toml);
    ModeResult r = SimulateOrdered(s, s.Runs().front());
    ExpectExactlyOnce(r, 16, 4);
    if (order == "total")
    {
        EXPECT_EQ(r.ordering.disagreements, 0u);
    }
    if (order != "none")
    {
        EXPECT_EQ(r.ordering.fifoViolations, 0u);
    }
}

INSTANTIATE_TEST_SUITE_P(TreeAndGrid, OrderingRoutes,
                         ::testing::Combine(::testing::Values("tree", "grid"),
                                            ::testing::Values("source-tree", "shared-tree",
                                                              "flood"),
                                            ::testing::Values("none", "fifo", "total")),
                         [](const auto& test)
                         {
                             std::string name = std::get<0>(test.param) + "_" +
                                                std::get<1>(test.param) + "_" +
                                                std::get<2>(test.param);
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

// deliveries.csv: one row per copy, its origin in the last column; every (origin, message,
// receiver) of a member destination once.
TEST(Ordering, DeliveriesCsvCountsEveryOriginOnce)
{
    Scenario s = ScenarioFrom(kSmallTree);
    std::ostringstream csv;
    ModeResult r = SimulateOrdered(s, "multicast", nullptr, &csv);
    auto rows = ReadCsv(csv.str());
    ASSERT_FALSE(rows.empty());
    EXPECT_EQ(rows[0][11], "origin");
    std::map<std::tuple<std::string, std::string, std::string>, int> seen;
    for (std::size_t i = 1; i < rows.size(); ++i)
    {
        ++seen[{rows[i][11], rows[i][1], rows[i][2]}];
        EXPECT_NE(rows[i][11], "0");
    }
    // none: client 1's messages to 3 and 4, client 3's to 1 and 4.
    EXPECT_EQ(seen.size(), 20u);
    for (const auto& [key, count] : seen)
    {
        EXPECT_EQ(count, 1);
    }
    EXPECT_EQ(r.delivery.deliveries, 20u);
}

TEST(Ordering, SameSeedSameSummary)
{
    ScratchFolder dir;
    WriteFile(dir / "o.toml", kSmallTree);
    std::string summaries[2];
    for (auto& summary : summaries)
    {
        CommandResult c = RunCommand({"run", dir / "o.toml", "-q", "--no-report", "--set",
                                      "ordering.jitter=\"5ms\"", "--out", dir / "out"});
        ASSERT_EQ(c.status, 0) << c.err;
        auto json = nlohmann::ordered_json::parse(ReadFile(dir / "out/summary.json"));
        json.erase("gcsim_version");
        summary = json.dump();
        EXPECT_EQ(json["modes"]["multicast+total"]["ordering"]["disagreements"], 0);
        EXPECT_TRUE(json["modes"]["multicast+total"]["ordering"].contains("latency_price_ns"));
    }
    EXPECT_EQ(summaries[0], summaries[1]);
}

/// The error message of scenario \p toml, or "" if it loads.
std::string
ErrorOf(const std::string& toml, const std::vector<std::string>& overrides = {})
{
    try
    {
        ScenarioFrom(toml, overrides);
    }
    catch (const InputError& e)
    {
        return e.what();
    }
    return "";
}

TEST(Ordering, BadInputIsRefused)
{
    EXPECT_NE(ErrorOf(kSmallTree, {"ordering.order=\"causal\""})
                  .find("ordering.order: unknown order 'causal'"),
              std::string::npos);
    EXPECT_NE(ErrorOf(kSmallTree, {"ordering.order=[\"fifo\", \"totl\"]"})
                  .find("unknown order 'totl' (did you mean 'total'?)"),
              std::string::npos);
    EXPECT_NE(ErrorOf(kSmallTree, {"ordering.order=[]"}).find("ordering.order: the list is empty"),
              std::string::npos);
    EXPECT_NE(ErrorOf(kSmallTree, {"ordering.order=[\"fifo\", \"fifo\"]"}).find("listed twice"),
              std::string::npos);
    EXPECT_NE(
        ErrorOf(kSmallTree, {"ordering.senders=[]"}).find("ordering.senders: the list is empty"),
        std::string::npos);
    EXPECT_NE(ErrorOf(kSmallTree, {"ordering.senders=[1, 9]"})
                  .find("ordering.senders: 9 is out of range"),
              std::string::npos);
    EXPECT_NE(
        ErrorOf(kSmallTree, {"ordering.senders=[0]"}).find("ordering.senders: 0 is out of range"),
        std::string::npos);
    EXPECT_NE(
        ErrorOf(kSmallTree, {"ordering.offset=5"}).find("ordering.offset: expected a duration"),
        std::string::npos);
    EXPECT_NE(ErrorOf(kSmallTree, {"ordering.sequencer=1"}).find("ordering.sequencer"),
              std::string::npos);
    EXPECT_NE(ErrorOf(kSmallTree, {"topology.loss=0.01"}).find("ordering: a lost message"),
              std::string::npos);
    EXPECT_NE(ErrorOf(kSmallTree, {"delivery.modes=[\"broadcast\"]"})
                  .find("delivery.modes must list \"multicast\""),
              std::string::npos);
    EXPECT_NE(ErrorOf(kSmallTree, {"traffic.size=16"}).find("traffic.size"), std::string::npos);
    std::string noSenders = kSmallTree;
    noSenders.replace(noSenders.find("senders = [1, 3]"), 16, "");
    EXPECT_NE(ErrorOf(noSenders).find("ordering: needs senders"), std::string::npos);
    // Senders need not be members: client 2 is not, and sends.
    EXPECT_EQ(ErrorOf(kSmallTree, {"ordering.senders=[2]"}), "");
}

// A sender outside the group sends, and delivers nothing.
TEST(Ordering, NonMemberSenderDeliversNothing)
{
    Scenario s = ScenarioFrom(kSmallTree, {"ordering.senders=[2, 3]"});
    for (const std::string run : {"multicast", "multicast+fifo", "multicast+total"})
    {
        Sequences sequences;
        ModeResult r = SimulateOrdered(s, run, &sequences);
        ExpectExactlyOnce(r, 10, 3);
        EXPECT_TRUE(sequences[2].empty()) << run;
    }
}

} // namespace
} // namespace gcsim::test
