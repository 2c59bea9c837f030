// `gcsim live`: a scenario's lan or star on real Linux network stacks, measured into the same
// results folder a simulation writes.
#include "live-network.h"
#include "live-traffic.h"
#include "scratch/gcsim/cli/command.h"
#include "scratch/gcsim/cli/commands.h"
#include "scratch/gcsim/output/run-folder.h"
#include "scratch/gcsim/output/text-format.h"
#include "scratch/gcsim/report/report.h"

#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <sys/utsname.h>
#include <unistd.h>

namespace gcsim
{

namespace
{

const char* kLiveModes[] = {"unicast", "replicated-unicast", "multicast", "broadcast"};

/// Bad input for `gcsim live`: what the live network does not do (yet), naming the key.
void
Refuse(const Scenario& s, const std::string& key, const std::string& why)
{
    throw InputError(s.source, key, "gcsim live " + why);
}

void
CheckTopology(const Scenario& s)
{
    const auto& t = s.topology;
    if (t.kind != "lan" && t.kind != "star")
    {
        Refuse(s, "topology.kind",
               "runs kinds \"lan\" and \"star\" (one Linux bridge); \"" + t.kind +
                   "\" needs routers, which it does not build yet");
    }
    if (t.clients > 100)
    {
        Refuse(s, "topology.clients",
               "runs at most 100 clients (a namespace, a veth pair and a socket each); the "
               "scenario has " +
                   std::to_string(t.clients));
    }
    if (t.loss > 0)
    {
        Refuse(s, "topology.loss", "does not emulate frame loss (this kernel has no netem)");
    }
    if (!t.staticArp)
    {
        Refuse(s, "delivery.arp",
               "runs with arp = \"static\" (the caches filled before traffic, as the "
               "simulation does): its counters count the experiment's datagrams, not ARP");
    }
}

void
CheckTraffic(const Scenario& s)
{
    for (const std::string& mode : s.delivery.modes)
    {
        if (std::find(std::begin(kLiveModes), std::end(kLiveModes), mode) == std::end(kLiveModes))
        {
            Refuse(s, "delivery.modes",
                   "runs unicast, replicated-unicast, multicast and broadcast; \"" + mode +
                       "\" has agents it does not run yet");
        }
    }
    if (s.traffic.pattern != "group")
    {
        Refuse(s, "traffic.pattern",
               "runs pattern = \"group\" (`gcsim chat` runs the replay's programs for real)");
    }
    if (s.traffic.size < ns3::gcsim::GroupHeader::SERIALIZED_SIZE)
    {
        Refuse(s, "traffic.size", "needs messages of at least 16 bytes (the group header)");
    }
    if (!s.group.targetRule.empty())
    {
        Refuse(s, "group.target", "needs a client number as the unicast target");
    }
    if (s.membership.given || !s.failures.empty() || s.reliability.given || s.ordering.given ||
        s.groups.Many() || !s.background.flows.empty())
    {
        Refuse(s, "",
               "runs one group with fixed members: no [membership], [[failures]], "
               "[reliability], [ordering], [background] or several groups");
    }
}

/// live.json: how the live run measured, for `gcsim compare` and readers.
std::string
LiveJson(const Scenario& s, const LiveNetwork& network,
         const std::vector<std::pair<std::string, LiveTiming>>& timings)
{
    utsname u{};
    ::uname(&u);
    nlohmann::ordered_json j;
    j["kernel"] = std::string(u.sysname) + " " + u.release;
    j["clock"] = "CLOCK_REALTIME; receive times are the kernel's SO_TIMESTAMPNS stamps";
    j["clock_resolution_ns"] = timings.empty() ? 0 : timings[0].second.clockResolutionNs;
    j["namespaces"] = network.Hosts().size() + 1;
    j["bridge"] = s.topology.kind == "star" && s.topology.igmpSnooping
                      ? "Linux bridge, IGMP snooping on, the bridge the querier"
                      : "Linux bridge, IGMP snooping off (every group frame flooded)";
    j["shaping"] =
        "tbf at " + std::to_string(uint64_t(s.topology.dataRate.GetBitRate())) +
        " bit/s, frames counted with FCS and at least 64 bytes, on " +
        (s.topology.kind == "star" ? "both directions of every port" : "every host's sending side");
    j["delay_emulated"] = false;
    for (const auto& [mode, t] : timings)
    {
        j["send_lateness_ns"][mode] = {{"mean", t.lateMeanNs}, {"max", t.lateMaxNs}};
    }
    return j.dump(2) + "\n";
}

/// The live unicast run's median latency (stretch's baseline: every client is one bridge away
/// from P1), or 0 without a unicast run.
int64_t
UnicastMedian(const Scenario& scenario, const LiveNetwork& network,
              const std::vector<LiveMeasurement>& measured)
{
    for (const LiveMeasurement& m : measured)
    {
        if (m.mode == "unicast")
        {
            return CountLiveMode(scenario, network, m, 0, nullptr, nullptr).delivery.latency.p50;
        }
    }
    return 0;
}

} // namespace

void
CheckLiveScenario(const Scenario& scenario)
{
    CheckTopology(scenario);
    CheckTraffic(scenario);
}

int
LiveCommand(const RunRequest& request, std::ostream& out, std::ostream& err)
{
    Scenario scenario = LoadScenario(request.scenario, request.sets, request.limits);
    CheckLiveScenario(scenario);
    if (::geteuid() != 0)
    {
        err << "gcsim: error: gcsim live needs root: it creates network namespaces, veth pairs "
               "and a bridge (run it with sudo)\n";
        return EXIT_INTERNAL;
    }
    if (uint32_t stale = LiveNetwork::RemoveStale(); stale > 0)
    {
        err << "gcsim live: removed " << stale
            << " network namespaces left by gcsim live processes that are gone\n";
    }
    std::unique_ptr<ResultsFolder> staged;
    {
        DeferInterrupts defer; // a signal as the staging folder appears finds the note
        staged = std::make_unique<ResultsFolder>(
            request.out.empty() ? "results/" + scenario.name + "-live" : request.out);
        InterruptCleanup::SetNote("the live network and the unfinished results were removed");
    }
    ResultsFolder& folder = *staged;
    std::unique_ptr<LiveNetwork> network;
    try
    {
        network = std::make_unique<LiveNetwork>(scenario);
    }
    catch (const std::runtime_error& e)
    {
        err << "gcsim: error: cannot build the live network (network namespaces, veth, bridge, "
               "tbf, nftables): "
            << Printable(e.what()) << '\n';
        return EXIT_INTERNAL;
    }
    std::vector<LiveMeasurement> measured;
    for (const std::string& mode : scenario.delivery.modes)
    {
        if (!request.quiet)
        {
            out << "live: " << mode << " on " << network->Hosts().size() << " namespaces"
                << std::endl;
        }
        measured.push_back(MeasureLiveMode(scenario, *network, mode));
    }
    RunStreams streams = OpenRunStreams(folder, false);
    std::vector<ModeResult> results;
    int64_t baseline = UnicastMedian(scenario, *network, measured);
    std::vector<std::pair<std::string, LiveTiming>> timings;
    for (const LiveMeasurement& m : measured)
    {
        results.push_back(CountLiveMode(scenario, *network, m, baseline, streams.deliveries.get(),
                                        streams.links.get()));
        timings.emplace_back(m.mode, m.timing);
    }
    {
        OutputFile live(folder.Path("live.json"), folder.Shown("live.json"));
        live << LiveJson(scenario, *network, timings);
        live.Close();
    }
    network.reset(); // the namespaces go before the results are in place
    ns3::gcsim::Animation animation;
    std::string table =
        WriteRunFolder(folder, scenario, results, streams, animation, request.commandLine);
    bool reported = WriteRunReport(folder, err);
    {
        DeferInterrupts defer;
        folder.Commit();
        InterruptCleanup::SetNote("the results were already in place");
    }
    out << '\n' << table << "\nresults in " << folder.Destination() << '\n';
    if (reported)
    {
        out << "report in " << folder.Destination() << "/report.html\n";
    }
    return EXIT_OK;
}

} // namespace gcsim
