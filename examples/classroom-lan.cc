// The classroom experiment as a plain ns-3 program built from gcsim's models: P1 and three
// clients on one LAN; each client sends one message, P1 answers it (by unicast unless
// --mode says otherwise); then, at 4 s, P1 multicasts one message to the group {1, 3}, and
// the program prints who got it. C2 is not in the group: its NIC filters the frame.
//
//     P1        C1        C2        C3
//     |         |         |         |
//   =======================================  100 Mbit/s, 500 ns
//   10.0.0.1  10.0.0.2  10.0.0.3  10.0.0.4     group 239.255.0.1 = {C1, C3}

#include "gcsim/group/group-client.h"
#include "gcsim/group/group-helper.h"
#include "gcsim/group/group-server.h"
#include "gcsim/network/network.h"

#include <iomanip>
#include <iostream>
#include <ns3/core-module.h>

using namespace ns3;
using namespace ns3::gcsim;

namespace
{

std::string
Clock(Time t)
{
    std::ostringstream s;
    s << '+' << std::fixed << std::setprecision(9) << t.GetSeconds() << 's';
    return s.str();
}

void
Print(std::string host, const std::string& line)
{
    std::cout << Clock(Simulator::Now()) << "  " << host << "  " << line << '\n';
}

/// Who got P1's group message: the clients' Rx traces from the moment it left.
struct GroupMessageWatch
{
    bool sent{false};
    std::vector<uint32_t> reached;

    void OnSend(uint32_t message, const std::vector<uint32_t>& destinations)
    {
        sent = true;
        std::ostringstream line;
        line << "multicasts group message " << message << " to 239.255.0.1 for clients";
        for (uint32_t d : destinations)
        {
            line << ' ' << d;
        }
        Print("P1", line.str());
    }

    void OnRx(Ptr<const Packet>, const GroupHeader& header, uint32_t client, uint32_t hops)
    {
        if (!sent)
        {
            return; // an answer from the exchange before it
        }
        reached.push_back(client);
        Time latency = Simulator::Now() - header.GetSendTime();
        Print("C" + std::to_string(client), "got group message " +
                                                std::to_string(header.GetMessage()) + " after " +
                                                std::to_string(latency.GetNanoSeconds()) + " ns, " +
                                                std::to_string(hops) + " hop");
    }
};

} // namespace

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

    Ptr<DeliveryMode> answerMode = CreateDeliveryMode(mode);
    if (!answerMode)
    {
        std::cerr << "unknown mode " << mode << '\n';
        return 2;
    }
    // P1's UDP server on port 20001 answers the clients.
    GroupServerHelper serverHelper(answerMode, directory);
    serverHelper.SetAttribute("MessageSize", UintegerValue(0));
    ApplicationContainer server = serverHelper.Install(network.Server());
    auto p1 = DynamicCast<GroupServer>(server.Get(0));
    p1->AddReply(1, "Soja dost");
    p1->AddReply(2, "Hello dost");
    p1->AddReply(3, "Haa Soja");
    server.Get(0)->TraceConnectWithoutContext("Console",
                                              MakeBoundCallback(&Print, std::string("P1")));

    // A second application on P1 (its own port, 20002) sends the one group message, by
    // multicast, to the clients' port.
    GroupServerHelper groupHelper(CreateDeliveryMode("multicast"), directory);
    groupHelper.SetAttribute("Port", UintegerValue(20002));
    groupHelper.SetAttribute("MessageSize", UintegerValue(0));
    groupHelper.SetAttribute("Messages", UintegerValue(1));
    groupHelper.SetAttribute("FirstSend", TimeValue(Seconds(4)));
    ApplicationContainer groupSender = groupHelper.Install(network.Server());
    GroupMessageWatch watch;
    groupSender.Get(0)->TraceConnectWithoutContext(
        "GroupSend", MakeCallback(&GroupMessageWatch::OnSend, &watch));

    GroupClientHelper clientHelper(network.serverAddress, directory.port);
    clientHelper.SetMembers(directory.members);
    ApplicationContainer clients = clientHelper.Install(network.Clients());
    const char* texts[] = {"Kya re?", "Hello", "Sojata hu mai"};
    for (uint32_t i = 0; i < 3; ++i)
    {
        DynamicCast<GroupClient>(clients.Get(i))->AddMessage(Seconds(1 + i), texts[i]);
        clients.Get(i)->TraceConnectWithoutContext(
            "Console", MakeBoundCallback(&Print, "C" + std::to_string(i + 1)));
        clients.Get(i)->TraceConnectWithoutContext("Rx",
                                                   MakeCallback(&GroupMessageWatch::OnRx, &watch));
    }

    Simulator::Run();
    Simulator::Destroy();

    std::cout << "group message reached:";
    for (uint32_t c : watch.reached)
    {
        std::cout << " C" << c;
    }
    std::cout << " (group {1, 3}; C2's NIC filtered it)\n";
    return 0;
}
