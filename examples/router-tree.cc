// One 1000-byte message from P1 to a group of four clients across a router tree, twice:
// by multicast along a source tree (the routers copy it where the tree branches), then by
// replicated unicast (P1 sends one copy per member). The program prints what each cost:
// the last member's latency, P1's frames, frames on all links, and the most copies of the
// message one link carried.
//
//                        P1
//                        |        100 Mbit/s, 500 ns
//                        R0
//                 /             \          1 Gbit/s, 1 ms
//               R1                R2
//             /    \            /    \      (each leaf router: one LAN,
//           R3      R4        R5      R6      100 Mbit/s, 500 ns)
//           |       |         |       |
//         C1  C2  C3  C4    C5  C6  C7  C8
//         group {1, 3, 5, 7}: one member per leaf

#include "gcsim/group/group-helper.h"
#include "gcsim/multicast/multicast-routing.h"
#include "gcsim/network/network.h"
#include "gcsim/network/routing-graph.h"
#include "gcsim/stats/delivery-tracker.h"
#include "gcsim/stats/link-tracker.h"

#include <iomanip>
#include <iostream>
#include <ns3/core-module.h>

using namespace ns3;
using namespace ns3::gcsim;

namespace
{

/// Simulates one message sent by \p mode and prints its costs on one line.
void
SendOnce(const std::string& mode, const std::vector<uint32_t>& members)
{
    TopologyConfig config;
    config.kind = "tree";
    config.fanout = 2;
    config.depth = 2;
    config.clients = 8; // two per leaf LAN
    Network network = BuildNetwork(config);

    GroupDirectory directory;
    directory.clients = network.clientAddresses;
    directory.members = members;
    if (mode == "multicast")
    {
        // The shortest-path tree from P1, pruned to the members' branches.
        MulticastGroup group;
        group.address = directory.group;
        group.source = network.Server()->GetId();
        for (uint32_t m : members)
        {
            group.members.push_back(network.hosts.Get(m)->GetId());
        }
        RoutingGraph graph(network);
        MulticastRoutes routes =
            InstallMulticastRoutes(MulticastRouting::SOURCE_TREE, network, graph, group);
        std::cout << "source tree: " << routes.routes << " routes on " << routes.routers.size()
                  << " routers\n";
    }

    Ptr<DeliveryMode> deliveryMode = CreateDeliveryMode(mode);
    GroupServerHelper serverHelper(deliveryMode, directory);
    serverHelper.SetAttribute("MessageSize", UintegerValue(1000));
    serverHelper.SetAttribute("Messages", UintegerValue(1));
    ApplicationContainer server = serverHelper.Install(network.Server());
    GroupClientHelper clientHelper(network.serverAddress, directory.port);
    clientHelper.SetMembers(members);
    ApplicationContainer clients = clientHelper.Install(network.Clients());
    deliveryMode->Configure(directory, clients);

    DeliveryTracker deliveries(mode, members, network.ClientCount(), nullptr);
    deliveries.Attach(server, clients);
    LinkTracker links(network);

    Simulator::Run();
    DeliveryCounts d = deliveries.Finish();
    LinkCounts l = links.Finish();
    std::cout << std::left << std::setw(20) << mode << std::right << std::setw(10) << d.deliveries
              << std::setw(14) << d.completion.max << std::setw(11) << l.serverFrames
              << std::setw(13) << l.messageFrames << std::setw(12) << l.stressMax << '\n';
    Simulator::Destroy();
}

} // namespace

int
main(int argc, char** argv)
{
    CommandLine cmd(__FILE__);
    cmd.Parse(argc, argv);

    const std::vector<uint32_t> members{1, 3, 5, 7};
    std::cout << "mode                deliveries  last copy ns  P1 frames  link frames  "
                 "max stress\n";
    SendOnce("multicast", members);
    SendOnce("replicated-unicast", members);
    return 0;
}
