#include "group-sink.h"

#include "group-membership.h"

#include <ns3/inet-socket-address.h>
#include <ns3/ipv4-packet-info-tag.h>
#include <ns3/log.h>
#include <ns3/udp-socket-factory.h>
#include <ns3/uinteger.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimGroupSink");

NS_OBJECT_ENSURE_REGISTERED(GroupSink);

TypeId
GroupSink::GetTypeId()
{
    static TypeId tid = TypeId("ns3::gcsim::GroupSink")
                            .SetParent<Application>()
                            .SetGroupName("Gcsim")
                            .AddConstructor<GroupSink>()
                            .AddAttribute("Port", "The groups' UDP port.", UintegerValue(20002),
                                          MakeUintegerAccessor(&GroupSink::m_port),
                                          MakeUintegerChecker<uint16_t>(1))
                            .AddAttribute("Client", "This client's number.", UintegerValue(1),
                                          MakeUintegerAccessor(&GroupSink::m_client),
                                          MakeUintegerChecker<uint32_t>(1))
                            .AddTraceSource("Rx", "A datagram of one of the groups arrived.",
                                            MakeTraceSourceAccessor(&GroupSink::m_rxTrace),
                                            "ns3::gcsim::GroupSink::RxCallback");
    return tid;
}

GroupSink::GroupSink()
{
    NS_LOG_FUNCTION(this);
}

GroupSink::~GroupSink()
{
    NS_LOG_FUNCTION(this);
}

void
GroupSink::SetGroups(const std::vector<Ipv4Address>& groups)
{
    NS_LOG_FUNCTION(this << groups.size());
    m_groups = groups;
}

void
GroupSink::StartApplication()
{
    NS_LOG_FUNCTION(this);
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    if (m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) != 0)
    {
        NS_FATAL_ERROR("GroupSink cannot bind port " << m_port);
    }
    m_socket->SetRecvPktInfo(true); // the group each datagram was sent to
    m_socket->SetRecvCallback(MakeCallback(&GroupSink::HandleRead, this));
    Ptr<GroupMembership> membership = GroupMembership::Install(GetNode());
    for (Ipv4Address group : m_groups)
    {
        membership->Join(group);
    }
    NS_LOG_INFO("client " << m_client << " joins " << m_groups.size() << " groups");
}

void
GroupSink::StopApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_socket)
    {
        m_socket->Close();
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    }
}

void
GroupSink::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_socket = nullptr;
    Application::DoDispose();
}

void
GroupSink::HandleRead(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    while (Ptr<Packet> packet = socket->Recv())
    {
        Ipv4PacketInfoTag info;
        GroupHeader header;
        if (!packet->PeekPacketTag(info) ||
            packet->PeekHeader(header) != GroupHeader::SERIALIZED_SIZE)
        {
            continue;
        }
        m_rxTrace(info.GetAddress(), header, m_client);
    }
}

} // namespace gcsim
} // namespace ns3
