#include "command.h"

#include "experiment.h"
#include "models/delivery-mode.h"
#include "models/network.h"
#include "report.h"
#include "results-folder.h"
#include "scenario.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

namespace gcsim
{

namespace
{

const char* kDefaultSource = "scenarios/lan-modes.toml (built in)";

Scenario
Resolve(const std::string& path, const std::vector<std::string>& sets)
{
    if (path.empty())
    {
        return ParseScenario(DefaultScenarioText(), kDefaultSource, "scenarios", sets);
    }
    return LoadScenario(path, sets);
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

int
Run(const std::string& scenarioPath, const std::vector<std::string>& sets,
    const std::string& outOption, bool quiet, std::ostream& out)
{
    Scenario scenario = Resolve(scenarioPath, sets);
    ResultsFolder folder(outOption.empty() ? "results/" + scenario.name : outOption);

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
    std::vector<ModeResult> results;
    for (const auto& mode : scenario.Runs())
    {
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
        results.push_back(RunMode(scenario, mode, sinks));
    }

    Close(deliveries, "deliveries.csv");
    Close(links, "links.csv");
    if (replay)
    {
        Close(transcript, "transcript.txt");
    }
    std::ofstream resolved = OpenForWriting(folder.Path("scenario.toml"));
    resolved << ResolvedToml(scenario);
    Close(resolved, "scenario.toml");
    std::string table = ModeTable(scenario, results);
    std::ofstream tableFile = OpenForWriting(folder.Path("table.txt"));
    tableFile << table;
    Close(tableFile, "table.txt");
    // summary.json last: its presence marks a complete results folder.
    std::ofstream summary = OpenForWriting(folder.Path("summary.json"));
    summary << SummaryJson(scenario, results).dump(2) << '\n';
    Close(summary, "summary.json");

    std::string moved = folder.Commit();
    out << '\n' << table << '\n';
    if (!moved.empty())
    {
        out << "the previous results were kept in " << moved << '\n';
    }
    out << "results in " << folder.Destination() << '\n';
    return EXIT_OK;
}

int
Validate(const std::string& scenarioPath, const std::vector<std::string>& sets, std::ostream& out)
{
    Scenario s = Resolve(scenarioPath, sets);
    CheckNetwork(s);
    out << s.source << ": valid: " << s.name << ", " << s.topology.clients << " clients on a "
        << s.topology.kind << ", group of " << s.group.members.size() << ", " << s.traffic.messages
        << " " << s.traffic.pattern << " messages, modes:";
    for (const auto& m : s.Runs())
    {
        out << ' ' << m;
    }
    out << '\n';
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

    auto* validate = app.add_subcommand(
        "validate", "Check a scenario and print what it would run; simulates nothing.");
    validate->add_option("SCENARIO", scenarioPath,
                         "Scenario file (TOML); default: the built-in one");
    validate->add_option("--set", sets, "Override a scenario key (repeatable)")
        ->type_name("KEY=VALUE")
        ->allow_extra_args(false);

    try
    {
        app.parse(argc, argv);
    }
    catch (const CLI::ParseError& e)
    {
        int code = app.exit(e, out, err);
        return code == 0 ? EXIT_OK : EXIT_BAD_INPUT;
    }

    try
    {
        if (run->parsed())
        {
            return Run(scenarioPath, sets, outDir, quiet, out);
        }
        return Validate(scenarioPath, sets, out);
    }
    catch (const InputError& e)
    {
        err << "gcsim: error: " << e.what() << '\n';
        return EXIT_BAD_INPUT;
    }
    catch (const std::exception& e)
    {
        err << "gcsim: internal error: " << e.what() << '\n';
        return EXIT_INTERNAL;
    }
}

} // namespace gcsim
