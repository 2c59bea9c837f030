// Row "group": what every run has. P1 with the mode's GroupServer, the clients with their
// GroupClients, the group's directory and the deliveries tracker.
#include "models/group/group-helper.h"
#include "run-feature.h"

#include <ns3/abort.h>
#include <ns3/ipv4-address.h>
#include <ns3/uinteger.h>

namespace gcsim
{
namespace
{

using namespace ns3;
using namespace ns3::gcsim;

/**
 * The client unicast sends to: group.target, or under the rule "nearest" ("farthest") the
 * member with the fewest (most) hops from P1, the lowest number among equals.
 */
uint32_t
UnicastTarget(const RunContext& run)
{
    const auto& g = run.s.group;
    if (g.targetRule.empty() || g.members.empty())
    {
        return g.target;
    }
    bool nearest = g.targetRule == "nearest";
    uint32_t best = g.members.front();
    for (uint32_t m : g.members)
    {
        uint32_t hops = run.directory.hopsFromServer[m - 1];
        uint32_t bestHops = run.directory.hopsFromServer[best - 1];
        if (nearest ? hops < bestHops : hops > bestHops)
        {
            best = m;
        }
    }
    return best;
}

class GroupFeature : public RunFeature
{
public:
    bool Applies(const RunContext&) const override
    {
        return true;
    }

    void AdjustTopology(RunContext& run) override
    {
        run.topology.members = run.s.group.members;
        run.topology.group = run.s.group.address;
        // Only the overlay's clients send to one another; P1's and the routers' entries do
        // the rest.
        run.topology.clientPairsArp = run.spec.mode == "overlay";
    }

    void AfterBuild(RunContext& run) override
    {
        const Network& network = run.network;
        run.graph.emplace(network);
        run.directory.clients = network.clientAddresses;
        run.directory.members = run.s.group.members;
        run.directory.group = run.s.group.address;
        run.directory.port = run.s.group.port;
        run.fromServer = run.graph->FromNodes({network.Server()->GetId()});
        for (uint32_t c = 1; c <= network.ClientCount(); ++c)
        {
            run.directory.hopsFromServer.push_back(
                run.fromServer.hops[network.hosts.Get(c)->GetId()]);
        }
        run.group.address = run.s.group.address;
        run.group.source = network.Server()->GetId();
        for (uint32_t m : run.s.group.members)
        {
            run.group.members.push_back(network.hosts.Get(m)->GetId());
        }
        run.group.rendezvous = run.s.delivery.rendezvous;
    }

    void Applications(RunContext& run) override
    {
        const Scenario& s = run.s;
        run.deliveryMode = CreateDeliveryMode(run.spec.mode);
        NS_ABORT_MSG_IF(!run.deliveryMode, "no delivery mode " << run.spec.mode);
        if (run.spec.mode == "overlay")
        {
            run.deliveryMode->SetAttribute("Fanout", UintegerValue(s.delivery.overlayFanout));
        }
        GroupServerHelper serverHelper(run.deliveryMode, run.directory);
        serverHelper.SetAttribute("MessageSize", UintegerValue(s.traffic.size));
        serverHelper.SetAttribute("Messages", UintegerValue(run.p1Messages));
        serverHelper.SetAttribute("Interval", TimeValue(s.traffic.interval));
        serverHelper.SetAttribute("FirstSend", TimeValue(s.traffic.start));
        serverHelper.SetAttribute("Target", UintegerValue(UnicastTarget(run)));
        run.server = serverHelper.Install(run.network.Server());

        GroupClientHelper clientHelper(run.network.serverAddress, s.group.port);
        clientHelper.SetAttribute("Group", Ipv4AddressValue(s.group.address));
        clientHelper.SetAttribute("MessageSize", UintegerValue(run.clientMessageSize));
        clientHelper.SetMembers(s.group.members);
        run.clients = clientHelper.Install(run.network.Clients());
        run.deliveryMode->Configure(run.directory, run.clients);
        run.server.Start(Seconds(0));
        run.clients.Start(Seconds(0));
        run.lastSend = s.traffic.start + s.traffic.interval * int64_t(s.traffic.messages);
    }

    void Collectors(RunContext& run) override
    {
        const Network& network = run.network;
        run.deliveries = std::make_unique<DeliveryTracker>(
            run.label, run.s.group.members, network.ClientCount(), run.sinks.deliveries);
        run.deliveries->Attach(run.server, run.clients);
        if (run.s.output.latencyBreakdown)
        {
            run.breakdown = std::make_unique<LatencyBreakdown>(network);
            run.deliveries->SetBreakdown(run.breakdown.get());
        }
        std::vector<std::vector<uint32_t>> paths(network.ClientCount() + 1);
        for (uint32_t c = 1; c <= network.ClientCount(); ++c)
        {
            paths[c] = run.graph->LinksToSource(run.fromServer, network.hosts.Get(c)->GetId());
        }
        run.deliveries->SetBaseline(
            [&network, paths](uint32_t client, uint32_t bytes)
            {
                // A lone unicast on an idle network: store and forward over the unicast route.
                Time t;
                for (uint32_t link : paths[client])
                {
                    t += network.links[link].HopTime(bytes + kIpv4UdpHeaderBytes);
                }
                return t.GetNanoSeconds();
            });
    }

    void Collect(RunContext& run, ModeResult& result) override
    {
        result.delivery = run.deliveries->Finish();
        result.destinations =
            result.delivery.messages ? result.delivery.expected / result.delivery.messages : 0;
    }
};

} // namespace

std::unique_ptr<RunFeature>
MakeGroupFeature()
{
    return std::make_unique<GroupFeature>();
}

} // namespace gcsim
