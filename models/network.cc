#include "network.h"

#include <ns3/arp-cache.h>
#include <ns3/csma-net-device.h>
#include <ns3/internet-stack-helper.h>
#include <ns3/ipv4-interface.h>
#include <ns3/ipv4-l3-protocol.h>
#include <ns3/traffic-control-helper.h>
#include <stdexcept>

namespace ns3
{
namespace gcsim
{

Network BuildP2p(const TopologyConfig& config);
Network BuildLan(const TopologyConfig& config);

Ptr<Node>
Network::Server() const
{
    return hosts.Get(0);
}

NodeContainer
Network::Clients() const
{
    NodeContainer clients;
    for (uint32_t i = 1; i < hosts.GetN(); ++i)
    {
        clients.Add(hosts.Get(i));
    }
    return clients;
}

uint32_t
Network::ClientCount() const
{
    return hosts.GetN() - 1;
}

std::string
Network::NodeName(uint32_t nodeId) const
{
    uint32_t first = hosts.Get(0)->GetId();
    if (nodeId == first)
    {
        return "P1";
    }
    if (nodeId > first && nodeId - first < hosts.GetN())
    {
        return "C" + std::to_string(nodeId - first);
    }
    return "node" + std::to_string(nodeId);
}

const std::vector<TopologyEntry>&
TopologyTable()
{
    static const std::vector<TopologyEntry> table = {
        {"p2p", &BuildP2p, "P1 and one client on a point-to-point link"},
        {"lan", &BuildLan, "P1 and N clients on one CSMA (Ethernet) segment"},
    };
    return table;
}

Network
BuildNetwork(const TopologyConfig& config)
{
    for (const auto& entry : TopologyTable())
    {
        if (config.kind == entry.kind)
        {
            Network network = entry.build(config);
            AssignStreams(network);
            if (config.staticArp)
            {
                PrefillArp(network);
            }
            return network;
        }
    }
    throw std::invalid_argument("unknown topology kind '" + config.kind + "'");
}

void
AssignStreams(const Network& network)
{
    // Fixed stream numbers: every run of a process (one per delivery mode) then draws the
    // same random numbers (ARP jitter, CSMA backoff) for the same seed and run.
    int64_t stream = 0;
    InternetStackHelper internet;
    stream += internet.AssignStreams(network.hosts, stream);
    for (const Link& link : network.links)
    {
        for (const auto& device : link.ends)
        {
            if (auto csma = DynamicCast<CsmaNetDevice>(device))
            {
                stream += csma->AssignStreams(stream);
            }
        }
    }
}

void
InstallIpv4(NodeContainer nodes)
{
    InternetStackHelper stack;
    stack.SetIpv6StackInstall(false);
    stack.Install(nodes);
}

std::vector<Ipv4Address>
AssignAddresses(const NetDeviceContainer& devices, Ipv4Address first, Ipv4Mask mask,
                const TopologyConfig& config)
{
    std::vector<Ipv4Address> addresses;
    addresses.reserve(devices.GetN());
    uint32_t next = first.Get();
    for (uint32_t i = 0; i < devices.GetN(); ++i, ++next)
    {
        Ptr<NetDevice> device = devices.Get(i);
        Ptr<Ipv4> ipv4 = device->GetNode()->GetObject<Ipv4>();
        int32_t interface = ipv4->GetInterfaceForDevice(device);
        if (interface < 0)
        {
            interface = ipv4->AddInterface(device);
        }
        Ipv4Address address(next);
        ipv4->AddAddress(interface, Ipv4InterfaceAddress(address, mask));
        ipv4->SetMetric(interface, 1);
        ipv4->SetUp(interface);
        addresses.push_back(address);
    }
    if (config.queueDisc != "none")
    {
        TrafficControlHelper tch;
        if (config.queueDisc == "pfifo-fast")
        {
            tch.SetRootQueueDisc("ns3::PfifoFastQueueDisc");
        }
        else
        {
            tch.SetRootQueueDisc("ns3::FqCoDelQueueDisc");
        }
        tch.Install(devices);
    }
    return addresses;
}

void
PrefillArp(const Network& network)
{
    Ptr<Ipv4L3Protocol> serverIp = network.Server()->GetObject<Ipv4L3Protocol>();
    for (uint32_t i = 1; i < serverIp->GetNInterfaces(); ++i)
    {
        Ptr<Ipv4Interface> serverIf = serverIp->GetInterface(i);
        Ptr<NetDevice> serverDev = serverIf->GetDevice();
        Ptr<Channel> channel = serverDev->GetChannel();
        for (std::size_t d = 0; d < channel->GetNDevices(); ++d)
        {
            Ptr<NetDevice> peerDev = channel->GetDevice(d);
            Ptr<Ipv4L3Protocol> peerIp = peerDev->GetNode()->GetObject<Ipv4L3Protocol>();
            if (peerDev == serverDev || !peerIp)
            {
                continue;
            }
            Ptr<Ipv4Interface> peerIf =
                peerIp->GetInterface(peerIp->GetInterfaceForDevice(peerDev));
            auto add = [](Ptr<Ipv4Interface> at, Ptr<Ipv4Interface> of)
            {
                if (!at->GetArpCache())
                {
                    return; // a link without ARP (point-to-point)
                }
                ArpCache::Entry* entry = at->GetArpCache()->Add(of->GetAddress(0).GetLocal());
                entry->SetMacAddress(of->GetDevice()->GetAddress());
                entry->MarkPermanent();
            };
            add(serverIf, peerIf);
            add(peerIf, serverIf);
        }
    }
}

std::string
DeviceQueueType()
{
    return "ns3::DropTailQueue<Packet>";
}

} // namespace gcsim
} // namespace ns3
