// Dense-mode multicast routing: flood and prune, as PIM-DM (RFC 3973) and ns-2's DM.
//
// What is modelled: RPF checks against the unicast shortest-path tree (RoutingGraph's
// searches, the same ties as unicast routing), flooding to every neighbour router and to
// every segment with members, Prunes sent upstream when a router has nowhere to forward,
// prune state that expires after the prune lifetime (the next datagram floods the branch
// again), Prunes answering datagrams that arrive on a point-to-point link that is not the
// RPF interface, and Grafts (acknowledged, retried every 3 s until acknowledged) when a
// member joins below a pruned branch. Not modelled: Hello messages and neighbour discovery
// (neighbours are known from the topology), Asserts and prune override on shared segments
// with several routers, State Refresh; an expired prune does not graft (the branch is
// simply flooded by the next datagram).

#include "dense-mode.h"

#include "../group/group-membership.h"

#include <cmath>
#include <ns3/inet-socket-address.h>
#include <ns3/ipv4-list-routing.h>
#include <ns3/ipv4-route.h>
#include <ns3/log.h>
#include <ns3/node-list.h>
#include <ns3/nstime.h>
#include <ns3/simulator.h>
#include <ns3/uinteger.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimDenseMode");

NS_OBJECT_ENSURE_REGISTERED(DenseModeRouting);
NS_OBJECT_ENSURE_REGISTERED(DenseMode);

namespace
{

/// How long a router waits for a Graft-Ack before it sends the Graft again (PIM-DM's
/// Graft_Retry_Period).
const Time kGraftRetry = Seconds(3);

} // namespace

TypeId
DenseModeRouting::GetTypeId()
{
    static TypeId tid = TypeId("ns3::gcsim::DenseModeRouting")
                            .SetParent<Ipv4RoutingProtocol>()
                            .SetGroupName("Gcsim");
    return tid;
}

DenseModeRouting::DenseModeRouting()
{
    NS_LOG_FUNCTION(this);
}

DenseModeRouting::~DenseModeRouting()
{
    NS_LOG_FUNCTION(this);
}

Ptr<Ipv4Route>
DenseModeRouting::RouteOutput(Ptr<Packet>, const Ipv4Header&, Ptr<NetDevice>,
                              Socket::SocketErrno& sockerr)
{
    NS_LOG_FUNCTION(this);
    sockerr = Socket::ERROR_NOROUTETOHOST; // routers originate no group traffic
    return nullptr;
}

bool
DenseModeRouting::RouteInput(Ptr<const Packet> p, const Ipv4Header& header,
                             Ptr<const NetDevice> idev, UnicastForwardCallback,
                             MulticastForwardCallback mcb, LocalDeliverCallback, ErrorCallback)
{
    NS_LOG_FUNCTION(this << p << idev);
    if (header.GetDestination() != m_model->m_group)
    {
        return false;
    }
    Source* s = SourceOf(header.GetSource());
    if (!s || s->rpf < 0)
    {
        return false;
    }
    auto iif = static_cast<uint32_t>(m_ipv4->GetInterfaceForDevice(idev));
    Time lifetime = m_model->m_pruneLifetime;
    if (static_cast<int32_t>(iif) != s->rpf)
    {
        NS_LOG_LOGIC("router " << m_node << ": datagram from " << s->address << " on interface "
                               << iif << ", not the RPF interface " << s->rpf << ": dropped");
        m_model->m_rpfDropTrace(m_node, iif);
        const Interface* in = InterfaceAt(iif);
        if (in && in->neighbours.size() == 1 && !in->hosts)
        {
            // A point-to-point link to a router that floods here: ask it to stop.
            auto last = s->lastRpfPrune.find(iif);
            if (last == s->lastRpfPrune.end() || Simulator::Now() >= last->second + lifetime)
            {
                s->lastRpfPrune[iif] = Simulator::Now();
                SendControl(DenseModeHeader::PRUNE, *s, in->neighbours.front().address);
            }
        }
        return true;
    }
    s->active = true;
    std::vector<uint32_t> outputs = Outputs(*s);
    if (outputs.empty())
    {
        NS_LOG_LOGIC("router " << m_node << " has nowhere to forward (" << s->address << ", "
                               << m_model->m_group << ")");
        if (s->rpfRouter && !UpstreamPruned(*s))
        {
            SendPrune(*s);
        }
        return true;
    }
    Ptr<Ipv4MulticastRoute> route = Create<Ipv4MulticastRoute>();
    route->SetGroup(header.GetDestination());
    route->SetOrigin(header.GetSource());
    route->SetParent(iif);
    for (uint32_t o : outputs)
    {
        route->SetOutputTtl(o, Ipv4MulticastRoute::MAX_TTL - 1);
    }
    mcb(route, p, header);
    return true;
}

void
DenseModeRouting::NotifyInterfaceUp(uint32_t)
{
    NS_LOG_FUNCTION(this);
}

void
DenseModeRouting::NotifyInterfaceDown(uint32_t)
{
    NS_LOG_FUNCTION(this);
}

void
DenseModeRouting::NotifyAddAddress(uint32_t, Ipv4InterfaceAddress)
{
    NS_LOG_FUNCTION(this);
}

void
DenseModeRouting::NotifyRemoveAddress(uint32_t, Ipv4InterfaceAddress)
{
    NS_LOG_FUNCTION(this);
}

void
DenseModeRouting::SetIpv4(Ptr<Ipv4> ipv4)
{
    NS_LOG_FUNCTION(this << ipv4);
    m_ipv4 = ipv4;
}

void
DenseModeRouting::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit) const
{
    std::ostream& os = *stream->GetStream();
    for (const auto& s : m_sources)
    {
        os << "(" << s.address << ", " << m_model->m_group << ") rpf " << s.rpf << " out";
        for (uint32_t o : Outputs(s))
        {
            os << " " << o;
        }
        os << (UpstreamPruned(s) ? " pruned upstream" : "") << "\n";
    }
}

bool
DenseModeRouting::UpstreamPruned(const Source& s) const
{
    return s.prunedUpstream && Simulator::Now() < s.lastPrune + m_model->m_pruneLifetime;
}

std::vector<uint32_t>
DenseModeRouting::Outputs(const Source& s) const
{
    std::vector<uint32_t> outputs;
    for (const Interface& i : m_interfaces)
    {
        if (static_cast<int32_t>(i.index) == s.rpf)
        {
            continue;
        }
        bool out = HasMembers(i);
        auto pruned = s.pruned.find(i.index);
        for (std::size_t n = 0; !out && n < i.neighbours.size(); ++n)
        {
            out = pruned == s.pruned.end() || !pruned->second.count(i.neighbours[n].node);
        }
        if (out)
        {
            outputs.push_back(i.index);
        }
    }
    return outputs;
}

bool
DenseModeRouting::HasMembers(const Interface& i) const
{
    return i.hosts && m_model->m_membership(m_node, i.index);
}

void
DenseModeRouting::SendControl(DenseModeHeader::Type type, const Source& s, Ipv4Address to)
{
    NS_LOG_FUNCTION(this << to);
    DenseModeHeader h;
    h.type = type;
    h.upstream = to;
    h.group = m_model->m_group;
    h.source = s.address;
    if (type == DenseModeHeader::PRUNE)
    {
        double seconds = std::ceil(m_model->m_pruneLifetime.GetSeconds());
        h.holdTime = static_cast<uint16_t>(std::min(seconds, 65535.0));
    }
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(h);
    Ptr<Packet> traced = packet->Copy();
    Ipv4Header ip;
    ip.SetDestination(to);
    ip.SetProtocol(DenseModeHeader::PROTOCOL);
    ip.SetTtl(1);
    ip.SetPayloadSize(packet->GetSize());
    traced->AddHeader(ip);
    m_model->m_controlTxTrace(m_node, traced, type);
    m_socket->SendTo(packet, 0, InetSocketAddress(to, 0));
}

void
DenseModeRouting::SetRpf(Source& s, const RoutingGraph& graph, const RoutingGraph::Tree& tree) const
{
    s.rpf = -1;
    s.rpfRouter = false;
    s.rpfNeighbour = Ipv4Address();
    if (tree.reached[m_node] && tree.parent[m_node] >= 0)
    {
        uint32_t link = graph.LinkOf(static_cast<uint64_t>(tree.parent[m_node]));
        s.rpf = graph.InterfaceOn(m_node, link);
        int64_t up = tree.parent[tree.parent[m_node]];
        if (up >= 0 && graph.IsRouter(static_cast<uint32_t>(up)))
        {
            s.rpfRouter = true;
            s.rpfNeighbour = graph.AddressOn(static_cast<uint32_t>(up), link);
        }
    }
}

void
DenseModeRouting::RpfMayChange(Source& s, const RoutingGraph& graph, const RoutingGraph::Tree& tree)
{
    NS_LOG_FUNCTION(this);
    int32_t before = s.rpf;
    Ipv4Address neighbourBefore = s.rpfNeighbour;
    SetRpf(s, graph, tree);
    if (s.rpf == before && s.rpfNeighbour == neighbourBefore)
    {
        return;
    }
    NS_LOG_INFO("router " << m_node << ": RPF interface for " << s.address << " now " << s.rpf
                          << " (was " << before << ")");
    // The new upstream router never had this router's Prune: a Graft there if anything
    // downstream wants the group (RFC 3973, 4.4.1: RPF'(S) changes with olist not empty).
    s.prunedUpstream = false;
    s.graftRetry.Cancel();
    s.pruned.erase(static_cast<uint32_t>(s.rpf));
    if (s.rpf >= 0 && s.rpfRouter && !Outputs(s).empty())
    {
        SendGraft(s);
    }
}

void
DenseModeRouting::SendPrune(Source& s)
{
    NS_LOG_FUNCTION(this);
    NS_LOG_INFO("router " << m_node << " prunes (" << s.address << ", " << m_model->m_group
                          << ") towards " << s.rpfNeighbour);
    SendControl(DenseModeHeader::PRUNE, s, s.rpfNeighbour);
    s.prunedUpstream = true;
    s.lastPrune = Simulator::Now();
    s.graftRetry.Cancel();
}

void
DenseModeRouting::SendGraft(Source& s)
{
    NS_LOG_FUNCTION(this);
    if (!s.rpfRouter)
    {
        return;
    }
    NS_LOG_INFO("router " << m_node << " grafts (" << s.address << ", " << m_model->m_group
                          << ") towards " << s.rpfNeighbour);
    SendControl(DenseModeHeader::GRAFT, s, s.rpfNeighbour);
    s.prunedUpstream = false;
    s.graftRetry.Cancel();
    auto index = static_cast<std::size_t>(&s - m_sources.data());
    s.graftRetry = Simulator::Schedule(kGraftRetry,
                                       [this, index]
                                       {
                                           Source& again = m_sources[index];
                                           if (!Outputs(again).empty())
                                           {
                                               NS_LOG_LOGIC("no Graft-Ack: graft again");
                                               SendGraft(again);
                                           }
                                       });
}

void
DenseModeRouting::Receive(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        Ipv4Header ip;
        packet->RemoveHeader(ip);
        // The raw socket sees every protocol-103 packet the node receives: keep ours.
        const Interface* in = nullptr;
        for (const Interface& i : m_interfaces)
        {
            if (i.address == ip.GetDestination())
            {
                in = &i;
            }
        }
        if (!in || packet->GetSize() < DenseModeHeader::SERIALIZED_SIZE)
        {
            continue;
        }
        DenseModeHeader h;
        packet->RemoveHeader(h);
        Source* s = SourceOf(h.source);
        const Neighbour* neighbour = nullptr;
        for (const Neighbour& n : in->neighbours)
        {
            if (n.address == ip.GetSource())
            {
                neighbour = &n;
            }
        }
        if (!s || !neighbour || h.group != m_model->m_group)
        {
            continue;
        }
        switch (h.type)
        {
            case DenseModeHeader::PRUNE:
                OnPrune(*s, in->index, neighbour->node);
                break;
            case DenseModeHeader::GRAFT:
                OnGraft(*s, in->index, neighbour->node, neighbour->address);
                break;
            case DenseModeHeader::GRAFT_ACK:
                NS_LOG_LOGIC("router " << m_node << ": graft acknowledged by " << ip.GetSource());
                s->graftRetry.Cancel();
                break;
        }
    }
}

void
DenseModeRouting::OnPrune(Source& s, uint32_t iface, uint32_t neighbour)
{
    NS_LOG_FUNCTION(this << iface << neighbour);
    if (static_cast<int32_t>(iface) == s.rpf)
    {
        return; // only routers downstream prune this one
    }
    NS_LOG_INFO("router " << m_node << ": neighbour " << neighbour << " prunes interface " << iface
                          << " for " << m_model->m_pruneLifetime.As(Time::MS));
    EventId& expiry = s.pruned[iface][neighbour];
    expiry.Cancel();
    auto index = static_cast<std::size_t>(&s - m_sources.data());
    expiry = Simulator::Schedule(m_model->m_pruneLifetime, &DenseModeRouting::PruneExpired, this,
                                 index, iface, neighbour);
    if (Outputs(s).empty() && s.rpfRouter && !UpstreamPruned(s))
    {
        SendPrune(s); // nothing left downstream: prune this router's branch too
    }
}

void
DenseModeRouting::OnGraft(Source& s, uint32_t iface, uint32_t neighbour, Ipv4Address from)
{
    NS_LOG_FUNCTION(this << iface << neighbour << from);
    NS_LOG_INFO("router " << m_node << ": neighbour " << neighbour << " grafts interface "
                          << iface);
    auto pruned = s.pruned.find(iface);
    if (pruned != s.pruned.end())
    {
        auto n = pruned->second.find(neighbour);
        if (n != pruned->second.end())
        {
            n->second.Cancel();
            pruned->second.erase(n);
        }
    }
    SendControl(DenseModeHeader::GRAFT_ACK, s, from);
    if (UpstreamPruned(s))
    {
        SendGraft(s);
    }
}

void
DenseModeRouting::PruneExpired(std::size_t source, uint32_t iface, uint32_t neighbour)
{
    NS_LOG_FUNCTION(this << source << iface << neighbour);
    auto& pruned = m_sources[source].pruned;
    auto it = pruned.find(iface);
    if (it != pruned.end())
    {
        NS_LOG_INFO("router " << m_node << ": prune of interface " << iface << " by neighbour "
                              << neighbour << " expired");
        it->second.erase(neighbour);
    }
}

void
DenseModeRouting::LocalMembershipChanged(uint32_t iface)
{
    NS_LOG_FUNCTION(this << iface);
    for (Source& s : m_sources)
    {
        if (static_cast<int32_t>(iface) == s.rpf || s.rpf < 0)
        {
            continue;
        }
        bool outputs = !Outputs(s).empty();
        if (outputs && UpstreamPruned(s))
        {
            SendGraft(s);
        }
        else if (!outputs && s.active && s.rpfRouter && !UpstreamPruned(s))
        {
            SendPrune(s);
        }
    }
}

const DenseModeRouting::Interface*
DenseModeRouting::InterfaceAt(uint32_t index) const
{
    for (const Interface& i : m_interfaces)
    {
        if (i.index == index)
        {
            return &i;
        }
    }
    return nullptr;
}

DenseModeRouting::Source*
DenseModeRouting::SourceOf(Ipv4Address address)
{
    for (Source& s : m_sources)
    {
        if (s.address == address)
        {
            return &s;
        }
    }
    return nullptr;
}

TypeId
DenseMode::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::gcsim::DenseMode")
            .SetParent<Object>()
            .SetGroupName("Gcsim")
            .AddConstructor<DenseMode>()
            .AddAttribute("PruneLifetime",
                          "How long a router keeps an interface pruned after a Prune; then the "
                          "next datagram floods it again (PIM-DM's default hold time is 210 s).",
                          TimeValue(Seconds(3)), MakeTimeAccessor(&DenseMode::m_pruneLifetime),
                          MakeTimeChecker(NanoSeconds(1)))
            .AddTraceSource("ControlTx",
                            "A router sends a Prune, Graft or Graft-Ack (the IPv4 packet).",
                            MakeTraceSourceAccessor(&DenseMode::m_controlTxTrace),
                            "ns3::gcsim::DenseMode::ControlTxCallback")
            .AddTraceSource("RpfDrop",
                            "A router drops a group datagram that came in on an interface other "
                            "than its RPF interface towards the source.",
                            MakeTraceSourceAccessor(&DenseMode::m_rpfDropTrace),
                            "ns3::gcsim::DenseMode::RpfDropCallback");
    return tid;
}

DenseMode::DenseMode()
{
    NS_LOG_FUNCTION(this);
}

DenseMode::~DenseMode()
{
    NS_LOG_FUNCTION(this);
}

void
DenseMode::Install(const Network& network, const RoutingGraph& graph, Ipv4Address group,
                   const std::vector<uint32_t>& sources)
{
    NS_LOG_FUNCTION(this << group);
    m_network = &network;
    m_graph = &graph;
    m_group = group;
    if (!m_membership)
    {
        m_membership = [this](uint32_t router, uint32_t iface)
        { return DefaultMembership(router, iface); };
    }
    m_sourceNodes = sources;
    std::vector<RoutingGraph::Tree> trees;
    std::vector<Ipv4Address> addresses;
    for (uint32_t source : sources)
    {
        trees.push_back(graph.FromNodes({source}));
        addresses.push_back(
            NodeList::GetNode(source)->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal());
    }
    for (uint32_t r = 0; r < network.routers.GetN(); ++r)
    {
        Ptr<Node> node = network.routers.Get(r);
        uint32_t id = node->GetId();
        Ptr<DenseModeRouting> routing = CreateObject<DenseModeRouting>();
        routing->m_model = this;
        routing->m_node = id;
        for (const auto& a : graph.Attachments(id))
        {
            DenseModeRouting::Interface i;
            i.index = a.interface;
            i.link = a.link;
            i.address = graph.AddressOn(id, a.link);
            for (uint32_t n : graph.NodesOn(a.link))
            {
                if (n == id)
                {
                    continue;
                }
                if (graph.IsRouter(n))
                {
                    i.neighbours.push_back({n, graph.AddressOn(n, a.link)});
                }
                else
                {
                    i.hosts = true;
                }
            }
            routing->m_interfaces.push_back(i);
        }
        for (std::size_t k = 0; k < sources.size(); ++k)
        {
            DenseModeRouting::Source s;
            s.address = addresses[k];
            routing->SetRpf(s, graph, trees[k]);
            routing->m_sources.push_back(s);
        }
        Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
        auto list = DynamicCast<Ipv4ListRouting>(ipv4->GetRoutingProtocol());
        NS_ABORT_MSG_UNLESS(list, "router " << id << " has no Ipv4ListRouting");
        list->AddRoutingProtocol(routing, 20); // ahead of static routing (10)
        routing->SetIpv4(ipv4);
        Ptr<Socket> socket = ipv4->CreateRawSocket();
        socket->SetAttribute("Protocol", UintegerValue(DenseModeHeader::PROTOCOL));
        socket->SetIpTtl(1);
        socket->SetRecvCallback(MakeCallback(&DenseModeRouting::Receive, routing));
        routing->m_socket = socket;
        m_routers[id] = routing;
    }
}

void
DenseMode::RoutesChanged()
{
    NS_LOG_FUNCTION(this);
    std::vector<RoutingGraph::Tree> trees;
    for (uint32_t source : m_sourceNodes)
    {
        trees.push_back(m_graph->FromNodes({source}));
    }
    for (auto& [id, routing] : m_routers)
    {
        for (std::size_t k = 0; k < m_sourceNodes.size(); ++k)
        {
            routing->RpfMayChange(routing->m_sources[k], *m_graph, trees[k]);
        }
    }
}

void
DenseMode::SetLocalMembership(LocalMembership membership)
{
    NS_LOG_FUNCTION(this);
    m_membership = std::move(membership);
}

void
DenseMode::LocalMembershipChanged(uint32_t router, uint32_t iface)
{
    NS_LOG_FUNCTION(this << router << iface);
    auto it = m_routers.find(router);
    if (it != m_routers.end())
    {
        it->second->LocalMembershipChanged(iface);
    }
}

Ipv4Address
DenseMode::GetGroup() const
{
    return m_group;
}

Time
DenseMode::GetPruneLifetime() const
{
    return m_pruneLifetime;
}

std::vector<DenseMode::RouterState>
DenseMode::ForwardingState() const
{
    NS_LOG_FUNCTION(this);
    std::vector<RouterState> state;
    for (const auto& [id, routing] : m_routers)
    {
        RouterState r;
        r.router = id;
        for (const auto& s : routing->m_sources)
        {
            if (s.active)
            {
                ++r.entries;
                r.interfaces += static_cast<uint32_t>(routing->Outputs(s).size());
            }
        }
        state.push_back(r);
    }
    return state;
}

bool
DenseMode::AnyHostOn(uint32_t router, uint32_t iface,
                     const std::function<bool(uint32_t host)>& test) const
{
    for (const auto& a : m_graph->Attachments(router))
    {
        if (a.interface != iface)
        {
            continue;
        }
        for (uint32_t n : m_graph->NodesOn(a.link))
        {
            if (!m_graph->IsRouter(n) && test(n))
            {
                return true;
            }
        }
    }
    return false;
}

bool
DenseMode::FacesServer(uint32_t router, uint32_t iface) const
{
    uint32_t server = m_network->Server()->GetId();
    return AnyHostOn(router, iface, [server](uint32_t host) { return host == server; });
}

bool
DenseMode::DefaultMembership(uint32_t router, uint32_t iface) const
{
    uint32_t server = m_network->Server()->GetId();
    Ipv4Address group = m_group;
    return AnyHostOn(router, iface,
                     [server, group](uint32_t host)
                     {
                         // P1 listens to the group's other senders (as every routing variant
                         // treats it).
                         if (host == server)
                         {
                             return true;
                         }
                         auto membership = NodeList::GetNode(host)->GetObject<GroupMembership>();
                         return membership && membership->IsMember(group);
                     });
}

void
DenseMode::DoDispose()
{
    NS_LOG_FUNCTION(this);
    for (auto& [id, routing] : m_routers)
    {
        routing->m_model = nullptr;
        routing->m_socket = nullptr;
    }
    m_routers.clear();
    m_membership = nullptr;
    Object::DoDispose();
}

} // namespace gcsim
} // namespace ns3
