#include "shortest-path-routing.h"

#include "network.h"
#include "routing-graph.h"

#include <algorithm>
#include <memory>
#include <ns3/ipv4-list-routing.h>
#include <ns3/ipv4-route.h>
#include <ns3/log.h>
#include <ns3/node-list.h>
#include <ns3/output-stream-wrapper.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimShortestPathRouting");

NS_OBJECT_ENSURE_REGISTERED(ShortestPathRouting);

TypeId
ShortestPathRouting::GetTypeId()
{
    static TypeId tid = TypeId("ns3::gcsim::ShortestPathRouting")
                            .SetParent<Ipv4RoutingProtocol>()
                            .SetGroupName("Gcsim")
                            .AddConstructor<ShortestPathRouting>();
    return tid;
}

ShortestPathRouting::ShortestPathRouting()
{
    NS_LOG_FUNCTION(this);
}

ShortestPathRouting::~ShortestPathRouting()
{
    NS_LOG_FUNCTION(this);
}

namespace
{

uint64_t
SubnetKey(uint32_t network, Ipv4Mask mask)
{
    return uint64_t(mask.GetPrefixLength()) << 32 | network;
}

} // namespace

ShortestPathRouting::Table&
ShortestPathRouting::TableOf(Ipv4Mask mask)
{
    auto it = std::find_if(m_routes.begin(), m_routes.end(),
                           [&](const auto& group) { return group.first == mask; });
    if (it == m_routes.end())
    {
        m_routes.push_back({mask, {}});
        std::sort(m_routes.begin(), m_routes.end(),
                  [](const auto& a, const auto& b)
                  { return a.first.GetPrefixLength() > b.first.GetPrefixLength(); });
        it = std::find_if(m_routes.begin(), m_routes.end(),
                          [&](const auto& group) { return group.first == mask; });
    }
    return it->second;
}

bool
ShortestPathRouting::IsShared(uint32_t network, Ipv4Mask mask) const
{
    return m_shared && m_shared->count(SubnetKey(network, mask)) > 0;
}

void
ShortestPathRouting::ShareSubnets(std::shared_ptr<const SubnetSet> subnets)
{
    NS_LOG_FUNCTION(this);
    m_shared = std::move(subnets);
}

void
ShortestPathRouting::AddNetworkRoute(Ipv4Address network, Ipv4Mask mask, uint32_t interface,
                                     Ipv4Address gateway)
{
    NS_LOG_FUNCTION(this << network << mask << interface << gateway);
    uint32_t key = network.CombineMask(mask).Get();
    Table& table = TableOf(mask);
    if (IsShared(key, mask))
    {
        if (!m_hasCommon)
        {
            m_hasCommon = true;
            m_common = {interface, gateway};
        }
        if (interface == m_common.interface && gateway == m_common.gateway)
        {
            table.erase(key); // the common next hop serves it
            return;
        }
    }
    table[key] = {interface, gateway};
}

void
ShortestPathRouting::AddNoRoute(Ipv4Address network, Ipv4Mask mask)
{
    NS_LOG_FUNCTION(this << network << mask);
    uint32_t key = network.CombineMask(mask).Get();
    if (IsShared(key, mask))
    {
        TableOf(mask)[key] = {kNoRoute, Ipv4Address()};
    }
}

void
ShortestPathRouting::SetDefaultRoute(uint32_t interface, Ipv4Address gateway)
{
    NS_LOG_FUNCTION(this << interface << gateway);
    m_hasDefault = true;
    m_default = {interface, gateway};
}

std::size_t
ShortestPathRouting::GetNRoutes() const
{
    std::size_t n = m_hasDefault ? 1 : 0;
    for (const auto& [mask, table] : m_routes)
    {
        for (const auto& [network, hop] : table)
        {
            n += hop.interface != kNoRoute;
        }
        if (m_hasCommon)
        {
            for (uint64_t subnet : *m_shared)
            {
                n += (subnet >> 32) == mask.GetPrefixLength() && !table.count(uint32_t(subnet));
            }
        }
    }
    return n;
}

Ptr<Ipv4Route>
ShortestPathRouting::Lookup(Ipv4Address destination) const
{
    const NextHop* hop = nullptr;
    for (const auto& [mask, table] : m_routes)
    {
        uint32_t key = destination.CombineMask(mask).Get();
        auto it = table.find(key);
        if (it != table.end())
        {
            if (it->second.interface == kNoRoute)
            {
                continue;
            }
            hop = &it->second;
            break;
        }
        if (m_hasCommon && IsShared(key, mask))
        {
            hop = &m_common;
            break;
        }
    }
    if (!hop && m_hasDefault)
    {
        hop = &m_default;
    }
    if (!hop)
    {
        return nullptr;
    }
    Ptr<Ipv4Route> route = Create<Ipv4Route>();
    route->SetDestination(destination);
    route->SetGateway(hop->gateway);
    route->SetSource(m_ipv4->GetAddress(hop->interface, 0).GetLocal());
    route->SetOutputDevice(m_ipv4->GetNetDevice(hop->interface));
    return route;
}

Ptr<Ipv4Route>
ShortestPathRouting::RouteOutput(Ptr<Packet>, const Ipv4Header& header, Ptr<NetDevice> oif,
                                 Socket::SocketErrno& sockerr)
{
    NS_LOG_FUNCTION(this << oif);
    Ipv4Address destination = header.GetDestination();
    Ptr<Ipv4Route> route;
    if (!destination.IsMulticast() && !destination.IsBroadcast())
    {
        route = Lookup(destination);
        if (route && oif && route->GetOutputDevice() != oif)
        {
            route = nullptr;
        }
    }
    sockerr = route ? Socket::ERROR_NOTERROR : Socket::ERROR_NOROUTETOHOST;
    return route;
}

bool
ShortestPathRouting::RouteInput(Ptr<const Packet> p, const Ipv4Header& header, Ptr<const NetDevice>,
                                UnicastForwardCallback ucb, MulticastForwardCallback,
                                LocalDeliverCallback, ErrorCallback)
{
    NS_LOG_FUNCTION(this << p);
    // Ipv4ListRouting has already delivered local and multicast packets.
    Ipv4Address destination = header.GetDestination();
    if (destination.IsMulticast() || destination.IsBroadcast())
    {
        return false;
    }
    Ptr<Ipv4Route> route = Lookup(destination);
    if (!route)
    {
        return false;
    }
    ucb(route, p, header);
    return true;
}

void
ShortestPathRouting::NotifyInterfaceUp(uint32_t)
{
    NS_LOG_FUNCTION(this);
}

void
ShortestPathRouting::NotifyInterfaceDown(uint32_t)
{
    NS_LOG_FUNCTION(this);
}

void
ShortestPathRouting::NotifyAddAddress(uint32_t, Ipv4InterfaceAddress)
{
    NS_LOG_FUNCTION(this);
}

void
ShortestPathRouting::NotifyRemoveAddress(uint32_t, Ipv4InterfaceAddress)
{
    NS_LOG_FUNCTION(this);
}

void
ShortestPathRouting::SetIpv4(Ptr<Ipv4> ipv4)
{
    NS_LOG_FUNCTION(this << ipv4);
    m_ipv4 = ipv4;
}

void
ShortestPathRouting::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit) const
{
    std::ostream& os = *stream->GetStream();
    for (const auto& [mask, table] : m_routes)
    {
        for (const auto& [network, hop] : table)
        {
            if (hop.interface != kNoRoute)
            {
                os << Ipv4Address(network) << "/" << mask.GetPrefixLength() << " via "
                   << hop.gateway << " if " << hop.interface << '\n';
            }
        }
        if (m_hasCommon)
        {
            for (uint64_t subnet : *m_shared)
            {
                if ((subnet >> 32) == mask.GetPrefixLength() && !table.count(uint32_t(subnet)))
                {
                    os << Ipv4Address(uint32_t(subnet)) << "/" << mask.GetPrefixLength() << " via "
                       << m_common.gateway << " if " << m_common.interface << '\n';
                }
            }
        }
    }
    if (m_hasDefault)
    {
        os << "default via " << m_default.gateway << " if " << m_default.interface << '\n';
    }
}

namespace
{

Ptr<ShortestPathRouting>
RoutingOf(Ptr<Node> node)
{
    auto list = DynamicCast<Ipv4ListRouting>(node->GetObject<Ipv4>()->GetRoutingProtocol());
    for (uint32_t i = 0; list && i < list->GetNRoutingProtocols(); ++i)
    {
        int16_t priority;
        if (auto spr = DynamicCast<ShortestPathRouting>(list->GetRoutingProtocol(i, priority)))
        {
            return spr;
        }
    }
    return nullptr;
}

} // namespace

void
ShortestPathRouting::Clear()
{
    NS_LOG_FUNCTION(this);
    m_routes.clear();
    m_shared = nullptr;
    m_hasCommon = false;
    m_hasDefault = false;
}

void
ShortestPathRouting::Populate(const Network& network)
{
    NS_LOG_FUNCTION_NOARGS();
    Populate(network, RoutingGraph(network));
}

void
ShortestPathRouting::Populate(const Network& network, const RoutingGraph& graph)
{
    NS_LOG_FUNCTION_NOARGS();
    for (NodeContainer nodes : {network.hosts, network.routers})
    {
        for (uint32_t n = 0; n < nodes.GetN(); ++n)
        {
            if (auto routing = RoutingOf(nodes.Get(n)))
            {
                routing->Clear();
            }
        }
    }
    // Hosts: a default route through the first router on their first link.
    for (uint32_t h = 0; h < network.hosts.GetN(); ++h)
    {
        Ptr<Node> host = network.hosts.Get(h);
        auto routing = RoutingOf(host);
        for (const auto& a : graph.Attachments(host->GetId()))
        {
            auto nodes = graph.NodesOn(a.link);
            auto router = std::find_if(nodes.begin(), nodes.end(),
                                       [&](uint32_t n) { return graph.IsRouter(n); });
            if (routing && router != nodes.end())
            {
                routing->SetDefaultRoute(a.interface, graph.AddressOn(*router, a.link));
                break;
            }
        }
    }
    // Routers: one search per link with hosts on it.
    std::vector<uint32_t> routerIds(network.routers.GetN());
    std::vector<Ptr<ShortestPathRouting>> routerRouting(network.routers.GetN());
    for (uint32_t r = 0; r < network.routers.GetN(); ++r)
    {
        routerIds[r] = network.routers.Get(r)->GetId();
        routerRouting[r] = RoutingOf(network.routers.Get(r));
    }
    // The subnets with hosts, which every router is told about.
    std::vector<std::pair<uint32_t, Ipv4InterfaceAddress>> hostLinks;
    auto shared = std::make_shared<SubnetSet>();
    for (uint32_t l = 0; l < network.links.size(); ++l)
    {
        const auto& nodes = graph.NodesOn(l);
        bool hasHost =
            std::any_of(nodes.begin(), nodes.end(), [&](uint32_t n) { return !graph.IsRouter(n); });
        if (!hasHost || nodes.empty())
        {
            continue;
        }
        Ptr<Ipv4> anyEnd = NodeList::GetNode(nodes.front())->GetObject<Ipv4>();
        Ipv4InterfaceAddress subnet = anyEnd->GetAddress(graph.InterfaceOn(nodes.front(), l), 0);
        hostLinks.emplace_back(l, subnet);
        shared->insert(
            SubnetKey(subnet.GetLocal().CombineMask(subnet.GetMask()).Get(), subnet.GetMask()));
    }
    for (const auto& routing : routerRouting)
    {
        if (routing)
        {
            routing->ShareSubnets(shared);
        }
    }
    RoutingGraph::Tree tree;
    std::vector<uint64_t> touched;
    for (const auto& [l, subnet] : hostLinks)
    {
        graph.RoutersFromLink(l, tree, touched);
        for (uint32_t r = 0; r < network.routers.GetN(); ++r)
        {
            uint32_t router = routerIds[r];
            int64_t parent = tree.parent[router];
            if (!tree.reached[router] || parent < 0 || graph.LinkOf(parent) == l)
            {
                // Unreachable, or on the link itself (a connected route).
                routerRouting[r]->AddNoRoute(subnet.GetLocal(), subnet.GetMask());
                continue;
            }
            uint32_t via = graph.LinkOf(parent);
            auto next = static_cast<uint32_t>(tree.parent[parent]);
            routerRouting[r]->AddNetworkRoute(subnet.GetLocal(), subnet.GetMask(),
                                              graph.InterfaceOn(router, via),
                                              graph.AddressOn(next, via));
        }
    }
}

} // namespace gcsim
} // namespace ns3
