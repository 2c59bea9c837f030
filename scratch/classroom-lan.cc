// The classroom experiment as a plain ns-3 program built from gcsim's models: P1 and three
// clients on one LAN; each client sends one message, P1 answers it by unicast; then P1
// multicasts one message to the group {1, 3}.
//
//     P1        C1        C2        C3
//     |         |         |         |
//   =======================================  100 Mbit/s, 500 ns
//   10.0.0.1  10.0.0.2  10.0.0.3  10.0.0.4     group 239.255.0.1 = {C1, C3}

#include "models/group/group-client.h"
#include "models/group/group-helper.h"
#include "models/group/group-server.h"
#include "models/network/network.h"

#include <iostream>
#include <ns3/core-module.h>

using namespace ns3;
using namespace ns3::gcsim;

static void
Print(std::string host, const std::string& line)
{
    std::cout << Simulator::Now().As(Time::S) << "  " << host << "  " << line << '\n';
}

int
main(int argc, char** argv)
{
    std::string mode = "unicast";
    CommandLine cmd(__FILE__);
    cmd.AddValue(
        "mode", "delivery mode for P1's answers: unicast, replicated-unicast, multicast, broadcast",
        mode);
    cmd.Parse(argc, argv);

    TopologyConfig config;
    config.kind = "lan";
    config.clients = 3;
    Network network = BuildNetwork(config);

    GroupDirectory directory;
    directory.clients = network.clientAddresses;
    directory.members = {1, 3};

    Ptr<DeliveryMode> deliveryMode = CreateDeliveryMode(mode);
    if (!deliveryMode)
    {
        std::cerr << "unknown mode " << mode << '\n';
        return 2;
    }
    GroupServerHelper serverHelper(deliveryMode, directory);
    serverHelper.SetAttribute("MessageSize", UintegerValue(0));
    ApplicationContainer server = serverHelper.Install(network.Server());
    auto p1 = DynamicCast<GroupServer>(server.Get(0));
    p1->AddReply(1, "Soja dost");
    p1->AddReply(2, "Hello dost");
    p1->AddReply(3, "Haa Soja");

    GroupClientHelper clientHelper(network.serverAddress, directory.port);
    clientHelper.SetMembers(directory.members);
    ApplicationContainer clients = clientHelper.Install(network.Clients());
    const char* texts[] = {"Kya re?", "Hello", "Sojata hu mai"};
    for (uint32_t i = 0; i < 3; ++i)
    {
        DynamicCast<GroupClient>(clients.Get(i))->AddMessage(Seconds(1 + i), texts[i]);
        clients.Get(i)->TraceConnectWithoutContext(
            "Console", MakeBoundCallback(&Print, "C" + std::to_string(i + 1)));
    }
    server.Get(0)->TraceConnectWithoutContext("Console",
                                              MakeBoundCallback(&Print, std::string("P1")));

    Simulator::Run();
    Simulator::Destroy();
    return 0;
}
