#include "experiment.h"

#include "models/group/group-client.h"
#include "models/group/group-helper.h"
#include "models/group/group-server.h"
#include "models/membership/igmp-membership.h"
#include "models/membership/instant-membership.h"
#include "models/multicast/flood.h"
#include "models/multicast/multicast-routing.h"
#include "models/network/network.h"
#include "models/network/routing-graph.h"
#include "models/reliability/nak-repair.h"
#include "models/reliability/unicast-arq.h"
#include "models/stats/dense-mode-tracker.h"
#include "netanim.h"
#include "ordering-run.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <ns3/animation-interface.h>
#include <ns3/boolean.h>
#include <ns3/csma-net-device.h>
#include <ns3/double.h>
#include <ns3/mac48-address.h>
#include <ns3/point-to-point-net-device.h>
#include <ns3/rng-seed-manager.h>
#include <ns3/simulator.h>
#include <ns3/trace-helper.h>
#include <ns3/uinteger.h>
#include <sys/resource.h>

namespace gcsim
{

using namespace ns3;
using namespace ns3::gcsim;

namespace
{

/**
 * Makes room for the pcap files of \p network, one per device of every link, all open while
 * a mode runs: raises the soft limit of open files up to the hard one when needed. Without
 * room even then, InputError naming output.pcap and the numbers (ns-3's trace helper would
 * abort halfway through opening them).
 */
void
FitPcapFiles(const Scenario& s, const Network& network)
{
    uint64_t files = 0;
    for (const Link& link : network.links)
    {
        files += link.ends.size();
    }
    uint64_t open = 0;
    std::error_code ec;
    for (auto it = std::filesystem::directory_iterator("/proc/self/fd", ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
    {
        ++open;
    }
    const uint64_t spare = 64; // the CSV files, NetAnim's, the libraries'
    uint64_t needed = std::max<uint64_t>(open, 16) + files + spare;
    rlimit limit;
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY ||
        limit.rlim_cur >= needed)
    {
        return;
    }
    if (limit.rlim_max == RLIM_INFINITY || limit.rlim_max >= needed)
    {
        rlimit raised{rlim_t(needed), limit.rlim_max};
        if (::setrlimit(RLIMIT_NOFILE, &raised) == 0)
        {
            return;
        }
    }
    Simulator::Destroy();
    throw InputError(s.source, "output.pcap",
                     "writes one pcap file per device, " + std::to_string(files) +
                         " files open at once for this network (" +
                         std::to_string(network.links.size()) +
                         " links), but this process may open at most " +
                         std::to_string(uint64_t(limit.rlim_max)) +
                         " files (the hard limit, `ulimit -Hn`; " + std::to_string(open) +
                         " are open already). Set output.pcap = false, capture a smaller "
                         "network, or raise the hard limit");
}

void
EnablePcap(const Network& network, const std::string& prefix)
{
    PcapHelper pcap;
    for (const Link& link : network.links)
    {
        for (const auto& device : link.ends)
        {
            std::string file = prefix + "-" + link.name + "-" +
                               network.NodeName(device->GetNode()->GetId()) + ".pcap";
            bool csma = DynamicCast<CsmaNetDevice>(device) != nullptr;
            auto wrapper = pcap.CreateFile(file, std::ios::out,
                                           csma ? PcapHelper::DLT_EN10MB : PcapHelper::DLT_PPP);
            pcap.HookDefaultSink<NetDevice>(device, csma ? "Sniffer" : "PromiscSniffer", wrapper);
        }
    }
}

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
            m_report(name, std::chrono::duration<double>(now - m_start).count());
        }
        m_start = now;
    }

private:
    const std::function<void(const std::string&, double)>& m_report;
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

/**
 * Installs the agents of \p repair ("nak", "nak-unsuppressed" or "arq") on P1 and on every
 * member, started with the applications; none for "none".
 */
ApplicationContainer
InstallRepair(const Scenario& s, const std::string& repair, const Network& network,
              const ApplicationContainer& server, const ApplicationContainer& clients)
{
    ApplicationContainer agents;
    if (repair == "none")
    {
        return agents;
    }
    const auto& rel = s.reliability;
    auto p1 = DynamicCast<GroupServer>(server.Get(0));
    ObjectFactory factory;
    bool arq = repair == "arq";
    factory.SetTypeId(arq ? UnicastArq::GetTypeId() : NakRepair::GetTypeId());
    factory.Set("Port", UintegerValue(ReliabilityPort(s.group.port)));
    factory.Set("MessageSize", UintegerValue(s.traffic.size));
    if (arq)
    {
        factory.Set("Timeout", TimeValue(rel.arqTimeout));
        factory.Set("MaxTries", UintegerValue(rel.arqMaxTries));
    }
    else
    {
        factory.Set("Group", Ipv4AddressValue(s.group.address));
        factory.Set("RequestC1", DoubleValue(rel.requestC1));
        factory.Set("RequestC2", DoubleValue(rel.requestC2));
        factory.Set("RepairD1", DoubleValue(rel.repairD1));
        factory.Set("RepairD2", DoubleValue(rel.repairD2));
        factory.Set("SessionInterval", TimeValue(rel.sessionInterval));
        factory.Set("SessionMessages", UintegerValue(rel.sessionMessages));
        factory.Set("Suppression", BooleanValue(repair == "nak"));
    }
    factory.Set("Origin", UintegerValue(0));
    Ptr<Application> agent = factory.Create<Application>();
    network.Server()->AddApplication(agent);
    if (arq)
    {
        DynamicCast<UnicastArq>(agent)->AttachServer(p1, network.clientAddresses);
    }
    else
    {
        DynamicCast<NakRepair>(agent)->AttachServer(p1);
    }
    agents.Add(agent);
    for (uint32_t m : s.group.members)
    {
        factory.Set("Origin", UintegerValue(m));
        agent = factory.Create<Application>();
        network.hosts.Get(m)->AddApplication(agent);
        auto client = DynamicCast<GroupClient>(clients.Get(m - 1));
        if (arq)
        {
            DynamicCast<UnicastArq>(agent)->AttachClient(client, network.serverAddress);
        }
        else
        {
            DynamicCast<NakRepair>(agent)->AttachClient(client);
        }
        agents.Add(agent);
    }
    // Fixed streams, far above the network's (network.cc's AssignStreams): a run's back-off
    // draws do not depend on the runs simulated before it in the same process.
    constexpr int64_t kRepairStreams = 1000000000;
    for (uint32_t i = 0; i < agents.GetN(); ++i)
    {
        if (auto nak = DynamicCast<NakRepair>(agents.Get(i)))
        {
            nak->AssignStreams(kRepairStreams + i);
        }
    }
    agents.Start(Seconds(0));
    return agents;
}

} // namespace

void
CheckNetwork(const Scenario& s)
{
    Simulator::Destroy();
    TopologyConfig topology = s.topology;
    topology.members = s.group.members;
    topology.clientPairsArp = false;
    Network network = Build(s, topology);
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
RunMode(const Scenario& s, const std::string& run, const RunSinks& sinks)
{
    // "multicast/flood": the multicast mode over one routing variant.
    const Scenario::RunSpec spec = s.RunOf(run);
    const std::string& mode = spec.mode;
    const std::string& variant = spec.routing;
    PhaseClock clock(sinks);
    Simulator::Destroy();
    Mac48Address::ResetAllocationIndex();
    RngSeedManager::SetSeed(s.seed);
    RngSeedManager::SetRun(s.run);

    TopologyConfig topology = s.topology;
    topology.members = s.group.members;
    topology.group = s.group.address;
    topology.duplicateDetection =
        mode == "broadcast" || (mode == "multicast" && variant == "flood");
    // Only the overlay's clients send to one another; P1's and the routers' entries do the rest.
    topology.clientPairsArp = mode == "overlay";
    Network network = Build(s, topology);
    if (!sinks.netanimPrefix.empty())
    {
        CheckNetAnimSize(s, network);
    }
    clock.End("build");
    RoutingGraph graph(network);

    GroupDirectory directory;
    directory.clients = network.clientAddresses;
    directory.members = s.group.members;
    directory.group = s.group.address;
    directory.port = s.group.port;

    // Unicast routes are in place; the group's multicast routes and the network-wide
    // broadcast flood are computed here, for the run's group.
    RoutingGraph::Tree fromServer = graph.FromNodes({network.Server()->GetId()});
    for (uint32_t c = 1; c <= network.ClientCount(); ++c)
    {
        directory.hopsFromServer.push_back(fromServer.hops[network.hosts.Get(c)->GetId()]);
    }
    MulticastGroup group;
    group.address = s.group.address;
    group.source = network.Server()->GetId();
    for (uint32_t m : s.group.members)
    {
        group.members.push_back(network.hosts.Get(m)->GetId());
    }
    group.rendezvous = s.delivery.rendezvous;
    if (spec.repair == "nak" || spec.repair == "nak-unsuppressed")
    {
        // Members multicast NAKs and repairs to the group, and P1 must hear them.
        PrepareGroupSenders(network, s.group.address, s.group.members);
        for (uint32_t m : s.group.members)
        {
            group.senders.push_back(network.hosts.Get(m)->GetId());
        }
    }
    AddOrderingSenders(s, spec, network, group);
    // Dense mode is a protocol that runs during the simulation: its routers flood, prune and
    // graft; no route is installed for the group in advance. Only the multicast mode sends
    // to the group: the other modes run without it.
    const bool denseRouting = network.IsRouted() && variant == "dense";
    Ptr<DenseMode> dense;
    std::unique_ptr<DenseModeTracker> denseTracker;
    if (denseRouting && mode == "multicast")
    {
        dense = CreateObject<DenseMode>();
        dense->SetAttribute("PruneLifetime", TimeValue(s.delivery.pruneLifetime));
        std::vector<uint32_t> sources{group.source};
        sources.insert(sources.end(), group.senders.begin(), group.senders.end());
        dense->Install(network, graph, group.address, sources);
        denseTracker = std::make_unique<DenseModeTracker>(dense);
    }
    if (network.IsRouted())
    {
        if (!denseRouting)
        {
            MulticastRoutes routes = InstallMulticastRoutes(variant, network, graph, group);
            for (uint32_t r = 0; r < network.routers.GetN(); ++r)
            {
                if (routes.rendezvous == network.routers.Get(r)->GetId())
                {
                    group.rendezvous = r; // the tree keeps its rendezvous as members come and go
                }
            }
        }
        MulticastGroup everyone = group;
        everyone.address = NetworkBroadcastGroup();
        everyone.senders.clear(); // only P1 broadcasts
        InstallFlood(network, graph, everyone);
        directory.broadcast = NetworkBroadcastGroup();
    }

    clock.End("routes");

    Ptr<DeliveryMode> deliveryMode = CreateDeliveryMode(mode);
    NS_ABORT_MSG_IF(!deliveryMode, "no delivery mode " << mode);
    if (mode == "overlay")
    {
        deliveryMode->SetAttribute("Fanout", UintegerValue(s.delivery.overlayFanout));
    }
    bool replay = s.traffic.pattern == "replay";

    GroupServerHelper serverHelper(deliveryMode, directory);
    serverHelper.SetAttribute("MessageSize", UintegerValue(s.traffic.size));
    // In an ordering run the senders send and P1 only sequences (total order).
    bool ordering = !spec.order.empty();
    serverHelper.SetAttribute("Messages",
                              UintegerValue(replay || ordering ? 0 : s.traffic.messages));
    serverHelper.SetAttribute("Interval", TimeValue(s.traffic.interval));
    serverHelper.SetAttribute("FirstSend", TimeValue(s.traffic.start));
    serverHelper.SetAttribute("Target", UintegerValue(s.group.target));
    ApplicationContainer server = serverHelper.Install(network.Server());

    GroupClientHelper clientHelper(network.serverAddress, s.group.port);
    clientHelper.SetAttribute("Group", Ipv4AddressValue(s.group.address));
    clientHelper.SetAttribute("MessageSize", UintegerValue(replay ? s.traffic.size : 0));
    clientHelper.SetMembers(s.group.members);
    ApplicationContainer clients = clientHelper.Install(network.Clients());
    deliveryMode->Configure(directory, clients);
    ApplicationContainer agents = InstallRepair(s, spec.repair, network, server, clients);

    Time lastSend = s.traffic.start + s.traffic.interval * int64_t(s.traffic.messages);
    if (ordering)
    {
        lastSend = std::max(lastSend, LastOrderingSend(s) + s.traffic.interval);
    }
    if (replay)
    {
        auto p1 = DynamicCast<GroupServer>(server.Get(0));
        Time at = s.traffic.start;
        for (const auto& line : s.traffic.lines)
        {
            if (line.reply)
            {
                p1->AddReply(line.client, line.text);
            }
            else
            {
                DynamicCast<GroupClient>(clients.Get(line.client - 1))->AddMessage(at, line.text);
                at += s.traffic.interval;
            }
        }
        lastSend = at;
    }
    server.Start(Seconds(0));
    clients.Start(Seconds(0));

    clock.End("applications");

    DeliveryTracker deliveries(run, s.group.members, network.ClientCount(), sinks.deliveries);
    deliveries.Attach(server, clients);
    std::vector<std::vector<uint32_t>> paths(network.ClientCount() + 1);
    for (uint32_t c = 1; c <= network.ClientCount(); ++c)
    {
        paths[c] = graph.LinksToSource(fromServer, network.hosts.Get(c)->GetId());
    }
    deliveries.SetBaseline(
        [&network, paths](uint32_t client, uint32_t bytes)
        {
            // A lone unicast on an idle network: store and forward over the unicast route.
            Time t;
            for (uint32_t link : paths[client])
            {
                t += network.links[link].HopTime(bytes + 28);
            }
            return t.GetNanoSeconds();
        });
    OrderingRun orderingRun;
    if (ordering)
    {
        orderingRun = InstallOrdering(s, spec, network, clients, deliveries);
    }
    LinkTracker links(network);
    HostLoadTracker hosts(network, s.group.members);
    // Animation, narration and NetAnim follow message 0: the group as it is when it is sent.
    const std::vector<uint32_t> firstGroup = s.MembersAt(s.traffic.start);
    auto animation = sinks.animation ? sinks.animation->Track(network, firstGroup, run) : nullptr;
    std::unique_ptr<NarrationTracker> narration;
    if (sinks.narrations)
    {
        narration = std::make_unique<NarrationTracker>(network, firstGroup, run);
    }

    if (sinks.console)
    {
        auto console = sinks.console;
        server.Get(0)->TraceConnectWithoutContext(
            "Console",
            Callback<void, const std::string&>([console](const std::string& line)
                                               { console(Simulator::Now(), "P1", line); }));
        for (uint32_t i = 0; i < clients.GetN(); ++i)
        {
            std::string host = "C" + std::to_string(i + 1);
            clients.Get(i)->TraceConnectWithoutContext(
                "Console",
                Callback<void, const std::string&>([console, host](const std::string& line)
                                                   { console(Simulator::Now(), host, line); }));
        }
    }
    if (!sinks.pcapPrefix.empty())
    {
        std::string label = run;
        std::replace(label.begin(), label.end(), '/', '-');
        FitPcapFiles(s, network);
        EnablePcap(network, sinks.pcapPrefix + label);
    }
    std::unique_ptr<AnimationInterface> netanim;
    if (!sinks.netanimPrefix.empty())
    {
        std::string label = run;
        std::replace(label.begin(), label.end(), '/', '-');
        netanim = StartNetAnim(network, firstGroup, sinks.netanimPrefix + label + ".xml",
                               lastSend + s.traffic.drain);
    }

    // Membership over time: the controller applies each event at its instant; an event at
    // the instant of a send comes first (it was scheduled before the send).
    Ptr<MembershipModel> membership;
    std::unique_ptr<MembershipTracker> membershipTracker;
    if (s.membership.given)
    {
        if (spec.membershipModel == "igmp")
        {
            const auto& t = s.membership.igmp;
            membership = CreateObjectWithAttributes<IgmpMembership>(
                "QueryInterval", TimeValue(t.queryInterval), "QueryResponseInterval",
                TimeValue(t.queryResponseInterval), "LastMemberQueryInterval",
                TimeValue(t.lastMemberQueryInterval), "Robustness", UintegerValue(t.robustness),
                "UnsolicitedReportInterval", TimeValue(t.unsolicitedReportInterval));
        }
        else
        {
            membership = CreateObject<InstantMembership>();
        }
        membership->Setup(network, graph, variant, group, DynamicCast<GroupServer>(server.Get(0)),
                          clients, deliveryMode, directory);
        if (dense)
        {
            // Routers count members as the model has it (an IGMP querier's state), and graft
            // or prune as that changes.
            DenseMode* routing = PeekPointer(dense);
            MembershipModel* model = PeekPointer(membership);
            routing->SetLocalMembership(
                [routing, model](uint32_t router, uint32_t iface) {
                    return model->HasMembers(router, iface) || routing->FacesServer(router, iface);
                });
            membership->TraceConnectWithoutContext(
                "InterfaceMembers", Callback<void, uint32_t, uint32_t, bool>(
                                        [routing](uint32_t router, uint32_t iface, bool)
                                        { routing->LocalMembershipChanged(router, iface); }));
        }
        for (const auto& event : s.membership.schedule)
        {
            Simulator::Schedule(event.at,
                                event.join ? &MembershipModel::Join : &MembershipModel::Leave,
                                membership, event.client);
        }
        deliveries.FollowMembership(s.group.address, clients);
        hosts.FollowMembership(network, s.group.address);
        membershipTracker = std::make_unique<MembershipTracker>(network.ClientCount());
        membershipTracker->Attach(membership, server, clients);
    }

    std::unique_ptr<ReliabilityTracker> reliability;
    if (s.reliability.given)
    {
        reliability = std::make_unique<ReliabilityTracker>(network);
        reliability->Attach(agents);
    }

    if (sinks.inspect)
    {
        sinks.inspect(network);
    }
    // The run ends `drain` after the last send (or earlier, when no event is left): what is
    // still in flight then counts as not delivered.
    Simulator::Stop(lastSend + s.traffic.drain);
    if (sinks.progress)
    {
        ScheduleProgress(sinks.progress, lastSend + s.traffic.drain);
    }
    clock.End("trackers");
    Simulator::Run();
    netanim.reset(); // closes the XML
    clock.End("simulate");

    ModeResult result;
    result.mode = run;
    result.simulatedNs = Simulator::Now().GetNanoSeconds();
    result.delivery = deliveries.Finish();
    result.links = links.Finish();
    result.hosts = hosts.Finish();
    if (membershipTracker)
    {
        result.membership = membershipTracker->Finish();
    }
    if (denseTracker)
    {
        result.dense = denseTracker->Finish();
    }
    if (reliability)
    {
        result.reliability = reliability->Finish(result.delivery);
    }
    if (orderingRun.tracker)
    {
        result.ordering = orderingRun.tracker->Finish();
        for (uint32_t m = 1; sinks.orderings && m <= network.ClientCount(); ++m)
        {
            (*sinks.orderings)[m] = orderingRun.tracker->Sequence(m);
        }
    }
    if (animation)
    {
        animation->Finish();
    }
    if (narration)
    {
        sinks.narrations->push_back(narration->Finish());
    }
    result.destinations =
        result.delivery.messages ? result.delivery.expected / result.delivery.messages : 0;
    if (sinks.links)
    {
        links.WriteCsv(*sinks.links, run);
    }
    clock.End("collect");
    Simulator::Destroy();
    if (dense)
    {
        dense->Dispose(); // the routers' sockets call back into them: break the cycle
    }
    clock.End("teardown");
    return result;
}

} // namespace gcsim
