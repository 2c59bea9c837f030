#include "experiment.h"

#include "models/group-client.h"
#include "models/group-helper.h"
#include "models/group-server.h"
#include "models/instant-membership.h"
#include "models/multicast-routing.h"
#include "models/network.h"
#include "models/routing-graph.h"
#include "netanim.h"
#include "ordering-run.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <ns3/animation-interface.h>
#include <ns3/csma-net-device.h>
#include <ns3/mac48-address.h>
#include <ns3/point-to-point-net-device.h>
#include <ns3/rng-seed-manager.h>
#include <ns3/simulator.h>
#include <ns3/trace-helper.h>
#include <ns3/uinteger.h>

namespace gcsim
{

using namespace ns3;
using namespace ns3::gcsim;

namespace
{

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
    AddOrderingSenders(s, spec, network, group);
    if (network.IsRouted())
    {
        MulticastRoutes routes = InstallMulticastRoutes(variant, network, graph, group);
        for (uint32_t r = 0; r < network.routers.GetN(); ++r)
        {
            if (routes.rendezvous == network.routers.Get(r)->GetId())
            {
                group.rendezvous = r; // the tree keeps its rendezvous as members come and go
            }
        }
        MulticastGroup everyone = group;
        everyone.address = NetworkBroadcastGroup();
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
    auto animation =
        sinks.animation ? sinks.animation->Track(network, s.group.members, run) : nullptr;
    std::unique_ptr<NarrationTracker> narration;
    if (sinks.narrations)
    {
        narration = std::make_unique<NarrationTracker>(network, s.group.members, run);
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
        EnablePcap(network, sinks.pcapPrefix + label);
    }
    std::unique_ptr<AnimationInterface> netanim;
    if (!sinks.netanimPrefix.empty())
    {
        std::string label = run;
        std::replace(label.begin(), label.end(), '/', '-');
        netanim = StartNetAnim(network, s.group.members, sinks.netanimPrefix + label + ".xml",
                               lastSend + s.traffic.drain);
    }

    // Membership over time: the controller applies each event at its instant; an event at
    // the instant of a send comes first (it was scheduled before the send).
    Ptr<InstantMembership> membership;
    std::unique_ptr<MembershipTracker> membershipTracker;
    if (s.membership.given)
    {
        membership = CreateObject<InstantMembership>();
        membership->Setup(network, graph, variant, group, DynamicCast<GroupServer>(server.Get(0)),
                          clients, deliveryMode, directory);
        for (const auto& event : s.membership.schedule)
        {
            Simulator::Schedule(event.at,
                                event.join ? &InstantMembership::Join : &InstantMembership::Leave,
                                membership, event.client);
        }
        deliveries.FollowMembership(s.group.address, clients);
        hosts.FollowMembership(network, s.group.address);
        membershipTracker = std::make_unique<MembershipTracker>(network.ClientCount());
        membershipTracker->Attach(membership, server, clients);
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
    clock.End("teardown");
    return result;
}

} // namespace gcsim
