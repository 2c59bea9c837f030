// A gcsim tracker on its own, measuring a network and an application that know nothing of
// gcsim: ns-3's first tutorial program (first.cc), a UDP echo client and server on one
// point-to-point link, with three echoes instead of one. gcsim's LinkTracker counts the
// frames and bytes the link carries; Link::HopTime gives the closed-form one-way time the
// measured round trips are compared with.
//
//       n0 (10.1.1.1)                          n1 (10.1.1.2)
//     UdpEchoClient  ----------------------  UdpEchoServer, port 9
//                      5 Mbit/s, 2 ms
//     3 echoes of 1024 bytes, one a second from 2 s

#include "gcsim/network/network.h"
#include "gcsim/stats/link-tracker.h"

#include <iostream>
#include <ns3/applications-module.h>
#include <ns3/core-module.h>
#include <ns3/internet-module.h>
#include <ns3/network-module.h>
#include <ns3/point-to-point-module.h>

using namespace ns3;

namespace
{

/// Round trips of the echo client: from each Tx to the Rx that follows it.
struct RoundTrips
{
    Time sentAt;
    std::vector<Time> measured;

    void OnTx(Ptr<const Packet>)
    {
        sentAt = Simulator::Now();
    }

    void OnRx(Ptr<const Packet>)
    {
        measured.push_back(Simulator::Now() - sentAt);
    }
};

} // namespace

int
main(int argc, char** argv)
{
    uint32_t echoes = 3;
    CommandLine cmd(__FILE__);
    cmd.AddValue("echoes", "echo requests the client sends", echoes);
    cmd.Parse(argc, argv);

    // first.cc, as ns-3's tutorial writes it.
    NodeContainer nodes;
    nodes.Create(2);
    PointToPointHelper pointToPoint;
    pointToPoint.SetDeviceAttribute("DataRate", StringValue("5Mbps"));
    pointToPoint.SetChannelAttribute("Delay", StringValue("2ms"));
    NetDeviceContainer devices = pointToPoint.Install(nodes);
    InternetStackHelper stack;
    stack.Install(nodes);
    Ipv4AddressHelper address;
    address.SetBase("10.1.1.0", "255.255.255.0");
    Ipv4InterfaceContainer interfaces = address.Assign(devices);

    UdpEchoServerHelper echoServer(9);
    ApplicationContainer serverApps = echoServer.Install(nodes.Get(1));
    serverApps.Start(Seconds(1));
    serverApps.Stop(Seconds(10));
    UdpEchoClientHelper echoClient(interfaces.GetAddress(1), 9);
    echoClient.SetAttribute("MaxPackets", UintegerValue(echoes));
    echoClient.SetAttribute("Interval", TimeValue(Seconds(1)));
    echoClient.SetAttribute("PacketSize", UintegerValue(1024));
    ApplicationContainer clientApps = echoClient.Install(nodes.Get(0));
    clientApps.Start(Seconds(2));
    clientApps.Stop(Seconds(10));

    // The same network as gcsim's trackers see one: its hosts (the first is the one counted
    // as the sender, "P1") and its links.
    gcsim::Network network;
    network.hosts = nodes;
    network.names = {"n0", "n1"};
    gcsim::Link link;
    link.name = "p2p0";
    link.channel = devices.Get(0)->GetChannel();
    link.ends = {devices.Get(0), devices.Get(1)};
    link.rate = DataRate("5Mbps");
    link.delay = MilliSeconds(2);
    link.framing = gcsim::Framing::PPP;
    network.links.push_back(link);
    gcsim::LinkTracker tracker(network);

    RoundTrips rtt;
    clientApps.Get(0)->TraceConnectWithoutContext("Tx", MakeCallback(&RoundTrips::OnTx, &rtt));
    clientApps.Get(0)->TraceConnectWithoutContext("Rx", MakeCallback(&RoundTrips::OnRx, &rtt));

    Simulator::Run();
    Simulator::Destroy();

    gcsim::LinkCounts counts = tracker.Finish();
    std::cout << "link " << link.name << ": " << counts.frames << " frames, " << counts.bytes
              << " bytes (" << counts.serverFrames << " frames from n0), " << counts.queueDrops
              << " dropped\n";
    Time oneWay = link.HopTime(1024 + 8 + 20); // UDP and IPv4 headers
    for (std::size_t i = 0; i < rtt.measured.size(); ++i)
    {
        std::cout << "echo " << i << ": round trip " << rtt.measured[i].GetNanoSeconds()
                  << " ns, closed form " << (2 * oneWay).GetNanoSeconds() << " ns\n";
    }
    return 0;
}
