#include "group-client.h"

#include "../network/trace-connect.h"
#include "group-membership.h"

#include <ns3/boolean.h>
#include <ns3/inet-socket-address.h>
#include <ns3/ipv4-address.h>
#include <ns3/ipv4-end-point.h>
#include <ns3/log.h>
#include <ns3/simulator.h>
#include <ns3/udp-l4-protocol.h>
#include <ns3/udp-socket-factory.h>
#include <ns3/uinteger.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimGroupClient");

NS_OBJECT_ENSURE_REGISTERED(GroupClient);

TypeId
GroupClient::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::gcsim::GroupClient")
            .SetParent<Application>()
            .SetGroupName("Gcsim")
            .AddConstructor<GroupClient>()
            .AddAttribute("ClientNumber", "This client's number, appended to its messages.",
                          UintegerValue(1), MakeUintegerAccessor(&GroupClient::m_client),
                          MakeUintegerChecker<uint32_t>(1, 0xffffff))
            .AddAttribute("Port", "UDP port the client binds; P1 listens on the same port.",
                          UintegerValue(20001), MakeUintegerAccessor(&GroupClient::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("Server", "P1's address.", Ipv4AddressValue(),
                          MakeIpv4AddressAccessor(&GroupClient::m_server), MakeIpv4AddressChecker())
            .AddAttribute("Group", "The group's IPv4 multicast address.",
                          Ipv4AddressValue("239.255.0.1"),
                          MakeIpv4AddressAccessor(&GroupClient::m_group), MakeIpv4AddressChecker())
            .AddAttribute("Member", "Whether this client joins the group when it starts.",
                          BooleanValue(false), MakeBooleanAccessor(&GroupClient::m_member),
                          MakeBooleanChecker())
            .AddAttribute("MessageSize",
                          "UDP payload bytes of a client message (header, text, padding); "
                          "never less than header and text.",
                          UintegerValue(0), MakeUintegerAccessor(&GroupClient::m_size),
                          MakeUintegerChecker<uint32_t>(0, 65507))
            .AddTraceSource("Console", "A line the client prints.",
                            MakeTraceSourceAccessor(&GroupClient::m_consoleTrace),
                            "ns3::gcsim::GroupServer::ConsoleCallback")
            .AddTraceSource("Rx", "A message from P1 reached this client's application.",
                            MakeTraceSourceAccessor(&GroupClient::m_rxTrace),
                            "ns3::gcsim::GroupClient::RxCallback");
    return tid;
}

GroupClient::GroupClient()
{
    NS_LOG_FUNCTION(this);
}

GroupClient::~GroupClient()
{
    NS_LOG_FUNCTION(this);
}

void
GroupClient::AddMessage(Time at, const std::string& text)
{
    NS_LOG_FUNCTION(this << at << text);
    m_messages.emplace_back(at, text);
}

void
GroupClient::SetRelays(const std::vector<Ipv4Address>& relays)
{
    NS_LOG_FUNCTION(this);
    m_relays = relays;
    if (!m_relays.empty() && m_endPoint)
    {
        OpenSocket(); // a listening client that now relays: the socket takes the port over
    }
}

void
GroupClient::StartApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_messages.empty() && m_relays.empty())
    {
        Listen();
    }
    else
    {
        OpenSocket();
    }
    if (m_member)
    {
        NS_LOG_INFO("client " << m_client << " joins " << m_group << " at its start");
        GroupMembership::Install(GetNode())->Join(m_group);
    }
    for (const auto& [at, text] : m_messages)
    {
        Simulator::Schedule(at, &GroupClient::Send, this, text);
    }
}

void
GroupClient::Listen()
{
    NS_LOG_FUNCTION(this);
    m_udp = GetNode()->GetObject<UdpL4Protocol>();
    m_endPoint = m_udp->Allocate(nullptr, m_port);
    if (!m_endPoint)
    {
        NS_FATAL_ERROR("GroupClient cannot bind port " << m_port);
    }
    m_endPoint->SetRxCallback(
        LeanCallback<void, Ptr<Packet>, Ipv4Header, uint16_t, Ptr<Ipv4Interface>>(
            [this](Ptr<Packet> packet, Ipv4Header header, uint16_t, Ptr<Ipv4Interface>)
            {
                // What a UDP socket that receives TTLs does before it queues a datagram.
                SocketPriorityTag priority;
                packet->RemovePacketTag(priority);
                Receive(packet, kInitialTtl - header.GetTtl() + 1);
            }));
    m_endPoint->SetDestroyCallback(LeanCallback<void>([this]() { m_endPoint = nullptr; }));
}

void
GroupClient::CloseEndPoint()
{
    if (m_endPoint)
    {
        m_endPoint->SetDestroyCallback(MakeNullCallback<void>());
        m_udp->DeAllocate(m_endPoint);
        m_endPoint = nullptr;
    }
}

void
GroupClient::OpenSocket()
{
    NS_LOG_FUNCTION(this);
    CloseEndPoint();
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    if (m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) != 0)
    {
        NS_FATAL_ERROR("GroupClient cannot bind port " << m_port);
    }
    m_socket->SetIpTtl(kInitialTtl);
    m_socket->SetIpRecvTtl(true);
    // A lean callback: one allocation, where MakeCallback makes five (a million clients).
    m_socket->SetRecvCallback(
        LeanCallback<void, Ptr<Socket>>([this](Ptr<Socket> socket) { HandleRead(socket); }));
}

void
GroupClient::StopApplication()
{
    NS_LOG_FUNCTION(this);
    CloseEndPoint();
    if (m_socket)
    {
        m_socket->Close();
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    }
}

void
GroupClient::DoDispose()
{
    NS_LOG_FUNCTION(this);
    CloseEndPoint();
    m_udp = nullptr;
    m_socket = nullptr;
    Application::DoDispose();
}

void
GroupClient::Send(const std::string& text)
{
    NS_LOG_FUNCTION(this << text);
    m_consoleTrace("Enter your message :" + text);
    GroupHeader header;
    header.SetKind(GroupHeader::CLIENT_MESSAGE);
    header.Stamp(m_client, m_sent++);
    m_socket->SendTo(MakeDatagram(header, AppendClientTag(text, m_client), m_size), 0,
                     InetSocketAddress(m_server, m_port));
}

void
GroupClient::HandleRead(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        SocketIpTtlTag ttl;
        Receive(packet, packet->RemovePacketTag(ttl) ? kInitialTtl - ttl.GetTtl() + 1 : 0);
    }
}

void
GroupClient::Receive(Ptr<Packet> packet, uint32_t hops)
{
    GroupHeader header;
    if (packet->PeekHeader(header) != GroupHeader::SERIALIZED_SIZE ||
        header.GetKind() != GroupHeader::GROUP_MESSAGE)
    {
        return;
    }
    if (!m_deliveryFilter.IsNull() && !m_deliveryFilter(packet, header))
    {
        NS_LOG_LOGIC("client " << m_client << ": message " << header.GetMessage()
                               << " held back by the delivery filter");
        return;
    }
    Deliver(packet, header, hops);
}

void
GroupClient::SetDeliveryFilter(DeliveryFilter filter)
{
    NS_LOG_FUNCTION(this);
    m_deliveryFilter = filter;
}

void
GroupClient::Deliver(Ptr<Packet> packet, const GroupHeader& header, uint32_t hops)
{
    NS_LOG_FUNCTION(this << packet << hops);
    NS_LOG_INFO("client " << m_client << " takes message " << header.GetMessage() << " after "
                          << hops << " hops; relays it to " << m_relays.size());
    m_rxTrace(packet, header, m_client, hops);
    // A client that stopped while listening has no socket (a closed one sends nothing).
    for (std::size_t r = 0; m_socket && r < m_relays.size(); ++r)
    {
        m_socket->SendTo(packet->Copy(), 0, InetSocketAddress(m_relays[r], m_port));
    }
    if (!m_consoleTrace.IsEmpty())
    {
        std::string text = DatagramText(packet);
        if (!text.empty())
        {
            m_consoleTrace("Message from Server :" + text);
        }
    }
}

} // namespace gcsim
} // namespace ns3
