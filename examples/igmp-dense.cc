// A client joins and leaves a group while P1 multicasts, on routers that run dense mode
// (flood and prune, RFC 3973) and learn of members through IGMP (RFC 2236): C1 is a member
// throughout; C3 joins at 1.25 s and leaves at 2.05 s. P1 sends 20 messages, one every
// 100 ms from 1 s. The program prints which messages C3 got, what dense mode and IGMP sent,
// and how long the join took to be served.
//
//                  P1
//                  |         100 Mbit/s, 500 ns
//                  R0        dense mode on every router
//                /    \      1 Gbit/s, 1 ms
//              R1      R2    IGMP querier of its LAN
//              |       |     100 Mbit/s, 500 ns
//            C1  C2  C3  C4
//            member  joins at 1.25 s, leaves at 2.05 s

#include "gcsim/group/group-client.h"
#include "gcsim/group/group-helper.h"
#include "gcsim/membership/igmp-membership.h"
#include "gcsim/multicast/dense-mode.h"
#include "gcsim/network/network.h"
#include "gcsim/network/routing-graph.h"
#include "gcsim/stats/dense-mode-tracker.h"
#include "gcsim/stats/host-load-tracker.h"
#include "gcsim/stats/membership-tracker.h"

#include <iostream>
#include <ns3/core-module.h>

using namespace ns3;
using namespace ns3::gcsim;

namespace
{

/// The group messages one client's application received, by number.
struct Received
{
    std::vector<uint32_t> messages;

    void OnRx(Ptr<const Packet>, const GroupHeader& header, uint32_t, uint32_t)
    {
        messages.push_back(header.GetMessage());
    }
};

} // namespace

int
main(int argc, char** argv)
{
    Time lastMemberQueryInterval = MilliSeconds(100);
    CommandLine cmd(__FILE__);
    cmd.AddValue("lastMemberQueryInterval", "IGMP: between the querier's queries after a Leave",
                 lastMemberQueryInterval);
    cmd.Parse(argc, argv);

    TopologyConfig config;
    config.kind = "tree";
    config.fanout = 2;
    config.depth = 1;
    config.clients = 4;
    config.duplicateDetection = false; // a tree, not a flood
    Network network = BuildNetwork(config);
    RoutingGraph graph(network);

    // Dense mode on the routers: no route in advance; it floods, prunes and grafts.
    MulticastGroup group;
    group.address = Ipv4Address("239.255.0.1");
    group.source = network.Server()->GetId();
    group.members = {network.hosts.Get(1)->GetId()};
    auto dense = CreateObject<DenseMode>();
    dense->Install(network, graph, group.address, {group.source});

    GroupDirectory directory;
    directory.clients = network.clientAddresses;
    directory.members = {1};
    Ptr<DeliveryMode> multicast = CreateDeliveryMode("multicast");
    GroupServerHelper serverHelper(multicast, directory);
    serverHelper.SetAttribute("Messages", UintegerValue(20));
    serverHelper.SetAttribute("Interval", TimeValue(MilliSeconds(100)));
    ApplicationContainer server = serverHelper.Install(network.Server());
    GroupClientHelper clientHelper(network.serverAddress, directory.port);
    clientHelper.SetMembers(directory.members);
    ApplicationContainer clients = clientHelper.Install(network.Clients());

    // IGMP: hosts report and leave, each LAN's router is its querier; dense mode's routers
    // count members as their querier's state has them, and graft or prune as it changes.
    auto igmp = CreateObjectWithAttributes<IgmpMembership>("LastMemberQueryInterval",
                                                           TimeValue(lastMemberQueryInterval));
    igmp->Setup(network, graph, MulticastRouting::DENSE, group,
                DynamicCast<GroupServer>(server.Get(0)), clients, multicast, directory);
    dense->SetLocalMembership(
        [&dense, &igmp](uint32_t router, uint32_t iface)
        { return igmp->HasMembers(router, iface) || dense->FacesServer(router, iface); });
    igmp->TraceConnectWithoutContext("InterfaceMembers",
                                     Callback<void, uint32_t, uint32_t, bool>(
                                         [&dense](uint32_t router, uint32_t iface, bool)
                                         { dense->LocalMembershipChanged(router, iface); }));
    Simulator::Schedule(MilliSeconds(1250), &MembershipModel::Join, igmp, 3);
    Simulator::Schedule(MilliSeconds(2050), &MembershipModel::Leave, igmp, 3);

    DenseModeTracker denseCounts(dense);
    MembershipTracker membershipCounts(network.ClientCount());
    membershipCounts.Attach(igmp, server, clients);
    HostLoadTracker hostCounts(network, directory.members);
    hostCounts.FollowMembership(network, group.address);
    Received c1;
    Received c3;
    clients.Get(0)->TraceConnectWithoutContext("Rx", MakeCallback(&Received::OnRx, &c1));
    clients.Get(2)->TraceConnectWithoutContext("Rx", MakeCallback(&Received::OnRx, &c3));

    Simulator::Stop(Seconds(3.5));
    Simulator::Run();
    DenseModeCounts d = denseCounts.Finish();
    MembershipCounts m = membershipCounts.Finish();
    HostCounts h = hostCounts.Finish();
    Simulator::Destroy();
    dense->Dispose(); // the routers' sockets call back into it: break the cycle

    std::cout << "C1 received " << c1.messages.size() << " of 20 messages\n";
    std::cout << "C3 received messages";
    for (uint32_t message : c3.messages)
    {
        std::cout << ' ' << message;
    }
    std::cout << "\ndense mode: " << d.prunes << " prunes, " << d.grafts << " grafts, "
              << d.graftAcks << " graft-acks\n";
    std::cout << "IGMP: " << m.joins << " join, " << m.leaves << " leave, " << m.controlPackets
              << " packets of " << m.controlBytes / std::max<uint64_t>(m.controlPackets, 1)
              << " bytes\n";
    std::cout << "routers forwarded " << h.routerForwards << " copies; non-members' NICs filtered "
              << h.nicFiltered << " frames\n";
    std::cout << "join served after " << m.joinLatency.max << " ns; " << m.deliveriesAfterLeave
              << " copies after the leave\n";
    return 0;
}
