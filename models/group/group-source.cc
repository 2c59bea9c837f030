#include "group-source.h"

#include <ns3/inet-socket-address.h>
#include <ns3/log.h>
#include <ns3/simulator.h>
#include <ns3/udp-socket-factory.h>
#include <ns3/uinteger.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimGroupSource");

NS_OBJECT_ENSURE_REGISTERED(GroupSource);

TypeId
GroupSource::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::gcsim::GroupSource")
            .SetParent<Application>()
            .SetGroupName("Gcsim")
            .AddConstructor<GroupSource>()
            .AddAttribute("Port", "The groups' UDP port.", UintegerValue(20002),
                          MakeUintegerAccessor(&GroupSource::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("Origin", "The sender's number in the header: 0 for P1, n for client n.",
                          UintegerValue(0), MakeUintegerAccessor(&GroupSource::m_origin),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Messages", "Messages to send to each group.", UintegerValue(0),
                          MakeUintegerAccessor(&GroupSource::m_messages),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Interval", "Time between two messages.", TimeValue(MilliSeconds(10)),
                          MakeTimeAccessor(&GroupSource::m_interval), MakeTimeChecker(Time(0)))
            .AddAttribute("FirstSend", "When the first message leaves, from application start.",
                          TimeValue(Seconds(1)), MakeTimeAccessor(&GroupSource::m_firstSend),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("MessageSize", "UDP payload bytes of a message (at least the header).",
                          UintegerValue(1024), MakeUintegerAccessor(&GroupSource::m_size),
                          MakeUintegerChecker<uint32_t>(GroupHeader::SERIALIZED_SIZE, 65507))
            .AddTraceSource("Tx", "A message left for one group.",
                            MakeTraceSourceAccessor(&GroupSource::m_txTrace),
                            "ns3::gcsim::GroupSource::TxCallback");
    return tid;
}

GroupSource::GroupSource()
{
    NS_LOG_FUNCTION(this);
}

GroupSource::~GroupSource()
{
    NS_LOG_FUNCTION(this);
}

void
GroupSource::SetGroups(const std::vector<Ipv4Address>& groups)
{
    NS_LOG_FUNCTION(this << groups.size());
    m_groups = groups;
}

void
GroupSource::StartApplication()
{
    NS_LOG_FUNCTION(this);
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    if (m_socket->Bind() != 0)
    {
        NS_FATAL_ERROR("GroupSource cannot bind a port");
    }
    m_socket->SetIpTtl(kInitialTtl);
    if (m_messages > 0 && !m_groups.empty())
    {
        m_sendEvent = Simulator::Schedule(m_firstSend, &GroupSource::SendAll, this);
    }
}

void
GroupSource::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_sendEvent.Cancel();
    if (m_socket)
    {
        m_socket->Close();
    }
}

void
GroupSource::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_socket = nullptr;
    Application::DoDispose();
}

void
GroupSource::SendAll()
{
    NS_LOG_FUNCTION(this);
    GroupHeader header;
    header.SetKind(GroupHeader::GROUP_MESSAGE);
    header.Stamp(m_origin, m_sent);
    for (Ipv4Address group : m_groups)
    {
        m_txTrace(group, m_origin, m_sent);
        m_socket->SendTo(MakeDatagram(header, "", m_size), 0, InetSocketAddress(group, m_port));
    }
    NS_LOG_INFO("message " << m_sent << " of " << m_origin << " left for " << m_groups.size()
                           << " groups");
    if (++m_sent < m_messages)
    {
        m_sendEvent = Simulator::Schedule(m_interval, &GroupSource::SendAll, this);
    }
}

} // namespace gcsim
} // namespace ns3
