#include "group-server.h"

#include "group-message-tag.h"

#include <algorithm>
#include <ns3/inet-socket-address.h>
#include <ns3/log.h>
#include <ns3/pointer.h>
#include <ns3/simulator.h>
#include <ns3/udp-socket-factory.h>
#include <ns3/uinteger.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimGroupServer");

NS_OBJECT_ENSURE_REGISTERED(GroupServer);

TypeId
GroupServer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::gcsim::GroupServer")
            .SetParent<Application>()
            .SetGroupName("Gcsim")
            .AddConstructor<GroupServer>()
            .AddAttribute("Port", "UDP port P1 binds and clients listen on.", UintegerValue(20001),
                          MakeUintegerAccessor(&GroupServer::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("DeliveryMode",
                          "How answers and group messages reach their destinations.",
                          PointerValue(), MakePointerAccessor(&GroupServer::m_mode),
                          MakePointerChecker<DeliveryMode>())
            .AddAttribute("Messages", "Group messages to send (0: only answer clients).",
                          UintegerValue(0), MakeUintegerAccessor(&GroupServer::m_messages),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Interval", "Time between two group messages.",
                          TimeValue(MilliSeconds(10)), MakeTimeAccessor(&GroupServer::m_interval),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("FirstSend",
                          "When the first group message leaves, from application start.",
                          TimeValue(Seconds(1)), MakeTimeAccessor(&GroupServer::m_firstSend),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("MessageSize",
                          "UDP payload bytes of a message (header, text, padding); never "
                          "less than header and text.",
                          UintegerValue(1024), MakeUintegerAccessor(&GroupServer::m_size),
                          MakeUintegerChecker<uint32_t>(0, 65507))
            .AddAttribute("Target", "The client a single-destination mode sends group messages to.",
                          UintegerValue(1), MakeUintegerAccessor(&GroupServer::m_target),
                          MakeUintegerChecker<uint32_t>(1))
            .AddTraceSource("Console", "A line the server prints.",
                            MakeTraceSourceAccessor(&GroupServer::m_consoleTrace),
                            "ns3::gcsim::GroupServer::ConsoleCallback")
            .AddTraceSource("GroupSend",
                            "A message leaves through the delivery mode: its number and the "
                            "clients it is meant for.",
                            MakeTraceSourceAccessor(&GroupServer::m_groupSendTrace),
                            "ns3::gcsim::GroupServer::GroupSendCallback")
            .AddTraceSource("Rx", "A client's message arrived.",
                            MakeTraceSourceAccessor(&GroupServer::m_rxTrace),
                            "ns3::gcsim::GroupServer::RxCallback");
    return tid;
}

GroupServer::GroupServer()
{
    NS_LOG_FUNCTION(this);
}

GroupServer::~GroupServer()
{
    NS_LOG_FUNCTION(this);
}

void
GroupServer::SetGroupMembers(const std::vector<uint32_t>& members)
{
    NS_LOG_FUNCTION(this);
    m_groupMembers = std::make_unique<std::vector<uint32_t>>(members);
}

void
GroupServer::SetDirectory(const GroupDirectory& directory)
{
    NS_LOG_FUNCTION(this);
    m_directory = directory;
}

void
GroupServer::SetSendTimes(const std::vector<Time>& times)
{
    NS_LOG_FUNCTION(this << times.size());
    NS_ABORT_MSG_IF(!std::is_sorted(times.begin(), times.end()), "send times must ascend");
    m_sendTimes = times;
    m_messages = static_cast<uint32_t>(times.size());
    m_firstSend = times.empty() ? Time() : times.front();
}

void
GroupServer::AddReply(uint32_t client, const std::string& reply)
{
    NS_LOG_FUNCTION(this << client << reply);
    m_replies[client].push_back(reply);
}

void
GroupServer::StartApplication()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!m_mode, "GroupServer needs a DeliveryMode");
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    if (m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) != 0)
    {
        NS_FATAL_ERROR("GroupServer cannot bind port " << m_port);
    }
    m_socket->SetIpTtl(kInitialTtl);
    m_socket->SetRecvCallback(MakeCallback(&GroupServer::HandleRead, this));
    m_mode->Prepare(m_socket);
    NS_LOG_INFO("P1 listens on port " << m_port << "; " << m_messages << " group messages by "
                                      << m_mode->GetName());
    m_consoleTrace("UDP server up and listening");
    if (m_messages > 0)
    {
        m_sendEvent = Simulator::Schedule(m_firstSend, &GroupServer::SendScheduled, this);
    }
}

void
GroupServer::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_sendEvent.Cancel();
    if (m_socket)
    {
        m_socket->Close();
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    }
}

void
GroupServer::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_socket = nullptr;
    m_mode = nullptr;
    Application::DoDispose();
}

void
GroupServer::SendScheduled()
{
    NS_LOG_FUNCTION(this);
    SendGroupMessage("", m_target);
    if (++m_scheduled < m_messages)
    {
        Time gap = m_sendTimes.empty() ? m_interval
                                       : m_sendTimes[m_scheduled] - m_sendTimes[m_scheduled - 1];
        m_sendEvent = Simulator::Schedule(gap, &GroupServer::SendScheduled, this);
    }
}

void
GroupServer::SendGroupMessage(const std::string& text, uint32_t target)
{
    NS_LOG_FUNCTION(this << text << target);
    GroupHeader header;
    header.SetKind(GroupHeader::GROUP_MESSAGE);
    header.Stamp(0, m_sent);
    Ptr<Packet> datagram = MakeDatagram(header, text, m_size);
    datagram->AddPacketTag(GroupMessageTag(m_sent));
    if (m_groupMembers)
    {
        GroupDirectory group = m_directory;
        group.members = *m_groupMembers;
        m_groupSendTrace(m_sent, m_mode->Destinations(group, target));
    }
    else
    {
        m_groupSendTrace(m_sent, m_mode->Destinations(m_directory, target));
    }
    NS_LOG_INFO("group message " << m_sent << " (" << datagram->GetSize() << " bytes) leaves by "
                                 << m_mode->GetName());
    ++m_sent;
    m_mode->Send(m_socket, datagram, m_directory, target);
}

void
GroupServer::HandleRead(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        GroupHeader header;
        if (packet->PeekHeader(header) != GroupHeader::SERIALIZED_SIZE ||
            header.GetKind() != GroupHeader::CLIENT_MESSAGE)
        {
            continue;
        }
        m_rxTrace(packet, header);
        uint32_t client = header.GetOrigin();
        NS_LOG_INFO("message " << header.GetMessage() << " from client " << client);
        std::string text = StripClientTag(DatagramText(packet), client);
        m_consoleTrace("Message from Client " + std::to_string(client) + ": " + text);
        auto queue = m_replies.find(client);
        if (queue == m_replies.end() || queue->second.empty())
        {
            NS_LOG_LOGIC("no reply queued for client " << client);
            continue;
        }
        std::string reply = queue->second.front();
        queue->second.pop_front();
        m_consoleTrace("Enter your message for client " + std::to_string(client) + ": " + reply);
        SendGroupMessage(reply, client);
    }
}

} // namespace gcsim
} // namespace ns3
