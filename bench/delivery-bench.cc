// delivery-bench: deliveries per wall-clock second, gcsim's lan topology against a plain ns-3
// program (plain-lan.cc) that makes the same deliveries, for each delivery mode and LAN size.
//
//     P1        C1        C2   ...   CN          N = 16, 64, 256, 1024, 4096
//     |         |         |          |
//   ===========================================  100 Mbit/s, 500 ns, 10000-packet queues
//   group: half the clients; 1024-byte messages from P1
//
// Each mode and N gives two benchmarks, "<mode>/<N>/gcsim" (gcsim::RunMode) and
// "<mode>/<N>/plain" (RunPlainLan). Both build the network, simulate every message and tear
// the simulation down in each iteration. A table of gcsim's rate over plain ns-3's follows
// the benchmark output.

#include "plain-lan.h"
#include "scratch/gcsim/experiment.h"
#include "scratch/gcsim/scenario.h"

#include <algorithm>
#include <benchmark/benchmark.h>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <unistd.h>
#include <utility>
#include <vector>

namespace
{

const std::vector<std::string> kModes = {"unicast", "replicated-unicast", "multicast", "broadcast"};
const std::vector<uint32_t> kClients = {16, 64, 256, 1024, 4096};

/**
 * Work one iteration may do, in units of one frame reaching one NIC. A CSMA channel hands
 * every frame to every device on it, and a datagram that goes up a host's IP and UDP stack
 * costs about kStackWork such units. Messages are chosen so an iteration takes 0.1-1 s on a
 * 2 GHz core; at least one message is sent, so replicated unicast to 2048 members takes
 * longer.
 */
constexpr uint64_t kWorkBudget = 600000;
constexpr uint64_t kStackWork = 8;
constexpr uint32_t kMaxMessages = 20000;
/// Wire time of one message's frame (1024 + 8 + 20 + 18 bytes at 100 Mbit/s is 85.6 us, and
/// the interframe gap), rounded up: messages are spaced so the LAN drains between them.
constexpr int64_t kFrameUs = 100;
constexpr int64_t kMinIntervalUs = 10000;

/// What one benchmark simulates.
struct Workload
{
    std::string mode;
    uint32_t clients{0};
    uint32_t messages{0};
    int64_t intervalUs{0};
    uint64_t destinations{0}; //!< per message
    int64_t iterations{1};
};

uint32_t
FramesPerMessage(const std::string& mode, uint32_t clients)
{
    return mode == "replicated-unicast" ? plainlan::Members(clients) : 1;
}

Workload
Plan(const std::string& mode, uint32_t clients)
{
    Workload w;
    w.mode = mode;
    w.clients = clients;
    uint64_t frames = FramesPerMessage(mode, clients);
    w.intervalUs = std::max<int64_t>(kMinIntervalUs, static_cast<int64_t>(frames) * kFrameUs);
    if (mode == "unicast")
    {
        w.destinations = 1;
    }
    else if (mode == "broadcast")
    {
        w.destinations = clients;
    }
    else
    {
        w.destinations = plainlan::Members(clients);
    }
    // Multicast reaches every host's stack in plain ns-3, and only the members' in gcsim.
    uint64_t stacks = mode == "unicast" || mode == "replicated-unicast" ? w.destinations : clients;
    uint64_t perMessage = frames * (clients + 1) + kStackWork * stacks;
    w.messages =
        static_cast<uint32_t>(std::clamp<uint64_t>(kWorkBudget / perMessage, 1, kMaxMessages));
    // Small runs are repeated; one message to 2048 members is already far over budget.
    w.iterations = perMessage * w.messages > 2 * kWorkBudget ? 1 : 3;
    return w;
}

std::string
Name(const Workload& w, const std::string& side)
{
    return w.mode + "/" + std::to_string(w.clients) + "/" + side;
}

/// Clients in the largest LAN this process has simulated.
uint32_t g_warmClients = 0;

/**
 * The first simulation of a LAN this large in the process also pays for growing the heap.
 * A one-message broadcast on the plain LAN pays for it before timing starts, so that neither
 * side is charged for it.
 */
void
WarmUp(uint32_t clients)
{
    if (clients > g_warmClients)
    {
        plainlan::RunPlainLan("broadcast", clients, 1);
        g_warmClients = clients;
    }
}

/// Deliveries per iteration each side made, by mode and N, to compare the two sides.
std::map<std::pair<std::string, uint32_t>, std::map<std::string, uint64_t>> g_deliveries;

/// Records \p side's deliveries and fails the benchmark if the other side made a different
/// number.
void
Check(benchmark::State& state, const Workload& w, const std::string& side, uint64_t deliveries)
{
    auto& sides = g_deliveries[{w.mode, w.clients}];
    sides[side] = deliveries;
    auto gcsim = sides.find("gcsim");
    auto plain = sides.find("plain");
    if (gcsim != sides.end() && plain != sides.end() && gcsim->second != plain->second)
    {
        state.SkipWithError(("deliveries differ: gcsim " + std::to_string(gcsim->second) +
                             ", plain ns-3 " + std::to_string(plain->second) + ", expected " +
                             std::to_string(uint64_t(w.messages) * w.destinations))
                                .c_str());
    }
}

void
Report(benchmark::State& state, const Workload& w, uint64_t deliveries, uint64_t total)
{
    state.counters["messages"] = w.messages;
    state.counters["deliveries"] = static_cast<double>(deliveries);
    state.counters["deliveries/s"] =
        benchmark::Counter(static_cast<double>(total), benchmark::Counter::kIsRate);
}

void
BM_Gcsim(benchmark::State& state, Workload w)
{
    gcsim::Scenario scenario;
    try
    {
        scenario = gcsim::ParseScenario(
            gcsim::DefaultScenarioText(), "bench", "scenarios",
            {"topology.clients=" + std::to_string(w.clients),
             "topology.queue_size=\"" + std::string(plainlan::kQueueSize) + "\"",
             "group.members=0.5", "traffic.messages=" + std::to_string(w.messages),
             "traffic.interval=\"" + std::to_string(w.intervalUs) + "us\"",
             "traffic.size=" + std::to_string(plainlan::kMessageSize), "traffic.start=\"1s\""});
    }
    catch (const gcsim::InputError& e)
    {
        state.SkipWithError(e.what());
        return;
    }
    WarmUp(w.clients);
    uint64_t deliveries = 0;
    uint64_t total = 0;
    for (auto _ : state)
    {
        gcsim::ModeResult result = gcsim::RunMode(scenario, w.mode, gcsim::RunSinks{});
        deliveries = result.delivery.deliveries;
        total += deliveries;
    }
    Report(state, w, deliveries, total);
    Check(state, w, "gcsim", deliveries);
}

void
BM_Plain(benchmark::State& state, Workload w)
{
    WarmUp(w.clients);
    uint64_t deliveries = 0;
    uint64_t total = 0;
    for (auto _ : state)
    {
        deliveries =
            plainlan::RunPlainLan(w.mode, w.clients, w.messages, ns3::MicroSeconds(w.intervalUs));
        total += deliveries;
    }
    Report(state, w, deliveries, total);
    Check(state, w, "plain", deliveries);
}

/// The console output, plus each benchmark's deliveries/s kept for the ratio table.
class RatioReporter : public benchmark::ConsoleReporter
{
public:
    explicit RatioReporter(OutputOptions options)
      : ConsoleReporter(options)
    {
    }

    void ReportRuns(const std::vector<Run>& reports) override
    {
        ConsoleReporter::ReportRuns(reports);
        for (const Run& run : reports)
        {
            if (run.run_type != Run::RT_Iteration)
            {
                continue;
            }
            Rate& rate = m_rates[run.run_name.function_name];
            if (run.error_occurred)
            {
                rate.failed = true;
                continue;
            }
            auto counter = run.counters.find("deliveries/s");
            if (counter != run.counters.end())
            {
                rate.sum += counter->second.value;
                ++rate.runs;
            }
        }
    }

    /// Whether any benchmark ran.
    bool Empty() const
    {
        return m_rates.empty();
    }

    /// gcsim's deliveries/s over plain ns-3's, one row per mode, one column per N.
    void PrintRatios(std::ostream& out) const
    {
        out << "\ngcsim deliveries/s divided by plain ns-3 deliveries/s "
               "(above 1: gcsim is faster)\n\n";
        char cell[32];
        std::snprintf(cell, sizeof(cell), "%-20s", "mode");
        out << cell;
        for (uint32_t n : kClients)
        {
            std::snprintf(cell, sizeof(cell), "%10s", ("N=" + std::to_string(n)).c_str());
            out << cell;
        }
        out << '\n';
        for (const std::string& mode : kModes)
        {
            std::snprintf(cell, sizeof(cell), "%-20s", mode.c_str());
            out << cell;
            for (uint32_t n : kClients)
            {
                Workload w = Plan(mode, n);
                const Rate* gcsim = Find(Name(w, "gcsim"));
                const Rate* plain = Find(Name(w, "plain"));
                if (!gcsim || !plain)
                {
                    std::snprintf(cell, sizeof(cell), "%10s", "-");
                }
                else if (gcsim->failed || plain->failed || gcsim->runs == 0 || plain->runs == 0)
                {
                    std::snprintf(cell, sizeof(cell), "%10s", "error");
                }
                else
                {
                    double ratio = (gcsim->sum / gcsim->runs) / (plain->sum / plain->runs);
                    std::snprintf(cell, sizeof(cell), "%10.2f", ratio);
                }
                out << cell;
            }
            out << '\n';
        }
        out << "\n-: not run (filtered out); error: a benchmark failed, see above\n";
    }

private:
    struct Rate
    {
        double sum{0};
        int runs{0};
        bool failed{false};
    };

    const Rate* Find(const std::string& name) const
    {
        auto it = m_rates.find(name);
        return it == m_rates.end() ? nullptr : &it->second;
    }

    std::map<std::string, Rate> m_rates;
};

/// Colours as --benchmark_color asks: true, false or auto (when stdout is a terminal).
benchmark::ConsoleReporter::OutputOptions
ConsoleOptions(int argc, char** argv)
{
    const std::string flag = "--benchmark_color=";
    std::string color = "auto";
    for (int i = 1; i < argc; ++i)
    {
        std::string arg = argv[i];
        if (arg.compare(0, flag.size(), flag) == 0)
        {
            color = arg.substr(flag.size());
        }
    }
    bool on = color == "auto" ? isatty(STDOUT_FILENO) != 0
                              : color == "true" || color == "yes" || color == "1";
    return on ? benchmark::ConsoleReporter::OO_ColorTabular
              : benchmark::ConsoleReporter::OO_Tabular;
}

} // namespace

int
main(int argc, char** argv)
{
    for (const std::string& mode : kModes)
    {
        for (uint32_t n : kClients)
        {
            Workload w = Plan(mode, n);
            benchmark::RegisterBenchmark(Name(w, "gcsim").c_str(), &BM_Gcsim, w)
                ->Unit(benchmark::kMillisecond)
                ->UseRealTime()
                ->Iterations(w.iterations);
            benchmark::RegisterBenchmark(Name(w, "plain").c_str(), &BM_Plain, w)
                ->Unit(benchmark::kMillisecond)
                ->UseRealTime()
                ->Iterations(w.iterations);
        }
    }
    RatioReporter reporter(ConsoleOptions(argc, argv));
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
    {
        return 1;
    }
    benchmark::RunSpecifiedBenchmarks(&reporter);
    if (!reporter.Empty())
    {
        reporter.PrintRatios(std::cout);
    }
    benchmark::Shutdown();
    return 0;
}
