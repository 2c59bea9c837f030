// One sender and N clients on one Ethernet LAN, written with the ns-3 helpers only, as the
// ns-3 tutorial would: node 0 (P1) sends 1024-byte UDP datagrams to the clients by unicast,
// replicated unicast, multicast or broadcast, and the receiving sockets count what arrives.
// delivery-bench runs it next to gcsim's lan topology.
//
//     n0 (P1)   n1        n2   ...   nM   ...   nN
//     |         |         |          |          |
//   =========================================================  CSMA 100 Mbit/s, 500 ns
//   10.0.0.1  10.0.0.2  10.0.0.3 ... 10.0.0.(M+1) ... 10.0.0.(N+1)     (10.0.0.0/8)
//
//   members n1 .. nM (M = N/2, rounded up): group 239.255.0.1, UDP port 20001

#include "plain-lan.h"

#include <ns3/core-module.h>
#include <ns3/csma-module.h>
#include <ns3/internet-module.h>
#include <ns3/network-module.h>
#include <vector>

using namespace ns3;

namespace plainlan
{

namespace
{

/// Counts the datagrams a receiving socket gets.
void
ReceivePacket(uint64_t* deliveries, Ptr<Socket> socket)
{
    while (socket->Recv())
    {
        ++*deliveries;
    }
}

/// Sends one message to each destination, then schedules the next message.
void
SendMessage(Ptr<Socket> socket, const std::vector<InetSocketAddress>* destinations,
            uint32_t remaining, Time interval)
{
    for (const InetSocketAddress& destination : *destinations)
    {
        socket->SendTo(Create<Packet>(kMessageSize), 0, destination);
    }
    if (--remaining > 0)
    {
        Simulator::Schedule(interval, &SendMessage, socket, destinations, remaining, interval);
    }
}

} // namespace

uint32_t
Members(uint32_t clients)
{
    return (clients + 1) / 2;
}

uint64_t
RunPlainLan(const std::string& mode, uint32_t clients, uint32_t messages, Time interval)
{
    bool unicast = mode == "unicast";
    bool replicated = mode == "replicated-unicast";
    bool multicast = mode == "multicast";
    bool broadcast = mode == "broadcast";
    NS_ABORT_MSG_UNLESS(unicast || replicated || multicast || broadcast, "no mode " << mode);
    NS_ABORT_MSG_IF(clients < 1, "a LAN needs at least one client");

    // Every run numbers its LAN 10.0.0.0/8 afresh.
    Ipv4AddressGenerator::Reset();

    NodeContainer nodes;
    nodes.Create(clients + 1);

    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
    csma.SetChannelAttribute("Delay", TimeValue(NanoSeconds(500)));
    csma.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize", StringValue(kQueueSize));
    NetDeviceContainer devices = csma.Install(nodes);

    InternetStackHelper stack;
    stack.Install(nodes);

    Ipv4AddressHelper address;
    address.SetBase("10.0.0.0", "255.0.0.0");
    Ipv4InterfaceContainer interfaces = address.Assign(devices);

    uint32_t members = Members(clients);
    uint32_t listeners = unicast ? 1 : broadcast ? clients : members;
    uint64_t deliveries = 0;
    TypeId udp = UdpSocketFactory::GetTypeId();
    for (uint32_t n = 1; n <= listeners; ++n)
    {
        Ptr<Socket> sink = Socket::CreateSocket(nodes.Get(n), udp);
        sink->Bind(InetSocketAddress(Ipv4Address::GetAny(), kPort));
        sink->SetRecvCallback(MakeBoundCallback(&ReceivePacket, &deliveries));
    }

    Ptr<Socket> source = Socket::CreateSocket(nodes.Get(0), udp);
    source->Bind();
    std::vector<InetSocketAddress> destinations;
    if (unicast)
    {
        destinations.emplace_back(interfaces.GetAddress(1), kPort);
    }
    else if (replicated)
    {
        for (uint32_t n = 1; n <= members; ++n)
        {
            destinations.emplace_back(interfaces.GetAddress(n), kPort);
        }
    }
    else if (multicast)
    {
        Ipv4StaticRoutingHelper multicastRouting;
        multicastRouting.SetDefaultMulticastRoute(nodes.Get(0), devices.Get(0));
        destinations.emplace_back(Ipv4Address("239.255.0.1"), kPort);
    }
    else
    {
        source->SetAllowBroadcast(true);
        destinations.emplace_back(Ipv4Address::GetBroadcast(), kPort);
    }

    if (messages > 0)
    {
        Simulator::Schedule(Seconds(1), &SendMessage, source, &destinations, messages, interval);
    }
    Simulator::Run();
    Simulator::Destroy();
    return deliveries;
}

} // namespace plainlan
