#include "nak-repair.h"

#include "../group/group-membership.h"
#include "../network/snooping-switch.h"
#include "../network/trace-connect.h"

#include <algorithm>
#include <cmath>
#include <ns3/assert.h>
#include <ns3/boolean.h>
#include <ns3/double.h>
#include <ns3/inet-socket-address.h>
#include <ns3/ipv4-static-routing-helper.h>
#include <ns3/log.h>
#include <ns3/loopback-net-device.h>
#include <ns3/simulator.h>
#include <ns3/udp-socket-factory.h>
#include <ns3/uinteger.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimNakRepair");

NS_OBJECT_ENSURE_REGISTERED(NakRepair);

namespace
{
constexpr uint32_t kMaxBackoff = 16; // doublings of a request interval; far beyond any run
constexpr double kMaxDelayNs = 1e17; // a back-off, at most: far below what Time holds
} // namespace

TypeId
NakRepair::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::gcsim::NakRepair")
            .SetParent<Application>()
            .SetGroupName("Gcsim")
            .AddConstructor<NakRepair>()
            .AddAttribute("Port", "The reliability port (the group's port + 1).",
                          UintegerValue(20002), MakeUintegerAccessor(&NakRepair::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("Group", "Where NAKs, repairs and session messages go.",
                          Ipv4AddressValue("239.255.0.1"),
                          MakeIpv4AddressAccessor(&NakRepair::m_group), MakeIpv4AddressChecker())
            .AddAttribute("Origin", "0 on P1, n on client n.", UintegerValue(0),
                          MakeUintegerAccessor(&NakRepair::m_origin),
                          MakeUintegerChecker<uint32_t>(0, 0xffffff))
            .AddAttribute("MessageSize", "UDP payload bytes of a group message.",
                          UintegerValue(1024), MakeUintegerAccessor(&NakRepair::m_size),
                          MakeUintegerChecker<uint32_t>(GroupHeader::SERIALIZED_SIZE, 65507))
            .AddAttribute("RequestC1", "Request back-off: low end, in one-way distances to P1.",
                          DoubleValue(2), MakeDoubleAccessor(&NakRepair::m_c1),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("RequestC2", "Request back-off: width, in one-way distances to P1.",
                          DoubleValue(2), MakeDoubleAccessor(&NakRepair::m_c2),
                          MakeDoubleChecker<double>(0))
            .AddAttribute(
                "RepairD1", "Repair back-off: low end, in one-way distances to the requester.",
                DoubleValue(1), MakeDoubleAccessor(&NakRepair::m_d1), MakeDoubleChecker<double>(0))
            .AddAttribute(
                "RepairD2", "Repair back-off: width, in one-way distances to the requester.",
                DoubleValue(1), MakeDoubleAccessor(&NakRepair::m_d2), MakeDoubleChecker<double>(0))
            .AddAttribute("SessionInterval", "P1: between session messages once it is silent.",
                          TimeValue(MilliSeconds(10)),
                          MakeTimeAccessor(&NakRepair::m_sessionInterval),
                          MakeTimeChecker(NanoSeconds(1)))
            .AddAttribute("SessionMessages", "P1: session messages after its last message.",
                          UintegerValue(3), MakeUintegerAccessor(&NakRepair::m_sessionCount),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Suppression", "SRM suppression of NAKs and repairs heard.",
                          BooleanValue(true), MakeBooleanAccessor(&NakRepair::m_suppression),
                          MakeBooleanChecker())
            .AddTraceSource("Nak", "This member multicast a NAK for a message.",
                            MakeTraceSourceAccessor(&NakRepair::m_nakTrace),
                            "ns3::gcsim::NakRepair::MessageCallback")
            .AddTraceSource("NakSuppressed",
                            "This member held back a NAK: it heard another's for the message.",
                            MakeTraceSourceAccessor(&NakRepair::m_nakSuppressedTrace),
                            "ns3::gcsim::NakRepair::MessageCallback")
            .AddTraceSource("Repair", "This host multicast a repair.",
                            MakeTraceSourceAccessor(&NakRepair::m_repairTrace),
                            "ns3::gcsim::NakRepair::RepairCallback")
            .AddTraceSource("RepairSuppressed",
                            "This host cancelled a repair: it heard another's for the message.",
                            MakeTraceSourceAccessor(&NakRepair::m_repairSuppressedTrace),
                            "ns3::gcsim::NakRepair::MessageCallback")
            .AddTraceSource("Session", "P1 multicast a session message: the highest number.",
                            MakeTraceSourceAccessor(&NakRepair::m_sessionTrace),
                            "ns3::gcsim::NakRepair::MessageCallback")
            .AddTraceSource("Repaired", "A repair gave this member a message it had missed.",
                            MakeTraceSourceAccessor(&NakRepair::m_repairedTrace),
                            "ns3::gcsim::NakRepair::ReceiverCallback")
            .AddTraceSource("Duplicate",
                            "A copy of a message this member had, dropped below the application.",
                            MakeTraceSourceAccessor(&NakRepair::m_duplicateTrace),
                            "ns3::gcsim::NakRepair::ReceiverCallback");
    return tid;
}

NakRepair::NakRepair()
  : m_random(CreateObject<UniformRandomVariable>())
{
    NS_LOG_FUNCTION(this);
}

NakRepair::~NakRepair()
{
    NS_LOG_FUNCTION(this);
}

int64_t
NakRepair::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_random->SetStream(stream);
    return 1;
}

void
NakRepair::AttachServer(Ptr<GroupServer> server)
{
    NS_LOG_FUNCTION(this << server);
    Subscribe(server, "GroupSend", MakeCallback(&NakRepair::OnGroupSend, this));
}

void
NakRepair::AttachClient(Ptr<GroupClient> client)
{
    NS_LOG_FUNCTION(this << client);
    m_client = client;
    client->SetDeliveryFilter(MakeCallback(&NakRepair::OnGroupMessage, this));
}

void
NakRepair::StartApplication()
{
    NS_LOG_FUNCTION(this);
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    if (m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) != 0)
    {
        NS_FATAL_ERROR("NakRepair cannot bind port " << m_port);
    }
    m_socket->SetIpTtl(kInitialTtl);
    m_socket->SetIpRecvTtl(true);
    m_socket->SetRecvCallback(MakeCallback(&NakRepair::HandleRead, this));
}

void
NakRepair::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_sessionEvent.Cancel();
    for (auto& [message, request] : m_requests)
    {
        request.timer.Cancel();
    }
    for (auto& [message, repair] : m_repairs)
    {
        repair.timer.Cancel();
    }
    if (m_socket)
    {
        m_socket->Close();
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    }
}

void
NakRepair::DoDispose()
{
    NS_LOG_FUNCTION(this);
    if (m_client)
    {
        m_client->SetDeliveryFilter(GroupClient::DeliveryFilter());
    }
    m_client = nullptr;
    m_socket = nullptr;
    m_random = nullptr;
    Application::DoDispose();
}

bool
NakRepair::Holds(uint32_t message) const
{
    return message < m_sendNs.size() && m_sendNs[message] >= 0;
}

void
NakRepair::Hold(uint32_t message, Time sendTime)
{
    NS_LOG_FUNCTION(this << message << sendTime);
    if (message >= m_sendNs.size())
    {
        m_sendNs.resize(message + 1, -1);
    }
    m_sendNs[message] = sendTime.GetNanoSeconds();
    auto request = m_requests.find(message);
    if (request != m_requests.end())
    {
        request->second.timer.Cancel();
        m_requests.erase(request);
    }
}

void
NakRepair::Learn(int64_t highest)
{
    NS_LOG_FUNCTION(this << highest);
    for (int64_t m = m_highest + 1; m <= highest; ++m)
    {
        auto message = static_cast<uint32_t>(m);
        if (!Holds(message) && !m_requests.count(message))
        {
            NS_LOG_LOGIC("host " << m_origin << " misses message " << message);
            m_requests[message];
            ScheduleRequest(message);
        }
    }
    m_highest = std::max(m_highest, highest);
}

Time
NakRepair::ScheduleRequest(uint32_t message)
{
    NS_LOG_FUNCTION(this << message);
    Request& request = m_requests[message];
    double scale = std::ldexp(1.0, static_cast<int>(request.backoff));
    // Every path to a request passes FirstDistance(), so the distance is never zero here.
    NS_ASSERT(m_distance.IsStrictlyPositive());
    double factor = scale * m_random->GetValue(m_c1, m_c1 + m_c2);
    Time delay = m_distance.GetNanoSeconds() * factor > kMaxDelayNs
                     ? NanoSeconds(static_cast<int64_t>(kMaxDelayNs))
                     : m_distance * factor;
    request.timer.Cancel();
    request.timer = Simulator::Schedule(delay, &NakRepair::RequestTimer, this, message);
    return delay;
}

void
NakRepair::BackOff(uint32_t message)
{
    NS_LOG_FUNCTION(this << message);
    Request& request = m_requests[message];
    request.backoff = std::min(request.backoff + 1, kMaxBackoff);
    // SRM: NAKs heard in the first half of the new interval answer the same loss.
    request.ignoreUntil = Simulator::Now() + ScheduleRequest(message) / 2;
}

void
NakRepair::RequestTimer(uint32_t message)
{
    NS_LOG_FUNCTION(this << message);
    NS_LOG_INFO("member " << m_origin << " multicasts a NAK for message " << message);
    Send(Create<Packet>(), ReliabilityHeader::NAK, message);
    m_nakTrace(message);
    BackOff(message); // re-requests if no repair comes in the doubled interval
}

bool
NakRepair::OnGroupMessage(Ptr<const Packet>, const GroupHeader& header)
{
    NS_LOG_FUNCTION(this);
    uint32_t message = header.GetMessage();
    Time delay = Simulator::Now() - header.GetSendTime();
    if (m_distance.IsZero() || delay < m_distance)
    {
        m_distance = delay;
    }
    if (Holds(message))
    {
        NS_LOG_LOGIC("member " << m_origin << ": duplicate of message " << message << " dropped");
        m_duplicateTrace(m_origin, message, delay);
        return false;
    }
    Hold(message, header.GetSendTime());
    Learn(message);
    return true;
}

void
NakRepair::OnGroupSend(uint32_t message, const std::vector<uint32_t>&)
{
    NS_LOG_FUNCTION(this << message);
    Hold(message, Simulator::Now());
    m_highest = std::max<int64_t>(m_highest, message);
    m_sessionEvent.Cancel();
    m_sessionsLeft = m_sessionCount;
    if (m_sessionsLeft > 0)
    {
        m_sessionEvent = Simulator::Schedule(m_sessionInterval, &NakRepair::SendSession, this);
    }
}

void
NakRepair::SendSession()
{
    NS_LOG_FUNCTION(this);
    Send(Create<Packet>(), ReliabilityHeader::SESSION, static_cast<uint32_t>(m_highest));
    m_sessionTrace(static_cast<uint32_t>(m_highest));
    if (--m_sessionsLeft > 0)
    {
        m_sessionEvent = Simulator::Schedule(m_sessionInterval, &NakRepair::SendSession, this);
    }
}

void
NakRepair::Send(Ptr<Packet> packet, ReliabilityHeader::Kind kind, uint32_t message)
{
    NS_LOG_FUNCTION(this << packet << message);
    ReliabilityHeader header;
    header.SetKind(kind);
    header.Stamp(m_origin, message);
    packet->AddHeader(header);
    packet->AddPacketTag(ReliabilityTag(kind));
    m_socket->SendTo(packet, 0, InetSocketAddress(m_group, m_port));
}

void
NakRepair::HandleRead(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        ReliabilityHeader header;
        if (packet->GetSize() < ReliabilityHeader::SERIALIZED_SIZE)
        {
            continue;
        }
        packet->RemoveHeader(header);
        if (header.GetOrigin() == m_origin)
        {
            continue; // our own, looped back
        }
        SocketIpTtlTag ttl;
        uint32_t hops = packet->RemovePacketTag(ttl) ? kInitialTtl - ttl.GetTtl() + 1 : 0;
        switch (header.GetKind())
        {
            case ReliabilityHeader::NAK:
                OnNak(header);
                break;
            case ReliabilityHeader::REPAIR:
                OnRepair(header, packet, hops);
                break;
            case ReliabilityHeader::SESSION:
                if (m_client)
                {
                    FirstDistance(Simulator::Now() - header.GetSendTime());
                    Learn(header.GetMessage());
                }
                break;
            default:
                break;
        }
    }
}

void
NakRepair::FirstDistance(Time heard)
{
    NS_LOG_FUNCTION(this << heard);
    if (m_distance.IsZero())
    {
        // At least 1 ns: a datagram that took no time (a zero-delay link) must not make a
        // back-off of zero, which doubling keeps at zero.
        m_distance = std::max(heard, NanoSeconds(1));
    }
}

void
NakRepair::OnNak(const ReliabilityHeader& nak)
{
    NS_LOG_FUNCTION(this);
    uint32_t message = nak.GetMessage();
    Time toRequester = Simulator::Now() - nak.GetSendTime();
    if (!Holds(message))
    {
        if (!m_client)
        {
            return;
        }
        FirstDistance(toRequester); // nothing from P1 yet: the requester's distance will do
        bool known = m_requests.count(message) > 0;
        Learn(message);
        if (m_suppression)
        {
            if (known && Simulator::Now() < m_requests[message].ignoreUntil)
            {
                return;
            }
            NS_LOG_LOGIC("member " << m_origin << " heard a NAK for message " << message
                                   << ": holds its own back");
            BackOff(message);
            m_nakSuppressedTrace(message);
        }
        return;
    }
    if (m_suppression)
    {
        Repair& repair = m_repairs[message];
        if (repair.timer.IsRunning() || Simulator::Now() < repair.holdUntil)
        {
            return;
        }
        repair.timer = Simulator::Schedule(toRequester * m_random->GetValue(m_d1, m_d1 + m_d2),
                                           &NakRepair::RepairTimer, this, message, toRequester);
        return;
    }
    Simulator::Schedule(toRequester * m_random->GetValue(m_d1, m_d1 + m_d2),
                        &NakRepair::RepairTimer, this, message, toRequester);
}

void
NakRepair::RepairTimer(uint32_t message, Time distance)
{
    NS_LOG_FUNCTION(this << message << distance);
    GroupHeader original;
    original.SetKind(GroupHeader::GROUP_MESSAGE);
    original.SetOrigin(0);
    original.SetMessage(message);
    original.SetSendTime(NanoSeconds(m_sendNs[message]));
    Ptr<Packet> datagram = MakeDatagram(original, "", m_size);
    NS_LOG_INFO("host " << m_origin << " multicasts a repair of message " << message);
    Send(datagram, ReliabilityHeader::REPAIR, message);
    m_repairTrace(message, datagram->GetSize());
    if (m_suppression)
    {
        // SRM's hold-down: NAKs for this message sent before the repair reached them.
        m_repairs[message].holdUntil = Simulator::Now() + distance * 3;
    }
}

void
NakRepair::OnRepair(const ReliabilityHeader& header, Ptr<Packet> datagram, uint32_t hops)
{
    NS_LOG_FUNCTION(this << datagram << hops);
    uint32_t message = header.GetMessage();
    if (m_suppression)
    {
        auto repair = m_repairs.find(message);
        if (repair != m_repairs.end() && repair->second.timer.IsRunning())
        {
            NS_LOG_LOGIC("host " << m_origin << " heard a repair of message " << message
                                 << ": cancels its own");
            repair->second.timer.Cancel();
            m_repairSuppressedTrace(message);
        }
        m_repairs[message].holdUntil =
            Simulator::Now() + (Simulator::Now() - header.GetSendTime()) * 3;
    }
    if (!m_client)
    {
        return;
    }
    GroupHeader original;
    if (datagram->PeekHeader(original) != GroupHeader::SERIALIZED_SIZE ||
        original.GetMessage() != message)
    {
        return;
    }
    Time sinceSend = Simulator::Now() - original.GetSendTime();
    if (Holds(message))
    {
        NS_LOG_LOGIC("member " << m_origin << ": repair of message " << message
                               << " it had: dropped");
        m_duplicateTrace(m_origin, message, sinceSend);
        return;
    }
    Hold(message, original.GetSendTime());
    FirstDistance(Simulator::Now() - header.GetSendTime()); // the repairer's, until P1's
    Learn(message);
    NS_LOG_INFO("member " << m_origin << " repaired message " << message);
    m_repairedTrace(m_origin, message, sinceSend);
    m_client->Deliver(datagram, original, hops);
}

void
PrepareGroupSenders(const Network& network, Ipv4Address group, const std::vector<uint32_t>& members)
{
    NS_LOG_FUNCTION(group);
    Ptr<Node> server = network.Server();
    GroupMembership::Install(server)->Join(group);
    for (const Link& link : network.links)
    {
        for (const auto& host : link.ends)
        {
            if (host->GetNode() != server)
            {
                continue;
            }
            for (const auto& port : link.ends)
            {
                Ptr<Node> node = port->GetNode();
                for (uint32_t d = 0; port != host && d < node->GetNDevices(); ++d)
                {
                    if (auto sw = DynamicCast<SnoopingSwitch>(node->GetDevice(d)))
                    {
                        sw->AddGroupMember(group, port);
                    }
                }
            }
        }
    }
    Ipv4StaticRoutingHelper routing;
    for (uint32_t m : members)
    {
        Ptr<Node> client = network.hosts.Get(m);
        for (uint32_t d = 0; d < client->GetNDevices(); ++d)
        {
            if (!DynamicCast<LoopbackNetDevice>(client->GetDevice(d)))
            {
                routing.SetDefaultMulticastRoute(client, client->GetDevice(d));
                break;
            }
        }
    }
}

} // namespace gcsim
} // namespace ns3
