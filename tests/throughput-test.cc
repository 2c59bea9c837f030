// The throughput pattern on one 100 Mbit/s LAN, against the closed form of P1's device queue.
//
// A 1024-byte message is a 1070-byte frame: T = 85.6 us on the wire, then the 96-bit-time
// gap, 0.96 us, before the next frame: S = 86.56 us per frame, 1/S = 11553 frames/s. P1 is
// the only sender, so frames never wait for the channel, only in P1's drop-tail device queue
// (Q packets, not counting the frame on the wire).
//
// P1 offers N messages of F frames each (multicast, broadcast, unicast: F = 1; replicated
// unicast to g members: F = g, back to back), message k at k I. Once I < F S the device
// never idles: frame f starts at f S. Copy c of message k (frame f = kF + c) arrives at k I
// and finds f - 1 - floor(k I / S) frames waiting, less those already dropped; it is dropped
// when Q wait. As that count rises by at most one per frame, the drops over the run are
//
//     D(I) = max(0, N F - 1 - Q - floor((N - 1) I / S)),
//
// the excess of the last frame's count. A dropped frame loses one delivery per destination
// when F = 1 and one delivery when F = g; either way the 99.9 % rule allows
// A = floor(N F / 1000) drops. So a rate is sustained iff
//
//     floor((N - 1) I / S) >= N F - 1 - Q - A =: K,   i.e.   (N - 1) I >= K S,
//
// would hold up to L = (N - 1) / (K S) messages/s. With N = 500, Q = 4, g = 4: multicast
// K = 495, L = 11646 msg/s, 0.8 % above 1/S: a finite burst lets the queue absorb what
// arrives in excess. So a rate is sustained only in a steady state as well: from I < F S on
// the queue fills, and each message completes later than the one before, which the growth
// criterion (Sustained()) sees. A rate is therefore sustained iff I >= F S, and the search
// ends with the last sustained rate in (B / (1 + p), B] and the first failing one above the
// wire's bound B = 1 / (F S), p the precision: 11,553 msg/s for one frame a message, 2,888
// for replicated unicast to 4 members, never above.
#include "scratch/gcsim/throughput.h"
#include "test-utilities.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace gcsim::test
{
namespace
{

const char* kLan = R"(
[topology]
kind = "lan"
clients = 8
data_rate = "100Mbps"
delay = "500ns"
queue_size = "4p"
[group]
members = [1, 3, 5, 7]
[traffic]
pattern = "throughput"
messages = 500
size = 1024
rate_min = 1000
)";

constexpr int64_t kS = 85600 + 960; //!< ns per frame: transmission and gap
constexpr int64_t kN = 500;         //!< messages
constexpr int64_t kQ = 4;           //!< device queue, packets
constexpr int64_t kG = 4;           //!< members
constexpr double kP = 0.02;         //!< the default precision

/// Frames P1 sends per message in \p mode.
int64_t
FramesPerMessage(const std::string& mode)
{
    return mode == "replicated-unicast" ? kG : 1;
}

/// K of the closed form: floor((N - 1) I / S) must reach it.
int64_t
K(const std::string& mode)
{
    int64_t f = FramesPerMessage(mode);
    return kN * f - 1 - kQ - kN * f / 1000;
}

/// D(I) of the closed form.
uint64_t
ClosedFormDrops(const std::string& mode, int64_t intervalNs)
{
    int64_t f = FramesPerMessage(mode);
    int64_t d = kN * f - 1 - kQ - (kN - 1) * intervalNs / kS;
    return d > 0 ? uint64_t(d) : 0;
}

/// The limit L in messages/s.
double
Limit(const std::string& mode)
{
    return double(kN - 1) / (double(K(mode)) * kS) * 1e9;
}

ModeResult
Search(const std::string& mode, const std::vector<std::string>& overrides = {})
{
    return SearchThroughput(ScenarioFrom(kLan, overrides), mode, RunSinks{});
}

/// The lowest failing rate the search tried (0 if none).
double
FirstBad(const ThroughputSearch& search)
{
    double bad = 0;
    for (const auto& step : search.steps)
    {
        if (!step.sustained && (bad == 0 || step.rate < bad))
        {
            bad = step.rate;
        }
    }
    return bad;
}

TEST(Throughput, EveryStepDropsWhatTheClosedFormSays)
{
    for (const std::string mode : {"multicast", "replicated-unicast"})
    {
        ModeResult r = Search(mode);
        ASSERT_TRUE(r.throughput);
        ASSERT_GE(r.throughput->steps.size(), 5u);
        for (const auto& step : r.throughput->steps)
        {
            EXPECT_EQ(step.intervalNs, std::llround(1e9 / step.rate));
            uint64_t d = ClosedFormDrops(mode, step.intervalNs);
            EXPECT_EQ(step.drops, d) << mode << " at " << step.rate << " msg/s";
            // Each drop loses a frame: every destination's copy (F = 1) or one copy (F = g).
            double lost = FramesPerMessage(mode) == 1 ? double(d) / kN : double(d) / (kN * kG);
            EXPECT_DOUBLE_EQ(step.deliveryRatio, 1.0 - lost) << mode << " at " << step.rate;
            // No drop beyond the 99.9 % rule, and no queue that fills: I >= F S (the first
            // implies (N - 1) I >= K S, which is below F S here).
            EXPECT_LT(K(mode) * kS, (kN - 1) * FramesPerMessage(mode) * kS);
            EXPECT_EQ(step.sustained, step.intervalNs >= FramesPerMessage(mode) * kS)
                << mode << " at " << step.rate << " msg/s, completion growth "
                << step.completionGrowthNs << " ns";
        }
    }
}

TEST(Throughput, MulticastAndBroadcastBracketTheLinksFrameRate)
{
    EXPECT_EQ(K("multicast"), 495);
    EXPECT_NEAR(Limit("multicast"), 11646.0, 0.5);
    const double frameRate = 1e9 / kS; // 11552.7 msg/s
    for (const std::string mode : {"multicast", "broadcast"})
    {
        ModeResult r = Search(mode);
        const ThroughputSearch& t = *r.throughput;
        EXPECT_EQ(t.bound, "bracketed");
        double good = t.messagesPerS;
        double bad = FirstBad(t);
        ASSERT_GT(good, 0);
        ASSERT_GT(bad, good);
        // The wire's bound lies between them, and they are within the precision: the found
        // rate is at most 2 % below the link's frame rate, and never above it.
        EXPECT_GE(ThroughputInterval(good).GetNanoSeconds(), kS) << mode;
        EXPECT_LT(ThroughputInterval(bad).GetNanoSeconds(), kS) << mode;
        EXPECT_LE(bad - good, kP * good) << mode;
        EXPECT_LE(good, frameRate) << mode;
        EXPECT_GT(good, frameRate / (1 + kP)) << mode;
        EXPECT_DOUBLE_EQ(t.bitsPerS, good * 1024 * 8);
        // The reported figures are the highest sustained rate's run.
        EXPECT_EQ(r.delivery.messages, uint64_t(kN));
        EXPECT_TRUE(Sustained(r.delivery));
        const auto& last = *std::find_if(t.steps.rbegin(), t.steps.rend(),
                                         [&](const ThroughputStep& s) { return s.rate == good; });
        EXPECT_EQ(r.delivery.latency.mean, last.latencyMeanNs);
        EXPECT_EQ(r.delivery.latency.p99, last.latencyP99Ns);
    }
}

TEST(Throughput, ReplicatedUnicastIsAboutGroupSizeTimesLower)
{
    // Both searches end in (B / (1 + p), B] with B = 1 / (F S): the ratio of their answers
    // lies within a factor 1 + p of g, and replicated unicast stays below 1 / (g S).
    ModeResult mc = Search("multicast");
    ModeResult ru = Search("replicated-unicast");
    double bound = 1e9 / double(kG * kS); // 2888.2 msg/s
    double ratio = mc.throughput->messagesPerS / ru.throughput->messagesPerS;
    EXPECT_GT(ratio, kG / (1 + kP));
    EXPECT_LT(ratio, kG * (1 + kP));
    EXPECT_LE(ru.throughput->messagesPerS, bound);
    EXPECT_GT(ru.throughput->messagesPerS, bound / (1 + kP));
    // The finite burst's limit is higher: the queue would absorb the excess.
    EXPECT_GT(Limit("replicated-unicast"), bound);
    EXPECT_EQ(ru.destinations, uint64_t(kG));
}

TEST(Throughput, TheSearchDoublesThenBisectsAndIsDeterministic)
{
    ModeResult a = Search("multicast");
    ModeResult b = Search("multicast");
    const auto& steps = a.throughput->steps;
    ASSERT_EQ(steps.size(), b.throughput->steps.size());
    for (std::size_t i = 0; i < steps.size(); ++i)
    {
        const auto& x = steps[i];
        const auto& y = b.throughput->steps[i];
        EXPECT_EQ(x.rate, y.rate);
        EXPECT_EQ(x.intervalNs, y.intervalNs);
        EXPECT_EQ(x.deliveryRatio, y.deliveryRatio);
        EXPECT_EQ(x.latencyMeanNs, y.latencyMeanNs);
        EXPECT_EQ(x.latencyP99Ns, y.latencyP99Ns);
        EXPECT_EQ(x.drops, y.drops);
    }
    // 1000, 2000, 4000, 8000 hold, 16000 fails; then midpoints of the bracket.
    std::vector<double> doubling = {1000, 2000, 4000, 8000, 16000};
    ASSERT_GT(steps.size(), doubling.size());
    double good = 0;
    double bad = 0;
    for (std::size_t i = 0; i < steps.size(); ++i)
    {
        if (i >= doubling.size())
        {
            EXPECT_GT(bad - good, kP * good) << "a step too many";
        }
        double expected = i < doubling.size() ? doubling[i] : (good + bad) / 2;
        EXPECT_EQ(steps[i].rate, expected) << "step " << i;
        // Sustained exactly up to the link's frame rate; between it and L the queue absorbs
        // the excess without a drop, but fills.
        EXPECT_EQ(steps[i].sustained, ThroughputInterval(steps[i].rate).GetNanoSeconds() >= kS)
            << "step " << i;
        if (steps[i].drops > 0)
        {
            EXPECT_FALSE(steps[i].sustained) << "step " << i;
        }
        (steps[i].sustained ? good : bad) = steps[i].rate;
    }
    EXPECT_LE(bad - good, kP * good);
}

// scenarios/lan-throughput.toml: 1024-byte messages, 100 Mbit/s, a 100-packet queue, 8
// members. A message is a 1024 + 8 (UDP) + 20 (IPv4) + 14 + 4 (Ethernet) = 1070-byte frame:
// 85.6 us on the wire and 0.96 us of gap, so the wire carries at most 11,553 one-frame
// messages a second and 11,553 / 8 = 1,444 replicated-unicast ones. The search reports at
// most that, and at most 2 % less (its precision); the latency p99 doubles above it.
TEST(Throughput, TheShippedScenarioStaysWithinTwoPercentBelowTheWiresBound)
{
    // 1,010 messages per rate instead of 5,050: the growth criterion needs no long burst.
    Scenario s = ScenarioFrom(ReadFile(SourcePath("scenarios/lan-throughput.toml")),
                              {"traffic.messages=1010"});
    const double frameNs = double(TxNs(1024 + 8 + 20 + 14 + 4, 100000000) + 960);
    ASSERT_EQ(frameNs, 86560.0);
    for (const auto& [mode, frames] :
         std::vector<std::pair<std::string, double>>{{"multicast", 1}, {"replicated-unicast", 8}})
    {
        double bound = 1e9 / (frames * frameNs);
        ModeResult r = SearchThroughput(s, mode, RunSinks{});
        double found = r.throughput->messagesPerS;
        EXPECT_LE(found, bound) << mode;
        EXPECT_GE(found, bound / (1 + s.traffic.ratePrecision)) << mode;
        EXPECT_GT(r.throughput->p99DoublingRate, found) << mode;
        EXPECT_EQ(r.delivery.deliveries, r.delivery.expected) << mode;
    }
}

TEST(Throughput, TheSearchSaysWhenTheRangeWasTooNarrow)
{
    ModeResult held = Search("multicast", {"traffic.rate_max=4000"});
    EXPECT_EQ(held.throughput->bound, "rate_max");
    EXPECT_EQ(held.throughput->messagesPerS, 4000);
    ASSERT_EQ(held.throughput->steps.size(), 3u); // 1000, 2000, 4000
    ModeResult failed = Search("multicast", {"traffic.rate_min=20000"});
    EXPECT_EQ(failed.throughput->bound, "rate_min");
    EXPECT_EQ(failed.throughput->messagesPerS, 0);
    ASSERT_EQ(failed.throughput->steps.size(), 1u);
    EXPECT_FALSE(failed.throughput->steps[0].sustained);
    EXPECT_EQ(failed.delivery.messages, uint64_t(kN)); // figures of the rate_min run
}

TEST(Throughput, DeliveriesMustArriveBeforeTheRunStops)
{
    // With no drain the run stops one interval after the last send: the last message,
    // 86.1 us on the wire and cable, is lost at any interval below that, queue or no queue.
    ModeResult r = Search("multicast", {"traffic.drain=\"0s\""});
    EXPECT_LE(r.throughput->messagesPerS, 1e9 / 86100);
    bool lostWithoutDrop = false;
    for (const auto& step : r.throughput->steps)
    {
        lostWithoutDrop |= !step.sustained && step.drops == 0;
    }
    EXPECT_TRUE(lostWithoutDrop);
}

TEST(Throughput, TheCommandWritesTheStepsAndKeepsOnlyTheReportedRunsRows)
{
    ScratchFolder dir;
    WriteFile(dir / "t.toml", kLan);
    CommandResult c = RunCommand({"run", dir / "t.toml", "-q", "--no-report", "--set",
                                  "delivery.modes=[\"multicast\", \"replicated-unicast\"]", "--out",
                                  dir / "out"});
    ASSERT_EQ(c.status, 0) << c.err;
    EXPECT_NE(c.out.find("throughput (msg/s)"), std::string::npos);
    auto summary = nlohmann::json::parse(ReadFile(dir / "out/summary.json"));
    auto rows = ReadCsv(ReadFile(dir / "out/throughput.csv"));
    ASSERT_FALSE(rows.empty());
    EXPECT_EQ(rows[0], (std::vector<std::string>{"mode", "rate", "delivery_ratio",
                                                 "latency_mean_ns", "latency_p99_ns", "drops"}));
    std::size_t row = 1;
    for (const std::string mode : {"multicast", "replicated-unicast"})
    {
        const auto& m = summary["modes"][mode];
        const auto& t = m["throughput"];
        double rate = t["messages_per_s"].get<double>();
        EXPECT_GT(rate, 0);
        EXPECT_EQ(t["bits_per_s"].get<double>(), rate * 1024 * 8);
        for (const auto& step : t["steps"])
        {
            ASSERT_LT(row, rows.size());
            EXPECT_EQ(rows[row][0], mode);
            EXPECT_EQ(std::stod(rows[row][1]), step["rate"].get<double>());
            EXPECT_EQ(std::stoull(rows[row][5]), step["drops"].get<uint64_t>());
            ++row;
        }
        EXPECT_GE(m["delivery_ratio"].get<double>(), 0.999);
        EXPECT_EQ(m["messages"].get<uint64_t>(), uint64_t(kN));
    }
    EXPECT_EQ(row, rows.size());
    // deliveries.csv and links.csv hold the reported run of each mode, not every step.
    std::map<std::string, uint64_t> deliveries;
    for (const auto& r : ReadCsv(ReadFile(dir / "out/deliveries.csv")))
    {
        ++deliveries[r[0]];
    }
    EXPECT_EQ(deliveries["multicast"], uint64_t(kN * kG));
    EXPECT_EQ(deliveries["replicated-unicast"], uint64_t(kN * kG));
    uint64_t frames = 0;
    for (const auto& r : ReadCsv(ReadFile(dir / "out/links.csv")))
    {
        frames += r[0] == "multicast" ? std::stoull(r[4]) : 0;
    }
    EXPECT_EQ(frames, uint64_t(kN));
    // The resolved scenario reads back: rates explicit, no interval.
    Scenario again = LoadScenario(dir / "out/scenario.toml", {});
    EXPECT_EQ(again.traffic.pattern, "throughput");
    EXPECT_EQ(again.traffic.rateMin, 1000);
    EXPECT_EQ(again.traffic.rateMax, 1e6);
    EXPECT_EQ(again.traffic.ratePrecision, kP);
}

TEST(Throughput, DefaultMessagesOutnumberWhatTheQueueHolds)
{
    const char* bare = "[traffic]\npattern = \"throughput\"\n";
    // (Q + 1) / precision, at least 200: a backlog the queue can hold is at most 2 %.
    EXPECT_EQ(ScenarioFrom(bare).traffic.messages, 5050u); // the default 100p
    EXPECT_EQ(ScenarioFrom(bare, {"topology.queue_size=\"4p\""}).traffic.messages, 250u);
    EXPECT_EQ(ScenarioFrom(bare, {"topology.queue_size=\"1p\""}).traffic.messages, 200u);
    EXPECT_EQ(ScenarioFrom(bare, {"traffic.rate_precision=0.1"}).traffic.messages, 1010u);
    // 64 kB holds 60 packets of 1024 + 28 bytes.
    EXPECT_EQ(ScenarioFrom(bare, {"topology.queue_size=\"64kB\""}).traffic.messages, 3050u);
    EXPECT_EQ(ScenarioFrom("[traffic]\npattern = \"group\"\n").traffic.messages, 10u);
}

const char* kTraffic = "[traffic]\npattern = \"throughput\"\nmessages = 500\n";

/// The error \p base with line \p extra appended, and \p overrides, give.
std::string
ErrorOf(const std::string& extra, const std::vector<std::string>& overrides = {},
        const std::string& base = kTraffic)
{
    try
    {
        ScenarioFrom(base + extra + "\n", overrides);
    }
    catch (const InputError& e)
    {
        return e.what();
    }
    return "(accepted)";
}

TEST(Throughput, BadKeysAreRefusedWithFileLineAndKey)
{
    const std::string at = "test.toml:4: "; // the line appended to kTraffic
    EXPECT_EQ(ErrorOf("rate_min = 0").rfind(at + "traffic.rate_min: must be above 0", 0), 0u)
        << ErrorOf("rate_min = 0");
    EXPECT_EQ(ErrorOf("rate_min = -5").rfind(at + "traffic.rate_min: must be between", 0), 0u);
    EXPECT_EQ(ErrorOf("rate_max = 500", {"traffic.rate_min=1000"})
                  .rfind(at + "traffic.rate_max: must be at least traffic.rate_min", 0),
              0u)
        << ErrorOf("rate_max = 500", {"traffic.rate_min=1000"});
    EXPECT_EQ(ErrorOf("rate_precision = 1.0")
                  .rfind(at + "traffic.rate_precision: must be above 0 "
                              "and below 1",
                         0),
              0u)
        << ErrorOf("rate_precision = 1.0");
    EXPECT_EQ(ErrorOf("rate_precision = 0").rfind(at + "traffic.rate_precision:", 0), 0u);
    EXPECT_EQ(ErrorOf("rate_min = \"fast\"").rfind(at + "traffic.rate_min: expected a number", 0),
              0u);
    EXPECT_EQ(ErrorOf("interval = \"1ms\"")
                  .rfind(at + "traffic.interval: the throughput pattern "
                              "sets the interval itself",
                         0),
              0u)
        << ErrorOf("interval = \"1ms\"");
    EXPECT_EQ(ErrorOf("", {"traffic.messages=5"})
                  .rfind("--set traffic.messages=5: traffic.messages: the throughput pattern "
                         "needs at least 10 messages",
                         0),
              0u)
        << ErrorOf("", {"traffic.messages=5"});
    std::string group = "[traffic]\npattern = \"group\"\n";
    EXPECT_EQ(
        ErrorOf("rate_max = 100", {}, group)
            .rfind("test.toml:3: traffic.rate_max: is read only by the throughput pattern", 0),
        0u)
        << ErrorOf("rate_max = 100", {}, group);
    EXPECT_EQ(ErrorOf("rate_precision = 0.5", {}, "[traffic]\npattern = \"throughput\"\n"),
              "(accepted)");
}

} // namespace
} // namespace gcsim::test
