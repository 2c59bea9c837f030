// NAK repair (SRM's timers) of a multicast stream on a LAN whose link loses one frame: P1
// multicasts 10 messages to C1, C2 and C3, 10 ms apart; C2's NIC loses the 4th frame it
// takes in (message 3; ns-3's ReceiveListErrorModel). C2 learns of the gap from message 4,
// multicasts a NAK after its request back-off, and every holder (P1, C1, C3) multicasts a
// repair after its repair back-off. (On one LAN that back-off, one to two times the NAK's
// 5.6 us, ends before a repair has crossed the wire: no holder hears another's in time to
// hold its own back, as SRM's suppression would have it on a wider network.) The program
// prints what the NakRepair agents sent and when message 3 reached C2.
//
//     P1          C1          C2          C3
//     |           |           |           |
//   ===================================================  100 Mbit/s, 500 ns
//                             x  loses its 4th frame (message 3)
//     every host runs a NakRepair agent on port 20002; group 239.255.0.1 = {C1, C2, C3}

#include "gcsim/reliability/nak-repair.h"

#include "gcsim/group/group-client.h"
#include "gcsim/group/group-helper.h"
#include "gcsim/network/network.h"
#include "gcsim/stats/delivery-tracker.h"
#include "gcsim/stats/reliability-tracker.h"

#include <iostream>
#include <ns3/core-module.h>
#include <ns3/error-model.h>
#include <ns3/network-module.h>

using namespace ns3;
using namespace ns3::gcsim;

int
main(int argc, char** argv)
{
    CommandLine cmd(__FILE__);
    cmd.Parse(argc, argv);

    TopologyConfig config;
    config.kind = "lan";
    config.clients = 3;
    Network network = BuildNetwork(config);
    const std::vector<uint32_t> members{1, 2, 3};

    // The loss: C2's NIC (the LAN's third end) drops the 4th frame it takes in. Installed
    // before the clients, so that the NIC's multicast filter hands it the frames it lets in.
    auto loss = CreateObject<ReceiveListErrorModel>();
    loss->SetList({3}); // frames counted from 0
    network.links[0].ends[2]->SetAttribute("ReceiveErrorModel", PointerValue(loss));

    GroupDirectory directory;
    directory.clients = network.clientAddresses;
    directory.members = members;
    // Members multicast NAKs and repairs, and P1 hears them.
    PrepareGroupSenders(network, directory.group, members);
    GroupServerHelper serverHelper(CreateDeliveryMode("multicast"), directory);
    serverHelper.SetAttribute("Messages", UintegerValue(10));
    ApplicationContainer server = serverHelper.Install(network.Server());
    GroupClientHelper clientHelper(network.serverAddress, directory.port);
    clientHelper.SetMembers(members);
    ApplicationContainer clients = clientHelper.Install(network.Clients());

    // One agent on P1 and one on each member.
    ObjectFactory factory("ns3::gcsim::NakRepair");
    // Session messages only once P1 falls silent: none between two of its messages.
    factory.Set("SessionInterval", TimeValue(MilliSeconds(20)));
    ApplicationContainer agents;
    for (uint32_t origin = 0; origin <= members.size(); ++origin)
    {
        factory.Set("Origin", UintegerValue(origin));
        auto agent = factory.Create<NakRepair>();
        network.hosts.Get(origin)->AddApplication(agent);
        if (origin == 0)
        {
            agent->AttachServer(DynamicCast<GroupServer>(server.Get(0)));
        }
        else
        {
            agent->AttachClient(DynamicCast<GroupClient>(clients.Get(origin - 1)));
        }
        agent->AssignStreams(1000 + origin); // the back-off draws
        agents.Add(agent);
    }

    DeliveryTracker deliveries("multicast", members, network.ClientCount(), nullptr);
    deliveries.Attach(server, clients);
    ReliabilityTracker reliability(network);
    reliability.Attach(agents);
    clients.Get(1)->TraceConnectWithoutContext(
        "Rx", Callback<void, Ptr<const Packet>, const GroupHeader&, uint32_t, uint32_t>(
                  [](Ptr<const Packet>, const GroupHeader& header, uint32_t, uint32_t)
                  {
                      if (header.GetMessage() == 3)
                      {
                          std::cout << "C2 got message 3 "
                                    << (Simulator::Now() - header.GetSendTime()).GetNanoSeconds()
                                    << " ns after P1 sent it\n";
                      }
                  }));

    Simulator::Stop(Seconds(2));
    Simulator::Run();
    DeliveryCounts d = deliveries.Finish();
    ReliabilityCounts r = reliability.Finish(d);
    Simulator::Destroy();

    std::cout << "delivered " << d.deliveries << " of " << d.expected << " (" << r.losses
              << " lost, " << r.repaired << " repaired)\n";
    std::cout << "NAKs " << r.naks << " (" << r.naksSuppressed << " suppressed), repairs "
              << r.repairs << " (" << r.repairsSuppressed << " suppressed), " << r.sessions
              << " session messages, " << r.duplicatesDropped << " duplicates dropped\n";
    return 0;
}
