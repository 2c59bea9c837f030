#include "command.h"

#include "collect.h"
#include "experiment.h"
#include "html-report.h"
#include "models/delivery-mode.h"
#include "models/map-topology.h"
#include "models/network.h"
#include "narrate.h"
#include "plot.h"
#include "report.h"
#include "results-folder.h"
#include "run-estimate.h"
#include "scenario.h"
#include "sweep.h"
#include "throughput.h"

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

/// Opens \p path for writing or throws.
std::ofstream
OpenForWriting(const std::string& path)
{
    std::ofstream f(path, std::ios::binary);
    if (!f)
    {
        throw std::runtime_error("cannot write " + path);
    }
    return f;
}

void
Close(std::ofstream& f, const std::string& name)
{
    f.flush();
    if (!f)
    {
        throw std::runtime_error("writing " + name + " failed (disk full?)");
    }
    f.close();
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
    ResultsFolder folder(request.out.empty() ? "results/" + scenario.name : request.out);
    if (RunEstimate estimate = EstimateRun(scenario);
        !quiet && (estimate.seconds > 10 || estimate.outputBytes > 1e9))
    {
        out << EstimateLine(estimate) << std::endl; // a long run says so before it starts
    }

    std::ofstream deliveries = OpenForWriting(folder.Path("deliveries.csv"));
    std::ofstream links = OpenForWriting(folder.Path("links.csv"));
    deliveries << ns3::gcsim::DeliveryTracker::CsvHeader() << '\n';
    links << ns3::gcsim::LinkTracker::CsvHeader() << '\n';
    bool replay = scenario.traffic.pattern == "replay";
    std::ofstream transcript;
    if (replay)
    {
        transcript = OpenForWriting(folder.Path("transcript.txt"));
    }

    RunSinks sinks;
    sinks.deliveries = &deliveries;
    sinks.links = &links;
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
            transcript << banner << '\n';
            if (!quiet)
            {
                out << banner << '\n';
            }
            sinks.console = [&](ns3::Time t, const std::string& host, const std::string& line)
            {
                std::string text = TimeStamp(t) + "  " + host + "  " + line;
                transcript << text << '\n';
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
        std::ofstream throughput = OpenForWriting(folder.Path("throughput.csv"));
        WriteThroughputCsv(throughput, results);
        Close(throughput, "throughput.csv");
    }

    Close(deliveries, "deliveries.csv");
    Close(links, "links.csv");
    if (replay)
    {
        Close(transcript, "transcript.txt");
    }
    std::ofstream animationFile = OpenForWriting(folder.Path("animation.json"));
    animation.WriteJson(animationFile);
    Close(animationFile, "animation.json");
    if (scenario.membership.given)
    {
        // The joins and leaves every run applied, listed and generated alike, in time order.
        std::ofstream timeline = OpenForWriting(folder.Path("membership.csv"));
        timeline << "time_s,client,action\n";
        for (const auto& event : scenario.membership.schedule)
        {
            char at[32];
            std::snprintf(at, sizeof at, "%.9f", event.at.GetSeconds());
            timeline << at << ',' << event.client << ',' << (event.join ? "join" : "leave") << '\n';
        }
        Close(timeline, "membership.csv");
    }
    std::ofstream resolved = OpenForWriting(folder.Path("scenario.toml"));
    resolved << ResolvedToml(scenario);
    Close(resolved, "scenario.toml");
    std::string table = ModeTable(scenario, results);
    std::ofstream tableFile = OpenForWriting(folder.Path("table.txt"));
    tableFile << table;
    Close(tableFile, "table.txt");
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
    std::ofstream runFile = OpenForWriting(folder.Path("run.json"));
    runFile << provenance.dump(2) << '\n';
    Close(runFile, "run.json");
    // summary.json last: its presence marks a complete results folder.
    std::ofstream summary = OpenForWriting(folder.Path("summary.json"));
    summary << SummaryJson(scenario, results).dump(2) << '\n';
    Close(summary, "summary.json");
    if (request.report)
    {
        try
        {
            WriteReport(folder.Path(""));
        }
        catch (const std::exception& e)
        {
            out << "report.html not written: " << e.what() << '\n';
        }
    }

    if (request.keepExisting)
    {
        bool placed = folder.CommitIfAbsent();
        out << (placed ? "results in " : "results already complete in ") << folder.Destination()
            << '\n';
        return EXIT_OK;
    }
    std::string moved = folder.Commit();
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
    if (request.report && std::filesystem::exists(folder.Destination() + "/report.html"))
    {
        out << "report in " << folder.Destination() << "/report.html\n";
    }
    return EXIT_OK;
}

/// "instant", or "instant, igmp" for a scenario that runs both.
std::string
ModelNames(const Scenario& s)
{
    std::string names;
    for (const auto& m : s.membership.models)
    {
        names += (names.empty() ? "" : ", ") + m;
    }
    return names;
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

int
SweepCommand(const std::string& scenarioPath, const std::vector<std::string>& sets,
             const ScenarioLimits& limits, const std::string& outOption, uint32_t jobs,
             const std::string& shard, bool collect, std::ostream& out)
{
    Sweep sweep(scenarioPath, sets, limits);
    SweepOptions options;
    options.out = SweepFolder(outOption, sweep.Name());
    options.jobs = jobs;
    options.collect = collect;
    options.executable = SelfExecutable();
    options.runInProcess = [](int argc, char** argv)
    { return Main(argc, argv, std::cout, std::cerr); };
    options.progressBar = ::isatty(STDOUT_FILENO) && &out == &std::cout;
    if (!shard.empty())
    {
        unsigned index = 0;
        unsigned count = 0;
        char rest = 0;
        if (std::sscanf(shard.c_str(), "%u/%u%c", &index, &count, &rest) != 2 || count == 0 ||
            index < 1 || index > count)
        {
            throw InputError("--shard " + shard, "", "expected I/N with 1 <= I <= N, e.g. 2/8");
        }
        options.shardIndex = index - 1;
        options.shardCount = count;
    }
    SweepOutcome outcome = RunSweep(sweep, options, out);
    if (options.collect && options.shardCount == 1)
    {
        try
        {
            out << "report in " << WriteReport(options.out) << '\n';
        }
        catch (const std::exception& e)
        {
            out << "report.html not written: " << e.what() << '\n';
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
    fs::path folder = fs::absolute(SweepFolder(outOption, sweep.Name())).lexically_normal();
    fs::path scenario = fs::absolute(scenarioPath).lexically_normal();
    if (folder.string().find_first_of("\\\n") != std::string::npos)
    {
        throw InputError("--out " + folder.string(), "",
                         "Slurm cannot write its logs to a folder whose path holds a backslash or "
                         "a line break; pick another --out");
    }
    std::error_code ec;
    fs::create_directories(folder / "slurm", ec);
    if (!fs::is_directory(folder / "slurm"))
    {
        throw InputError("--out " + folder.string(), "",
                         "cannot create folder " + (folder / "slurm").string());
    }
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
    {
        std::ofstream f(path);
        f << script.str();
        if (!f.flush())
        {
            throw std::runtime_error("cannot write " + path.string());
        }
    }
    fs::permissions(path, fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                    fs::perm_options::add, ec);
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
        if (run->parsed())
        {
            return Run({scenarioPath, sets, outDir, quiet, keepExisting, commandLine, !noReport,
                        narrate, timings, limits},
                       out, err);
        }
        if (sweep->parsed())
        {
            return SweepCommand(scenarioPath, sets, limits, outDir, jobs, shard, !noCollect, out);
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
            out << "report in " << WriteReport(outDir) << '\n';
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
    catch (const std::exception& e)
    {
        err << "gcsim: internal error: " << Printable(e.what()) << '\n';
        return EXIT_INTERNAL;
    }
}

} // namespace gcsim
