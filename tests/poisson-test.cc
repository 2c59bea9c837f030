// traffic.pattern = "poisson": P1's group messages as a Poisson process. The gaps are
// checked against the exponential distribution they are drawn from (mean, the share longer
// than the mean, the Kolmogorov-Smirnov distance), the run against the drawn times.
#include "models/group/poisson-send-times.h"
#include "models/network/network-constants.h"
#include "test-utilities.h"

#include <cmath>
#include <ns3/rng-seed-manager.h>

namespace gcsim::test
{
namespace
{

using ns3::gcsim::PoissonSendTimes;

/// PoissonSendTimes() under ns-3's run number \p run, the global one restored after.
std::vector<ns3::Time>
DrawnUnderRun(uint64_t run, uint32_t count)
{
    uint64_t before = ns3::RngSeedManager::GetRun();
    ns3::RngSeedManager::SetRun(run);
    auto times = PoissonSendTimes(ns3::Seconds(1), ns3::MilliSeconds(10), count,
                                  ns3::gcsim::kPoissonSendStream);
    ns3::RngSeedManager::SetRun(before);
    return times;
}

/// The gaps between consecutive \p times, in units of \p mean.
std::vector<double>
Gaps(const std::vector<ns3::Time>& times, double meanNs)
{
    std::vector<double> gaps;
    for (std::size_t k = 1; k < times.size(); ++k)
    {
        gaps.push_back(static_cast<double>((times[k] - times[k - 1]).GetNanoSeconds()) / meanNs);
    }
    return gaps;
}

TEST(Poisson, GapsAreExponentialWithTheIntervalAsMean)
{
    const uint32_t n = 4001; // 4000 gaps
    auto times = DrawnUnderRun(1, n);
    ASSERT_EQ(times.size(), n);
    EXPECT_EQ(times[0], ns3::Seconds(1)); // the first message leaves at traffic.start
    EXPECT_TRUE(std::is_sorted(times.begin(), times.end()));
    std::vector<double> gaps = Gaps(times, 1e7);
    double sum = 0;
    double squares = 0;
    double longer = 0;
    for (double g : gaps)
    {
        sum += g;
        squares += g * g;
        longer += g > 1;
    }
    double m = gaps.size();
    double mean = sum / m;
    double sd = std::sqrt(squares / m - mean * mean);
    // Exponential, mean 1: the sample mean's standard error is 1/sqrt(m) = 0.0158; allow 4.
    EXPECT_NEAR(mean, 1.0, 4 / std::sqrt(m));
    // Its standard deviation equals its mean (a regular schedule's would be 0).
    EXPECT_NEAR(sd / mean, 1.0, 0.1);
    // P(gap > mean) = e^-1; binomial standard error sqrt(p(1-p)/m) = 0.0076; allow 4.
    double p = std::exp(-1.0);
    EXPECT_NEAR(longer / m, p, 4 * std::sqrt(p * (1 - p) / m));
    // Kolmogorov-Smirnov distance to 1 - e^-x below the 1 % critical value 1.63/sqrt(m).
    std::sort(gaps.begin(), gaps.end());
    double d = 0;
    for (std::size_t i = 0; i < gaps.size(); ++i)
    {
        double f = 1 - std::exp(-gaps[i]);
        d = std::max({d, f - i / m, (i + 1) / m - f});
    }
    EXPECT_LT(d, 1.63 / std::sqrt(m));
}

TEST(Poisson, RepetitionsDrawAfreshAndTheSameRepetitionTheSame)
{
    EXPECT_EQ(DrawnUnderRun(1, 50), DrawnUnderRun(1, 50));
    EXPECT_NE(DrawnUnderRun(1, 50), DrawnUnderRun(2, 50));
}

const char* kLan = R"(
[topology]
kind = "lan"
clients = 4
[traffic]
pattern = "poisson"
messages = 200
interval = "5ms"
size = 100
[delivery]
modes = ["multicast"]
)";

/// deliveries.csv's send_ns of each message, in message order.
std::vector<int64_t>
SendTimes(const std::string& csv, uint32_t messages)
{
    auto rows = ReadCsv(csv);
    std::vector<int64_t> sends(messages, -1);
    for (std::size_t i = 1; i < rows.size(); ++i)
    {
        sends.at(std::stoul(rows[i][1])) = std::stoll(rows[i][6]);
    }
    return sends;
}

TEST(Poisson, P1SendsAtTheDrawnTimesAndEveryMemberGetsEveryMessage)
{
    Scenario s = ScenarioFrom(kLan);
    std::ostringstream csv;
    ModeResult r = Simulate(s, "multicast", &csv);
    EXPECT_EQ(r.delivery.deliveries, 200U * 4);
    std::vector<int64_t> sends = SendTimes(csv.str(), 200);
    std::vector<int64_t> drawn;
    uint64_t before = ns3::RngSeedManager::GetRun();
    ns3::RngSeedManager::SetRun(s.run);
    for (ns3::Time t :
         PoissonSendTimes(s.traffic.start, s.traffic.interval, 200, ns3::gcsim::kPoissonSendStream))
    {
        drawn.push_back(t.GetNanoSeconds());
    }
    ns3::RngSeedManager::SetRun(before);
    EXPECT_EQ(sends, drawn);
    // The group pattern's last message leaves at start + 199 x interval; this one's at a
    // random time with that mean and a standard deviation of sqrt(199) x interval = 70 ms.
    EXPECT_NEAR(static_cast<double>(sends.back() - sends.front()), 199 * 5e6, 4 * 70.6e6);

    // Another repetition, other times; the same one, the same results.
    std::ostringstream again;
    Simulate(s, "multicast", &again);
    EXPECT_EQ(again.str(), csv.str());
    s.run = 2;
    std::ostringstream second;
    Simulate(s, "multicast", &second);
    EXPECT_NE(SendTimes(second.str(), 200), sends);
}

TEST(Poisson, TheResolvedScenarioKeepsThePatternAndTheRunLengthCheckCountsTheLongestGaps)
{
    ScratchFolder dir;
    WriteFile(dir / "p.toml", kLan);
    CommandResult r = RunCommand({"run", dir / "p.toml", "--out", dir / "out", "-q"});
    ASSERT_EQ(r.status, 0) << r.err;
    std::string resolved = ReadFile(dir / "out/scenario.toml");
    EXPECT_NE(resolved.find("pattern = 'poisson'"), std::string::npos) << resolved;
    EXPECT_NE(resolved.find("interval = '5ms'"), std::string::npos) << resolved;
    // 10^6 messages 100 s apart on average: 3.2 years of a regular schedule, but a Poisson run
    // can take up to 30 times that, beyond ns-3's 31.7 years; refused, naming key and bound.
    r = RunCommand({"run", dir / "p.toml", "--out", dir / "long", "--set",
                    "traffic.messages=1000000", "--set", "traffic.interval=\"100s\""});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("traffic.interval"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("30 x interval"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir / "long"));
}

/// Mean latency over deliveries.csv's rows, in ns.
double
MeanLatency(const std::string& csv)
{
    auto rows = ReadCsv(csv);
    double sum = 0;
    for (std::size_t i = 1; i < rows.size(); ++i)
    {
        sum += std::stod(rows[i][8]);
    }
    return sum / static_cast<double>(rows.size() - 1);
}

// One LAN, one member, multicast: one 1070-byte frame a message, S = 85.6 us on the wire plus
// the 0.96 us gap before the next frame; a message that finds the link idle arrives
// 85.6 + 0.5 us after it left. Sent every 2 S the link is half busy and nothing waits;
// sent as a Poisson process with that mean, messages wait as in an M/D/1 queue, on average
// rho S / (2 (1 - rho)) (Pollaczek-Khinchine), S / 2 at rho = 0.5.
TEST(Poisson, MeanWaitOnOneLinkIsMD1s)
{
    const double s = TxNs(1070, 100000000) + 960;
    const double idle = TxNs(1070, 100000000) + 500;
    const std::string lan = R"(
[topology]
kind = "lan"
clients = 1
[traffic]
messages = 50000
interval = "173120ns"
[delivery]
modes = ["multicast"]
)";
    std::ostringstream periodic;
    Simulate(ScenarioFrom(lan), "multicast", &periodic);
    EXPECT_DOUBLE_EQ(MeanLatency(periodic.str()), idle);
    std::ostringstream poisson;
    ModeResult r =
        Simulate(ScenarioFrom(lan, {"traffic.pattern=\"poisson\""}), "multicast", &poisson);
    ASSERT_EQ(r.delivery.deliveries, 50000U);
    double rho = s / 173120;
    double wait = rho * s / (2 * (1 - rho));
    // The waits of consecutive messages are correlated: 50,000 of them estimate the mean to
    // about 2 % (one standard error); allow 3 standard errors.
    EXPECT_NEAR(MeanLatency(poisson.str()) - idle, wait, 0.06 * wait);
}

} // namespace
} // namespace gcsim::test
