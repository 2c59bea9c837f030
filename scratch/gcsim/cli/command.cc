#include "command.h"

#include "models/group/delivery-mode.h"
#include "models/network/map-topology.h"
#include "models/network/network.h"
#include "scratch/gcsim/collect/collect.h"
#include "scratch/gcsim/experiment.h"
#include "scratch/gcsim/narration/narrate.h"
#include "scratch/gcsim/output/atomic-file.h"
#include "scratch/gcsim/output/interrupt.h"
#include "scratch/gcsim/output/results-folder.h"
#include "scratch/gcsim/plot/plot.h"
#include "scratch/gcsim/report/html-report.h"
#include "scratch/gcsim/report/report.h"
#include "scratch/gcsim/run-estimate.h"
#include "scratch/gcsim/scenario.h"
#include "scratch/gcsim/sweep/sweep.h"
#include "scratch/gcsim/throughput.h"
#include "scratch/gcsim/output/text-format.h"

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <ns3/simulator.h>
#include <sstream>
#include <thread>
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

/// \p file of \p folder, opened for streaming (staged until the commit).
std::unique_ptr<OutputFile>
OpenResult(const ResultsFolder& folder, const std::string& file)
{
    return std::make_unique<OutputFile>(folder.Path(file), folder.Shown(file));
}

/// Writes \p text as \p file of \p folder (staged until the commit).
void
WriteResult(const ResultsFolder& folder, const std::string& file, const std::string& text)
{
    OutputFile f(folder.Path(file), folder.Shown(file));
    f << text;
    f.Close();
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

/// What `gcsim run` was asked to do.
struct RunRequest
{
    std::string scenario;
    std::vector<std::string> sets;
    std::string out;
    bool quiet{false};
    bool keepExisting{false}; //!< a sweep's run: never replace a complete folder
    std::string commandLine;  //!< as typed, shell-quoted
    bool report{true};        //!< write report.html
    bool narrate{false};      //!< tell what happened to message 0 after the table
    bool timings{false};      //!< print each phase's wall-clock time to `err`
    ScenarioLimits limits;    //!< --allow-large
};

int
Run(const RunRequest& request, std::ostream& out, std::ostream& err)
{
    const auto& sets = request.sets;
    bool quiet = request.quiet;
    Scenario scenario = Resolve(request.scenario, sets, request.limits);
    CheckMapReader(scenario);
    if (scenario.output.pcap)
    {
        CheckNetwork(scenario); // the network's pcap files fit the open-file limit
    }
    ResultsFolder folder(request.out.empty() ? "results/" + scenario.name : request.out);
    InterruptCleanup::SetNote("the unfinished results were removed; " +
                              Printable(folder.Destination(), 300) + " is as it was");
    if (RunEstimate estimate = EstimateRun(scenario);
        !quiet && (estimate.seconds > 10 || estimate.outputBytes > 1e9))
    {
        out << EstimateLine(estimate) << std::endl; // a long run says so before it starts
    }

    auto deliveries = OpenResult(folder, "deliveries.csv");
    auto links = OpenResult(folder, "links.csv");
    *deliveries << ns3::gcsim::DeliveryTracker::CsvHeader() << '\n';
    *links << ns3::gcsim::LinkTracker::CsvHeader() << '\n';
    bool replay = scenario.traffic.pattern == "replay";
    std::unique_ptr<OutputFile> transcript;
    if (replay)
    {
        transcript = OpenResult(folder, "transcript.txt");
    }

    RunSinks sinks;
    sinks.deliveries = deliveries.get();
    sinks.links = links.get();
    if (scenario.output.pcap)
    {
        sinks.pcapPrefix = folder.Path("pcap-");
    }
    if (scenario.output.netanim)
    {
        sinks.netanimPrefix = folder.Path("netanim-");
    }
    std::vector<ns3::gcsim::Narration> narrations;
    if (request.narrate)
    {
        sinks.narrations = &narrations;
    }
    ns3::gcsim::Animation animation;
    sinks.animation = &animation;
    std::string timed; // the mode being timed
    if (request.timings)
    {
        sinks.phase = [&](const std::string& phase, double seconds)
        {
            char line[160];
            std::snprintf(line, sizeof line, "timing: %-28s %-12s %9.3f s", timed.c_str(),
                          phase.c_str(), seconds);
            err << line << std::endl;
        };
    }
    // On a terminal, a progress line of simulated time, rewritten at most five times a second.
    auto lastProgress = std::chrono::steady_clock::now();
    if (!quiet && isatty(STDERR_FILENO) && &err == &std::cerr)
    {
        sinks.progress = [&](ns3::Time now, ns3::Time stop)
        {
            auto wall = std::chrono::steady_clock::now();
            if (wall - lastProgress < std::chrono::milliseconds(200) && now + now / 500 < stop)
            {
                return;
            }
            lastProgress = wall;
            char line[160];
            std::snprintf(line, sizeof line, "\r  %s: simulated %.6f s of %.6f s (%3.0f %%)",
                          timed.c_str(), now.GetSeconds(), stop.GetSeconds(),
                          100.0 * now.GetSeconds() / stop.GetSeconds());
            err << line << std::flush;
        };
    }
    std::vector<ModeResult> results;
    for (const auto& mode : scenario.Runs())
    {
        timed = mode;
        if (replay)
        {
            std::string banner = "== " + mode + " ==";
            *transcript << banner << '\n';
            if (!quiet)
            {
                out << banner << '\n';
            }
            sinks.console = [&](ns3::Time t, const std::string& host, const std::string& line)
            {
                std::string text = TimeStamp(t) + "  " + host + "  " + line;
                *transcript << text << '\n';
                if (!quiet)
                {
                    out << text << '\n';
                }
            };
        }
        else if (!quiet)
        {
            out << "simulating " << mode << " ..." << std::endl;
        }
        if (scenario.traffic.pattern == "throughput")
        {
            results.push_back(SearchThroughput(
                scenario, mode, sinks,
                [&](const ThroughputStep& step)
                {
                    if (!quiet)
                    {
                        char line[128];
                        std::snprintf(line, sizeof line, "  %.1f msg/s: delivery ratio %.4f%s",
                                      step.rate, step.deliveryRatio,
                                      step.sustained ? "" : " (not sustained)");
                        out << line << std::endl;
                    }
                }));
            continue;
        }
        results.push_back(RunMode(scenario, mode, sinks));
        if (sinks.progress)
        {
            err << "\r\033[K" << std::flush; // clears the progress line
        }
    }
    if (scenario.traffic.pattern == "throughput")
    {
        std::ostringstream throughput;
        WriteThroughputCsv(throughput, results);
        WriteResult(folder, "throughput.csv", throughput.str());
    }

    deliveries->Close();
    links->Close();
    if (replay)
    {
        transcript->Close();
    }
    std::ostringstream animationJson;
    animation.WriteJson(animationJson);
    WriteResult(folder, "animation.json", animationJson.str());
    if (scenario.membership.given)
    {
        // The joins and leaves every run applied, listed and generated alike, in time order.
        std::ostringstream timeline;
        timeline << "time_s,client,action\n";
        for (const auto& event : scenario.membership.schedule)
        {
            char at[32];
            std::snprintf(at, sizeof at, "%.9f", event.at.GetSeconds());
            timeline << at << ',' << event.client << ',' << (event.join ? "join" : "leave") << '\n';
        }
        WriteResult(folder, "membership.csv", timeline.str());
    }
    WriteResult(folder, "scenario.toml", ResolvedToml(scenario));
    std::string table = ModeTable(scenario, results);
    WriteResult(folder, "table.txt", table);
    std::error_code ec;
    nlohmann::ordered_json provenance{
        {"gcsim_version", GCSIM_VERSION},
        {"git_commit", GCSIM_GIT_COMMIT},
        {"command", request.commandLine},
        {"cwd", std::filesystem::current_path(ec).string()},
        {"scenario_hash", StableHash(
                              [&]
                              {
                                  std::string r = ResolvedToml(scenario);
                                  return r.substr(r.find('\n') + 1);
                              }())},
    };
    WriteResult(folder, "run.json", provenance.dump(2) + "\n");
    // summary.json last: its presence marks a complete results folder.
    WriteResult(folder, "summary.json", SummaryJson(scenario, results).dump(2) + "\n");
    bool reported = false;
    if (request.report)
    {
        try
        {
            WriteReport(folder.Path(""), folder.Destination());
            reported = true;
        }
        catch (const std::exception& e)
        {
            // The results are whole without it; `gcsim report` writes it later.
            err << "gcsim: warning: report.html not written: " << Printable(e.what())
                << "; the results are complete (`gcsim report "
                << Printable(ShellQuote(folder.Destination())) << "` writes it)\n";
        }
    }

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
    out << "results in " << folder.Destination() << '\n';
    if (reported)
    {
        out << "report in " << folder.Destination() << "/report.html\n";
    }
    return EXIT_OK;
}

/// "instant", or "instant, igmp" for a scenario that runs both.
std::string
ModelNames(const Scenario& s)
{
    return Join(s.membership.models, ", ");
}

int
Validate(const std::string& scenarioPath, const std::vector<std::string>& sets,
         const ScenarioLimits& limits, std::ostream& out)
{
    Scenario s = Resolve(scenarioPath, sets, limits);
    CheckNetwork(s);
    out << s.source << ": valid: " << s.name << ", " << s.topology.clients << " clients on a "
        << s.topology.kind << ", group of " << s.group.members.size()
        << (s.membership.given ? " at the start, " + std::to_string(s.membership.schedule.size()) +
                                     " joins and leaves (" + ModelNames(s) + ")"
                               : std::string())
        << ", " << s.traffic.messages << " " << s.traffic.pattern << " messages, modes:";
    for (const auto& m : s.Runs())
    {
        out << ' ' << m;
    }
    out << '\n' << EstimateLine(EstimateRun(s)) << '\n';
    return EXIT_OK;
}

std::string
SelfExecutable()
{
    std::error_code ec;
    auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? "gcsim" : self.string();
}

std::string
SweepFolder(const std::string& outOption, const std::string& name)
{
    return outOption.empty() ? "results/" + name + "-sweep" : outOption;
}

/**
 * --shard I/N as (I - 1, N): two whole numbers of decimal digits only (no sign, no space),
 * 1 <= I <= N < 2^32; anything else is InputError, not a number wrapped round.
 */
std::pair<uint32_t, uint32_t>
ParseShard(const std::string& shard)
{
    auto number = [](const std::string& digits, uint64_t& value)
    {
        if (digits.empty() || digits.size() > 10 ||
            digits.find_first_not_of("0123456789") != std::string::npos)
        {
            return false;
        }
        value = std::stoull(digits);
        return value <= UINT32_MAX;
    };
    auto slash = shard.find('/');
    uint64_t index = 0;
    uint64_t count = 0;
    if (slash == std::string::npos || !number(shard.substr(0, slash), index) ||
        !number(shard.substr(slash + 1), count) || index < 1 || index > count)
    {
        throw InputError("--shard " + shard, "",
                         "expected I/N, two whole numbers with 1 <= I <= N <= 4294967295, e.g. "
                         "2/8");
    }
    return {uint32_t(index - 1), uint32_t(count)};
}

int
SweepCommand(const std::string& scenarioPath, const std::vector<std::string>& sets,
             const ScenarioLimits& limits, const std::string& outOption, uint32_t jobs,
             const std::string& shard, bool collect, std::ostream& out, std::ostream& err)
{
    std::pair<uint32_t, uint32_t> shardOf{0, 1};
    if (!shard.empty())
    {
        shardOf = ParseShard(shard); // before the plan: the cheapest check first
    }
    Sweep sweep(scenarioPath, sets, limits);
    SweepOptions options;
    options.out = SweepFolder(outOption, sweep.Name());
    options.jobs = jobs;
    options.collect = collect;
    options.executable = SelfExecutable();
    options.runInProcess = [](int argc, char** argv)
    { return Main(argc, argv, std::cout, std::cerr); };
    options.progressBar = ::isatty(STDOUT_FILENO) && &out == &std::cout;
    options.shardIndex = shardOf.first;
    options.shardCount = shardOf.second;
    SweepOutcome outcome = RunSweep(sweep, options, out);
    if (options.collect && options.shardCount == 1)
    {
        try
        {
            std::string page = WriteReport(options.out);
            out << "report in " << page << '\n';
        }
        catch (const std::exception& e)
        {
            err << "gcsim: warning: report.html not written: " << Printable(e.what()) << '\n';
        }
    }
    return outcome.failed == 0 ? EXIT_OK : EXIT_INTERNAL;
}

/**
 * A value for an #SBATCH line: Slurm reads those like a shell, but drops every backslash
 * and expands % patterns in file names, so a path must not hold a backslash or a newline.
 */
std::string
SlurmQuote(const std::string& value)
{
    std::string quoted = "\"";
    for (char c : value)
    {
        quoted += c == '"' ? std::string("\\\"") : std::string(1, c);
    }
    return quoted + "\"";
}

/// \p path with Slurm's filename patterns (%j, %a, ...) escaped.
std::string
SlurmPattern(const std::string& path)
{
    std::string escaped;
    for (char c : path)
    {
        escaped += c == '%' ? std::string("%%") : std::string(1, c);
    }
    return escaped;
}

int
SlurmCommand(const std::string& scenarioPath, const std::vector<std::string>& sets,
             const ScenarioLimits& limits, const std::string& outOption, uint32_t arraySize,
             uint32_t jobs, bool submit, std::ostream& out)
{
    namespace fs = std::filesystem;
    Sweep sweep(scenarioPath, sets, limits); // every run checked here, before anything is submitted
    std::string typed = SweepFolder(outOption, sweep.Name());
    fs::path folder = fs::absolute(typed).lexically_normal();
    fs::path scenario = fs::absolute(scenarioPath).lexically_normal();
    if (folder.string().find_first_of("\\\n") != std::string::npos)
    {
        throw InputError("--out " + folder.string(), "",
                         "Slurm cannot write its logs to a folder whose path holds a backslash or "
                         "a line break; pick another --out");
    }
    // The script and the plan go into a sweep folder only: an empty one, or gcsim's own.
    fs::path target = CheckOutFolder(typed, FolderUse::SWEEP);
    std::error_code ec;
    fs::create_directories(target / "slurm", ec);
    if (!fs::is_directory(target / "slurm"))
    {
        throw InputError("--out " + folder.string(), "",
                         "cannot create folder " + (folder / "slurm").string() + ": " +
                             ec.message());
    }
    WriteSweepPlan(sweep, target.string()); // the marker that makes it a sweep folder
    std::string command = ShellQuote(SelfExecutable()) + " sweep " + ShellQuote(scenario.string());
    for (const auto& set : sets)
    {
        command += " --set " + ShellQuote(set);
    }
    command +=
        " --out " + ShellQuote(folder.string()) + " --shard \"$((SLURM_ARRAY_TASK_ID + 1))/" +
        std::to_string(arraySize) + "\"" +
        (jobs ? " --jobs " + std::to_string(jobs) : " --jobs \"${SLURM_CPUS_PER_TASK:-1}\"") +
        " --no-collect" + (limits.allowLarge ? " --allow-large" : "");
    std::ostringstream script;
    script << "#!/bin/bash\n"
           << "# The sweep " << sweep.Name() << " (" << sweep.Runs().size() << " runs) in "
           << arraySize << " shards, one per array task. When all tasks are done:\n"
           << "#   " << ShellQuote(SelfExecutable()) << " collect " << ShellQuote(folder.string())
           << "\n"
           << "#SBATCH --job-name=" << SlurmQuote("gcsim-" + sweep.Name()) << "\n"
           << "#SBATCH --array=0-" << arraySize - 1 << "\n"
           << "#SBATCH --output="
           << SlurmQuote(SlurmPattern(folder.string()) + "/slurm/shard-%a.log") << "\n"
           << "set -euo pipefail\n"
           << "exec " << command << "\n";
    fs::path path = folder / "slurm" / "sweep.sbatch";
    WriteFileAtomically((target / "slurm" / "sweep.sbatch").string(), script.str(), path.string(),
                        0777);
    out << "wrote " << path.string() << " (" << sweep.Runs().size() << " runs in " << arraySize
        << " array tasks)\n";
    if (!submit)
    {
        out << "submit it with: sbatch " << ShellQuote(path.string()) << '\n';
        return EXIT_OK;
    }
    std::string sbatch = "sbatch --parsable " + ShellQuote(path.string());
    FILE* pipe = ::popen(sbatch.c_str(), "r");
    std::string reply;
    char buf[256];
    while (pipe && std::fgets(buf, sizeof buf, pipe))
    {
        reply += buf;
    }
    int status = pipe ? ::pclose(pipe) : -1;
    if (status != 0)
    {
        throw std::runtime_error("sbatch failed: " + reply);
    }
    out << "submitted job " << reply;
    return EXIT_OK;
}

std::string
ModeList()
{
    std::string text = "Delivery modes:\n";
    for (const auto& e : ns3::gcsim::DeliveryModeTable())
    {
        text += "  " + std::string(e.name) + ": " + e.summary + "\n";
    }
    text += "Topology kinds:\n";
    for (const auto& e : ns3::gcsim::TopologyTable())
    {
        text += "  " + std::string(e.kind) + ": " + e.summary + "\n";
    }
    return text;
}

} // namespace

int
Main(int argc, char** argv, std::ostream& out, std::ostream& err)
{
    CLI::App app{"gcsim: a discrete-event simulator of group communication on ns-3. It compares "
                 "unicast, replicated unicast, multicast and broadcast delivery on one network, "
                 "and replays the classroom UDP server experiment.",
                 "gcsim"};
    app.footer(ModeList() + "\nExit status: 0 success, 1 internal failure, 2 bad input.");
    app.require_subcommand(1);
    app.set_version_flag("--version", GCSIM_VERSION);

    std::string scenarioPath;
    std::vector<std::string> sets;
    std::string outDir;
    bool quiet = false;
    bool keepExisting = false;
    bool noReport = false;
    bool narrate = false;
    bool timings = false;
    ScenarioLimits limits;
    uint32_t jobs = std::max(1U, std::thread::hardware_concurrency());
    std::string shard;
    bool noCollect = false;
    bool submit = false;
    uint32_t arraySize = 4;
    std::string commandLine;
    for (int i = 0; i < argc; ++i)
    {
        commandLine += (i ? " " : "") + ShellQuote(i == 0 ? SelfExecutable() : argv[i]);
    }

    auto* run = app.add_subcommand(
        "run", "Simulate every delivery mode of a scenario and write its results folder.");
    run->add_option("SCENARIO", scenarioPath,
                    "Scenario file (TOML); default: the built-in scenarios/lan-modes.toml");
    run->add_option("--set", sets,
                    "Override a scenario key, e.g. --set topology.clients=32 (repeatable)")
        ->type_name("KEY=VALUE")
        ->allow_extra_args(false);
    run->add_option("--out", outDir, "Results folder (default: results/<name>)")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    run->add_flag("-q,--quiet", quiet, "Print only the table and where the results are");
    run->add_flag("--keep-existing", keepExisting,
                  "If --out already holds complete results, keep them and discard this run's "
                  "(what a sweep asks of its runs)");
    run->add_flag("--no-report", noReport, "Do not write report.html");
    run->add_flag("--narrate", narrate,
                  "After the table, tell step by step what happened to message 0 in each mode");
    const char* allowLargeHelp = "Run even when the estimate is above 1 hour of wall-clock time or "
                                 "10 GB of results (the memory limit holds regardless)";
    run->add_flag("--allow-large", limits.allowLarge, allowLargeHelp);
    run->add_flag("--timings", timings,
                  "Print the wall-clock time of each phase of each mode (build, routes, "
                  "applications, trackers, simulate, collect, teardown) on standard error");

    auto* sweep = app.add_subcommand(
        "sweep", "Run every combination and repetition of a scenario's [sweep] table; resumable.");
    sweep->add_option("SCENARIO", scenarioPath, "Scenario file (TOML) with a [sweep] table")
        ->required();
    sweep->add_option("--set", sets, "Override a scenario key (repeatable)")
        ->type_name("KEY=VALUE")
        ->allow_extra_args(false);
    sweep->add_option("--out", outDir, "Sweep folder (default: results/<name>-sweep)")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    sweep->add_option("-j,--jobs", jobs, "Runs at a time (default: all cores)")
        ->check(CLI::Range(1, 1024));
    sweep->add_option("--shard", shard, "Run only shard I of N (I from 1), e.g. --shard 2/8")
        ->type_name("I/N");
    sweep->add_flag("--no-collect", noCollect, "Do not collect at the end");
    sweep->add_flag("--allow-large", limits.allowLarge,
                    "Accept more than 10000 runs, and runs estimated above 1 hour or 10 GB each");

    auto* collect =
        app.add_subcommand("collect", "Write summary.csv and aggregate.csv of a sweep folder.");
    collect->add_option("DIR", outDir, "Sweep folder")->required();

    auto* plot = app.add_subcommand(
        "plot", "Draw the figures of a run or sweep folder with gnuplot into DIR/plots/ (PNG, "
                "SVG, and the gnuplot script and data of each, to edit and re-render).");
    plot->add_option("DIR", outDir, "A run folder (gcsim run) or a sweep folder (gcsim sweep)")
        ->required();

    auto* slurm = app.add_subcommand(
        "slurm",
        "Write an sbatch job-array script that runs a sweep in shards on a Slurm cluster.");
    slurm->add_option("SCENARIO", scenarioPath, "Scenario file (TOML) with a [sweep] table")
        ->required();
    slurm->add_option("--set", sets, "Override a scenario key (repeatable)")
        ->type_name("KEY=VALUE")
        ->allow_extra_args(false);
    slurm
        ->add_option("--out", outDir,
                     "Sweep folder, on storage every node sees (default: results/<name>-sweep)")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    slurm->add_option("--array-size", arraySize, "Array tasks, one shard each (default 4)")
        ->check(CLI::Range(1, 100000));
    slurm
        ->add_option("-j,--jobs", jobs,
                     "Runs at a time within each task (default: the task's CPUs)")
        ->check(CLI::Range(1, 1024));
    slurm->add_flag("--submit", submit, "Submit the script with sbatch");
    slurm->add_flag("--allow-large", limits.allowLarge,
                    "Accept more than 10000 runs, and runs estimated above 1 hour or 10 GB each");

    auto* report = app.add_subcommand(
        "report", "Write DIR/report.html: one self-contained page with the scenario, the mode "
                  "table, the plots and an animation of one message in every mode.");
    report->add_option("DIR", outDir, "A results folder, or a sweep folder")->required();

    auto* validate = app.add_subcommand(
        "validate", "Check a scenario and print what it would run; simulates nothing.");
    validate->add_option("SCENARIO", scenarioPath,
                         "Scenario file (TOML); default: the built-in one");
    validate->add_option("--set", sets, "Override a scenario key (repeatable)")
        ->type_name("KEY=VALUE")
        ->allow_extra_args(false);
    validate->add_flag("--allow-large", limits.allowLarge, allowLargeHelp);

    try
    {
        app.parse(argc, argv);
    }
    catch (const CLI::ParseError& e)
    {
        if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success))
        {
            app.exit(e, out, err); // --help, --version
            return EXIT_OK;
        }
        // The arguments as typed may hold any bytes: shown printable, as InputError does.
        err << "gcsim: error: " << Printable(e.what())
            << "\nRun with --help for more information.\n";
        return EXIT_BAD_INPUT;
    }

    try
    {
        // SIGINT, SIGTERM, SIGHUP: staging and temporary files removed, a line, 128 + signal.
        InterruptCleanup cleanup("nothing was written");
        if (run->parsed())
        {
            return Run({scenarioPath, sets, outDir, quiet, keepExisting, commandLine, !noReport,
                        narrate, timings, limits},
                       out, err);
        }
        if (sweep->parsed())
        {
            return SweepCommand(scenarioPath, sets, limits, outDir, jobs, shard, !noCollect, out,
                                err);
        }
        if (collect->parsed())
        {
            return CollectSweep(outDir, out) == 0 ? EXIT_OK : EXIT_INTERNAL;
        }
        if (plot->parsed())
        {
            return PlotCommand(outDir, out, err);
        }
        if (report->parsed())
        {
            std::string page = WriteReport(outDir); // nothing printed before it is written
            out << "report in " << page << '\n';
            return EXIT_OK;
        }
        if (slurm->parsed())
        {
            return SlurmCommand(scenarioPath, sets, limits, outDir, arraySize,
                                slurm->count("--jobs") ? jobs : 0, submit, out);
        }
        return Validate(scenarioPath, sets, limits, out);
    }
    catch (const InputError& e)
    {
        err << "gcsim: error: " << e.what() << '\n';
        return EXIT_BAD_INPUT;
    }
    catch (const WriteError& e)
    {
        // Not the input's fault, nor gcsim's: the disk filled, a quota, an I/O error.
        err << "gcsim: error: " << Printable(e.what()) << '\n';
        return EXIT_INTERNAL;
    }
    catch (const std::exception& e)
    {
        err << "gcsim: internal error: " << Printable(e.what()) << '\n';
        return EXIT_INTERNAL;
    }
}

} // namespace gcsim
