// host-cost: what one host of a large LAN costs, ns-3 object by ns-3 object: heap bytes and
// set-up microseconds per host, for each step of building P1 and N clients on one segment
// the way gcsim's lan topology does (models/network/network.cc: InstallStack, AddLan,
// Number; the NIC filter and membership of group-membership.cc; static ARP), then starting
// a UDP endpoint on every client, as a listening GroupClient does (one that sends or relays
// opens a UDP socket instead: the step after it), and tearing it all down.
//
//     host-cost [N]        (N clients, default 100000)
//
// The table is bench/README.md's "What a host costs". The steps repeat gcsim's calls, one
// object kind at a time, so that each can be measured; `gcsim run --timings` gives the
// same build's totals (build/network) and the costs that are gcsim's own (applications,
// trackers), measured on the real run.

#include "models/group/group-membership.h"
#include "models/group/multicast-nic-filter.h"
#include "models/network/network.h"
#include "models/network/source-specific-routing.h"
#include "models/network/trace-connect.h"
#include "scratch/gcsim/memory-estimate.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <ns3/arp-cache.h>
#include <ns3/arp-l3-protocol.h>
#include <ns3/csma-helper.h>
#include <ns3/icmpv4-l4-protocol.h>
#include <ns3/inet-socket-address.h>
#include <ns3/ipv4-end-point.h>
#include <ns3/ipv4-interface.h>
#include <ns3/ipv4-l3-protocol.h>
#include <ns3/ipv4-list-routing.h>
#include <ns3/queue-size.h>
#include <ns3/simulator.h>
#include <ns3/socket.h>
#include <ns3/traffic-control-layer.h>
#include <ns3/udp-l4-protocol.h>
#include <ns3/udp-socket-factory.h>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// Runs \p step and prints its heap growth and wall time per host.
void
Measure(const char* name, uint32_t hosts, const std::function<void()>& step)
{
    ::gcsim::HeapUse before = ::gcsim::CurrentHeapUse();
    auto start = std::chrono::steady_clock::now();
    step();
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ::gcsim::HeapUse after = ::gcsim::CurrentHeapUse();
    double bytes = double(int64_t(after.heapBytes) - int64_t(before.heapBytes)) / hosts;
    std::printf("%-44s %9.0f %9.2f\n", name, bytes, seconds * 1e6 / hosts);
}

} // namespace

int
main(int argc, char** argv)
{
    Time::SetResolution(Time::NS); // as the gcsim program does (main.cc)
    uint32_t clients = argc > 1 ? uint32_t(std::strtoul(argv[1], nullptr, 10)) : 100000;
    if (clients < 1 || clients > (1U << 24) - 3)
    {
        std::fprintf(stderr, "usage: host-cost [N], 1 <= N <= 16777213\n");
        return 2;
    }
    uint32_t hosts = clients + 1;
    NodeContainer nodes;
    std::vector<Ptr<ArpL3Protocol>> arps;
    std::vector<Ptr<Ipv4L3Protocol>> ipv4s;
    std::vector<Ptr<TrafficControlLayer>> tcs;
    NetDeviceContainer devices;
    std::vector<Ptr<Socket>> sockets;
    std::printf("%u hosts (P1 and %u clients) on one LAN\n\n", hosts, clients);
    std::printf("%-44s %9s %9s\n", "step (objects made per host)", "B/host", "us/host");

    Measure("node (Node)", hosts, [&] { nodes.Create(hosts); });
    Measure("ARP (ArpL3Protocol, its RNG)", hosts,
            [&]
            {
                for (uint32_t i = 0; i < hosts; ++i)
                {
                    arps.push_back(CreateObject<ArpL3Protocol>());
                    nodes.Get(i)->AggregateObject(arps.back());
                }
            });
    Measure("IPv4 (Ipv4L3Protocol, loopback device+iface)", hosts,
            [&]
            {
                for (uint32_t i = 0; i < hosts; ++i)
                {
                    ipv4s.push_back(CreateObject<Ipv4L3Protocol>());
                    nodes.Get(i)->AggregateObject(ipv4s.back());
                }
            });
    Measure("ICMP (Icmpv4L4Protocol)", hosts,
            [&]
            {
                for (uint32_t i = 0; i < hosts; ++i)
                {
                    nodes.Get(i)->AggregateObject(CreateObject<Icmpv4L4Protocol>());
                }
            });
    Measure("routing (Ipv4ListRouting, SourceSpecific)", hosts,
            [&]
            {
                for (uint32_t i = 0; i < hosts; ++i)
                {
                    Ptr<Ipv4ListRouting> list = CreateObject<Ipv4ListRouting>();
                    list->AddRoutingProtocol(CreateObject<ns3::gcsim::SourceSpecificRouting>(), 10);
                    ipv4s[i]->SetRoutingProtocol(list);
                }
            });
    Measure("traffic control (TrafficControlLayer)", hosts,
            [&]
            {
                for (uint32_t i = 0; i < hosts; ++i)
                {
                    tcs.push_back(CreateObject<TrafficControlLayer>());
                    nodes.Get(i)->AggregateObject(tcs.back());
                }
            });
    Measure("UDP (UdpL4Protocol, socket factory)", hosts,
            [&]
            {
                for (uint32_t i = 0; i < hosts; ++i)
                {
                    nodes.Get(i)->AggregateObject(CreateObject<UdpL4Protocol>());
                    arps[i]->SetTrafficControl(tcs[i]);
                }
            });
    Measure("CSMA device (CsmaNetDevice, queue, backoff)", hosts,
            [&]
            {
                CsmaHelper csma;
                csma.SetChannelAttribute("DataRate", DataRateValue(DataRate("100Mbps")));
                csma.SetChannelAttribute("Delay", TimeValue(NanoSeconds(500)));
                csma.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize",
                              QueueSizeValue(QueueSize("10000p")));
                devices = csma.Install(nodes);
            });
    Measure("address (Ipv4Interface, ArpCache)", hosts,
            [&]
            {
                for (uint32_t i = 0; i < hosts; ++i)
                {
                    int32_t interface = ipv4s[i]->AddInterface(devices.Get(i));
                    ipv4s[i]->AddAddress(
                        interface,
                        Ipv4InterfaceAddress(Ipv4Address(0x0a000001 + i), Ipv4Mask("255.0.0.0")));
                    ipv4s[i]->SetMetric(interface, 1);
                    ipv4s[i]->SetUp(interface);
                }
            });
    Measure("NIC filter (GroupMembership, filter)", hosts,
            [&]
            {
                for (uint32_t i = 1; i < hosts; ++i)
                {
                    ns3::gcsim::GroupMembership::Install(nodes.Get(i));
                }
            });
    Measure("static ARP (P1 <-> each client)", hosts,
            [&]
            {
                auto cacheOf = [&](uint32_t i) { return ipv4s[i]->GetInterface(1)->GetArpCache(); };
                Ptr<ArpCache> p1 = cacheOf(0);
                Mac48Address p1Mac = Mac48Address::ConvertFrom(devices.Get(0)->GetAddress());
                for (uint32_t i = 1; i < hosts; ++i)
                {
                    ArpCache::Entry* entry = p1->Add(Ipv4Address(0x0a000001 + i));
                    entry->SetMacAddress(devices.Get(i)->GetAddress());
                    entry->MarkPermanent();
                    entry = cacheOf(i)->Add(Ipv4Address(0x0a000001));
                    entry->SetMacAddress(p1Mac);
                    entry->MarkPermanent();
                }
            });
    Measure("initialise (Node::Initialize at time 0)", hosts,
            [&]
            {
                Simulator::Stop(NanoSeconds(1));
                Simulator::Run();
            });
    uint64_t listened = 0;
    Measure("client endpoint (a listening GroupClient)", hosts,
            [&]
            {
                // What GroupClient::Listen makes (port 20002 here, so that the socket step
                // below can still bind 20001).
                for (uint32_t i = 1; i < hosts; ++i)
                {
                    Ipv4EndPoint* endPoint =
                        nodes.Get(i)->GetObject<UdpL4Protocol>()->Allocate(nullptr, 20002);
                    endPoint->SetRxCallback(ns3::gcsim::LeanCallback<void, Ptr<Packet>, Ipv4Header,
                                                                     uint16_t, Ptr<Ipv4Interface>>(
                        [&listened](Ptr<Packet>, Ipv4Header, uint16_t, Ptr<Ipv4Interface>)
                        { ++listened; }));
                }
            });
    Measure("client socket (UdpSocketImpl, endpoint)", hosts,
            [&]
            {
                for (uint32_t i = 1; i < hosts; ++i)
                {
                    Ptr<Socket> socket =
                        Socket::CreateSocket(nodes.Get(i), UdpSocketFactory::GetTypeId());
                    socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), 20001));
                    socket->SetIpRecvTtl(true);
                    sockets.push_back(socket);
                }
            });
    Measure("teardown (Simulator::Destroy, release)", hosts,
            [&]
            {
                sockets.clear();
                Simulator::Destroy();
                arps.clear();
                ipv4s.clear();
                tcs.clear();
                devices = NetDeviceContainer();
                nodes = NodeContainer();
            });
    ::gcsim::HeapUse end = ::gcsim::CurrentHeapUse();
    std::printf("\npeak resident size %.0f MB, %.0f B per host\n", end.peakRss / 1e6,
                double(end.peakRss) / hosts);
    return 0;
}
