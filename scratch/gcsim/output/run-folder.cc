#include "run-folder.h"

#include "scratch/gcsim/report/gossip-report.h"
#include "scratch/gcsim/report/html-report.h"
#include "scratch/gcsim/report/report.h"
#include "scratch/gcsim/report/theory.h"
#include "scratch/gcsim/sweep/sweep.h"
#include "scratch/gcsim/throughput.h"

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

namespace gcsim
{

namespace
{

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

/// The joins and leaves every run applied, listed and generated alike, in time order.
std::string
MembershipCsv(const Scenario& scenario)
{
    std::ostringstream timeline;
    timeline << "time_s,client,action\n";
    for (const auto& event : scenario.membership.schedule)
    {
        char at[32];
        std::snprintf(at, sizeof at, "%.9f", event.at.GetSeconds());
        timeline << at << ',' << event.client << ',' << (event.join ? "join" : "leave") << '\n';
    }
    return timeline.str();
}

/// run.json: what made the results (version, commit, command, folder, scenario hash).
std::string
ProvenanceJson(const Scenario& scenario, const std::string& commandLine)
{
    std::error_code ec;
    nlohmann::ordered_json provenance{
        {"gcsim_version", GCSIM_VERSION},
        {"git_commit", GCSIM_GIT_COMMIT},
        {"command", commandLine},
        {"cwd", std::filesystem::current_path(ec).string()},
        {"scenario_hash", StableHash(
                              [&]
                              {
                                  std::string r = ResolvedToml(scenario);
                                  return r.substr(r.find('\n') + 1);
                              }())},
    };
    return provenance.dump(2) + "\n";
}

} // namespace

void
RunStreams::Close()
{
    deliveries->Close();
    links->Close();
    if (transcript)
    {
        transcript->Close();
    }
}

RunStreams
OpenRunStreams(const ResultsFolder& folder, bool replay)
{
    RunStreams streams;
    streams.deliveries = OpenResult(folder, "deliveries.csv");
    streams.links = OpenResult(folder, "links.csv");
    *streams.deliveries << ns3::gcsim::DeliveryTracker::CsvHeader() << '\n';
    *streams.links << ns3::gcsim::LinkTracker::CsvHeader() << '\n';
    if (replay)
    {
        streams.transcript = OpenResult(folder, "transcript.txt");
    }
    return streams;
}

std::string
WriteRunFolder(const ResultsFolder& folder, const Scenario& scenario,
               const std::vector<ModeResult>& results, RunStreams& streams,
               const ns3::gcsim::Animation& animation, const std::string& commandLine)
{
    if (scenario.traffic.pattern == "throughput")
    {
        std::ostringstream throughput;
        WriteThroughputCsv(throughput, results);
        WriteResult(folder, "throughput.csv", throughput.str());
    }
    streams.Close();
    std::ostringstream animationJson;
    animation.WriteJson(animationJson);
    WriteResult(folder, "animation.json", animationJson.str());
    if (scenario.membership.given)
    {
        WriteResult(folder, "membership.csv", MembershipCsv(scenario));
    }
    if (scenario.gossip.used)
    {
        WriteResult(folder, "infection.csv", InfectionCsv(scenario, results));
    }
    WriteResult(folder, "scenario.toml", ResolvedToml(scenario));
    PlaceScenarioFiles(ScenarioFiles(scenario), folder.Path("")); // what scenario.toml names
    std::string table = ModeTable(scenario, results);
    WriteResult(folder, "table.txt", table);
    std::vector<ClosedFormCheck> theory = ClosedFormChecks(scenario, results);
    if (!theory.empty())
    {
        WriteResult(folder, "theory.csv", TheoryCsv(theory));
    }
    WriteResult(folder, "run.json", ProvenanceJson(scenario, commandLine));
    // summary.json last: its presence marks a complete results folder.
    WriteResult(folder, "summary.json", SummaryJson(scenario, results).dump(2) + "\n");
    return table;
}

bool
WriteRunReport(const ResultsFolder& folder, std::ostream& err)
{
    try
    {
        WriteReport(folder.Path(""), folder.Destination());
        return true;
    }
    catch (const std::exception& e)
    {
        // The results are whole without it; `gcsim report` writes it later.
        err << "gcsim: warning: report.html not written: " << Printable(e.what())
            << "; the results are complete (`gcsim report "
            << Printable(ShellQuote(folder.Destination())) << "` writes it)\n";
        return false;
    }
}

} // namespace gcsim
