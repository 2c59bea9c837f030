// An ad hoc node's routing: its list's protocols for unicast, flooding with duplicate
// detection (every node rebroadcasts a datagram at most once, with a probability per group)
// for group datagrams. Ipv4ListRouting hands every multicast datagram to the stack before
// asking its protocols, so the flood sits in front of the list, not in it: a forwarder's NIC
// takes in every group frame and only members may deliver.

#include "mesh-routing.h"

#include "network.h"

#include <ns3/double.h>
#include <ns3/ipv4-route.h>
#include <ns3/ipv4.h>
#include <ns3/log.h>
#include <ns3/node.h>
#include <ns3/simulator.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimMeshRouting");

NS_OBJECT_ENSURE_REGISTERED(MeshRouting);

TypeId
MeshRouting::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::gcsim::MeshRouting")
            .SetParent<Ipv4ListRouting>()
            .SetGroupName("Gcsim")
            .AddConstructor<MeshRouting>()
            .AddAttribute("Jitter", "The longest wait before a rebroadcast (uniform from 0).",
                          TimeValue(MilliSeconds(10)), MakeTimeAccessor(&MeshRouting::m_jitter),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("DuplicateExpire", "How long a flooded datagram's identity is kept.",
                          TimeValue(Seconds(30)), MakeTimeAccessor(&MeshRouting::m_duplicateExpire),
                          MakeTimeChecker(Time(0)))
            .AddTraceSource("Rebroadcast", "A node decided to send a flooded datagram again.",
                            MakeTraceSourceAccessor(&MeshRouting::m_rebroadcastTrace),
                            "ns3::Ipv4L3Protocol::SentTracedCallback")
            .AddTraceSource("Duplicate", "A copy of a datagram already seen was dropped.",
                            MakeTraceSourceAccessor(&MeshRouting::m_duplicateTrace),
                            "ns3::Ipv4L3Protocol::SentTracedCallback");
    return tid;
}

MeshRouting::MeshRouting()
  : m_coin(CreateObject<UniformRandomVariable>())
  , m_delay(CreateObject<UniformRandomVariable>())
{
    NS_LOG_FUNCTION(this);
}

MeshRouting::~MeshRouting()
{
    NS_LOG_FUNCTION(this);
}

void
MeshRouting::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_node = nullptr;
    m_isMember = MembershipCallback();
    Ipv4ListRouting::DoDispose();
}

void
MeshRouting::SetIpv4(Ptr<Ipv4> ipv4)
{
    NS_LOG_FUNCTION(this << ipv4);
    m_node = ipv4;
    Ipv4ListRouting::SetIpv4(ipv4);
}

Ptr<MeshRouting>
MeshRouting::Of(Ptr<Node> node)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    return ipv4 ? DynamicCast<MeshRouting>(ipv4->GetRoutingProtocol()) : nullptr;
}

void
MeshRouting::SetMembership(MembershipCallback isMember)
{
    NS_LOG_FUNCTION(this);
    m_isMember = isMember;
}

void
MeshRouting::SetFloodProbability(Ipv4Address group, double p)
{
    NS_LOG_FUNCTION(this << group << p);
    NS_ABORT_MSG_UNLESS(p >= 0 && p <= 1, "a flood probability is in [0, 1], not " << p);
    m_probability[group] = p;
}

double
MeshRouting::GetFloodProbability(Ipv4Address group) const
{
    auto it = m_probability.find(group);
    return it == m_probability.end() ? 1.0 : it->second;
}

int64_t
MeshRouting::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_coin->SetStream(stream);
    m_delay->SetStream(stream + 1);
    return 2;
}

namespace
{

/// Datagrams the mesh floods: multicast but not link-local (224.0.0.0/24).
bool
Flooded(Ipv4Address destination)
{
    return destination.IsMulticast() && !destination.IsLocalMulticast();
}

} // namespace

Ptr<Ipv4Route>
MeshRouting::RouteOutput(Ptr<Packet> p, const Ipv4Header& header, Ptr<NetDevice> oif,
                         Socket::SocketErrno& sockerr)
{
    NS_LOG_FUNCTION(this << p << header.GetDestination() << oif);
    if (!Flooded(header.GetDestination()))
    {
        return Ipv4ListRouting::RouteOutput(p, header, oif, sockerr);
    }
    // The node's own group datagram leaves on its radio (interface 1; 0 is the loopback).
    uint32_t interface = oif ? m_node->GetInterfaceForDevice(oif) : 1;
    Ptr<Ipv4Route> route = Create<Ipv4Route>();
    route->SetDestination(header.GetDestination());
    route->SetSource(m_node->GetAddress(interface, 0).GetLocal());
    route->SetGateway(Ipv4Address::GetAny());
    route->SetOutputDevice(m_node->GetNetDevice(interface));
    sockerr = Socket::ERROR_NOTERROR;
    return route;
}

bool
MeshRouting::RouteInput(Ptr<const Packet> p, const Ipv4Header& header, Ptr<const NetDevice> idev,
                        UnicastForwardCallback ucb, MulticastForwardCallback mcb,
                        LocalDeliverCallback lcb, ErrorCallback ecb)
{
    NS_LOG_FUNCTION(this << p << header.GetDestination() << idev);
    if (!Flooded(header.GetDestination()))
    {
        return Ipv4ListRouting::RouteInput(p, header, idev, ucb, mcb, lcb, ecb);
    }
    Flood(p, header, m_node->GetInterfaceForDevice(idev), mcb, lcb);
    return true;
}

bool
MeshRouting::Seen(const Key& key)
{
    Time now = Simulator::Now();
    while (!m_seenOrder.empty() && m_seenOrder.front().first + m_duplicateExpire < now)
    {
        m_seen.erase(m_seenOrder.front().second);
        m_seenOrder.pop_front();
    }
    if (!m_seen.insert(key).second)
    {
        return true;
    }
    m_seenOrder.emplace_back(now, key);
    return false;
}

void
MeshRouting::Flood(Ptr<const Packet> p, const Ipv4Header& header, uint32_t iif,
                   MulticastForwardCallback mcb, LocalDeliverCallback lcb)
{
    Ipv4Address group = header.GetDestination();
    bool own = m_node->IsDestinationAddress(header.GetSource(), iif) && !header.GetSource().IsAny();
    Key key{header.GetSource().Get(), group.Get(), header.GetIdentification()};
    if (own || Seen(key))
    {
        NS_LOG_LOGIC("drops a copy of " << header.GetSource() << " -> " << group << " id "
                                        << header.GetIdentification());
        m_duplicateTrace(p, header);
        return;
    }
    if (group == NetworkBroadcastGroup() || m_isMember.IsNull() || m_isMember(group))
    {
        lcb(p->Copy(), header, iif);
    }
    double probability = GetFloodProbability(group);
    // Both draws are made whatever the probability: a node's k-th draw is the same at every p.
    bool again = m_coin->GetValue() < probability;
    Time wait = NanoSeconds(
        static_cast<int64_t>(m_delay->GetValue(0, static_cast<double>(m_jitter.GetNanoSeconds()))));
    if (again)
    {
        NS_LOG_LOGIC("rebroadcasts " << header.GetSource() << " -> " << group << " in "
                                     << wait.As(Time::MS));
        m_rebroadcastTrace(p, header);
        Simulator::Schedule(wait, &MeshRouting::Rebroadcast, this, p->Copy(), header, iif, mcb);
    }
}

void
MeshRouting::Rebroadcast(Ptr<const Packet> p, Ipv4Header header, uint32_t iif,
                         MulticastForwardCallback mcb)
{
    NS_LOG_FUNCTION(this << p << iif);
    Ptr<Ipv4MulticastRoute> route = Create<Ipv4MulticastRoute>();
    route->SetGroup(header.GetDestination());
    route->SetOrigin(header.GetSource());
    route->SetParent(iif);
    route->SetOutputTtl(iif, 1);
    mcb(route, p, header); // IPv4 decrements the TTL and drops the copy at 0
}

} // namespace gcsim
} // namespace ns3
