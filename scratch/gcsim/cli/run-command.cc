#include "command.h"
#include "commands.h"
#include "models/network/map-topology.h"
#include "scratch/gcsim/experiment.h"
#include "scratch/gcsim/narration/narrate.h"
#include "scratch/gcsim/output/interrupt.h"
#include "scratch/gcsim/output/run-folder.h"
#include "scratch/gcsim/output/text-format.h"
#include "scratch/gcsim/plot/plot.h"
#include "scratch/gcsim/report/report.h"
#include "scratch/gcsim/run-estimate.h"
#include "scratch/gcsim/sweep/sweep.h"
#include "scratch/gcsim/throughput.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <ns3/simulator.h>
#include <sstream>
#include <unistd.h>

namespace gcsim
{

namespace
{

const char* kDefaultSource = "scenarios/lan-modes.toml (built in)";

Scenario
Resolve(const std::string& path, const std::vector<std::string>& sets, const ScenarioLimits& limits)
{
    if (path.empty())
    {
        return ParseScenario(DefaultScenarioText(), kDefaultSource, "scenarios", sets, limits);
    }
    return LoadScenario(path, sets, limits);
}

std::string
TimeStamp(ns3::Time t)
{
    char buf[48];
    int64_t ns = t.GetNanoSeconds();
    std::snprintf(buf, sizeof buf, "+%lld.%09llds", static_cast<long long>(ns / 1000000000),
                  static_cast<long long>(ns % 1000000000));
    return buf;
}

/**
 * A map ns-3's reader does not read whole is bad input; found before any output, as the
 * scenario's own checks read only the map's text.
 */
void
CheckMapReader(const Scenario& s)
{
    if (s.topology.kind != "file")
    {
        return;
    }
    ns3::Simulator::Destroy();
    try
    {
        ns3::gcsim::ReadRouterMap(s.topology.mapFile, s.topology.mapFormat);
    }
    catch (const std::invalid_argument& e)
    {
        ns3::Simulator::Destroy();
        throw InputError(s.source, "", e.what());
    }
    ns3::Simulator::Destroy(); // the reader's nodes
}

/// What a run prints while its modes simulate: the mode, progress, timings, a transcript.
struct RunConsole
{
    bool quiet;
    std::ostream& out;
    std::ostream& err;
    std::string timed{}; //!< the mode being timed
    std::chrono::steady_clock::time_point lastProgress{std::chrono::steady_clock::now()};
};

/// The sinks that write into \p streams and \p folder.
RunSinks
FolderSinks(const ResultsFolder& folder, const Scenario& scenario, RunStreams& streams)
{
    RunSinks sinks;
    sinks.deliveries = streams.deliveries.get();
    sinks.links = streams.links.get();
    if (scenario.output.pcap)
    {
        sinks.pcapPrefix = folder.Path("pcap-");
    }
    if (scenario.output.netanim)
    {
        sinks.netanimPrefix = folder.Path("netanim-");
    }
    return sinks;
}

/// --timings lines, and on a terminal a progress line of simulated time, rewritten at most
/// five times a second.
void
AddConsoleSinks(RunSinks& sinks, RunConsole& console, bool timings)
{
    if (timings)
    {
        sinks.phase = [&console](const std::string& phase, double seconds, const HeapUse& use)
        {
            char line[200];
            std::snprintf(line, sizeof line,
                          "timing: %-20s %-24s %8.3f s  heap %8.1f MB  peak RSS %8.1f MB",
                          console.timed.c_str(), phase.c_str(), seconds, use.heapBytes / 1e6,
                          use.peakRss / 1e6);
            console.err << line << std::endl;
        };
    }
    if (!console.quiet && isatty(STDERR_FILENO) && &console.err == &std::cerr)
    {
        sinks.progress = [&console](ns3::Time now, ns3::Time stop)
        {
            auto wall = std::chrono::steady_clock::now();
            if (wall - console.lastProgress < std::chrono::milliseconds(200) &&
                now + now / 500 < stop)
            {
                return;
            }
            console.lastProgress = wall;
            char line[160];
            std::snprintf(line, sizeof line, "\r  %s: simulated %.6f s of %.6f s (%3.0f %%)",
                          console.timed.c_str(), now.GetSeconds(), stop.GetSeconds(),
                          100.0 * now.GetSeconds() / stop.GetSeconds());
            console.err << line << std::flush;
        };
    }
}

/// Announces \p mode: a replay's banner and transcript lines, or "simulating MODE ...".
void
AnnounceMode(const std::string& mode, RunSinks& sinks, RunConsole& console, OutputFile* transcript)
{
    console.timed = mode;
    if (!transcript)
    {
        if (!console.quiet)
        {
            console.out << "simulating " << mode << " ..." << std::endl;
        }
        return;
    }
    std::string banner = "== " + mode + " ==";
    *transcript << banner << '\n';
    if (!console.quiet)
    {
        console.out << banner << '\n';
    }
    sinks.console =
        [&console, transcript](ns3::Time t, const std::string& host, const std::string& line)
    {
        std::string text = TimeStamp(t) + "  " + host + "  " + line;
        *transcript << text << '\n';
        if (!console.quiet)
        {
            console.out << text << '\n';
        }
    };
}

/// Simulates every mode of \p scenario into \p sinks.
std::vector<ModeResult>
SimulateModes(const Scenario& scenario, RunSinks& sinks, RunConsole& console,
              OutputFile* transcript)
{
    std::vector<ModeResult> results;
    for (const auto& mode : scenario.Runs())
    {
        AnnounceMode(mode, sinks, console, transcript);
        if (scenario.traffic.pattern == "throughput")
        {
            results.push_back(SearchThroughput(
                scenario, mode, sinks,
                [&](const ThroughputStep& step)
                {
                    if (!console.quiet)
                    {
                        char line[128];
                        std::snprintf(line, sizeof line, "  %.1f msg/s: delivery ratio %.4f%s",
                                      step.rate, step.deliveryRatio,
                                      step.sustained ? "" : " (not sustained)");
                        console.out << line << std::endl;
                    }
                }));
            continue;
        }
        results.push_back(RunMode(scenario, mode, sinks));
        if (sinks.progress)
        {
            console.err << "\r\033[K" << std::flush; // clears the progress line
        }
    }
    return results;
}

/**
 * Draws the run's figures into \p folder's staging folder, so that the report shows them and
 * they land with the rest: the line that says so, or "" if it drew none (PlotOrSay said why).
 */
std::string
DrawRunPlots(const ResultsFolder& folder, std::ostream& err)
{
    std::vector<std::string> names = PlotOrSay(folder.Path(""), folder.Destination(), err);
    return names.empty()
               ? ""
               : "plots in " + folder.Destination() + "/plots: " + Join(names, " ") + "\n";
}

/// `gcsim sweep FILE --set ...`: the command that runs the sweep of \p path.
std::string
SweepCommandLine(const std::string& path, const std::vector<std::string>& sets)
{
    std::string command = "gcsim sweep " + ShellQuote(path);
    for (const auto& set : sets)
    {
        command += " --set " + ShellQuote(set);
    }
    return command;
}

/// The line `gcsim run` prints for a file with a [sweep] table: what it runs, and what would
/// run the sweep.
std::string
SweepNote(const RunRequest& request)
{
    return Printable("note: " + request.scenario +
                     " has a [sweep] table; gcsim run runs its base scenario once, without the "
                     "sweep (" +
                     SweepCommandLine(request.scenario, request.sets) + " runs the sweep)");
}

/// Puts \p folder in place and says where; a sweep's run keeps complete results there.
int
CommitRunFolder(ResultsFolder& folder, const RunRequest& request, const std::string& table,
                bool reported, const std::vector<ns3::gcsim::Narration>& narrations,
                const std::string& plotted, std::ostream& out)
{
    if (request.keepExisting)
    {
        bool placed = false;
        {
            DeferInterrupts defer; // the note matches the folder, whenever a signal comes
            placed = folder.CommitIfAbsent();
            InterruptCleanup::SetNote("the results were already in place");
        }
        out << (placed ? "results in " : "results already complete in ") << folder.Destination()
            << '\n';
        return EXIT_OK;
    }
    std::string moved;
    {
        DeferInterrupts defer; // the note matches the folder, whenever a signal comes
        moved = folder.Commit();
        InterruptCleanup::SetNote("the results were already in place in " +
                                  Printable(folder.Destination(), 300));
    }
    out << '\n' << table << '\n';
    if (request.narrate)
    {
        out << NarrateRun(narrations) << '\n';
    }
    if (!moved.empty())
    {
        out << "the previous results were kept in " << moved << '\n';
    }
    out << "results in " << folder.Destination() << '\n' << plotted;
    if (reported)
    {
        out << "report in " << folder.Destination() << "/report.html\n";
    }
    return EXIT_OK;
}

} // namespace

int
RunCommand(const RunRequest& request, std::ostream& out, std::ostream& err)
{
    Scenario scenario = Resolve(request.scenario, request.sets, request.limits);
    CheckMapReader(scenario);
    if (scenario.output.pcap || !scenario.failures.empty())
    {
        // The network's pcap files fit the open-file limit; the failed links exist.
        CheckNetwork(scenario);
    }
    std::unique_ptr<ResultsFolder> staged;
    {
        // A signal as the staging folder appears finds the note that says it was removed.
        DeferInterrupts defer;
        staged = std::make_unique<ResultsFolder>(request.out.empty() ? "results/" + scenario.name
                                                                     : request.out);
        InterruptCleanup::SetNote("the unfinished results were removed; " +
                                  Printable(staged->Destination(), 300) + " is as it was");
    }
    ResultsFolder& folder = *staged;
    if (scenario.swept && !request.quiet)
    {
        out << SweepNote(request) << std::endl;
    }
    if (RunEstimate estimate = EstimateRun(scenario);
        !request.quiet && (estimate.seconds > 10 || estimate.outputBytes > 1e9))
    {
        out << EstimateLine(estimate) << std::endl; // a long run says so before it starts
    }

    RunStreams streams = OpenRunStreams(folder, scenario.traffic.pattern == "replay");
    RunSinks sinks = FolderSinks(folder, scenario, streams);
    std::vector<ns3::gcsim::Narration> narrations;
    if (request.narrate)
    {
        sinks.narrations = &narrations;
    }
    ns3::gcsim::Animation animation;
    sinks.animation = &animation;
    RunConsole console{request.quiet, out, err};
    AddConsoleSinks(sinks, console, request.timings);
    std::vector<ModeResult> results =
        SimulateModes(scenario, sinks, console, streams.transcript.get());

    std::string table =
        WriteRunFolder(folder, scenario, results, streams, animation, request.commandLine);
    std::string plotted = request.plots ? DrawRunPlots(folder, err) : "";
    if (std::size_t width = ConsoleWidth(out))
    {
        table = ModeTable(scenario, results, width); // table.txt stays one block
    }
    bool reported = request.report && WriteRunReport(folder, err);
    return CommitRunFolder(folder, request, table, reported, narrations, plotted, out);
}

namespace
{

/// "instant", or "instant, igmp" for a scenario that runs both.
std::string
ModelNames(const Scenario& s)
{
    return Join(s.membership.models, ", ");
}

/// What the [sweep] table of \p scenarioPath runs: its axes, combinations and runs.
std::string
SweepLine(const std::string& scenarioPath, const std::vector<std::string>& sets,
          const ScenarioLimits& limits)
{
    Sweep sweep(scenarioPath, sets, limits); // every combination checked, as the sweep would
    std::vector<std::string> axes;
    for (std::size_t a = 0; a < sweep.Axes().size(); ++a)
    {
        axes.push_back(sweep.Axes()[a] + " (" + Plural(sweep.AxisLengths()[a], "value") + ")");
    }
    std::string line =
        "sweep: " + (axes.empty() ? "no axes" : Join(axes, ", ")) + "; " +
        Plural(sweep.Combinations(), "combination") +
        (sweep.Skipped() ? " (" + std::to_string(sweep.Skipped()) + " skipped)" : "");
    std::string command = " (" + Printable(SweepCommandLine(scenarioPath, sets)) + " runs them)";
    const PrecisionRule& rule = sweep.Precision();
    if (rule.precision > 0)
    {
        uint64_t combinations = sweep.Combinations();
        return line + ", each " + std::to_string(rule.minRuns) + ".." +
               Plural(rule.maxRuns, "repetition") + " until the 95 % interval of " + rule.figure +
               " is within " + Number(rule.precision * 100) +
               " % of its mean: " + std::to_string(combinations * rule.minRuns) + " to " +
               Plural(combinations * rule.maxRuns, "run") + command;
    }
    uint32_t repetitions = 0;
    for (const auto& run : sweep.Runs())
    {
        repetitions = std::max(repetitions, run.repetition);
    }
    return line + ", " + Plural(repetitions, "repetition") +
           " each: " + Plural(sweep.Runs().size(), "run") + command;
}

} // namespace

bool
PlotsWanted(bool noPlotsFlag)
{
    const char* env = std::getenv("GCSIM_NO_PLOTS");
    return !noPlotsFlag && !(env && *env);
}

int
ValidateCommand(const std::string& scenarioPath, const std::vector<std::string>& sets,
                const ScenarioLimits& limits, std::ostream& out)
{
    Scenario s = Resolve(scenarioPath, sets, limits);
    CheckNetwork(s);
    std::string sweep = s.swept ? SweepLine(scenarioPath, sets, limits) : "";
    out << s.source << ": valid: " << s.name << ", " << Plural(s.topology.clients, "client")
        << " on a " << s.topology.kind << ", group of " << s.group.members.size()
        << (s.membership.given
                ? " at the start, " +
                      Plural(s.membership.schedule.size(), "join or leave", "joins and leaves") +
                      " (" + ModelNames(s) + ")"
                : std::string())
        << ", " << s.traffic.messages << " " << s.traffic.pattern
        << (s.traffic.messages == 1 ? " message" : " messages") << ", modes:";
    for (const auto& m : s.Runs())
    {
        out << ' ' << m;
    }
    out << '\n' << EstimateLine(EstimateRun(s)) << (s.swept ? " per run" : "") << '\n';
    if (s.swept)
    {
        out << sweep << '\n';
    }
    return EXIT_OK;
}

} // namespace gcsim
