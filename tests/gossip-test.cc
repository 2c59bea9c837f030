// Gossip (push, pull, push-pull, rumour, lazy-push) against its theory. The closed forms:
// push reaches all n in about log2 n + ln n rounds (Pittel 1987: + O(1)); infect-and-die push
// with fanout ln n + c reaches everyone with probability e^(-e^(-c)) (Kermarrec, Massoulie,
// Ganesh 2003); rumour mongering leaves a residue e^(-m) for m pushes per node (Demers et al.
// 1987). Beside them the same models without a network (AbstractPush below), run many times:
// the simulation over UDP on a switched LAN must agree with them within their statistical
// bounds, at n = 1,000 and 10,000. Then the views, lazy push's tree, faults and bad input.
#include "models/gossip/gossip-view.h"
#include "models/stats/gossip-theory.h"
#include "scratch/gcsim/report/gossip-report.h"
#include "test-utilities.h"

#include <cmath>
#include <iostream>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <sstream>

namespace gcsim::test
{
namespace
{

using ns3::gcsim::GossipView;
namespace theory = ns3::gcsim::gossip_theory;

/// A star of n - 1 clients (n gossiping nodes with P1), every client a member.
std::string
Star(uint32_t n, uint32_t messages, const std::string& gossip)
{
    return "name = \"gossip\"\n[topology]\nkind = \"star\"\nclients = " + std::to_string(n - 1) +
           "\n[group]\nmembers = \"all\"\n[traffic]\nmessages = " + std::to_string(messages) +
           "\ninterval = \"1s\"\nsize = 100\n[delivery]\nmodes = [\"push\"]\n[output]\n"
           "latency_breakdown = false\n[gossip]\n" +
           gossip;
}

/**
 * The push model alone: n nodes, node 0 informed; in each round every node informed before
 * it pushes to `fanout` distinct others drawn uniformly (event-driven: only the nodes
 * informed in the last round push, once). Returns, per trial, the rounds until all had it
 * (0 if the gossip died first).
 */
std::vector<double>
AbstractPush(uint32_t n, double fanout, bool once, uint32_t trials, uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::vector<double> rounds;
    std::vector<char> informed(n);
    std::vector<uint32_t> fresh;
    std::vector<uint32_t> all;
    std::vector<uint32_t> picked;
    for (uint32_t t = 0; t < trials; ++t)
    {
        std::fill(informed.begin(), informed.end(), 0);
        informed[0] = 1;
        all = {0};
        fresh = {0};
        uint32_t r = 0;
        while (all.size() < n && !(once && fresh.empty()) && r < 1000)
        {
            ++r;
            std::vector<uint32_t> next;
            for (uint32_t node : once ? fresh : all)
            {
                double whole = std::floor(fanout);
                uint32_t f =
                    uint32_t(whole) + (double(rng() >> 11) * 0x1.0p-53 < fanout - whole ? 1 : 0);
                picked.clear();
                while (picked.size() < std::min(f, n - 1))
                {
                    uint32_t j = uint32_t(rng() % (n - 1));
                    j += j >= node ? 1 : 0;
                    if (std::find(picked.begin(), picked.end(), j) == picked.end())
                    {
                        picked.push_back(j);
                    }
                }
                for (uint32_t j : picked)
                {
                    if (!informed[j])
                    {
                        informed[j] = 1;
                        next.push_back(j);
                    }
                }
            }
            all.insert(all.end(), next.begin(), next.end());
            fresh = next;
        }
        rounds.push_back(all.size() == n ? r : 0);
    }
    return rounds;
}

double
Mean(const std::vector<double>& v)
{
    return std::accumulate(v.begin(), v.end(), 0.0) / v.size();
}

double
StandardError(const std::vector<double>& v)
{
    double m = Mean(v);
    double s = 0;
    for (double x : v)
    {
        s += (x - m) * (x - m);
    }
    return std::sqrt(s / (v.size() - 1) / v.size());
}

/// Per message of \p g, the rounds until every live member had it.
std::vector<double>
RoundsToAll(const ns3::gcsim::GossipCounts& g)
{
    std::vector<double> rounds;
    for (const auto& curve : g.curves)
    {
        EXPECT_EQ(curve.back(), g.live);
        rounds.push_back(double(curve.size() - 1));
    }
    return rounds;
}

/// Timed push at n: the simulated rounds agree with the model alone (two-sample, 3.5
/// standard errors), and exceed log2 n + ln n by Pittel's O(1): between 0 and 3 rounds, as
/// the model alone has it (about 1.5 at n = 1,000 and 2.3 at 10,000 over its trials).
void
PushRoundsAgree(uint32_t n, uint32_t messages)
{
    Scenario s = ScenarioFrom(Star(n, messages, "round = \"10ms\"\n"));
    ModeResult r = Simulate(s, "push");
    ASSERT_TRUE(r.gossip.used);
    EXPECT_EQ(r.gossip.reachedAll, messages);
    EXPECT_EQ(r.delivery.deliveries, uint64_t(messages) * (n - 1));
    std::vector<double> simulated = RoundsToAll(r.gossip);
    std::vector<double> model = AbstractPush(n, 1, false, n > 5000 ? 300 : 2000, 7);
    double predicted = theory::PushRoundsToAll(n, 1);
    double se = std::hypot(messages > 1 ? StandardError(simulated) : 1.0, StandardError(model));
    EXPECT_LE(std::abs(Mean(simulated) - Mean(model)), 3.5 * std::max(se, 0.25))
        << "simulated " << Mean(simulated) << ", model " << Mean(model);
    std::cout << "n = " << n << ": simulated " << Mean(simulated) << " rounds over " << messages
              << " messages, the model alone " << Mean(model) << " over " << model.size()
              << " trials, log2 n + ln n = " << predicted << "\n";
    EXPECT_GE(Mean(model) - predicted, 0.0) << "model " << Mean(model) << ", " << predicted;
    EXPECT_LE(Mean(model) - predicted, 3.0) << "model " << Mean(model) << ", " << predicted;
    EXPECT_GE(Mean(simulated) - predicted, 0.0) << "simulated " << Mean(simulated);
    EXPECT_LE(Mean(simulated) - predicted, 3.0) << "simulated " << Mean(simulated);
    // The mean infection curve follows the mean field within 5 points everywhere.
    std::vector<double> curve = r.gossip.MeanCurve();
    std::vector<double> field = MeanFieldFor(s, r, uint32_t(curve.size() - 1));
    ASSERT_EQ(field.size(), curve.size());
    for (std::size_t k = 0; k < curve.size(); ++k)
    {
        EXPECT_NEAR(curve[k], field[k], 0.05) << "round " << k;
    }
}

TEST(GossipTheory, PushRoundsAt1000)
{
    PushRoundsAgree(1000, 20);
}

TEST(GossipTheory, PushRoundsAt10000)
{
    PushRoundsAgree(10000, 5);
}

/// Event-driven push with fanout ln n + c at n = 1,000: the share of messages that reach
/// everyone agrees with the model alone and with e^(-e^(-c)).
void
ReachAgrees(double c, uint32_t messages)
{
    const uint32_t n = 1000;
    double fanout = std::log(double(n)) + c;
    Scenario s = ScenarioFrom(
        Star(n, messages, "round = \"event\"\nfanout = " + std::to_string(fanout) + "\n"));
    ModeResult r = Simulate(s, "push");
    double simulated = double(r.gossip.reachedAll) / messages;
    std::vector<double> model = AbstractPush(n, fanout, true, 4000, 11);
    double modelReach =
        double(std::count_if(model.begin(), model.end(), [](double x) { return x > 0; })) /
        model.size();
    double predicted = theory::ReachProbability(c);
    double se = std::sqrt(predicted * (1 - predicted) / messages);
    EXPECT_LE(std::abs(simulated - modelReach), 3.5 * se)
        << "c = " << c << ": simulated " << simulated << ", model " << modelReach;
    EXPECT_LE(std::abs(simulated - predicted), 3.5 * se)
        << "c = " << c << ": simulated " << simulated << ", e^(-e^(-c)) " << predicted;
    auto check = GossipTheory(s, r);
    ASSERT_TRUE(check);
    EXPECT_EQ(check->figure, "reach_probability");
    EXPECT_NEAR(check->predicted, predicted, 1e-6); // the scenario's fanout has 6 decimals
}

TEST(GossipTheory, ReachProbabilityAtFanoutLnNPlusC)
{
    ReachAgrees(0, 50);
    ReachAgrees(2, 50);
}

TEST(GossipTheory, RumourResidueAgainstTraffic)
{
    // Feedback and counter k = 1, 2, 3, and the blind coin: every variant's residue s lies on
    // s = e^(-m), m the pushes per node, within 3.5 standard errors over messages (Demers'
    // own table: k = 1 gives s 0.18 at m 1.7).
    for (const std::string& variant : {std::string("rumour = \"feedback\"\nk = 1\n"),
                                       std::string("rumour = \"feedback\"\nk = 3\n"),
                                       std::string("rumour = \"blind\"\nk = 2\n")})
    {
        Scenario s = ScenarioFrom(Star(1000, 12, variant), {"delivery.modes=[\"rumour\"]"});
        ModeResult r = Simulate(s, "rumour");
        auto check = GossipTheory(s, r);
        ASSERT_TRUE(check);
        double m = r.gossip.DataPerNode();
        double se = (check->high - check->low) / 2 / 2.20; // the t interval over 12 messages
        EXPECT_LE(std::abs(check->simulated - std::exp(-m)), std::max(3.5 * se, 0.005))
            << variant << ": residue " << check->simulated << " at m = " << m;
        EXPECT_GT(r.gossip.residueMean, 0) << variant;
    }
}

TEST(GossipView, Graphs)
{
    // The course's overlays on 12 nodes: degrees and edges.
    GossipView line(GossipView::LINE, 12, 0, 1);
    EXPECT_EQ(line.Edges(), 11U);
    EXPECT_EQ(line.Degree(0), 1U);
    EXPECT_EQ(line.Degree(5), 2U);
    GossipView ring(GossipView::RING, 12, 0, 1);
    EXPECT_EQ(ring.Edges(), 12U);
    GossipView grid(GossipView::GRID, 12, 0, 1); // 4 columns, 3 rows
    EXPECT_EQ(grid.Edges(), 3U * 3 + 2U * 4);
    EXPECT_EQ(grid.Degree(0), 2U);
    EXPECT_EQ(grid.Degree(5), 4U);
    GossipView torus(GossipView::TORUS, 12, 0, 1);
    EXPECT_EQ(torus.Edges(), 24U);
    for (uint32_t i = 0; i < 12; ++i)
    {
        EXPECT_EQ(torus.Degree(i), 4U) << i;
    }
    // Random 6-regular on 1,000: degree 6 but for rare doubled edges, connected.
    GossipView regular(GossipView::REGULAR, 1000, 6, 3);
    uint64_t degrees = 0;
    for (uint32_t i = 0; i < 1000; ++i)
    {
        EXPECT_LE(regular.Degree(i), 6U);
        EXPECT_GE(regular.Degree(i), 4U);
        degrees += regular.Degree(i);
    }
    EXPECT_GE(degrees, 5950U); // an edge drawn twice is kept once: about 1 in 100 here
    std::vector<bool> seen(1000, false);
    std::vector<uint32_t> queue{0};
    seen[0] = true;
    for (std::size_t q = 0; q < queue.size(); ++q)
    {
        for (uint32_t j = 0; j < regular.Degree(queue[q]); ++j)
        {
            uint32_t p = regular.Peer(queue[q], j);
            if (!seen[p])
            {
                seen[p] = true;
                queue.push_back(p);
            }
        }
    }
    EXPECT_EQ(queue.size(), 1000U);
    // Partial views: view_size distinct others each; full: picks distinct, never itself.
    GossipView partial(GossipView::PARTIAL, 100, 5, 4);
    std::mt19937_64 rng(5);
    std::vector<uint32_t> out;
    for (uint32_t i = 0; i < 100; ++i)
    {
        EXPECT_EQ(partial.Degree(i), 5U);
        GossipView full(GossipView::FULL, 100, 0, 0);
        full.Pick(i, 7, rng, out);
        std::sort(out.begin(), out.end());
        EXPECT_EQ(std::unique(out.begin(), out.end()) - out.begin(), 7);
        EXPECT_EQ(std::count(out.begin(), out.end(), i), 0);
    }
}

TEST(Gossip, OnALineEveryRoundIsOneHopFurther)
{
    // A line view with P1 at one end: fanout 1 can do no better than one node further per
    // round, the diameter is a lower bound; push-pull and pull, on the same line, too.
    for (std::string mode : {"push", "push-pull"})
    {
        Scenario s = ScenarioFrom(Star(30, 2, "view = \"line\"\nrounds = 400\n"),
                                  {"delivery.modes=[\"" + mode + "\"]"});
        ModeResult r = Simulate(s, mode);
        EXPECT_EQ(r.gossip.reachedAll, 2U) << mode;
        EXPECT_GE(r.gossip.roundsToAllMax, 29U) << mode;
        EXPECT_GE(r.gossip.roundsToAllMean, 29.0) << mode;
    }
}

TEST(Gossip, LazyPushSettlesOnATree)
{
    // Plumtree on a 6-regular view of 300: every message arrives everywhere; after the first
    // message has pruned the graph, a message costs about one DATA per member (n - 1 on a
    // tree), far below eager push on every link (6 per node).
    Scenario s = ScenarioFrom(Star(300, 12, "view = \"regular\"\nview_size = 6\n"),
                              {"delivery.modes=[\"lazy-push\", \"push\"]"});
    ModeResult lazy = Simulate(s, "lazy-push");
    EXPECT_EQ(lazy.gossip.reachedAll, 12U);
    EXPECT_DOUBLE_EQ(lazy.delivery.deliveries, 12.0 * 299);
    EXPECT_LT(lazy.gossip.DataPerNode(), 1.6);
    EXPECT_GT(lazy.gossip.control, 0U);
    ModeResult push = Simulate(s, "push");
    EXPECT_GT(push.gossip.DataPerNode(), 3 * lazy.gossip.DataPerNode());
}

TEST(Gossip, LossAndCrashes)
{
    // 5 % loss on every host link and 10 % of the members crashed before the first message:
    // push given 40 rounds still reaches every live member; the crashed get nothing. (With
    // the default limit, 5 rounds past log2 n + ln n, one message in five misses a member or
    // two here: a fifth of the pushes are lost.)
    Scenario s = ScenarioFrom(Star(500, 5, "crashed = 0.1\nrounds = 40\n"), {"topology.loss=0.05"});
    ModeResult r = Simulate(s, "push");
    EXPECT_EQ(r.gossip.crashed, 50U);
    EXPECT_EQ(r.gossip.live, 449U);
    EXPECT_EQ(r.gossip.reachedAll, 5U);
    EXPECT_EQ(r.delivery.deliveries, 5U * 449);
    EXPECT_GT(r.links.lossDrops, 0U);
    // And pull's residue without crashes but a single round allowed is above zero: the limit
    // is real.
    Scenario one = ScenarioFrom(Star(500, 2, "rounds = 3\n"), {"delivery.modes=[\"pull\"]"});
    ModeResult pulled = Simulate(one, "pull");
    EXPECT_GT(pulled.gossip.residueMean, 0.9);
}

TEST(Gossip, MembersThatLeaveStopAndThoseThatJoinTakePart)
{
    // [membership] churn: client 3 leaves at 1.25 s and joins again at 1.65 s; client 40 (not a
    // member at first) joins at 1.45 s. P1 sends a message every 100 ms from 1 s; a spread
    // takes up to 15 rounds of 10 ms. A message is for the members when it leaves P1: client 3
    // gets messages 0 and 1 and 7-9, none of 3 and 4 (sent and spread while it was away);
    // message 2 left while it was a member but it left 50 ms into the spread, before the
    // message reached it: that message alone misses a destination. Client 40 gets 5-9 and
    // none of 0-3.
    std::string toml = Star(41, 10, "") +
                       "[membership]\nevents = [\n"
                       "  { at = \"1.25s\", client = 3, action = \"leave\" },\n"
                       "  { at = \"1.45s\", client = 40, action = \"join\" },\n"
                       "  { at = \"1.65s\", client = 3, action = \"join\" },\n]\n";
    std::string members;
    for (int c = 1; c <= 39; ++c)
    {
        members += (c > 1 ? "," : "") + std::to_string(c);
    }
    Scenario s =
        ScenarioFrom(toml, {"group.members=[" + members + "]", "traffic.interval=\"100ms\""});
    std::ostringstream csv;
    ModeResult r = Simulate(s, "push", &csv);
    EXPECT_EQ(r.gossip.population, 41U); // P1, clients 1-39 and 40
    EXPECT_EQ(r.gossip.reachedAll, 9U);
    std::map<uint32_t, std::set<uint32_t>> got; // client -> messages it took as a destination
    auto rows = ReadCsv(csv.str());
    for (std::size_t i = 1; i < rows.size(); ++i)
    {
        const auto& row = rows[i];
        std::map<std::string, std::string> cell;
        for (std::size_t c = 0; c < rows[0].size() && c < row.size(); ++c)
        {
            cell[rows[0][c]] = row[c];
        }
        got[std::stoul(cell["receiver"])].insert(std::stoul(cell["message"]));
    }
    for (uint32_t m : {0U, 1U, 7U, 8U, 9U})
    {
        EXPECT_TRUE(got[3].count(m)) << "message " << m;
    }
    EXPECT_FALSE(got[3].count(2));
    EXPECT_FALSE(got[3].count(3));
    EXPECT_FALSE(got[3].count(4));
    for (uint32_t m = 5; m < 10; ++m)
    {
        EXPECT_TRUE(got[40].count(m)) << "message " << m;
    }
    for (uint32_t m = 0; m < 4; ++m)
    {
        EXPECT_FALSE(got[40].count(m)) << "message " << m;
    }
    EXPECT_EQ(r.gossip.liveByMessage.front(), 39U);
    EXPECT_EQ(r.gossip.liveByMessage.back(), 40U);
}

TEST(Gossip, BadInputNamesTheKey)
{
    auto fails = [](const std::string& gossip, const std::vector<std::string>& overrides,
                    const std::string& key, const std::string& words)
    {
        try
        {
            ScenarioFrom(Star(10, 1, gossip), overrides);
            ADD_FAILURE() << "accepted " << gossip;
        }
        catch (const InputError& e)
        {
            EXPECT_NE(std::string(e.what()).find(key), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
        }
    };
    fails("fanout = 0\n", {}, "gossip.fanout", "");
    fails("round = \"event\"\n", {"delivery.modes=[\"pull\"]"}, "gossip.round", "push's only");
    fails("", {"delivery.modes=[\"lazy-push\"]"}, "gossip.view", "symmetric view");
    fails("view = \"line\"\nview_size = 4\n", {}, "gossip.view_size", "\"partial\" or");
    fails("crash_at = \"1s\"\n", {}, "gossip.crash_at", "give gossip.crashed too");
    fails("", {"reliability.repair=\"nak\""}, "delivery.modes", "[reliability]");
    fails("view = \"mesh\"\n", {}, "gossip.view", "full");
}

} // namespace
} // namespace gcsim::test
