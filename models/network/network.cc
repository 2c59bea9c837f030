#include "network.h"

#include "adhoc-topology.h"
#include "config-error.h"
#include "dumbbell-topology.h"
#include "grid-topology.h"
#include "lan-topology.h"
#include "map-topology.h"
#include "mesh-routing.h"
#include "network-constants.h"
#include "p2p-topology.h"
#include "ring-topology.h"
#include "shortest-path-routing.h"
#include "source-specific-routing.h"
#include "star-topology.h"
#include "tree-topology.h"
#include "waxman-topology.h"
#include "wifi-airtime.h"
#include "wifi-topology.h"

#include <algorithm>
#include <cmath>
#include <ns3/aodv-helper.h>
#include <ns3/arp-cache.h>
#include <ns3/arp-l3-protocol.h>
#include <ns3/boolean.h>
#include <ns3/bridge-helper.h>
#include <ns3/csma-helper.h>
#include <ns3/csma-net-device.h>
#include <ns3/icmpv4-l4-protocol.h>
#include <ns3/internet-stack-helper.h>
#include <ns3/ipv4-interface.h>
#include <ns3/ipv4-l3-protocol.h>
#include <ns3/ipv4-list-routing.h>
#include <ns3/ipv4-static-routing-helper.h>
#include <ns3/ipv4-static-routing.h>
#include <ns3/log.h>
#include <ns3/node-list.h>
#include <ns3/olsr-helper.h>
#include <ns3/point-to-point-helper.h>
#include <ns3/point-to-point-net-device.h>
#include <ns3/queue-size.h>
#include <ns3/traffic-control-helper.h>
#include <ns3/traffic-control-layer.h>
#include <ns3/udp-l4-protocol.h>
#include <ns3/wifi-helper.h>
#include <ns3/yans-wifi-channel.h>
#include <random>
#include <stdexcept>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimNetwork");

uint32_t
Link::FrameBytes(uint32_t ipBytes) const
{
    switch (framing)
    {
        case Framing::PPP:
            return ipBytes + 2;
        case Framing::WIFI:
            return ipBytes + 36;
        case Framing::CSMA:
        case Framing::BRIDGE:
        default:
            return std::max<uint32_t>(ipBytes, 46) + 18;
    }
}

Time
Link::HopTime(uint32_t ipBytes) const
{
    if (framing == Framing::WIFI)
    {
        // A lone frame on an idle medium: DIFS, then the frame in the link's mode.
        return WifiAirtime::Difs(WifiAirtime::Band24(mode), true) +
               WifiAirtime::Frame(FrameBytes(ipBytes), mode);
    }
    return rate.CalculateBytesTxTime(FrameBytes(ipBytes)) + delay;
}

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

bool
Network::IsRouted() const
{
    return routers.GetN() > 0;
}

std::string
Network::NodeName(uint32_t nodeId) const
{
    return nodeId < names.size() ? names[nodeId] : "node" + std::to_string(nodeId);
}

std::string
RoutingMetricName(RoutingMetric metric)
{
    switch (metric)
    {
        case RoutingMetric::WEIGHT:
            return "weight";
        case RoutingMetric::DELAY:
            return "delay";
        default:
            return "hops";
    }
}

Time
DistanceDelay(double km)
{
    return NanoSeconds(
        std::max<int64_t>(kMinDistanceDelayNs, std::llround(km * kPropagationNsPerKm)));
}

const std::vector<TopologyEntry>&
TopologyTable()
{
    static const std::vector<TopologyEntry> table = {
        {"p2p", &BuildP2p, "P1 and one client on a point-to-point link"},
        {"lan", &BuildLan, "P1 and N clients on one CSMA (Ethernet) segment"},
        {"star", &BuildStar,
         "every host on its own cable to one Ethernet switch; igmp_snooping on or off"},
        {"tree", &BuildTree,
         "a complete fanout-ary router tree; P1 at the root, a client LAN per leaf"},
        {"dumbbell", &BuildDumbbell, "a bottleneck between two routers; a client LAN on each"},
        {"ring", &BuildRing, "routers in a ring; a client LAN per router"},
        {"grid", &BuildGrid, "rows x columns routers in a grid; a client LAN per router"},
        {"waxman", &BuildWaxman, "a Waxman random router graph; client LANs on seeded routers"},
        {"wifi", &BuildWifi,
         "one Wi-Fi BSS: P1 cabled to the access point (or a station), N stations placed "
         "around it"},
        {"adhoc", &BuildAdhoc,
         "P1 and N stations in one ad hoc mesh: unicast by AODV or OLSR, group datagrams "
         "flooded (every node rebroadcasts once, or with a probability)"},
        {"file", &BuildFromMap,
         "routers and links from an Inet, Orbis or Rocketfuel map; client LANs on seeded or listed "
         "routers"},
    };
    return table;
}

namespace
{

/**
 * How long routers remember a flooded packet. ns-3 forgets one DuplicateExpire (1 ms by
 * default) after its last copy, while on a graph with cycles another copy can arrive a link
 * delay or more later and would be flooded again. A copy lives at most kInitialTtl router
 * hops, each a link delay plus transmission and queueing: routers remember a packet for
 * kInitialTtl times the longest link delay, plus one second.
 */
void
RememberFloodedPackets(const Network& network)
{
    Time longest;
    for (const Link& link : network.links)
    {
        longest = std::max(longest, link.delay);
    }
    Time memory = Seconds(1) + longest * int64_t(kInitialTtl);
    for (uint32_t r = 0; r < network.routers.GetN(); ++r)
    {
        network.routers.Get(r)->GetObject<Ipv4L3Protocol>()->SetAttribute("DuplicateExpire",
                                                                          TimeValue(memory));
    }
}

} // namespace

Network
BuildNetwork(const TopologyConfig& config)
{
    NS_LOG_FUNCTION(config.kind);
    for (const auto& entry : TopologyTable())
    {
        if (config.kind == entry.kind)
        {
            Network network = entry.build(config);
            network.metric = config.routingMetric;
            NS_LOG_INFO(config.kind << ": " << network.hosts.GetN() << " hosts, "
                                    << network.routers.GetN() << " routers, "
                                    << network.switches.GetN() << " switches, "
                                    << network.links.size() << " links");
            RememberFloodedPackets(network);
            AssignStreams(network);
            if (network.IsRouted())
            {
                ShortestPathRouting::Populate(network);
            }
            if (config.staticArp)
            {
                PrefillArp(network, config.clientPairsArp);
            }
            return network;
        }
    }
    throw std::invalid_argument("unknown topology kind '" + config.kind + "'");
}

NetworkBuilder::NetworkBuilder(const TopologyConfig& config, bool routed)
  : m_config(config)
  , m_routed(routed)
{
    NS_LOG_FUNCTION(this << routed);
}

Network&
NetworkBuilder::Get()
{
    NS_LOG_FUNCTION(this);
    return m_network;
}

const TopologyConfig&
NetworkBuilder::Config() const
{
    return m_config;
}

namespace
{

/**
 * Gives each node the IPv4 stack gcsim's models use: ARP, IPv4 with static (and, on routed
 * networks, shortest-path) routing, ICMP, traffic control and UDP. It is
 * InternetStackHelper::Install with IPv4 only, in the same order, less TCP and the packet
 * socket factory, which nothing here uses; at 100,000 hosts they were a fifth of the build.
 */
void
InstallStack(NodeContainer nodes, bool routed,
             const NetworkBuilder::MakeRouting& makeRouting = nullptr)
{
    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        Ptr<Node> node = nodes.Get(i);
        Ptr<ArpL3Protocol> arp = CreateObject<ArpL3Protocol>();
        node->AggregateObject(arp);
        Ptr<Ipv4L3Protocol> ipv4 = CreateObject<Ipv4L3Protocol>();
        node->AggregateObject(ipv4);
        node->AggregateObject(CreateObject<Icmpv4L4Protocol>());
        Ptr<Ipv4ListRouting> list =
            makeRouting ? makeRouting(node) : CreateObject<Ipv4ListRouting>();
        // Static routing whose multicast routes match by source (one tree per sender).
        list->AddRoutingProtocol(CreateObject<SourceSpecificRouting>(), 10);
        ipv4->SetRoutingProtocol(list);
        // Hosts keep ns-3's IpForward = true: with it off, Ipv4ListRouting reports every
        // multicast datagram a host has delivered as a routing error. Hosts hold no
        // multicast routes and get no transit unicast, so they forward nothing.
        if (routed)
        {
            list->AddRoutingProtocol(CreateObject<ShortestPathRouting>(), 0);
        }
        Ptr<TrafficControlLayer> tc = CreateObject<TrafficControlLayer>();
        node->AggregateObject(tc);
        node->AggregateObject(CreateObject<UdpL4Protocol>());
        arp->SetTrafficControl(tc);
    }
}

void
Name(Network& network, Ptr<Node> node, const std::string& name)
{
    if (network.names.size() <= node->GetId())
    {
        network.names.resize(node->GetId() + 1);
    }
    network.names[node->GetId()] = name;
}

} // namespace

void
NetworkBuilder::CreateHosts(uint32_t clients, const MakeRouting& makeRouting)
{
    NS_LOG_FUNCTION(this << clients);
    m_network.hosts.Create(clients + 1);
    InstallStack(m_network.hosts, m_routed, makeRouting);
    for (uint32_t i = 0; i < m_network.hosts.GetN(); ++i)
    {
        Name(m_network, m_network.hosts.Get(i), i == 0 ? "P1" : "C" + std::to_string(i));
    }
    m_network.clientAddresses.resize(clients);
}

Ptr<Node>
NetworkBuilder::AddRouter()
{
    NS_LOG_FUNCTION(this);
    Ptr<Node> router = CreateObject<Node>();
    InstallStack(NodeContainer(router), m_routed);
    // Flooded packets (the flood variant, network-wide broadcast) reach a router more than
    // once on graphs with cycles; with duplicate detection the router forwards the first only.
    router->GetObject<Ipv4L3Protocol>()->SetAttribute("EnableDuplicatePacketDetection",
                                                      BooleanValue(m_config.duplicateDetection));
    Name(m_network, router, "R" + std::to_string(m_network.routers.GetN()));
    m_network.routers.Add(router);
    return router;
}

Ptr<Node>
NetworkBuilder::AddSwitch()
{
    NS_LOG_FUNCTION(this);
    Ptr<Node> sw = CreateObject<Node>();
    Name(m_network, sw, "S" + std::to_string(m_network.switches.GetN()));
    m_network.switches.Add(sw);
    return sw;
}

Ipv4Address
NetworkBuilder::Allocate(uint32_t addresses, Ipv4Mask& mask)
{
    NS_LOG_FUNCTION(this << addresses);
    uint32_t size = 4;
    while (size < addresses + 2)
    {
        size <<= 1;
    }
    uint32_t base = (m_nextSubnet + size - 1) & ~(size - 1);
    if (base + size > 0x0b000000)
    {
        throw std::invalid_argument("the network needs more addresses than 10.0.0.0/8 holds");
    }
    m_nextSubnet = base + size;
    mask = Ipv4Mask(~(size - 1));
    return Ipv4Address(base);
}

std::vector<Ipv4Address>
NetworkBuilder::Number(const NetDeviceContainer& devices)
{
    NS_LOG_FUNCTION(this);
    Ipv4Mask mask;
    Ipv4Address base = Allocate(devices.GetN(), mask);
    std::vector<Ipv4Address> addresses;
    addresses.reserve(devices.GetN());
    for (uint32_t i = 0; i < devices.GetN(); ++i)
    {
        Ptr<NetDevice> device = devices.Get(i);
        Ptr<Ipv4> ipv4 = device->GetNode()->GetObject<Ipv4>();
        int32_t interface = ipv4->AddInterface(device);
        Ipv4Address address(base.Get() + 1 + i);
        ipv4->AddAddress(interface, Ipv4InterfaceAddress(address, mask));
        ipv4->SetMetric(interface, 1);
        ipv4->SetUp(interface);
        addresses.push_back(address);
        // A host's first address is the one the experiment knows it by.
        uint32_t first = m_network.hosts.GetN() ? m_network.hosts.Get(0)->GetId() : 0;
        uint32_t id = device->GetNode()->GetId();
        if (m_network.hosts.GetN() && id >= first && id - first < m_network.hosts.GetN())
        {
            uint32_t h = id - first;
            Ipv4Address& known =
                h == 0 ? m_network.serverAddress : m_network.clientAddresses[h - 1];
            if (known == Ipv4Address())
            {
                known = address;
            }
        }
    }
    if (m_config.queueDisc != "none")
    {
        TrafficControlHelper tch;
        tch.SetRootQueueDisc(m_config.queueDisc == "pfifo-fast" ? "ns3::PfifoFastQueueDisc"
                                                                : "ns3::FqCoDelQueueDisc");
        tch.Install(devices);
    }
    return addresses;
}

namespace
{

/// A CSMA helper for Ethernet cables and segments of \p rate and \p delay, with a drop-tail
/// device queue of \p queueSize.
CsmaHelper
Csma(DataRate rate, Time delay, const std::string& queueSize)
{
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", DataRateValue(rate));
    csma.SetChannelAttribute("Delay", TimeValue(delay));
    csma.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize", QueueSizeValue(QueueSize(queueSize)));
    return csma;
}

} // namespace

std::size_t
NetworkBuilder::AddP2p(Ptr<Node> a, Ptr<Node> b, DataRate rate, Time delay)
{
    NS_LOG_FUNCTION(this << a << b << rate << delay);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", DataRateValue(rate));
    p2p.SetChannelAttribute("Delay", TimeValue(delay));
    p2p.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize",
                 QueueSizeValue(QueueSize(m_config.queueSize)));
    NetDeviceContainer devices = p2p.Install(a, b);
    Number(devices);
    return AddLink("p2p", devices, rate, delay, Framing::PPP);
}

std::size_t
NetworkBuilder::AddLan(const NodeContainer& nodes, DataRate rate, Time delay)
{
    NS_LOG_FUNCTION(this << rate << delay);
    NetDeviceContainer devices = Csma(rate, delay, m_config.queueSize).Install(nodes);
    Number(devices);
    return AddLink("lan", devices, rate, delay, Framing::CSMA);
}

std::size_t
NetworkBuilder::AddSwitchPort(Ptr<Node> host, Ptr<Node> sw, DataRate rate, Time delay)
{
    NS_LOG_FUNCTION(this << host << sw << rate << delay);
    NetDeviceContainer devices =
        Csma(rate, delay, m_config.queueSize).Install(NodeContainer(host, sw));
    m_switchedHostDevices.Add(devices.Get(0));
    return AddLink("port", devices, rate, delay, Framing::BRIDGE);
}

std::size_t
NetworkBuilder::AddLink(const std::string& prefix, const NetDeviceContainer& devices, DataRate rate,
                        Time delay, Framing framing)
{
    NS_LOG_FUNCTION(this << prefix << rate << delay);
    Link link{prefix + std::to_string(m_network.links.size()),
              devices.Get(0)->GetChannel(),
              {},
              rate,
              delay,
              framing,
              0.0,
              {},
              1,
              "",
              0};
    for (uint32_t i = 0; i < devices.GetN(); ++i)
    {
        link.ends.push_back(devices.Get(i));
    }
    AddLoss(link, framing == Framing::BRIDGE);
    m_network.links.push_back(std::move(link));
    return m_network.links.size() - 1;
}

void
NetworkBuilder::AddLoss(Link& link, bool switchPort)
{
    NS_LOG_FUNCTION(this << switchPort);
    // An access link has a host at one end; every other link joins routers (or switches).
    uint32_t hosts = m_network.hosts.GetN();
    uint32_t first = hosts ? m_network.hosts.Get(0)->GetId() : 0;
    bool access = false;
    for (const auto& device : link.ends)
    {
        uint32_t id = device->GetNode()->GetId();
        access = access || (id >= first && id - first < hosts);
    }
    link.loss = access ? m_config.loss : m_config.coreLoss;
    if (link.loss <= 0)
    {
        return;
    }
    for (std::size_t e = 0; e < link.ends.size(); ++e)
    {
        Ptr<NetDevice> device = link.ends[e];
        bool everyFrame = link.framing == Framing::PPP || (switchPort && e == 1);
        Ptr<FrameLoss> loss = FrameLoss::Create(
            link.loss, everyFrame ? FrameLoss::EVERY : FrameLoss::ADDRESSED,
            everyFrame ? Mac48Address() : Mac48Address::ConvertFrom(device->GetAddress()));
        if (auto csma = DynamicCast<CsmaNetDevice>(device))
        {
            csma->SetReceiveErrorModel(loss);
        }
        else
        {
            DynamicCast<PointToPointNetDevice>(device)->SetReceiveErrorModel(loss);
        }
        link.lossModels.push_back(loss);
    }
}

std::size_t
NetworkBuilder::AddWifi(const NetDeviceContainer& devices, DataRate rate, bool bridged)
{
    NS_LOG_FUNCTION(this << rate << bridged);
    if (bridged)
    {
        for (uint32_t i = 1; i < devices.GetN(); ++i)
        {
            m_switchedHostDevices.Add(devices.Get(i));
        }
    }
    Link link{"wlan" + std::to_string(m_network.links.size()),
              devices.Get(0)->GetChannel(),
              {},
              rate,
              Time(0),
              Framing::WIFI,
              0.0,
              {},
              1,
              "",
              0};
    for (uint32_t i = 0; i < devices.GetN(); ++i)
    {
        link.ends.push_back(devices.Get(i));
    }
    m_network.links.push_back(std::move(link));
    return m_network.links.size() - 1;
}

std::size_t
NetworkBuilder::AddMesh(const NetDeviceContainer& devices, DataRate rate)
{
    NS_LOG_FUNCTION(this << rate);
    Number(devices);
    std::size_t index = AddWifi(devices, rate, false);
    return index;
}

void
NetworkBuilder::AssignSwitchedSubnet()
{
    NS_LOG_FUNCTION(this);
    Number(m_switchedHostDevices);
}

std::size_t
AttachHosts(NetworkBuilder& builder, const std::vector<Ptr<Node>>& routers, Placement placement)
{
    NS_LOG_FUNCTION_NOARGS();
    const TopologyConfig& config = builder.Config();
    Network& network = builder.Get();
    auto count = static_cast<uint32_t>(routers.size());
    int64_t server = config.serverRouter >= 0 ? config.serverRouter : 0;
    if (server >= count)
    {
        throw ConfigError("topology.server_router", "there is no router " + std::to_string(server) +
                                                        "; routers are numbered 0 to " +
                                                        std::to_string(count - 1));
    }
    std::vector<uint32_t> access = config.accessRouters;
    for (uint32_t a : access)
    {
        if (a >= count)
        {
            throw ConfigError("topology.access_routers", "there is no router " + std::to_string(a) +
                                                             "; routers are numbered 0 to " +
                                                             std::to_string(count - 1));
        }
    }
    if (access.empty())
    {
        uint32_t wanted = std::min(count, network.ClientCount());
        std::vector<uint32_t> all(count);
        for (uint32_t i = 0; i < count; ++i)
        {
            all[i] = i;
        }
        if (placement == Placement::SEEDED)
        {
            std::mt19937_64 rng(config.seed);
            for (uint32_t i = 0; i < wanted; ++i)
            {
                std::swap(all[i], all[i + rng() % (count - i)]);
            }
            std::sort(all.begin(), all.begin() + wanted);
        }
        access.assign(all.begin(), all.begin() + wanted);
    }
    std::size_t serverLink =
        builder.AddP2p(network.Server(), routers[server], config.dataRate, config.delay);
    Ipv4StaticRoutingHelper().SetDefaultMulticastRoute(network.Server(),
                                                       network.links[serverLink].ends[0]);
    uint32_t clients = network.ClientCount();
    uint32_t next = 1;
    for (std::size_t i = 0; i < access.size() && next <= clients; ++i)
    {
        uint32_t share = clients / access.size() + (i < clients % access.size() ? 1 : 0);
        NodeContainer lan(routers[access[i]]);
        for (uint32_t c = 0; c < share; ++c, ++next)
        {
            lan.Add(network.hosts.Get(next));
        }
        builder.AddLan(lan, config.dataRate, config.delay);
    }
    return serverLink;
}

namespace
{

/// The ad hoc hosts' unicast routing (OLSR or AODV) and their floods, from \p stream on.
void
AssignMeshStreams(const NodeContainer& hosts, int64_t stream)
{
    NodeContainer mesh;
    for (uint32_t i = 0; i < hosts.GetN(); ++i)
    {
        if (MeshRouting::Of(hosts.Get(i)))
        {
            mesh.Add(hosts.Get(i));
        }
    }
    if (mesh.GetN() == 0)
    {
        return;
    }
    stream += OlsrHelper().AssignStreams(mesh, stream);
    stream += AodvHelper().AssignStreams(mesh, stream);
    for (uint32_t i = 0; i < mesh.GetN(); ++i)
    {
        stream += MeshRouting::Of(mesh.Get(i))->AssignStreams(stream);
    }
}

} // namespace

void
AssignStreams(const Network& network)
{
    NS_LOG_FUNCTION_NOARGS();
    // Fixed stream numbers: every run of a process (one per delivery mode) then draws the
    // same random numbers (ARP jitter, CSMA backoff) for the same seed and run.
    int64_t stream = 0;
    InternetStackHelper internet;
    stream += internet.AssignStreams(network.hosts, stream);
    stream += internet.AssignStreams(network.routers, stream);
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
    // Wi-Fi devices (back-off, rate sampling) and their channel's fading, after the wired.
    for (const Link& link : network.links)
    {
        if (link.framing == Framing::WIFI)
        {
            NetDeviceContainer devices;
            for (const auto& device : link.ends)
            {
                devices.Add(device);
            }
            stream += WifiHelper().AssignStreams(devices, stream);
            stream += DynamicCast<YansWifiChannel>(link.channel)->AssignStreams(stream);
        }
    }
    // After every other stream, so that lossless networks draw what they always drew.
    for (const Link& link : network.links)
    {
        for (const auto& loss : link.lossModels)
        {
            stream += loss->AssignStreams(stream);
        }
    }
    AssignMeshStreams(network.hosts, stream);
}

void
AddArpEntry(Ptr<Ipv4Interface> at, Ptr<Ipv4Interface> of)
{
    Ipv4Address address = of->GetAddress(0).GetLocal();
    if (at->GetArpCache()->Lookup(address))
    {
        return;
    }
    ArpCache::Entry* entry = at->GetArpCache()->Add(address);
    entry->SetMacAddress(of->GetDevice()->GetAddress());
    entry->MarkPermanent();
}

void
PrefillArp(const Network& network, bool clientPairs)
{
    NS_LOG_FUNCTION(clientPairs);
    // Entries between every pair that shares a segment; on segments of more than 1024
    // hosts, or when clients do not send to one another, only the pairs that involve P1 or
    // a router (host-to-host pairs would need N²).
    constexpr std::size_t kAllPairsLimit = 1024;
    std::size_t allPairsLimit = clientPairs ? kAllPairsLimit : 0;
    std::vector<bool> hub(NodeList::GetNNodes(), false);
    hub[network.Server()->GetId()] = true;
    for (uint32_t r = 0; r < network.routers.GetN(); ++r)
    {
        hub[network.routers.Get(r)->GetId()] = true;
    }
    for (const Link& link : network.links)
    {
        std::vector<Ptr<Ipv4Interface>> interfaces;
        std::vector<std::size_t> hubs;
        for (const auto& device : link.ends)
        {
            auto ip = device->GetNode()->GetObject<Ipv4L3Protocol>();
            int32_t index = ip ? ip->GetInterfaceForDevice(device) : -1;
            if (index < 0 || !ip->GetInterface(index)->GetArpCache())
            {
                continue; // no IP here (a switch port) or no ARP (point-to-point)
            }
            if (hub[device->GetNode()->GetId()])
            {
                hubs.push_back(interfaces.size());
            }
            interfaces.push_back(ip->GetInterface(index));
        }
        if (interfaces.size() <= allPairsLimit)
        {
            for (std::size_t a = 0; a < interfaces.size(); ++a)
            {
                for (std::size_t b = 0; b < interfaces.size(); ++b)
                {
                    if (a != b)
                    {
                        AddArpEntry(interfaces[a], interfaces[b]);
                    }
                }
            }
            continue;
        }
        for (std::size_t h : hubs)
        {
            for (std::size_t b = 0; b < interfaces.size(); ++b)
            {
                if (b != h)
                {
                    AddArpEntry(interfaces[h], interfaces[b]);
                    AddArpEntry(interfaces[b], interfaces[h]);
                }
            }
        }
    }
}

Ipv4Address
NetworkBroadcastGroup()
{
    NS_LOG_FUNCTION_NOARGS();
    return Ipv4Address("239.255.255.255");
}

} // namespace gcsim
} // namespace ns3
