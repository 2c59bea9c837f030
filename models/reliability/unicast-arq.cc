#include "unicast-arq.h"

#include "../network/trace-connect.h"

#include <ns3/inet-socket-address.h>
#include <ns3/log.h>
#include <ns3/simulator.h>
#include <ns3/udp-socket-factory.h>
#include <ns3/uinteger.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimUnicastArq");

NS_OBJECT_ENSURE_REGISTERED(UnicastArq);

TypeId
UnicastArq::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::gcsim::UnicastArq")
            .SetParent<Application>()
            .SetGroupName("Gcsim")
            .AddConstructor<UnicastArq>()
            .AddAttribute("Port", "The reliability port (the group's port + 1).",
                          UintegerValue(20002), MakeUintegerAccessor(&UnicastArq::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("Origin", "0 on P1, n on client n.", UintegerValue(0),
                          MakeUintegerAccessor(&UnicastArq::m_origin),
                          MakeUintegerChecker<uint32_t>(0, 0xffffff))
            .AddAttribute("MessageSize", "UDP payload bytes of a group message.",
                          UintegerValue(1024), MakeUintegerAccessor(&UnicastArq::m_size),
                          MakeUintegerChecker<uint32_t>(GroupHeader::SERIALIZED_SIZE, 65507))
            .AddAttribute("Timeout", "P1: retransmission timeout.", TimeValue(MilliSeconds(10)),
                          MakeTimeAccessor(&UnicastArq::m_timeout), MakeTimeChecker(NanoSeconds(1)))
            .AddAttribute("MaxTries",
                          "P1: transmissions of a message to one member, the first included.",
                          UintegerValue(10), MakeUintegerAccessor(&UnicastArq::m_maxTries),
                          MakeUintegerChecker<uint32_t>(1))
            .AddTraceSource("Ack", "This member acknowledged a copy: client, message, bytes.",
                            MakeTraceSourceAccessor(&UnicastArq::m_ackTrace),
                            "ns3::gcsim::UnicastArq::ArqCallback")
            .AddTraceSource("Retransmission",
                            "P1 sent a message to a member again: client, message, bytes.",
                            MakeTraceSourceAccessor(&UnicastArq::m_retransmissionTrace),
                            "ns3::gcsim::UnicastArq::ArqCallback")
            .AddTraceSource("GiveUp",
                            "P1 stopped retransmitting after MaxTries: client, message, 0.",
                            MakeTraceSourceAccessor(&UnicastArq::m_giveUpTrace),
                            "ns3::gcsim::UnicastArq::ArqCallback")
            .AddTraceSource("Repaired",
                            "A retransmission gave this member a message it had missed.",
                            MakeTraceSourceAccessor(&UnicastArq::m_repairedTrace),
                            "ns3::gcsim::UnicastArq::ReceiverCallback")
            .AddTraceSource("Duplicate",
                            "A copy of a message this member had, dropped below the application.",
                            MakeTraceSourceAccessor(&UnicastArq::m_duplicateTrace),
                            "ns3::gcsim::UnicastArq::ReceiverCallback");
    return tid;
}

UnicastArq::UnicastArq()
{
    NS_LOG_FUNCTION(this);
}

UnicastArq::~UnicastArq()
{
    NS_LOG_FUNCTION(this);
}

void
UnicastArq::AttachServer(Ptr<GroupServer> server, const std::vector<Ipv4Address>& clients)
{
    NS_LOG_FUNCTION(this << server);
    m_clients = clients;
    Subscribe(server, "GroupSend", MakeCallback(&UnicastArq::OnGroupSend, this));
}

void
UnicastArq::AttachClient(Ptr<GroupClient> client, Ipv4Address server)
{
    NS_LOG_FUNCTION(this << client << server);
    m_client = client;
    m_server = server;
    client->SetDeliveryFilter(MakeCallback(&UnicastArq::OnGroupMessage, this));
}

void
UnicastArq::StartApplication()
{
    NS_LOG_FUNCTION(this);
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    if (m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) != 0)
    {
        NS_FATAL_ERROR("UnicastArq cannot bind port " << m_port);
    }
    m_socket->SetIpTtl(kInitialTtl);
    m_socket->SetIpRecvTtl(true);
    m_socket->SetRecvCallback(MakeCallback(&UnicastArq::HandleRead, this));
}

void
UnicastArq::StopApplication()
{
    NS_LOG_FUNCTION(this);
    for (auto& [key, pending] : m_pending)
    {
        pending.timer.Cancel();
    }
    if (m_socket)
    {
        m_socket->Close();
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    }
}

void
UnicastArq::DoDispose()
{
    NS_LOG_FUNCTION(this);
    if (m_client)
    {
        m_client->SetDeliveryFilter(GroupClient::DeliveryFilter());
    }
    m_client = nullptr;
    m_socket = nullptr;
    Application::DoDispose();
}

void
UnicastArq::OnGroupSend(uint32_t message, const std::vector<uint32_t>& destinations)
{
    NS_LOG_FUNCTION(this << message);
    for (uint32_t client : destinations)
    {
        Pending& pending = m_pending[{message, client}];
        pending.sendTime = Simulator::Now();
        pending.timer = Simulator::Schedule(m_timeout, &UnicastArq::Timeout, this, message, client);
    }
}

void
UnicastArq::Timeout(uint32_t message, uint32_t client)
{
    NS_LOG_FUNCTION(this << message << client);
    auto it = m_pending.find({message, client});
    if (it == m_pending.end())
    {
        return;
    }
    Pending& pending = it->second;
    if (pending.tries >= m_maxTries)
    {
        NS_LOG_INFO("P1 gives up message " << message << " to client " << client << " after "
                                           << pending.tries << " tries");
        m_giveUpTrace(client, message, 0);
        m_pending.erase(it);
        return;
    }
    GroupHeader original;
    original.SetKind(GroupHeader::GROUP_MESSAGE);
    original.SetOrigin(0);
    original.SetMessage(message);
    original.SetSendTime(pending.sendTime);
    Ptr<Packet> packet = MakeDatagram(original, "", m_size);
    ReliabilityHeader header;
    header.SetKind(ReliabilityHeader::RETRANSMISSION);
    header.Stamp(0, message);
    packet->AddHeader(header);
    packet->AddPacketTag(ReliabilityTag(ReliabilityHeader::RETRANSMISSION));
    uint32_t bytes = packet->GetSize();
    m_socket->SendTo(packet, 0, InetSocketAddress(m_clients.at(client - 1), m_port));
    NS_LOG_INFO("P1 retransmits message " << message << " to client " << client);
    m_retransmissionTrace(client, message, bytes);
    ++pending.tries;
    pending.timer = Simulator::Schedule(m_timeout, &UnicastArq::Timeout, this, message, client);
}

void
UnicastArq::SendAck(uint32_t message)
{
    NS_LOG_FUNCTION(this << message);
    ReliabilityHeader header;
    header.SetKind(ReliabilityHeader::ACK);
    header.Stamp(m_origin, message);
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(header);
    packet->AddPacketTag(ReliabilityTag(ReliabilityHeader::ACK));
    uint32_t bytes = packet->GetSize();
    m_socket->SendTo(packet, 0, InetSocketAddress(m_server, m_port));
    m_ackTrace(m_origin, message, bytes);
}

bool
UnicastArq::Take(uint32_t message)
{
    NS_LOG_FUNCTION(this << message);
    if (message >= m_held.size())
    {
        m_held.resize(message + 1, false);
    }
    if (m_held[message])
    {
        return false;
    }
    m_held[message] = true;
    return true;
}

bool
UnicastArq::OnGroupMessage(Ptr<const Packet>, const GroupHeader& header)
{
    NS_LOG_FUNCTION(this);
    uint32_t message = header.GetMessage();
    SendAck(message);
    if (!Take(message))
    {
        NS_LOG_LOGIC("member " << m_origin << ": duplicate of message " << message << " dropped");
        m_duplicateTrace(m_origin, message, Simulator::Now() - header.GetSendTime());
        return false;
    }
    return true;
}

void
UnicastArq::HandleRead(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        if (packet->GetSize() < ReliabilityHeader::SERIALIZED_SIZE)
        {
            continue;
        }
        ReliabilityHeader header;
        packet->RemoveHeader(header);
        if (header.GetKind() == ReliabilityHeader::ACK && !m_client)
        {
            auto it = m_pending.find({header.GetMessage(), header.GetOrigin()});
            if (it != m_pending.end())
            {
                NS_LOG_LOGIC("client " << header.GetOrigin() << " acknowledged message "
                                       << header.GetMessage());
                it->second.timer.Cancel();
                m_pending.erase(it);
            }
            continue;
        }
        if (header.GetKind() != ReliabilityHeader::RETRANSMISSION || !m_client)
        {
            continue;
        }
        SocketIpTtlTag ttl;
        uint32_t hops = packet->RemovePacketTag(ttl) ? kInitialTtl - ttl.GetTtl() + 1 : 0;
        GroupHeader original;
        if (packet->PeekHeader(original) != GroupHeader::SERIALIZED_SIZE)
        {
            continue;
        }
        uint32_t message = original.GetMessage();
        Time sinceSend = Simulator::Now() - original.GetSendTime();
        SendAck(message);
        if (!Take(message))
        {
            m_duplicateTrace(m_origin, message, sinceSend);
            continue;
        }
        NS_LOG_INFO("member " << m_origin << " repaired message " << message);
        m_repairedTrace(m_origin, message, sinceSend);
        m_client->Deliver(packet, original, hops);
    }
}

} // namespace gcsim
} // namespace ns3
