#include "igmp-membership.h"

#include <algorithm>
#include <ns3/boolean.h>
#include <ns3/ipv4-raw-socket-impl.h>
#include <ns3/ipv4-route.h>
#include <ns3/log.h>
#include <ns3/node-list.h>
#include <ns3/simulator.h>
#include <ns3/socket.h>
#include <ns3/uinteger.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimIgmpMembership");

NS_OBJECT_ENSURE_REGISTERED(IgmpMembership);

namespace
{
const Ipv4Address kAllSystems("224.0.0.1");
const Ipv4Address kAllRouters("224.0.0.2");
} // namespace

TypeId
IgmpMembership::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::gcsim::IgmpMembership")
            .SetParent<MembershipModel>()
            .SetGroupName("Gcsim")
            .AddConstructor<IgmpMembership>()
            .AddAttribute("QueryInterval", "Between the querier's General Queries.",
                          TimeValue(MilliSeconds(1250)),
                          MakeTimeAccessor(&IgmpMembership::m_queryInterval), MakeTimeChecker())
            .AddAttribute("QueryResponseInterval",
                          "Max Resp Time of a General Query: hosts answer within it.",
                          TimeValue(MilliSeconds(100)),
                          MakeTimeAccessor(&IgmpMembership::m_queryResponseInterval),
                          MakeTimeChecker())
            .AddAttribute("LastMemberQueryInterval",
                          "Between Group-Specific Queries after a Leave, and their Max Resp Time.",
                          TimeValue(MilliSeconds(10)),
                          MakeTimeAccessor(&IgmpMembership::m_lastMemberQueryInterval),
                          MakeTimeChecker())
            .AddAttribute("Robustness",
                          "Reports sent on a join, Group-Specific Queries after a Leave, and "
                          "General Queries a membership outlives.",
                          UintegerValue(2), MakeUintegerAccessor(&IgmpMembership::m_robustness),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute(
                "UnsolicitedReportInterval", "The longest wait before a repeat of a join's report.",
                TimeValue(MilliSeconds(100)),
                MakeTimeAccessor(&IgmpMembership::m_unsolicitedReportInterval), MakeTimeChecker());
    return tid;
}

IgmpMembership::IgmpMembership()
  : m_random(CreateObject<UniformRandomVariable>())
{
    NS_LOG_FUNCTION(this);
    m_random->SetStream(kIgmpReportStream);
}

IgmpMembership::~IgmpMembership()
{
    NS_LOG_FUNCTION(this);
}

int64_t
IgmpMembership::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_random->SetStream(stream);
    return 1;
}

uint8_t
IgmpMembership::Milliseconds(Time t)
{
    return static_cast<uint8_t>(std::clamp<int64_t>(t.GetMilliSeconds(), 0, 255));
}

Ptr<Socket>
IgmpMembership::OpenSocket(Ptr<Node> node, Ptr<NetDevice> device)
{
    NS_LOG_FUNCTION(this << node << device);
    Ptr<Socket> socket = node->GetObject<Ipv4L3Protocol>()->CreateRawSocket();
    socket->SetAttribute("Protocol", UintegerValue(IgmpHeader::PROTOCOL));
    socket->Bind();
    socket->BindToNetDevice(device);
    m_sockets.push_back(socket);
    return socket;
}

void
IgmpMembership::Setup(const Network& network, const RoutingGraph& graph, MulticastRouting variant,
                      const MulticastGroup& group, Ptr<GroupServer> server,
                      const ApplicationContainer& clients, Ptr<DeliveryMode> mode,
                      const GroupDirectory& directory)
{
    NS_LOG_FUNCTION(this << variant << server << mode);
    MembershipModel::Setup(network, graph, variant, group, server, clients, mode, directory);
    m_hosts.assign(network.ClientCount() + 1, Host());
    m_clientOf.clear();
    for (uint32_t c = 1; c <= network.ClientCount(); ++c)
    {
        m_clientOf[network.clientAddresses[c - 1].Get()] = c;
    }
    FindQueriers(network, graph);
    // Steady state at the start: the initial members' segments have state and know them.
    Time full = m_queryInterval * int64_t(m_robustness) + m_queryResponseInterval;
    for (uint32_t m : m_members)
    {
        if (m_hosts[m].querier < 0)
        {
            continue;
        }
        Querier& q = m_queriers[m_hosts[m].querier];
        q.known[m] = Seconds(0);
        if (!q.state)
        {
            q.state = true;
            q.expiry = Simulator::Schedule(full, &IgmpMembership::Expire, this,
                                           static_cast<std::size_t>(m_hosts[m].querier));
        }
    }
    // Sockets: one per client, one per querier interface.
    for (uint32_t c = 1; c <= network.ClientCount(); ++c)
    {
        if (!m_hosts[c].device)
        {
            continue;
        }
        OpenSocket(network.hosts.Get(c), m_hosts[c].device)
            ->SetRecvCallback(
                Callback<void, Ptr<Socket>>([this, c](Ptr<Socket> s) { HostReceive(c, s); }));
    }
    for (std::size_t i = 0; i < m_queriers.size(); ++i)
    {
        OpenSocket(NodeList::GetNode(m_queriers[i].node), m_queriers[i].device)
            ->SetRecvCallback(
                Callback<void, Ptr<Socket>>([this, i](Ptr<Socket> s) { QuerierReceive(i, s); }));
        Simulator::Schedule(Seconds(0), &IgmpMembership::SendGeneralQuery, this, i);
    }
    // A star's switch learns the group's ports from the IGMP it forwards.
    for (uint32_t s = 0; s < network.switches.GetN(); ++s)
    {
        Ptr<Node> node = network.switches.Get(s);
        for (uint32_t d = 0; d < node->GetNDevices(); ++d)
        {
            if (auto sw = DynamicCast<SnoopingSwitch>(node->GetDevice(d)))
            {
                sw->SetAttribute("IgmpLearning", BooleanValue(true));
            }
        }
    }
    // P1 starts with the members, which the queriers know; its messages' destinations
    // follow the hosts' own membership.
    server->SetGroupMembers(m_members);
}

void
IgmpMembership::FindQueriers(const Network& network, const RoutingGraph& graph)
{
    NS_LOG_FUNCTION(this);
    m_queriers.clear();
    // Client segments: the links clients are on (a star's cables count as one segment, the
    // switched network, whose querier is P1).
    uint32_t p1 = network.Server()->GetId();
    std::map<uint32_t, std::size_t> querierOfLink;
    int64_t starQuerier = -1;
    for (uint32_t c = 1; c <= network.ClientCount(); ++c)
    {
        uint32_t host = network.hosts.Get(c)->GetId();
        const auto& attachments = graph.Attachments(host);
        if (attachments.empty())
        {
            continue;
        }
        uint32_t link = attachments.front().link;
        Host& h = m_hosts[c];
        Ptr<Ipv4> ipv4 = network.hosts.Get(c)->GetObject<Ipv4>();
        h.device = ipv4->GetNetDevice(attachments.front().interface);
        h.address = ipv4->GetAddress(attachments.front().interface, 0).GetLocal();
        // Who queries this segment: the lowest-addressed router on it, else P1.
        int64_t querierNode = -1;
        Ipv4Address lowest;
        for (uint32_t node : graph.NodesOn(link))
        {
            if (graph.IsRouter(node) && (querierNode < 0 || graph.AddressOn(node, link) < lowest))
            {
                querierNode = node;
                lowest = graph.AddressOn(node, link);
            }
        }
        bool star = network.switches.GetN() > 0 && querierNode < 0;
        std::size_t index;
        if (star && starQuerier >= 0)
        {
            index = static_cast<std::size_t>(starQuerier);
        }
        else if (!star && querierOfLink.count(link))
        {
            index = querierOfLink[link];
        }
        else
        {
            Querier q;
            if (querierNode >= 0)
            {
                q.node = static_cast<uint32_t>(querierNode);
                q.router = true;
                q.interface = static_cast<uint32_t>(graph.InterfaceOn(q.node, link));
            }
            else
            {
                // P1 on the LAN, or on its own cable to the switch.
                q.node = p1;
                q.interface = graph.Attachments(p1).front().interface;
            }
            Ptr<Ipv4> qip = NodeList::GetNode(q.node)->GetObject<Ipv4>();
            q.device = qip->GetNetDevice(q.interface);
            q.address = qip->GetAddress(q.interface, 0).GetLocal();
            index = m_queriers.size();
            m_queriers.push_back(q);
            querierOfLink[link] = index;
            if (star)
            {
                starQuerier = static_cast<int64_t>(index);
            }
        }
        m_queriers[index].clients.push_back(c);
        h.querier = static_cast<int64_t>(index);
    }
}

IgmpMembership::Host*
IgmpMembership::Change(uint32_t client, bool join)
{
    NS_LOG_FUNCTION(this << client << join);
    if (!SetMember(client, join))
    {
        return nullptr;
    }
    NS_LOG_INFO("client " << client << (join ? " joins and reports" : " leaves and sends a Leave"));
    ApplyToHost(client, join);
    m_server->SetGroupMembers(m_members);
    m_changeTrace(client, join);
    Host& h = m_hosts[client];
    return h.device ? &h : nullptr;
}

void
IgmpMembership::Join(uint32_t client)
{
    NS_LOG_FUNCTION(this << client);
    Host* host = Change(client, true);
    if (!host)
    {
        return;
    }
    Host& h = *host;
    SendReport(client);
    Time at;
    h.unsolicited.clear();
    for (uint32_t k = 1; k < m_robustness; ++k)
    {
        // (0, interval]: 1 - U with U in [0, 1).
        at += NanoSeconds(std::max<int64_t>(
            1, static_cast<int64_t>(
                   (1.0 - m_random->GetValue()) *
                   static_cast<double>(m_unsolicitedReportInterval.GetNanoSeconds()))));
        h.unsolicited.push_back(Simulator::Schedule(at, &IgmpMembership::SendReport, this, client));
    }
}

void
IgmpMembership::Leave(uint32_t client)
{
    NS_LOG_FUNCTION(this << client);
    Host* host = Change(client, false);
    if (!host)
    {
        return;
    }
    Host& h = *host;
    h.reportTimer.Cancel();
    for (EventId& e : h.unsolicited)
    {
        e.Cancel();
    }
    h.unsolicited.clear();
    SendIgmp(m_network->hosts.Get(client)->GetId(), h.device, h.address, kAllRouters,
             IgmpHeader::LEAVE, 0, m_group.address);
}

std::vector<uint32_t>
IgmpMembership::GetKnownMembers() const
{
    std::vector<uint32_t> known;
    for (const Querier& q : m_queriers)
    {
        for (const auto& entry : q.known)
        {
            known.push_back(entry.first);
        }
    }
    std::sort(known.begin(), known.end());
    known.erase(std::unique(known.begin(), known.end()), known.end());
    return known;
}

void
IgmpMembership::SendIgmp(uint32_t node, Ptr<NetDevice> device, Ipv4Address source,
                         Ipv4Address destination, IgmpHeader::Type type, uint8_t maxResponseMs,
                         Ipv4Address group)
{
    NS_LOG_FUNCTION(this << node << device << source << destination << maxResponseMs << group);
    IgmpHeader igmp;
    igmp.SetType(type);
    igmp.SetMaxResponseMs(maxResponseMs);
    igmp.SetGroup(group);
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(igmp);

    Ipv4Header ip;
    ip.SetSource(source);
    ip.SetDestination(destination);
    ip.SetProtocol(IgmpHeader::PROTOCOL);
    ip.SetPayloadSize(packet->GetSize());
    ip.SetTtl(1);
    Ptr<Packet> traced = packet->Copy();
    traced->AddHeader(ip);
    m_controlTxTrace(traced);

    Ptr<Ipv4Route> route = Create<Ipv4Route>();
    route->SetDestination(destination);
    route->SetGateway(Ipv4Address::GetAny());
    route->SetSource(source);
    route->SetOutputDevice(device);
    SocketIpTtlTag ttl;
    ttl.SetTtl(1);
    packet->AddPacketTag(ttl);
    NodeList::GetNode(node)->GetObject<Ipv4L3Protocol>()->Send(packet, source, destination,
                                                               IgmpHeader::PROTOCOL, route);
}

void
IgmpMembership::SendReport(uint32_t client)
{
    NS_LOG_FUNCTION(this << client);
    Host& h = m_hosts[client];
    if (!std::binary_search(m_members.begin(), m_members.end(), client))
    {
        return;
    }
    SendIgmp(m_network->hosts.Get(client)->GetId(), h.device, h.address, m_group.address,
             IgmpHeader::REPORT, 0, m_group.address);
}

void
IgmpMembership::SendGeneralQuery(std::size_t i)
{
    NS_LOG_FUNCTION(this << i);
    const Querier& q = m_queriers[i];
    SendIgmp(q.node, q.device, q.address, kAllSystems, IgmpHeader::QUERY,
             Milliseconds(m_queryResponseInterval), Ipv4Address::GetAny());
    Simulator::Schedule(m_queryInterval, &IgmpMembership::SendGeneralQuery, this, i);
}

void
IgmpMembership::SendLastMemberQuery(std::size_t i)
{
    NS_LOG_FUNCTION(this << i);
    Querier& q = m_queriers[i];
    if (q.lastMemberQueries == 0 || !q.state)
    {
        return;
    }
    --q.lastMemberQueries;
    SendIgmp(q.node, q.device, q.address, m_group.address, IgmpHeader::QUERY,
             Milliseconds(m_lastMemberQueryInterval), m_group.address);
    if (q.lastMemberQueries > 0)
    {
        q.nextQuery = Simulator::Schedule(m_lastMemberQueryInterval,
                                          &IgmpMembership::SendLastMemberQuery, this, i);
    }
}

void
IgmpMembership::HostReceive(uint32_t client, Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << client << socket);
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        Ipv4Header ip;
        packet->RemoveHeader(ip);
        IgmpHeader igmp;
        if (packet->GetSize() < IgmpHeader::SERIALIZED_SIZE)
        {
            continue;
        }
        packet->RemoveHeader(igmp);
        bool member = std::binary_search(m_members.begin(), m_members.end(), client);
        if (!igmp.IsChecksumOk() || !member)
        {
            continue;
        }
        Host& h = m_hosts[client];
        if (igmp.GetType() == IgmpHeader::QUERY &&
            (igmp.GetGroup() == Ipv4Address::GetAny() || igmp.GetGroup() == m_group.address))
        {
            // A timer already due sooner than the new maximum stays.
            Time max = MilliSeconds(igmp.GetMaxResponseMs());
            Time delay = NanoSeconds(static_cast<int64_t>(
                m_random->GetValue() * static_cast<double>(max.GetNanoSeconds())));
            if (!h.reportTimer.IsRunning() || Simulator::GetDelayLeft(h.reportTimer) > max)
            {
                NS_LOG_LOGIC("client " << client << " answers the query in " << delay.As(Time::MS));
                h.reportTimer.Cancel();
                h.reportTimer =
                    Simulator::Schedule(delay, &IgmpMembership::SendReport, this, client);
            }
        }
        else if (igmp.GetType() == IgmpHeader::REPORT && igmp.GetGroup() == m_group.address &&
                 ip.GetSource() != h.address)
        {
            NS_LOG_LOGIC("client " << client << ": another member reported; no report");
            h.reportTimer.Cancel(); // another member answered for the segment
        }
    }
}

void
IgmpMembership::QuerierReceive(std::size_t i, Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << i << socket);
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        Ipv4Header ip;
        packet->RemoveHeader(ip);
        if (packet->GetSize() < IgmpHeader::SERIALIZED_SIZE)
        {
            continue;
        }
        IgmpHeader igmp;
        packet->RemoveHeader(igmp);
        auto client = m_clientOf.find(ip.GetSource().Get());
        if (!igmp.IsChecksumOk() || igmp.GetGroup() != m_group.address ||
            client == m_clientOf.end())
        {
            continue;
        }
        if (igmp.GetType() == IgmpHeader::REPORT)
        {
            OnReport(i, client->second);
        }
        else if (igmp.GetType() == IgmpHeader::LEAVE)
        {
            OnLeave(i, client->second);
        }
    }
}

void
IgmpMembership::OnReport(std::size_t i, uint32_t client)
{
    NS_LOG_FUNCTION(this << i << client);
    Querier& q = m_queriers[i];
    bool appeared = !q.state;
    q.state = true;
    q.expiry.Cancel();
    q.expiry =
        Simulator::Schedule(m_queryInterval * int64_t(m_robustness) + m_queryResponseInterval,
                            &IgmpMembership::Expire, this, i);
    q.lastMemberQueries = 0;
    q.nextQuery.Cancel();
    bool newHost = !q.known.count(client);
    q.known[client] = Simulator::Now();
    if (appeared)
    {
        NS_LOG_INFO("querier " << i << ": report from client " << client << ", members now");
        StateChanged(i);
    }
    else if (newHost)
    {
        UpdateDirectory();
    }
}

void
IgmpMembership::OnLeave(std::size_t i, uint32_t client)
{
    NS_LOG_FUNCTION(this << i << client);
    Querier& q = m_queriers[i];
    if (!q.state)
    {
        return;
    }
    Time round = m_lastMemberQueryInterval * int64_t(m_robustness);
    Simulator::Schedule(round, &IgmpMembership::ForgetLeaver, this, i, client, Simulator::Now());
    if (q.lastMemberQueries > 0 || q.nextQuery.IsRunning())
    {
        return; // already asking
    }
    q.expiry.Cancel();
    NS_LOG_INFO("querier " << i << ": Leave from client " << client << ", " << m_robustness
                           << " group-specific queries");
    q.expiry = Simulator::Schedule(round, &IgmpMembership::Expire, this, i);
    q.lastMemberQueries = m_robustness;
    SendLastMemberQuery(i);
}

void
IgmpMembership::ForgetLeaver(std::size_t i, uint32_t client, Time leftAt)
{
    NS_LOG_FUNCTION(this << i << client << leftAt);
    Querier& q = m_queriers[i];
    auto it = q.known.find(client);
    if (it != q.known.end() && it->second <= leftAt)
    {
        NS_LOG_LOGIC("querier " << i << " forgets client " << client);
        q.known.erase(it);
        UpdateDirectory();
    }
}

void
IgmpMembership::Expire(std::size_t i)
{
    NS_LOG_FUNCTION(this << i);
    NS_LOG_INFO("querier " << i << ": membership expired");
    Querier& q = m_queriers[i];
    q.state = false;
    q.lastMemberQueries = 0;
    q.nextQuery.Cancel();
    q.known.clear();
    StateChanged(i);
}

void
IgmpMembership::StateChanged(std::size_t i)
{
    NS_LOG_FUNCTION(this << i);
    const Querier& changed = m_queriers[i];
    if (changed.router)
    {
        SetInterfaceMembers(changed.node, changed.interface, changed.state);
        // The routers now deliver to the segments with state: their known hosts, or any
        // host of theirs when every known one has gone.
        std::vector<uint32_t> nodes;
        for (const Querier& q : m_queriers)
        {
            if (!q.state)
            {
                continue;
            }
            if (q.known.empty())
            {
                nodes.push_back(m_network->hosts.Get(q.clients.front())->GetId());
            }
            for (const auto& entry : q.known)
            {
                nodes.push_back(m_network->hosts.Get(entry.first)->GetId());
            }
        }
        Reroute(nodes);
    }
    UpdateDirectory();
}

void
IgmpMembership::UpdateDirectory()
{
    NS_LOG_FUNCTION(this);
    Redirect(GetKnownMembers());
}

void
IgmpMembership::DoDispose()
{
    NS_LOG_FUNCTION(this);
    for (auto& socket : m_sockets)
    {
        socket->Close();
        socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    }
    m_sockets.clear();
    m_random = nullptr;
    MembershipModel::DoDispose();
}

} // namespace gcsim
} // namespace ns3
