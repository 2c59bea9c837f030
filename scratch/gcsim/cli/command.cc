#include "command.h"

#include "commands.h"
#include "models/group/delivery-mode.h"
#include "models/network/network.h"
#include "scratch/gcsim/chat/chat-client.h"
#include "scratch/gcsim/chat/chat-server.h"
#include "scratch/gcsim/collect/collect.h"
#include "scratch/gcsim/live/compare.h"
#include "scratch/gcsim/output/atomic-file.h"
#include "scratch/gcsim/output/interrupt.h"
#include "scratch/gcsim/output/text-format.h"
#include "scratch/gcsim/plot/plot.h"
#include "scratch/gcsim/report/html-report.h"
#include "scratch/gcsim/serve/serve.h"
#include "scratch/gcsim/sweep/sweep.h"
#include "shipped-scenarios.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <thread>

namespace gcsim
{

namespace
{

/// Every option of every subcommand, as the command line sets it.
struct Options
{
    std::string scenarioPath;
    std::vector<std::string> sets;
    std::string outDir;
    bool quiet{false};
    bool keepExisting{false};
    bool noReport{false};
    bool noPlots{false};
    bool narrate{false};
    bool timings{false};
    ScenarioLimits limits;
    uint32_t jobs{std::max(1U, std::thread::hardware_concurrency())};
    std::string shard;
    bool noCollect{false};
    bool submit{false};
    uint32_t arraySize{4};
    std::string liveDir; //!< compare's second folder
    chat::ChatOptions chat;
    ServeOptions serve;
};

/// The subcommands, to ask which one was given.
struct Subcommands
{
    CLI::App* run{nullptr};
    CLI::App* sweep{nullptr};
    CLI::App* collect{nullptr};
    CLI::App* plot{nullptr};
    CLI::App* slurm{nullptr};
    CLI::App* report{nullptr};
    CLI::App* validate{nullptr};
    CLI::App* live{nullptr};
    CLI::App* compare{nullptr};
    CLI::App* chat{nullptr};
    CLI::App* serve{nullptr};
};

const char* kAllowLargeHelp = "Run even when the estimate is above 1 hour of wall-clock time or "
                              "10 GB of results (the memory limit holds regardless)";

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

void
DeclareRun(CLI::App& app, Options& o, Subcommands& c)
{
    c.run = app.add_subcommand(
        "run", "Simulate every delivery mode of a scenario and write its results folder.");
    c.run->add_option("SCENARIO", o.scenarioPath,
                      "Scenario file (TOML), or a shipped scenario by name (lan-modes); default: "
                      "the built-in lan-modes");
    c.run
        ->add_option("--set", o.sets,
                     "Override a scenario key, e.g. --set topology.clients=32 (repeatable)")
        ->type_name("KEY=VALUE")
        ->allow_extra_args(false);
    c.run->add_option("--out", o.outDir, "Results folder (default: results/<name>)")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    c.run->add_flag("-q,--quiet", o.quiet, "Print only the table and where the results are");
    c.run->add_flag("--keep-existing", o.keepExisting,
                    "If --out already holds complete results, keep them and discard this run's "
                    "(what a sweep asks of its runs)");
    c.run->add_flag("--no-report", o.noReport, "Do not write report.html");
    c.run->add_flag("--no-plots", o.noPlots,
                    "Do not draw the figures into plots/ (drawn with gnuplot when it is "
                    "installed; also GCSIM_NO_PLOTS=1)");
    c.run->add_flag("--narrate", o.narrate,
                    "After the table, tell step by step what happened to message 0 in each mode");
    c.run->add_flag("--allow-large", o.limits.allowLarge, kAllowLargeHelp);
    c.run->add_flag("--timings", o.timings,
                    "Print the wall-clock time, heap in use and peak memory of each phase of "
                    "each mode (build, routes, applications, trackers, simulate, collect, "
                    "teardown) on standard error");
}

void
DeclareSweep(CLI::App& app, Options& o, Subcommands& c)
{
    c.sweep = app.add_subcommand(
        "sweep", "Run every combination and repetition of a scenario's [sweep] table; resumable.");
    c.sweep
        ->add_option("SCENARIO", o.scenarioPath,
                     "Scenario file (TOML) with a [sweep] table, or a shipped one by name "
                     "(group-size-sweep)")
        ->required();
    c.sweep->add_option("--set", o.sets, "Override a scenario key (repeatable)")
        ->type_name("KEY=VALUE")
        ->allow_extra_args(false);
    c.sweep->add_option("--out", o.outDir, "Sweep folder (default: results/<name>-sweep)")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    c.sweep->add_option("-j,--jobs", o.jobs, "Runs at a time (default: all cores)")
        ->check(CLI::Range(1, 1024));
    c.sweep->add_option("--shard", o.shard, "Run only shard I of N (I from 1), e.g. --shard 2/8")
        ->type_name("I/N");
    c.sweep->add_flag("--no-collect", o.noCollect, "Do not collect at the end");
    c.sweep->add_flag("--no-plots", o.noPlots,
                      "Do not draw the sweep's figures after collecting (also GCSIM_NO_PLOTS=1)");
    c.sweep->add_flag("--allow-large", o.limits.allowLarge,
                      "Accept more than 10000 runs, and runs estimated above 1 hour or 10 GB each");
}

void
DeclareSlurm(CLI::App& app, Options& o, Subcommands& c)
{
    c.slurm = app.add_subcommand(
        "slurm",
        "Write an sbatch job-array script that runs a sweep in shards on a Slurm cluster.");
    c.slurm
        ->add_option("SCENARIO", o.scenarioPath,
                     "Scenario file (TOML) with a [sweep] table, or a shipped one by name "
                     "(group-size-sweep)")
        ->required();
    c.slurm->add_option("--set", o.sets, "Override a scenario key (repeatable)")
        ->type_name("KEY=VALUE")
        ->allow_extra_args(false);
    c.slurm
        ->add_option("--out", o.outDir,
                     "Sweep folder, on storage every node sees (default: results/<name>-sweep)")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    c.slurm->add_option("--array-size", o.arraySize, "Array tasks, one shard each (default 4)")
        ->check(CLI::Range(1, 100000));
    c.slurm
        ->add_option("-j,--jobs", o.jobs,
                     "Runs at a time within each task (default: the task's CPUs)")
        ->check(CLI::Range(1, 1024));
    c.slurm->add_flag("--submit", o.submit, "Submit the script with sbatch");
    c.slurm->add_flag("--allow-large", o.limits.allowLarge,
                      "Accept more than 10000 runs, and runs estimated above 1 hour or 10 GB each");
}

void
DeclareCollectAndPlot(CLI::App& app, Options& o, Subcommands& c)
{
    c.collect = app.add_subcommand(
        "collect", "Write summary.csv, aggregate.csv, long.csv and columns.md of a sweep folder.");
    c.collect->add_option("DIR", o.outDir, "Sweep folder")->required();

    c.plot = app.add_subcommand(
        "plot", "Draw the figures of a run or sweep folder with gnuplot into DIR/plots/ (PNG, "
                "SVG, and the gnuplot script and data of each, to edit and re-render).");
    c.plot->add_option("DIR", o.outDir, "A run folder (gcsim run) or a sweep folder (gcsim sweep)")
        ->required();
}

void
DeclareReportAndValidate(CLI::App& app, Options& o, Subcommands& c)
{
    c.report = app.add_subcommand(
        "report", "Write DIR/report.html: one self-contained page with the scenario, the mode "
                  "table, the plots and an animation of one message in every mode.");
    c.report->add_option("DIR", o.outDir, "A results folder, or a sweep folder")->required();

    c.validate = app.add_subcommand(
        "validate", "Check a scenario and print what it would run; simulates nothing.");
    c.validate->add_option(
        "SCENARIO", o.scenarioPath,
        "Scenario file (TOML), or a shipped scenario by name; default: the built-in lan-modes");
    c.validate->add_option("--set", o.sets, "Override a scenario key (repeatable)")
        ->type_name("KEY=VALUE")
        ->allow_extra_args(false);
    c.validate->add_flag("--allow-large", o.limits.allowLarge, kAllowLargeHelp);
}

void
DeclareLiveAndCompare(CLI::App& app, Options& o, Subcommands& c)
{
    c.live = app.add_subcommand(
        "live", "Run a scenario's lan or star on real Linux network stacks (network namespaces, "
                "veth, a bridge, tbf; needs root) and write the results folder a simulation "
                "writes, measured.");
    c.live->add_option("SCENARIO", o.scenarioPath, "Scenario file (TOML) or a shipped scenario")
        ->required();
    c.live->add_option("--set", o.sets, "Override a scenario key (repeatable)")
        ->type_name("KEY=VALUE")
        ->allow_extra_args(false);
    c.live->add_option("--out", o.outDir, "Results folder (default: results/<name>-live)")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    c.live->add_flag("-q,--quiet", o.quiet, "Print only the table and where the results are");

    c.compare = app.add_subcommand(
        "compare", "Print a simulated and a live results folder side by side: what must agree "
                   "exactly (frames per link, P1 packets and bytes, non-member receptions, "
                   "NIC-filtered frames) and the latency distributions. Exit status 1 when an "
                   "exact quantity differs.");
    c.compare->add_option("DIR_SIM", o.outDir, "Results folder of gcsim run")->required();
    c.compare->add_option("DIR_LIVE", o.liveDir, "Results folder of gcsim live")->required();
}

/// `gcsim chat server` and `gcsim chat client N`: the classroom's programs, on real sockets.
void
DeclareChat(CLI::App& app, Options& o, Subcommands& c)
{
    c.chat = app.add_subcommand("chat", "The classroom's real programs on UDP sockets: the "
                                        "server, and client N, wire-compatible with the Python "
                                        "originals.");
    c.chat->require_subcommand(1);
    CLI::App* server = c.chat->add_subcommand(
        "server", "Show each client's message and answer it with a line typed (or scripted).");
    CLI::App* client = c.chat->add_subcommand(
        "client", "Send lines typed (or scripted) with N appended and show the server's answers.");
    client->add_option("N", o.chat.client, "This client's number, 1 to 9")->required();
    client->add_option("--server", o.chat.server, "The server's IPv4 address (default 127.0.0.1)")
        ->type_name("ADDR");
    client
        ->add_option("--timeout", o.chat.timeout,
                     "Seconds to wait for a reply; when they pass, a line on standard error "
                     "and exit status 1 (default: wait forever)")
        ->type_name("SECONDS");
    for (CLI::App* side : {server, client})
    {
        side->add_option("--port", o.chat.port, "The server's UDP port (default 20001)")
            ->check(CLI::Range(1, 65535));
        side->add_option("--bind", o.chat.bind,
                         "Local IPv4 address to bind (and for multicast, the interface); server "
                         "default 0.0.0.0")
            ->type_name("ADDR");
        side->add_option("--mode", o.chat.mode,
                         "Where the server answers: unicast (the sender), multicast (the group) "
                         "or broadcast (the broadcast address at the group port)")
            ->check(CLI::IsMember({"unicast", "multicast", "broadcast"}));
        side->add_option("--group", o.chat.group,
                         "Group address and port (default 239.255.0.1:20002)")
            ->type_name("ADDR[:PORT]");
        side->add_option("--transcript", o.chat.transcript,
                         "Scripted from a transcript ('client N: text', 'reply N: text' lines) "
                         "instead of standard input")
            ->type_name("FILE");
    }
    server
        ->add_option("--broadcast", o.chat.broadcast,
                     "Broadcast address of the broadcast mode (default 255.255.255.255)")
        ->type_name("ADDR");
}

/// `gcsim serve`: the web playground.
void
DeclareServe(CLI::App& app, Options& o, Subcommands& c)
{
    ServeOptions& s = o.serve;
    PlaygroundLimits& l = s.limits;
    c.serve = app.add_subcommand(
        "serve", "A web playground on this machine: pick a shipped scenario or worksheet, change "
                 "its keys in a form, run it and see the table, the plots and the animation.");
    c.serve
        ->add_option("--bind", s.bind,
                     "Address to listen on (default 127.0.0.1: this machine only)")
        ->type_name("ADDR");
    c.serve->add_option("--port", s.port, "TCP port (default 8020; 0: any free one, printed)")
        ->check(CLI::Range(0, 65535));
    c.serve
        ->add_option("--out", s.out,
                     "Results folder: each run writes a new folder in it, nothing there is "
                     "replaced (default: gcsim-serve-results)")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    c.serve->add_option("-j,--jobs", s.jobs, "Runs at a time (default: all cores)")
        ->check(CLI::Range(1, 1024));
    c.serve->add_option("--queue", s.queue, "Runs that may wait for a free job (default 8)")
        ->check(CLI::Range(0, 10000));
    c.serve->add_option("--max-clients", l.maxClients, "Largest topology.clients (default 64)")
        ->check(CLI::Range(1, 100000));
    c.serve->add_option("--max-messages", l.maxMessages, "Largest traffic.messages (default 200)")
        ->check(CLI::Range(1, 10000000));
    c.serve
        ->add_option("--run-seconds", l.runSeconds,
                     "Wall-clock seconds a run may take, estimated before and enforced during "
                     "it (default 60)")
        ->check(CLI::Range(1.0, 86400.0));
}

/// The message for a first argument that names no subcommand, or "" when it names one (or is
/// an option, which CLI11 reads).
std::string
UnknownCommand(int argc, char** argv, const Subcommands& c)
{
    if (argc < 2 || argv[1][0] == '-')
    {
        return "";
    }
    std::vector<std::string> names;
    for (const CLI::App* sub : {c.run, c.sweep, c.collect, c.plot, c.slurm, c.report, c.validate,
                                c.live, c.compare, c.chat, c.serve})
    {
        names.push_back(sub->get_name());
    }
    if (std::find(names.begin(), names.end(), argv[1]) != names.end())
    {
        return "";
    }
    std::string hint = DidYouMean(argv[1], names);
    return "unknown command '" + std::string(argv[1]) + "'" +
           (hint.empty() ? "" : " (did you mean '" + hint + "'?)") +
           "; the commands are: " + Join(names, ", ");
}

/// Runs the subcommand given; InputError is exit status 2, any other failure 1.
int
Dispatch(const Subcommands& c, const Options& o, const std::string& commandLine, std::ostream& out,
         std::ostream& err)
{
    try
    {
        // SIGINT, SIGTERM, SIGHUP: staging and temporary files removed, a line, 128 + signal.
        InterruptCleanup cleanup("nothing was written");
        // "gcsim run lan-modes": a shipped scenario by its name.
        const std::string scenario = FindScenario(o.scenarioPath);
        if (c.chat->parsed())
        {
            return c.chat->get_subcommand("server")->parsed()
                       ? chat::ChatServerCommand(o.chat, out, err)
                       : chat::ChatClientCommand(o.chat, out, err);
        }
        if (c.serve->parsed())
        {
            return ServeCommand(o.serve, out, err);
        }
        if (c.run->parsed())
        {
            return RunCommand({scenario, o.sets, o.outDir, o.quiet, o.keepExisting, commandLine,
                               !o.noReport, o.narrate, o.timings, o.limits, PlotsWanted(o.noPlots)},
                              out, err);
        }
        if (c.sweep->parsed())
        {
            return SweepCommand(scenario, o.sets, o.limits, o.outDir, o.jobs, o.shard, !o.noCollect,
                                out, err, PlotsWanted(o.noPlots));
        }
        if (c.collect->parsed())
        {
            return CollectSweep(o.outDir, out) == 0 ? EXIT_OK : EXIT_INTERNAL;
        }
        if (c.plot->parsed())
        {
            return PlotCommand(o.outDir, out, err);
        }
        if (c.report->parsed())
        {
            std::string page = WriteReport(o.outDir); // nothing printed before it is written
            out << "report in " << page << '\n';
            return EXIT_OK;
        }
        if (c.live->parsed())
        {
            RunRequest live;
            live.scenario = scenario;
            live.sets = o.sets;
            live.out = o.outDir;
            live.quiet = o.quiet;
            live.commandLine = commandLine;
            return LiveCommand(live, out, err);
        }
        if (c.compare->parsed())
        {
            return CompareCommand(o.outDir, o.liveDir, out);
        }
        if (c.slurm->parsed())
        {
            return SlurmCommand(scenario, o.sets, o.limits, o.outDir, o.arraySize,
                                c.slurm->count("--jobs") ? o.jobs : 0, o.submit, out);
        }
        return ValidateCommand(scenario, o.sets, o.limits, out);
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

    Options o;
    Subcommands c;
    // In the order --help lists them.
    DeclareRun(app, o, c);
    DeclareSweep(app, o, c);
    DeclareCollectAndPlot(app, o, c);
    DeclareSlurm(app, o, c);
    DeclareReportAndValidate(app, o, c);
    DeclareLiveAndCompare(app, o, c);
    DeclareChat(app, o, c);
    DeclareServe(app, o, c);
    std::string commandLine;
    for (int i = 0; i < argc; ++i)
    {
        commandLine += (i ? " " : "") + ShellQuote(i == 0 ? SelfExecutable() : argv[i]);
    }

    if (std::string unknown = UnknownCommand(argc, argv, c); !unknown.empty())
    {
        err << "gcsim: error: " << Printable(unknown)
            << "\nRun with --help for more information.\n";
        return EXIT_BAD_INPUT;
    }
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
    return Dispatch(c, o, commandLine, out, err);
}

} // namespace gcsim
