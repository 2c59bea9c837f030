#include "experiment.h"

#include "netanim.h"
#include "run/run-feature.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <ns3/mac48-address.h>
#include <ns3/rng-seed-manager.h>
#include <ns3/simulator.h>

namespace gcsim
{

using namespace ns3;
using namespace ns3::gcsim;

namespace
{

/// Builds the network; a topology the builder refuses is bad input, found before anything runs.
Network
Build(const Scenario& s, const TopologyConfig& topology)
{
    try
    {
        return BuildNetwork(topology);
    }
    catch (const std::invalid_argument& e)
    {
        Simulator::Destroy();
        throw InputError(s.source, "", e.what());
    }
}

/// Reports the wall-clock time of each phase of a run to RunSinks::phase, if set.
class PhaseClock
{
public:
    explicit PhaseClock(const RunSinks& sinks)
      : m_report(sinks.phase)
      , m_start(std::chrono::steady_clock::now())
    {
    }

    /// Ends the phase \p name and starts the next one.
    void End(const std::string& name)
    {
        auto now = std::chrono::steady_clock::now();
        if (m_report)
        {
            m_report(name, std::chrono::duration<double>(now - m_start).count(), CurrentHeapUse());
        }
        m_start = now;
    }

    /// Runs \p hook, one feature's part of a phase, and reports it as "phase/feature" when
    /// it took 10 ms or more, or grew the heap by 1 MB or more (where a phase's time goes).
    template<typename Hook> void Part(const std::string& name, Hook hook)
    {
        if (!m_report)
        {
            hook();
            return;
        }
        auto start = std::chrono::steady_clock::now();
        HeapUse before = CurrentHeapUse();
        hook();
        HeapUse after = CurrentHeapUse();
        double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (seconds >= 0.01 || after.heapBytes >= before.heapBytes + 1000000)
        {
            m_report(name, seconds, after);
        }
    }

private:
    const std::function<void(const std::string&, double, const HeapUse&)>& m_report;
    std::chrono::steady_clock::time_point m_start;
};

/// Calls \p progress every \p step of simulated time until \p stop.
void
ProgressTick(std::function<void(Time, Time)> progress, Time step, Time stop)
{
    progress(Simulator::Now(), stop);
    if (Simulator::Now() + step < stop)
    {
        Simulator::Schedule(step, &ProgressTick, progress, step, stop);
    }
}

/// Calls \p progress about a thousand times over the simulated span up to \p stop. The
/// ticks read no random variable and touch no model, so results do not depend on them.
void
ScheduleProgress(const std::function<void(Time, Time)>& progress, Time stop)
{
    Time step = std::max(stop / 1000, MicroSeconds(1));
    Simulator::Schedule(step, &ProgressTick, progress, step, stop);
}

} // namespace

uint64_t
ModeResult::Drops() const
{
    return links.queueDrops + links.linkDrops + links.queueDiscDrops + links.lossDrops +
           hosts.ipDrops + hosts.arpDrops + failures.framesLost;
}

void
CheckNetwork(const Scenario& s)
{
    Simulator::Destroy();
    TopologyConfig topology = s.topology;
    topology.members = s.group.members;
    topology.clientPairsArp = false;
    Network network = Build(s, topology);
    CheckFailures(s, network);
    if (s.output.netanim)
    {
        CheckNetAnimSize(s, network);
    }
    if (s.output.pcap)
    {
        FitPcapFiles(s, network);
    }
    Simulator::Destroy();
}

ModeResult
RunMode(const Scenario& s, const std::string& label, const RunSinks& sinks)
{
    PhaseClock clock(sinks);
    Simulator::Destroy();
    Mac48Address::ResetAllocationIndex();
    RngSeedManager::SetSeed(s.seed);
    RngSeedManager::SetRun(s.run);

    RunContext run(s, label, sinks);
    std::vector<std::pair<std::string, std::unique_ptr<RunFeature>>> features;
    for (const auto& entry : RunFeatures())
    {
        auto feature = entry.make();
        if (feature->Applies(run))
        {
            features.emplace_back(entry.name, std::move(feature));
        }
    }
    // Runs a hook of every feature; with --timings, reports those that cost something.
    auto each = [&features, &clock](const char* phase, auto hook)
    {
        for (auto& entry : features)
        {
            RunFeature& feature = *entry.second;
            clock.Part(std::string(phase) + "/" + entry.first, [&] { hook(feature); });
        }
    };

    each("topology", [&run](RunFeature& f) { f.AdjustTopology(run); });
    clock.Part("build/network", [&] { run.network = Build(s, run.topology); });
    each("build", [&run](RunFeature& f) { f.AfterBuild(run); });
    clock.End("build");
    each("senders", [&run](RunFeature& f) { f.Senders(run); });
    each("routes", [&run](RunFeature& f) { f.Routes(run); });
    clock.End("routes");
    each("applications", [&run](RunFeature& f) { f.Applications(run); });
    clock.End("applications");
    each("trackers", [&run](RunFeature& f) { f.Collectors(run); });
    if (sinks.inspect)
    {
        sinks.inspect(run.network);
    }
    // The run ends `drain` after the last send (or earlier, when no event is left): what is
    // still in flight then counts as not delivered.
    Time stop = run.lastSend + s.traffic.drain;
    Simulator::Stop(stop);
    if (sinks.progress)
    {
        ScheduleProgress(sinks.progress, stop);
    }
    clock.End("trackers");
    Simulator::Run();
    clock.End("simulate");

    ModeResult result;
    result.mode = label;
    result.simulatedNs = Simulator::Now().GetNanoSeconds();
    each("collect", [&run, &result](RunFeature& f) { f.Collect(run, result); });
    clock.End("collect");
    clock.Part("teardown/simulator", [] { Simulator::Destroy(); });
    each("teardown", [&run](RunFeature& f) { f.Teardown(run); });
    clock.End("teardown");
    return result;
}

} // namespace gcsim
