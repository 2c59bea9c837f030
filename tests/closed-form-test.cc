// Simulated latencies and byte counts against the closed forms of SEMANTICS.md, exact to
// the nanosecond: a frame is S + 28 bytes plus link overhead (CSMA: max(64, S + 46);
// point-to-point: S + 30), T = 8 x frame / rate, one hop takes T + d.
#include "scratch/gcsim/report/report.h"
#include "scratch/gcsim/report/theory.h"
#include "test-utilities.h"

#include <map>

namespace gcsim::test
{
namespace
{

int64_t
CsmaFrame(int64_t payload)
{
    return std::max<int64_t>(64, payload + 46);
}

const char* kLan = R"(
[topology]
kind = "lan"
clients = 6
data_rate = "100Mbps"
delay = "500ns"
[group]
members = [2, 3, 5]
[traffic]
messages = 4
size = 1024
)";

/// latency of each (message, receiver) from deliveries.csv rows.
std::map<std::pair<int, int>, int64_t>
Latencies(const std::string& csv)
{
    std::map<std::pair<int, int>, int64_t> out;
    auto rows = ReadCsv(csv);
    for (std::size_t i = 1; i < rows.size(); ++i)
    {
        out[{std::stoi(rows[i][1]), std::stoi(rows[i][2])}] = std::stoll(rows[i][8]);
    }
    return out;
}

TEST(ClosedForm, TutorialPointToPointLinkTakes3686400ns)
{
    // ns-3's first.cc: 5 Mbit/s, 2 ms, 1024-byte echo; 8 x 1054 / 5e6 + 2 ms = 3.6864 ms.
    Scenario s = ScenarioFrom(R"(
[topology]
kind = "p2p"
clients = 1
data_rate = "5Mbps"
delay = "2ms"
[traffic]
messages = 5
size = 1024
)");
    std::ostringstream csv;
    ModeResult r = Simulate(s, "unicast", &csv);
    EXPECT_EQ(r.delivery.deliveries, 5u);
    EXPECT_EQ(r.delivery.latency.max, 3686400);
    EXPECT_EQ(r.delivery.latency.p50, 3686400);
    EXPECT_DOUBLE_EQ(r.delivery.latency.mean, 3686400.0);
    EXPECT_EQ(r.links.bytes, 5u * 1054);
    EXPECT_EQ(r.delivery.hops.max, 1);
}

TEST(ClosedForm, OneLanHopIsTPlusDForUnicastMulticastAndBroadcast)
{
    Scenario s = ScenarioFrom(kLan);
    int64_t expected = TxNs(CsmaFrame(1024), 100000000) + 500;
    ASSERT_EQ(expected, 86100);
    for (const char* mode : {"unicast", "multicast", "broadcast"})
    {
        std::ostringstream csv;
        ModeResult r = Simulate(s, mode, &csv);
        SCOPED_TRACE(mode);
        EXPECT_EQ(r.delivery.latency.p50, expected);
        EXPECT_EQ(r.delivery.latency.max, expected);
        EXPECT_EQ(r.delivery.completion.max, expected);
        for (const auto& [key, latency] : Latencies(csv.str()))
        {
            EXPECT_EQ(latency, expected) << "message " << key.first << " receiver " << key.second;
        }
    }
}

TEST(ClosedForm, CsmaPadsShortFramesTo64Bytes)
{
    // S = 16 (the smallest gcsim datagram): IP packet 44 bytes, padded to 46: frame 64.
    for (int size : {16, 18, 19, 100})
    {
        Scenario s = ScenarioFrom(kLan, {"traffic.size=" + std::to_string(size)});
        ModeResult r = Simulate(s, "broadcast");
        int64_t frame = CsmaFrame(size);
        SCOPED_TRACE(size);
        EXPECT_EQ(r.links.bytes, r.links.frames * frame);
        EXPECT_EQ(r.delivery.latency.max, TxNs(frame, 100000000) + 500);
    }
    EXPECT_EQ(CsmaFrame(16), 64);
    EXPECT_EQ(CsmaFrame(19), 65);
}

TEST(ClosedForm, ReplicatedUnicastCopyKWaitsForTheCopiesAheadOfIt)
{
    // Copy k leaves after k - 1 frames and their interframe gaps (96 bit times); the 500 ns
    // delay is below the 960 ns gap, so the channel is idle again when the next copy starts.
    Scenario s = ScenarioFrom(kLan);
    std::ostringstream csv;
    ModeResult r = Simulate(s, "replicated-unicast", &csv);
    int64_t t = TxNs(CsmaFrame(1024), 100000000);
    int64_t gap = TxNs(12, 100000000);
    ASSERT_EQ(gap, 960);
    auto latencies = Latencies(csv.str());
    ASSERT_EQ(latencies.size(), 4u * 3);
    for (int m = 0; m < 4; ++m)
    {
        int k = 1;
        for (int member : {2, 3, 5})
        {
            EXPECT_EQ(latencies.at({m, member}), (k - 1) * (t + gap) + t + 500)
                << "message " << m << " copy " << k;
            ++k;
        }
    }
    EXPECT_EQ(r.delivery.completion.max, 2 * (t + gap) + t + 500);
}

TEST(ClosedForm, DelayAboveTheInterframeGapAddsBackoffNeverLessThanTheClosedForm)
{
    // With d = 5 us > 960 ns the next copy finds the channel still propagating and backs
    // off: measured, not assumed, but never earlier than the back-to-back closed form.
    Scenario s = ScenarioFrom(kLan, {"topology.delay=5us"});
    std::ostringstream csv;
    ModeResult r = Simulate(s, "replicated-unicast", &csv);
    EXPECT_EQ(r.delivery.deliveries, 12u);
    int64_t t = TxNs(CsmaFrame(1024), 100000000);
    auto latencies = Latencies(csv.str());
    for (int m = 0; m < 4; ++m)
    {
        EXPECT_EQ(latencies.at({m, 2}), t + 5000);
        // The next copy cannot start before the previous one has left the wire (t + d).
        EXPECT_GE(latencies.at({m, 3}), 2 * (t + 5000));
        EXPECT_GE(latencies.at({m, 5}), latencies.at({m, 3}) + t + 5000);
    }
}

TEST(ClosedForm, SourceUplinkCarriesGFramesForReplicatedUnicastAndOneOtherwise)
{
    Scenario s = ScenarioFrom(kLan);
    std::map<std::string, uint64_t> perMessage = {
        {"unicast", 1}, {"replicated-unicast", 3}, {"multicast", 1}, {"broadcast", 1}};
    for (const auto& [mode, frames] : perMessage)
    {
        ModeResult r = Simulate(s, mode);
        EXPECT_EQ(r.links.serverFrames, 4 * frames) << mode;
        EXPECT_EQ(r.links.serverBytes, 4 * frames * CsmaFrame(1024)) << mode;
    }
}

/// The closed forms the table shows beside \p modes' runs of \p s.
std::vector<ClosedFormCheck>
Checks(const Scenario& s, const std::vector<std::string>& modes)
{
    std::vector<ModeResult> results;
    for (const auto& mode : modes)
    {
        results.push_back(Simulate(s, mode));
    }
    return ClosedFormChecks(s, results);
}

const std::vector<std::string> kLanModes = {"unicast", "replicated-unicast", "multicast",
                                            "broadcast"};

TEST(Theory, EveryLanClosedFormAgreesWithTheSimulation)
{
    auto checks = Checks(ScenarioFrom(kLan), kLanModes);
    // Latency mean, max, completion, P1's packets and bytes, link transmissions per mode;
    // filtered frames (multicast) and non-members' receptions (broadcast).
    ASSERT_EQ(checks.size(), 4u * 6 + 2);
    for (const auto& c : checks)
    {
        EXPECT_TRUE(c.agrees) << c.mode << " " << c.figure << ": " << c.predicted << " vs "
                              << c.simulated;
        EXPECT_TRUE(c.reason.empty());
    }
    auto last =
        std::find_if(checks.begin(), checks.end(),
                     [](const ClosedFormCheck& c)
                     { return c.mode == "replicated-unicast" && c.figure == "latency max (us)"; });
    ASSERT_NE(last, checks.end());
    // 3 T + 2 gap + d = 3 x 85.6 + 2 x 0.96 + 0.5 us.
    EXPECT_NEAR(last->predicted, 259.22, 1e-9);
    EXPECT_NE(last->formula.find("gap (96 bits) = 0.960 us"), std::string::npos) << last->formula;
}

TEST(Theory, ADifferenceNamesItsCause)
{
    // d = 5 us > the 960 ns gap: replicated unicast's copies back off; the single frames of
    // the other modes still take T + d.
    auto checks = Checks(ScenarioFrom(kLan, {"topology.delay=5us"}), kLanModes);
    int differ = 0;
    for (const auto& c : checks)
    {
        bool copyTimes =
            c.mode == "replicated-unicast" && c.figure.find("(us)") != std::string::npos;
        EXPECT_EQ(c.agrees, !copyTimes) << c.mode << " " << c.figure;
        if (!c.agrees)
        {
            ++differ;
            EXPECT_EQ(c.reason.rfind("CSMA back-off", 0), 0u) << c.reason;
            EXPECT_GT(c.simulated, c.predicted); // back-off only ever delays
        }
    }
    EXPECT_EQ(differ, 3);
    // Messages closer than one message's completion queue behind each other.
    auto crowded = Checks(ScenarioFrom(kLan, {"traffic.interval=100us"}), {"replicated-unicast"});
    for (const auto& c : crowded)
    {
        if (!c.agrees)
        {
            EXPECT_NE(c.reason.find("messages overlap"), std::string::npos) << c.reason;
        }
    }
    EXPECT_TRUE(std::any_of(crowded.begin(), crowded.end(),
                            [](const ClosedFormCheck& c) { return !c.agrees; }));
}

TEST(Theory, TableAndTheoryCsvShowThePredictionBesideTheValue)
{
    Scenario s = ScenarioFrom(kLan);
    std::vector<ModeResult> results = {Simulate(s, "replicated-unicast")};
    std::string table = ModeTable(s, results);
    EXPECT_NE(table.find("closed forms beside the simulation: 6 of 6 agree"), std::string::npos)
        << table;
    EXPECT_NE(table.find("replicated-unicast  latency max (us)"), std::string::npos) << table;
    auto checks = ClosedFormChecks(s, results);
    auto back = ReadTheoryCsv(TheoryCsv(checks));
    ASSERT_EQ(back.size(), checks.size());
    for (std::size_t i = 0; i < back.size(); ++i)
    {
        EXPECT_EQ(back[i].figure, checks[i].figure);
        EXPECT_EQ(back[i].formula, checks[i].formula); // commas survive the CSV's quoting
        EXPECT_NEAR(back[i].predicted, checks[i].predicted, 1e-3);
        EXPECT_EQ(back[i].agrees, checks[i].agrees);
    }
}

TEST(Theory, ALeaveStaysWithinItsBound)
{
    Scenario s = ScenarioFrom(kLan, {"traffic.messages=30", "traffic.interval=\"2ms\"",
                                     "membership.model=[\"instant\", \"igmp\"]",
                                     "membership.events=[{ at = \"1.021s\", client = 3, action = "
                                     "\"leave\" }]"});
    std::vector<ModeResult> results;
    for (const char* label :
         {"replicated-unicast+instant", "replicated-unicast+igmp", "multicast+igmp"})
    {
        results.push_back(Simulate(s, label));
    }
    auto checks = ClosedFormChecks(s, results);
    ASSERT_EQ(checks.size(), 3u);
    for (const auto& c : checks)
    {
        EXPECT_EQ(c.figure, "leave latency max (us)");
        EXPECT_TRUE(c.agrees) << c.mode << ": " << c.simulated << " vs " << c.predicted;
    }
    // igmp: P1 keeps sending copies to client 3 until the last-member queries end, 2 x 10 ms
    // after its Leave: several more copies reach it, the last within the bound.
    EXPECT_TRUE(checks[1].atMost);
    EXPECT_GT(checks[1].simulated, 15000.0); // us
    EXPECT_LE(checks[1].simulated, checks[1].predicted);
    EXPECT_GE(checks[1].predicted, 20000.0); // us: 2 x LastMemberQueryInterval alone
    EXPECT_FALSE(checks[2].atMost);          // multicast: exactly 0, the NIC filter
    EXPECT_EQ(checks[2].simulated, 0);
    EXPECT_EQ(Verdict(checks[1]), "within");
    EXPECT_EQ(Predicted(checks[1]).rfind("<= ", 0), 0u);
}

TEST(Theory, FirstTransmissionLossesFallInTheirPredictionInterval)
{
    // One LAN, p = 0.1 at each receiver: losses ~ Binomial(M g, p) for multicast and ARQ.
    Scenario s = ScenarioFrom(
        kLan, {"traffic.messages=400", "topology.loss=0.1", "reliability.repair=[\"nak\"]"});
    std::vector<ModeResult> results = {Simulate(s, "multicast+nak"),
                                       Simulate(s, "replicated-unicast+arq")};
    auto checks = ClosedFormChecks(s, results);
    int losses = 0;
    for (const auto& c : checks)
    {
        if (c.figure == "losses (first transmission)")
        {
            ++losses;
            EXPECT_DOUBLE_EQ(c.predicted, 400 * 3 * 0.1) << c.mode;
            EXPECT_TRUE(c.agrees) << c.mode << ": " << c.simulated << ", " << c.formula;
            // sd = sqrt(1200 x 0.1 x 0.9) = 10.39: the interval is 120 -+ 20.4
            EXPECT_NE(c.formula.find("95 % prediction interval 99.6-140.4"), std::string::npos)
                << c.formula;
        }
    }
    EXPECT_EQ(losses, 2);
}

TEST(Theory, TheReportMarksEachCellAndListsTheClosedForms)
{
    ScratchFolder dir;
    std::string scenario = dir / "lan.toml";
    WriteFile(scenario, kLan);
    CommandResult r = RunCommand(
        {"run", scenario, "-q", "--no-plots", "--set", "topology.delay=5us", "--out", dir / "out"});
    ASSERT_EQ(r.status, 0) << r.err;
    std::string html = ReadFile(dir / "out/report.html");
    EXPECT_NE(html.find("<h2>Theory beside the simulation</h2>"), std::string::npos);
    EXPECT_NE(html.find("23 of 26 closed forms agree"), std::string::npos);
    // Replicated unicast's last copy: simulated with back-off, the closed form beside it.
    EXPECT_NE(html.find("<span class=\"cf differs\" title=\"closed form 263.720 differs: CSMA "
                        "back-off"),
              std::string::npos);
    EXPECT_NE(html.find("<span class=\"cf agrees\" title=\"closed form 90.600 agrees: T + d;"),
              std::string::npos);
    std::string csv = ReadFile(dir / "out/theory.csv");
    EXPECT_EQ(csv.rfind("mode,figure,relation,closed_form,simulated,agrees,formula,reason\n", 0),
              0u);
}

} // namespace
} // namespace gcsim::test
