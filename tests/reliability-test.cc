// Reliable delivery ([reliability]): NAK repair with SRM suppression for multicast and
// per-receiver ARQ for replicated unicast, on lossy links. Delivery ratio 1.0, exactly-once
// delivery at the application, losses against the binomial closed form, NAKs per loss with
// and without suppression, ARQ's retransmissions and ACKs against their closed forms, counts
// that add up, determinism, and the keys' bad values.
#include "test-utilities.h"

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace gcsim::test
{
namespace
{

constexpr double kLoss = 0.05;

/// Expects \p value within 4 standard deviations \p sd of \p mean.
void
ExpectWithin(double value, double mean, double sd, const std::string& what)
{
    EXPECT_NEAR(value, mean, 4 * sd)
        << what << ": " << value << ", expected " << mean << " +- " << 4 * sd;
}

/// 16 clients on one 100 Mbit/s LAN whose NICs lose 5 %, 8 members, \p messages messages.
std::string
Lan(uint32_t messages, const std::string& repair)
{
    return "[topology]\nclients = 16\nloss = 0.05\n[group]\nmembers = 8\n[traffic]\nmessages = " +
           std::to_string(messages) +
           "\ninterval = \"2ms\"\nsize = 1024\n[reliability]\nrepair = " + repair + "\n";
}

/// A binary router tree of depth 2 (4 leaf LANs of 2 clients, all members); P1's link and the
/// leaf LANs lose 5 %, the router links nothing.
std::string
Tree(uint32_t messages, const std::string& repair, const std::string& extra = "")
{
    return "[topology]\nkind = \"tree\"\nfanout = 2\ndepth = 2\nclients_per_leaf = 2\n"
           "loss = 0.05\n" +
           extra + "[traffic]\nmessages = " + std::to_string(messages) +
           "\ninterval = \"20ms\"\nsize = 1024\n[reliability]\nrepair = " + repair +
           "\narq_timeout = \"10ms\"\n";
}

/// Every (message, receiver) in \p csv (deliveries.csv text) once, at a member only.
void
ExpectExactlyOnce(const std::string& csv, uint64_t expected)
{
    std::set<std::pair<std::string, std::string>> seen;
    uint64_t rows = 0;
    for (const auto& row : ReadCsv(csv))
    {
        if (row[0] == "mode")
        {
            continue;
        }
        ++rows;
        EXPECT_EQ(row[3], "1") << "a copy at non-member " << row[2];
        EXPECT_EQ(row[5], "0") << "a duplicate reached the application";
        EXPECT_TRUE(seen.insert({row[1], row[2]}).second)
            << "message " << row[1] << " twice at " << row[2];
    }
    EXPECT_EQ(rows, expected);
}

TEST(Reliability, RepairsExpandIntoRunsOfTheModesTheyApplyTo)
{
    Scenario s = ScenarioFrom(
        "[delivery]\nmodes = [\"unicast\", \"replicated-unicast\", \"multicast\", "
        "\"broadcast\"]\n[reliability]\nrepair = [\"none\", \"nak\", \"nak-unsuppressed\"]\n");
    EXPECT_EQ(s.Runs(), (std::vector<std::string>{
                            "unicast", "replicated-unicast", "replicated-unicast+arq", "multicast",
                            "multicast+nak", "multicast+nak-unsuppressed", "broadcast"}));
    EXPECT_EQ(s.RunOf("multicast+nak").repair, Repair::NAK);
    EXPECT_EQ(s.RunOf("multicast+nak-unsuppressed").repair, Repair::NAK_UNSUPPRESSED);
    EXPECT_EQ(s.RunOf("replicated-unicast+arq").repair, Repair::ARQ);
    EXPECT_EQ(s.RunOf("multicast").repair, Repair::NONE);
    EXPECT_THROW(s.RunOf("broadcast+nak"), InputError);
    EXPECT_THROW(s.RunOf("multicast+arq"), InputError);
    EXPECT_THROW(s.RunOf("replicated-unicast+nak"), InputError);
    // A repair alone: no plain runs; routing variants each get theirs.
    Scenario t = ScenarioFrom("[topology]\nkind = \"tree\"\n[delivery]\nmodes = "
                              "[\"replicated-unicast\", \"multicast\"]\nmulticast_routing = "
                              "[\"source-tree\", \"flood\"]\n[reliability]\nrepair = \"nak\"\n");
    EXPECT_EQ(t.Runs(),
              (std::vector<std::string>{"replicated-unicast+arq", "multicast/source-tree+nak",
                                        "multicast/flood+nak"}));
    EXPECT_EQ(t.RunOf("multicast/flood+nak").routing, ns3::gcsim::MulticastRouting::FLOOD);
    // Without [reliability] nothing changes.
    Scenario u = ScenarioFrom("[delivery]\nmodes = [\"replicated-unicast\", \"multicast\"]\n");
    EXPECT_EQ(u.Runs(), (std::vector<std::string>{"replicated-unicast", "multicast"}));
    EXPECT_EQ(ResolvedToml(u).find("reliability"), std::string::npos);
}

TEST(Reliability, BadValuesAreRefusedWithTheirKey)
{
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"[reliability]\nrepair = \"fec\"\n", "reliability.repair"},
        {"[reliability]\nrepair = [\"nak\", \"nak\"]\n", "listed twice"},
        {"[reliability]\nrepair = []\n", "the list is empty"},
        {"[reliability]\nrepair = [3]\n", "reliability.repair"},
        {"[reliability]\nrequest_c1 = -1\n", "reliability.request_c1"},
        {"[reliability]\nrequest_c2 = \"2\"\n", "reliability.request_c2"},
        {"[reliability]\nrequest_c1 = 0\nrequest_c2 = 0\n", "must be above 0"},
        {"[reliability]\nrepair_d1 = 1001\n", "reliability.repair_d1"},
        {"[reliability]\nrepair_d2 = -0.5\n", "reliability.repair_d2"},
        {"[reliability]\nsession_interval = \"0ms\"\n", "reliability.session_interval"},
        {"[reliability]\nsession_interval = 5\n", "reliability.session_interval"},
        {"[reliability]\nsession_messages = -1\n", "reliability.session_messages"},
        {"[reliability]\narq_timeout = \"-1ms\"\n", "reliability.arq_timeout"},
        {"[reliability]\narq_max_tries = 0\n", "reliability.arq_max_tries"},
        {"[reliability]\nretries = 3\n", "unknown key"},
        {"[traffic]\npattern = \"throughput\"\n[reliability]\n", "group pattern"},
        {"[group]\nport = 65535\n[reliability]\n", "group.port"},
        {"[membership]\nevents = [{ at = \"1s\", client = 1, action = \"leave\" }]\n"
         "[reliability]\n",
         "[membership]"},
    };
    for (const auto& [text, says] : cases)
    {
        try
        {
            ScenarioFrom(text);
            ADD_FAILURE() << "accepted:\n" << text;
        }
        catch (const InputError& e)
        {
            EXPECT_NE(std::string(e.what()).find(says), std::string::npos)
                << e.what() << "\nshould say " << says;
            EXPECT_NE(std::string(e.what()).find("test.toml"), std::string::npos) << e.what();
        }
    }
    // Through the program: exit status 2.
    ScratchFolder dir;
    WriteFile(dir / "bad.toml", "[reliability]\nrepair = \"fec\"\n");
    CommandResult r = RunCommand({"run", dir / "bad.toml", "-q", "--out", dir / "out"});
    EXPECT_EQ(r.status, 2);
    EXPECT_FALSE(std::filesystem::exists(dir / "out"));
}

TEST(Reliability, WithoutRepairALanLosesBinomially)
{
    // Each member's NIC draws for itself: 8 x 500 independent trials of 1 - p.
    Scenario s = ScenarioFrom(Lan(500, "\"none\""));
    ModeResult r = Simulate(s, "multicast");
    ASSERT_EQ(r.delivery.expected, 4000u);
    double q = 1 - kLoss;
    ExpectWithin(double(r.delivery.deliveries), 4000 * q, std::sqrt(4000 * q * (1 - q)),
                 "deliveries");
    EXPECT_EQ(r.reliability.losses, r.delivery.expected - r.delivery.deliveries);
    EXPECT_EQ(r.reliability.naks + r.reliability.repairs + r.reliability.controlFrames, 0u);
}

TEST(Reliability, WithoutRepairATreeDeliversWithTheOddsOfTwoLossyHops)
{
    // P1's link (lost at the root router, for every member) and the member's LAN: a copy
    // arrives with (1 - p)^2. Per message the g deliveries are B x Binomial(g, 1 - p), B the
    // root's draw: mean g q^2, variance q (g q p + g^2 q^2) - g^2 q^4.
    constexpr double n = 1000;
    constexpr double g = 8;
    Scenario s = ScenarioFrom(Tree(1000, "\"none\""));
    ModeResult r = Simulate(s, "multicast");
    ASSERT_EQ(r.delivery.expected, 8000u);
    double q = 1 - kLoss;
    double variance = q * (g * q * kLoss + g * g * q * q) - g * g * std::pow(q, 4);
    ExpectWithin(double(r.delivery.deliveries), n * g * q * q, std::sqrt(n * variance),
                 "deliveries");
}

TEST(Reliability, NakRepairOnALanDeliversEveryMessageExactlyOnce)
{
    Scenario s = ScenarioFrom(Lan(500, "[\"nak\", \"nak-unsuppressed\"]"));
    std::ostringstream csv;
    ModeResult r = Simulate(s, "multicast+nak", &csv);
    const auto& c = r.reliability;
    ASSERT_EQ(r.delivery.expected, 4000u);
    EXPECT_EQ(r.delivery.deliveries, r.delivery.expected) << "delivery ratio 1.0";
    EXPECT_EQ(r.delivery.duplicates, 0u);
    ExpectExactlyOnce(csv.str(), 4000);
    // The first transmission lost what the plain run loses: each member's own draws.
    double q = 1 - kLoss;
    ExpectWithin(double(c.losses), 4000 * kLoss, std::sqrt(4000 * q * kLoss), "losses");
    EXPECT_EQ(c.repaired, c.losses);
    EXPECT_GT(c.repairLatency.mean, 0);
    EXPECT_GE(c.repairs, c.losses > 0 ? 1u : 0u);
    // On one segment a NAK reaches every member at once: about one NAK per loss. Below one
    // where two members missed the same message (one NAK serves both), above where a repair
    // was lost and the member asked again.
    double perLoss = double(c.naks) / double(c.losses);
    EXPECT_GT(perLoss, 0.7);
    EXPECT_LT(perLoss, 1.1);
    EXPECT_GT(c.naksSuppressed, 0u);
    // Session messages: sessions after the last message (the interval between messages is
    // shorter than the session interval).
    EXPECT_EQ(c.sessions, 3u);
    // Every frame on the LAN is a group message or the protocol's (static ARP, no other
    // traffic): the summary adds up.
    EXPECT_EQ(r.links.frames, r.links.messageFrames + c.controlFrames);
    EXPECT_EQ(r.links.messageFrames, 500u) << "one multicast frame per message";

    ModeResult u = Simulate(s, "multicast+nak-unsuppressed");
    EXPECT_EQ(u.delivery.deliveries, u.delivery.expected);
    EXPECT_EQ(u.reliability.naksSuppressed, 0u);
    EXPECT_GE(u.reliability.naks, u.reliability.losses) << "every loser asks for itself";
    EXPECT_GT(u.reliability.naks, c.naks);
    EXPECT_GT(u.reliability.repairs, c.repairs) << "every holder answers every NAK";
    EXPECT_GT(u.reliability.duplicatesDropped, c.duplicatesDropped);
}

/**
 * At loss 0.5 a member may learn of a gap from P1's session message, a repair or another
 * member's NAK before any group message reached it, so before it has measured its distance
 * to P1. Its back-off then starts from the distance of what told it: never zero (a zero
 * back-off doubled stays zero, and the member NAKed forever at one instant: seed 1 never
 * ended). Every seed completes, delivers what it delivers exactly once, repairs every loss a
 * member heard of, and NAKs a bounded number of times.
 */
TEST(Reliability, AMemberThatHeardNothingFromP1YetBacksOffAboveZero)
{
    for (int seed = 1; seed <= 12; ++seed)
    {
        Scenario s = ScenarioFrom("seed = " + std::to_string(seed) +
                                  "\n[topology]\nclients = 4\nloss = 0.5\n[traffic]\nmessages = "
                                  "5\n[delivery]\nmodes = [\"multicast\"]\n[reliability]\n"
                                  "repair = \"nak\"\n");
        std::ostringstream csv;
        ModeResult r = Simulate(s, "multicast+nak", &csv);
        const auto& c = r.reliability;
        EXPECT_EQ(r.delivery.duplicates, 0u) << "seed " << seed;
        ExpectExactlyOnce(csv.str(), r.delivery.deliveries);
        EXPECT_GT(c.losses, 0u) << "seed " << seed;
        // Every loss is repaired, or never heard of: a member that lost a message and every
        // later message and session message of P1 cannot know it exists (seed 7 has one).
        EXPECT_EQ(c.repaired + (20 - r.delivery.deliveries), c.losses) << "seed " << seed;
        EXPECT_GE(r.delivery.deliveries, 18u) << "seed " << seed;
        // Each loss is asked for a few times at most: a NAK or a repair lost half the time.
        EXPECT_LT(c.naks, 20 * c.losses) << "seed " << seed;
    }
}

TEST(Reliability, NakRepairOnATreeDeliversEveryMessageAndSuppressionSavesNaks)
{
    // A loss on P1's link costs all 8 members the message: without suppression each asks.
    Scenario s = ScenarioFrom(Tree(300, "[\"nak\", \"nak-unsuppressed\"]"));
    std::ostringstream csv;
    ModeResult r = Simulate(s, "multicast+nak", &csv);
    ModeResult u = Simulate(s, "multicast+nak-unsuppressed");
    for (const ModeResult* m : {&r, &u})
    {
        EXPECT_EQ(m->delivery.deliveries, m->delivery.expected) << m->mode;
        EXPECT_EQ(m->delivery.duplicates, 0u) << m->mode;
        EXPECT_GT(m->reliability.losses, 0u) << m->mode;
        EXPECT_EQ(m->reliability.repaired, m->reliability.losses) << m->mode;
    }
    ExpectExactlyOnce(csv.str(), r.delivery.expected);
    double suppressed = double(r.reliability.naks) / r.reliability.losses;
    double unsuppressed = double(u.reliability.naks) / u.reliability.losses;
    EXPECT_LT(suppressed, unsuppressed);
    EXPECT_LT(suppressed, 0.8) << "shared losses need one NAK between 8 members";
    EXPECT_LT(r.reliability.repairs, u.reliability.repairs);
}

TEST(Reliability, NakRepairReachesEveryMemberOverEveryRoutingVariant)
{
    // NAKs and member repairs travel on each member's own tree (MulticastGroup::senders);
    // P1 hears the NAKs of every leaf, or messages lost on its own link would stay lost.
    for (const char* variant : {"source-tree", "shared-tree", "flood"})
    {
        Scenario s = ScenarioFrom(Tree(
            100, "\"nak\"", "[delivery]\nmulticast_routing = \"" + std::string(variant) + "\"\n"));
        ModeResult r = Simulate(s, "multicast+nak");
        EXPECT_EQ(r.delivery.deliveries, r.delivery.expected) << variant;
        EXPECT_GT(r.reliability.repaired, 0u) << variant;
        EXPECT_EQ(r.delivery.duplicates, 0u) << variant;
    }
    // A star: P1's switch port is in the group, so NAKs reach it.
    Scenario star = ScenarioFrom("[topology]\nkind = \"star\"\nclients = 8\nloss = 0.05\n"
                                 "[group]\nmembers = 4\n[traffic]\nmessages = 200\ninterval = "
                                 "\"2ms\"\n[reliability]\nrepair = \"nak\"\n");
    ModeResult r = Simulate(star, "multicast+nak");
    EXPECT_EQ(r.delivery.deliveries, r.delivery.expected);
    EXPECT_GT(r.reliability.repaired, 0u);
}

TEST(Reliability, ArqDeliversEveryMessageWithGeometricRetransmissions)
{
    // On the LAN a try succeeds when the copy reaches the member (1 - p) and its ACK reaches
    // P1 (1 - p): q = (1 - p)^2. Retransmissions per member-message are geometric, mean
    // 1/q - 1, variance (1 - q)/q^2.
    Scenario s = ScenarioFrom(Lan(500, "\"nak\"") + "arq_timeout = \"5ms\"\n");
    std::ostringstream csv;
    ModeResult r = Simulate(s, "replicated-unicast+arq", &csv);
    const auto& c = r.reliability;
    EXPECT_EQ(r.delivery.deliveries, r.delivery.expected);
    EXPECT_EQ(r.delivery.duplicates, 0u);
    ExpectExactlyOnce(csv.str(), 4000);
    EXPECT_EQ(c.giveUps, 0u);
    double q = (1 - kLoss) * (1 - kLoss);
    ExpectWithin(double(c.retransmissions), 4000 * (1 / q - 1), std::sqrt(4000 * (1 - q)) / q,
                 "retransmissions");
    // Retransmissions are the losses plus the lost ACKs; a member ACKs every copy it gets.
    EXPECT_GE(c.retransmissions, c.losses);
    EXPECT_EQ(c.repaired, c.losses);
    EXPECT_EQ(c.acks, r.delivery.deliveries + c.duplicatesDropped);
    ExpectWithin(double(c.losses), 4000 * kLoss, std::sqrt(4000 * kLoss * (1 - kLoss)), "losses");
    EXPECT_EQ(r.links.frames, r.links.messageFrames + c.controlFrames);
    EXPECT_EQ(c.controlFrames, c.acks + c.retransmissions) << "one frame each on one LAN";
    EXPECT_EQ(c.retransmittedBytes, c.retransmissions * (1024 + 16));
}

TEST(Reliability, ArqOnATreeDeliversEveryMessage)
{
    Scenario s = ScenarioFrom(Tree(200, "\"nak\""));
    ModeResult r = Simulate(s, "replicated-unicast+arq");
    EXPECT_EQ(r.delivery.deliveries, r.delivery.expected);
    EXPECT_EQ(r.reliability.acks, r.delivery.deliveries + r.reliability.duplicatesDropped);
    EXPECT_GE(r.reliability.retransmissions, r.reliability.losses);
}

TEST(Reliability, RunsAreDeterministic)
{
    Scenario s = ScenarioFrom(Tree(50, "[\"nak\", \"nak-unsuppressed\"]"));
    for (const char* run :
         {"multicast+nak", "multicast+nak-unsuppressed", "replicated-unicast+arq"})
    {
        std::ostringstream a;
        std::ostringstream b;
        std::ostringstream la;
        std::ostringstream lb;
        ModeResult ra = Simulate(s, run, &a, &la);
        ModeResult rb = Simulate(s, run, &b, &lb);
        EXPECT_EQ(a.str(), b.str()) << run;
        EXPECT_EQ(la.str(), lb.str()) << run;
        EXPECT_EQ(ra.reliability.naks, rb.reliability.naks) << run;
        EXPECT_EQ(ra.reliability.controlBytes, rb.reliability.controlBytes) << run;
    }
}

TEST(Reliability, SummaryAndTableShowReliabilityOnlyWhenAsked)
{
    ScratchFolder dir;
    WriteFile(dir / "r.toml", Lan(20, "[\"none\", \"nak\"]"));
    CommandResult r = RunCommand({"run", dir / "r.toml", "-q", "--out", dir / "out"});
    ASSERT_EQ(r.status, 0) << r.err;
    auto summary = nlohmann::json::parse(ReadFile(dir / "out/summary.json"));
    ASSERT_TRUE(summary["modes"].contains("multicast+nak"));
    const auto& rel = summary["modes"]["multicast+nak"]["reliability"];
    EXPECT_EQ(rel["repair"], "nak");
    EXPECT_EQ(rel["delivery_ratio"], 1.0);
    EXPECT_EQ(summary["modes"]["multicast"]["reliability"]["repair"], "none");
    EXPECT_TRUE(summary["scenario"].contains("reliability"));
    EXPECT_NE(ReadFile(dir / "out/table.txt").find("NAKs / loss"), std::string::npos);
    WriteFile(dir / "plain.toml", "[topology]\nclients = 4\n[traffic]\nmessages = 2\n");
    r = RunCommand({"run", dir / "plain.toml", "-q", "--out", dir / "plain"});
    ASSERT_EQ(r.status, 0) << r.err;
    auto plain = nlohmann::json::parse(ReadFile(dir / "plain/summary.json"));
    EXPECT_FALSE(plain["modes"]["multicast"].contains("reliability"));
    EXPECT_EQ(ReadFile(dir / "plain/table.txt").find("NAKs"), std::string::npos);
}

} // namespace
} // namespace gcsim::test
