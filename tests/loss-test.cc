// Lossy links (`loss`, `core_loss`, `bottleneck_loss`): measured delivery against the
// configured packet error rate within a binomial bound, how losses are reported, the keys'
// bad values, and lossless scenarios left as they were.
#include "test-utilities.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace gcsim::test
{
namespace
{

/**
 * Expects \p successes of \p trials independent draws, each a success with probability
 * \p q, within 4 standard deviations of the mean (a false alarm about once in 16,000 runs;
 * the draws are seeded, so a given build passes or fails every time).
 */
void
ExpectBinomial(uint64_t successes, uint64_t trials, double q)
{
    double mean = trials * q;
    double bound = 4 * std::sqrt(trials * q * (1 - q));
    EXPECT_NEAR(double(successes), mean, bound)
        << successes << " of " << trials << " (ratio " << double(successes) / trials
        << "), expected " << mean << " +- " << bound << " for q = " << q;
}

TEST(Loss, UnicastOverOneLossyHopDeliversBinomially)
{
    // P1 and C1 on a point-to-point link; C1's receiver loses each frame with p = 0.1.
    constexpr uint64_t kMessages = 4000;
    constexpr double kLoss = 0.1;
    Scenario s = ScenarioFrom("[topology]\nkind = \"p2p\"\nloss = 0.1\n[traffic]\nmessages = " +
                              std::to_string(kMessages) + "\nsize = 16\ninterval = \"1ms\"\n");
    ModeResult r = Simulate(s, "unicast");
    ASSERT_EQ(r.delivery.expected, kMessages);
    ExpectBinomial(r.delivery.deliveries, kMessages, 1 - kLoss);
    // Nothing silently missing: every missed delivery is one lost frame.
    EXPECT_EQ(r.links.lossDrops, kMessages - r.delivery.deliveries);
    EXPECT_EQ(r.links.frames, kMessages); // the loss is at the receiver: every frame was sent
}

TEST(Loss, APathOfLossyHopsDeliversWithTheProductOfTheirOdds)
{
    // A chain: P1 - R0 - R1 - R2 - LAN - C1, every hop losing with p = 0.05 (two access
    // links, loss; two router links, core_loss): a copy arrives with (1 - p)^4.
    constexpr uint64_t kMessages = 4000;
    constexpr double kLoss = 0.05;
    Scenario s = ScenarioFrom("[topology]\nkind = \"tree\"\nfanout = 1\ndepth = 2\n"
                              "clients_per_leaf = 1\nloss = 0.05\ncore_loss = 0.05\n"
                              "[traffic]\nmessages = " +
                              std::to_string(kMessages) + "\nsize = 16\ninterval = \"1ms\"\n");
    ModeResult r = Simulate(s, "unicast");
    ExpectBinomial(r.delivery.deliveries, kMessages, std::pow(1 - kLoss, 4));
    EXPECT_EQ(r.links.lossDrops, kMessages - r.delivery.deliveries);
}

TEST(Loss, OnlyTheLinkKindsGivenAreLossy)
{
    // The same chain with only the router links lossy: two lossy hops.
    constexpr uint64_t kMessages = 4000;
    Scenario s = ScenarioFrom("[topology]\nkind = \"tree\"\nfanout = 1\ndepth = 2\n"
                              "clients_per_leaf = 1\ncore_loss = 0.2\n[traffic]\nmessages = " +
                              std::to_string(kMessages) + "\nsize = 16\ninterval = \"1ms\"\n");
    ModeResult r = Simulate(s, "unicast");
    ExpectBinomial(r.delivery.deliveries, kMessages, 0.8 * 0.8);
    // The dumbbell's router link is its bottleneck.
    Scenario d = ScenarioFrom("[topology]\nkind = \"dumbbell\"\nclients = 2\n"
                              "bottleneck_loss = 0.3\n[group]\ntarget = 2\n[traffic]\nmessages = " +
                              std::to_string(kMessages) + "\nsize = 16\ninterval = \"1ms\"\n");
    ModeResult right = Simulate(d, "unicast");
    ExpectBinomial(right.delivery.deliveries, kMessages, 0.7);
    Scenario left = ScenarioFrom("[topology]\nkind = \"dumbbell\"\nclients = 2\n"
                                 "bottleneck_loss = 0.3\n[group]\ntarget = 1\n");
    EXPECT_EQ(Simulate(left, "unicast").delivery.deliveries, 10u) << "C1 is before the bottleneck";
}

TEST(Loss, EveryMemberOfALanLosesIndependently)
{
    // Multicast on one segment: each of the 8 members' NICs draws for itself, so the
    // deliveries are 8 x 500 independent trials; non-members' NICs filter the frame and draw
    // nothing.
    constexpr uint64_t kMessages = 500;
    Scenario s = ScenarioFrom("[topology]\nclients = 12\nloss = 0.25\n[group]\nmembers = 8\n"
                              "[traffic]\nmessages = " +
                              std::to_string(kMessages) + "\nsize = 16\ninterval = \"1ms\"\n");
    std::ostringstream csv;
    ModeResult r = Simulate(s, "multicast", &csv);
    ExpectBinomial(r.delivery.deliveries, kMessages * 8, 0.75);
    EXPECT_EQ(r.links.lossDrops, kMessages * 8 - r.delivery.deliveries);
    EXPECT_EQ(r.hosts.nicFiltered, kMessages * 4);
    // Some message reached some members and not others: the draws are per receiver.
    std::map<std::string, int> perMessage;
    for (const auto& row : ReadCsv(csv.str()))
    {
        if (row[0] != "mode")
        {
            ++perMessage[row[1]];
        }
    }
    int partial = 0;
    for (const auto& [message, count] : perMessage)
    {
        partial += count > 0 && count < 8;
    }
    EXPECT_GT(partial, 100);
}

TEST(Loss, EverythingOrNothingAtTheEnds)
{
    Scenario none = ScenarioFrom("[topology]\nkind = \"p2p\"\nloss = 1\n");
    ModeResult r = Simulate(none, "unicast");
    EXPECT_EQ(r.delivery.deliveries, 0u);
    EXPECT_EQ(r.links.lossDrops, 10u);
    // loss = 0 is no loss model at all: the results of a scenario without the key.
    Scenario zero = ScenarioFrom("[topology]\nclients = 6\nloss = 0\n[group]\nmembers = 3\n");
    Scenario without = ScenarioFrom("[topology]\nclients = 6\n[group]\nmembers = 3\n");
    EXPECT_EQ(ResolvedToml(zero), ResolvedToml(without));
    for (const char* mode : {"replicated-unicast", "multicast", "broadcast", "overlay"})
    {
        std::ostringstream a, b, la, lb;
        Simulate(zero, mode, &a, &la);
        Simulate(without, mode, &b, &lb);
        EXPECT_EQ(a.str(), b.str()) << mode;
        EXPECT_EQ(la.str(), lb.str()) << mode;
    }
}

TEST(Loss, TheSeedAndTheRunChooseTheLosses)
{
    const std::string text = "[topology]\nclients = 4\nloss = 0.3\n[traffic]\nmessages = 200\n"
                             "size = 16\ninterval = \"1ms\"\n";
    auto deliveries = [](const Scenario& s)
    {
        std::ostringstream csv;
        Simulate(s, "broadcast", &csv);
        return csv.str();
    };
    std::string once = deliveries(ScenarioFrom(text));
    EXPECT_EQ(once, deliveries(ScenarioFrom(text)));
    EXPECT_NE(once, deliveries(ScenarioFrom("run = 2\n" + text)));
    EXPECT_NE(once, deliveries(ScenarioFrom("seed = 2\n" + text)));
}

TEST(Loss, ReportedInTheTableTheSummaryAndLinksCsv)
{
    ScratchFolder dir;
    std::string scenario = dir / "lossy.toml";
    WriteFile(scenario, "[topology]\nkind = \"tree\"\nloss = 0.1\ncore_loss = 0.02\n"
                        "[traffic]\nmessages = 200\n");
    CommandResult r = RunCommand({"run", scenario, "--no-report", "--out", dir / "out"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("of which lost on links"), std::string::npos) << r.out;
    auto summary = nlohmann::json::parse(ReadFile(dir / "out/summary.json"));
    EXPECT_EQ(summary["scenario"]["topology"]["loss"], 0.1);
    EXPECT_EQ(summary["scenario"]["topology"]["core_loss"], 0.02);
    auto rows = ReadCsv(ReadFile(dir / "out/links.csv"));
    ASSERT_EQ(rows[0].back(), "lost");
    for (const auto& [mode, m] : summary["modes"].items())
    {
        uint64_t lost = m["drops_by_cause"]["loss"].get<uint64_t>();
        EXPECT_GT(lost, 0u) << mode;
        EXPECT_LT(m["delivery_ratio"].get<double>(), 1.0) << mode;
        uint64_t fromCsv = 0;
        for (const auto& row : rows)
        {
            if (row[0] == mode)
            {
                fromCsv += std::stoull(row[6]);
            }
        }
        EXPECT_EQ(fromCsv, lost) << mode << ": links.csv's lost column adds up to the summary";
        EXPECT_GE(m["drops"].get<uint64_t>(), lost);
    }
    // The resolved scenario keeps the keys, and reads back to the same rates.
    Scenario again = LoadScenario(dir / "out/scenario.toml", {});
    EXPECT_EQ(again.topology.loss, 0.1);
    EXPECT_EQ(again.topology.coreLoss, 0.02);
    // Without loss the table has no such row.
    CommandResult lossless =
        RunCommand({"run", scenario, "--no-report", "--set", "topology.loss=0", "--set",
                    "topology.core_loss=0", "--out", dir / "lossless"});
    ASSERT_EQ(lossless.status, 0) << lossless.err;
    EXPECT_EQ(lossless.out.find("lost on links"), std::string::npos);
}

struct BadLoss
{
    const char* title;
    std::string line;    //!< the topology line
    std::string mustSay; //!< in the message, after "FILE:4: "
};

class BadLossValue : public ::testing::TestWithParam<BadLoss>
{
};

TEST_P(BadLossValue, ExitsWithTwoAndNamesFileLineAndKey)
{
    const BadLoss& c = GetParam();
    ScratchFolder dir;
    std::string file = dir / "lossy.toml";
    WriteFile(file, "name = \"lossy\"\n[topology]\nkind = \"lan\"\n" + c.line + "\n");
    CommandResult r = RunCommand({"run", file, "--out", dir / "results"});
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_NE(r.err.find(file + ":4: " + c.mustSay), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir / "results"));
}

INSTANTIATE_TEST_SUITE_P(
    Scenarios, BadLossValue,
    ::testing::Values(
        BadLoss{"Negative", "loss = -0.1", "topology.loss: must be between 0 and 1"},
        BadLoss{"AboveOne", "loss = 1.5", "topology.loss: must be between 0 and 1"},
        BadLoss{"NotANumber", "loss = nan", "topology.loss: must be between 0 and 1"},
        BadLoss{"Infinite", "loss = inf", "topology.loss: must be between 0 and 1"},
        BadLoss{"Text", "loss = \"1%\"", "topology.loss: expected a number, got a string"},
        BadLoss{"CoreLossOnALan", "core_loss = 0.1", "topology.core_loss: does not apply to a lan"},
        BadLoss{"BottleneckLossOnALan", "bottleneck_loss = 0.1",
                "topology.bottleneck_loss: does not apply"}),
    [](const ::testing::TestParamInfo<BadLoss>& p) { return std::string(p.param.title); });

TEST(Loss, ABadOverrideNamesTheSetOption)
{
    CommandResult r = RunCommand({"validate", "--set", "topology.loss=2"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("--set topology.loss=2: topology.loss: must be between 0 and 1"),
              std::string::npos)
        << r.err;
}

} // namespace
} // namespace gcsim::test
