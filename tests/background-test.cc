// [background]: cross traffic between hosts, UDP at a constant rate or TCP as fast as it goes,
// which the group's messages meet in queues.
#include "test-utilities.h"

#include <nlohmann/json.hpp>

namespace gcsim::test
{
namespace
{

/// The scenario's summary.json after `gcsim run` with \p sets.
nlohmann::json
Summary(const ScratchFolder& dir, const std::string& name, std::vector<std::string> sets)
{
    std::vector<std::string> args = {"run",   SourcePath("scenarios/cross-traffic.toml"),
                                     "--out", dir / name,
                                     "-q",    "--no-report"};
    for (const auto& s : sets)
    {
        args.push_back("--set");
        args.push_back(s);
    }
    auto r = RunCommand(args);
    EXPECT_EQ(r.status, 0) << r.err;
    return nlohmann::json::parse(ReadFile(dir / (name + "/summary.json")));
}

// Two TCP flows across the dumbbell's 10 Mbit/s bottleneck take most of it, never more; the
// group's copies queue behind their segments: p99 latency several times that of the same run
// without them, the difference queueing, while the parts still add up.
TEST(Background, TcpCrossTrafficFillsTheBottleneckAndTheGroupQueuesBehindIt)
{
    ScratchFolder dir;
    auto with = Summary(dir, "with", {"traffic.messages=20"});
    auto without = Summary(dir, "without", {"traffic.messages=20", "background.flows=[]"});
    for (const char* mode : {"replicated-unicast", "multicast"})
    {
        SCOPED_TRACE(mode);
        const auto& w = with["modes"][mode];
        const auto& o = without["modes"][mode];
        EXPECT_EQ(w["background"]["flows"], 2);
        double bps = w["background"]["throughput_bps"].get<double>();
        EXPECT_GT(bps, 5e6);
        EXPECT_LE(bps, 10e6) << "more than the bottleneck carries";
        EXPECT_FALSE(o.contains("background"));
        EXPECT_GT(w["latency_ns"]["p99"].get<double>(), 3 * o["latency_ns"]["p99"].get<double>());
        EXPECT_GT(w["latency_parts_ns"]["queueing"]["mean"].get<double>(), 1e6);
        EXPECT_EQ(w["latency_parts_ns"]["other"]["mean"].get<double>(), 0);
    }
    EXPECT_EQ(without["modes"]["multicast"]["latency_parts_ns"]["queueing"]["mean"], 0.0);
}

// A UDP flow at a constant rate delivers rate x time: 1 Mbit/s of 1000-byte datagrams is one
// every 8 ms, from background.start to the end of the run, on an otherwise idle LAN.
TEST(Background, AUdpFlowDeliversItsRate)
{
    Scenario s = ScenarioFrom(R"(
[topology]
clients = 4
[traffic]
messages = 10
interval = "100ms"
[delivery]
modes = ["multicast"]
[background]
flows = [{ from = 1, to = 2, rate = "1Mbps" }]
size = 1000
start = "0s"
)");
    ModeResult r = Simulate(s, "multicast");
    // The run ends drain (1 s) after the last send (1 s + 10 x 100 ms): 3 s of flow.
    double seconds = (s.traffic.start + s.traffic.interval * 10 + s.traffic.drain).GetSeconds();
    double packets = seconds / 0.008;
    EXPECT_NEAR(double(r.background.bytesReceived), 1000 * packets, 1000.0);
    EXPECT_NEAR(r.background.throughputBps, 1e6, 1e6 * 1000 * 8 / 1e6 / seconds);
    EXPECT_DOUBLE_EQ(r.delivery.latency.mean, 86100) << "a 1 Mbit/s flow on a 100 Mbit/s LAN "
                                                        "rarely meets a group message";
}

// random_pairs draws client pairs from the run's seed: the resolved scenario lists them (so
// it reruns them), a repetition draws others, and no flow goes from a client to itself.
TEST(Background, DrawnPairsAreWrittenOutAndDifferByRepetition)
{
    const std::string text = R"(
[topology]
clients = 6
[background]
random_pairs = 4
protocol = "tcp"
)";
    Scenario one = ScenarioFrom(text);
    Scenario two = ScenarioFrom(text, {"run=2"});
    ASSERT_EQ(one.background.flows.size(), 4u);
    bool differ = false;
    for (std::size_t i = 0; i < 4; ++i)
    {
        const auto& f = one.background.flows[i];
        EXPECT_NE(f.from, f.to);
        EXPECT_GE(f.from, 1u);
        EXPECT_LE(f.to, 6u);
        EXPECT_TRUE(f.tcp);
        differ =
            differ || f.from != two.background.flows[i].from || f.to != two.background.flows[i].to;
    }
    EXPECT_TRUE(differ);
    Scenario again = ScenarioFrom(ResolvedToml(one));
    EXPECT_EQ(ResolvedToml(again), ResolvedToml(one));
}

// Mistakes name the flow's key and write nothing.
TEST(Background, BadFlowsAreRefusedNamingTheKey)
{
    auto refuse = [](const std::string& background, const std::string& says)
    {
        try
        {
            ScenarioFrom("[topology]\nclients = 4\n[background]\n" + background);
            ADD_FAILURE() << "accepted: " << background;
        }
        catch (const InputError& e)
        {
            EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
        }
    };
    refuse("flows = [{ from = 1, to = 1 }]", "background.flows[0].to");
    refuse("flows = [{ from = 1, to = 5 }]", "background.flows[0].to");
    refuse("flows = [{ from = 1, too = 2 }]", "did you mean 'to'");
    refuse("flows = [{ from = 1, to = 2, protocol = \"sctp\" }]", "background.flows[0].protocol");
    refuse("flows = [{ from = 1 }]", "'to' is missing");
    refuse("flows = 3", "background.flows");
    refuse("random_pairs = -1", "background.random_pairs");
    refuse("rate = \"fast\"", "background.rate");
}

} // namespace
} // namespace gcsim::test
