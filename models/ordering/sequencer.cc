#include "sequencer.h"

#include "../group/group-message-tag.h"
#include "order-trailer.h"

#include <ns3/inet-socket-address.h>
#include <ns3/log.h>
#include <ns3/uinteger.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimSequencer");

NS_OBJECT_ENSURE_REGISTERED(Sequencer);

TypeId
Sequencer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::gcsim::Sequencer")
            .SetParent<Application>()
            .SetGroupName("Gcsim")
            .AddConstructor<Sequencer>()
            .AddAttribute("Group", "The group's address.", Ipv4AddressValue("239.255.0.1"),
                          MakeIpv4AddressAccessor(&Sequencer::m_group), MakeIpv4AddressChecker())
            .AddAttribute("Port", "The group's UDP port.", UintegerValue(20001),
                          MakeUintegerAccessor(&Sequencer::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("Listen", "The UDP port senders send to.", UintegerValue(20002),
                          MakeUintegerAccessor(&Sequencer::m_listen),
                          MakeUintegerChecker<uint16_t>(1))
            .AddTraceSource("Sequenced", "A sender's message went out with a sequence number.",
                            MakeTraceSourceAccessor(&Sequencer::m_sequencedTrace),
                            "ns3::gcsim::Sequencer::SequencedCallback");
    return tid;
}

void
Sequencer::StartApplication()
{
    NS_LOG_FUNCTION(this);
    m_socket = BindOrderingSocket(GetNode(), m_listen);
    m_socket->SetRecvCallback(MakeCallback(&Sequencer::HandleRead, this));
}

void
Sequencer::StopApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_socket)
    {
        m_socket->Close();
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    }
}

void
Sequencer::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_socket = nullptr;
    Application::DoDispose();
}

void
Sequencer::HandleRead(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        GroupHeader header;
        if (packet->PeekHeader(header) != GroupHeader::SERIALIZED_SIZE ||
            header.GetKind() != GroupHeader::GROUP_MESSAGE)
        {
            continue;
        }
        GroupMessageTag tag;
        packet->PeekPacketTag(tag);
        // The sender's header goes out unchanged (origin, its number, its send time):
        // latency at the members then includes the detour through P1.
        uint32_t sequence = m_next++;
        NS_LOG_LOGIC("message " << header.GetOrigin() << "/" << header.GetMessage()
                                << " gets sequence number " << sequence);
        m_sequencedTrace(header.GetOrigin(), header.GetMessage(), sequence);
        m_socket->SendTo(MakeOrderedDatagram(header, packet->GetSize(), sequence, tag.GetMessage()),
                         0, InetSocketAddress(m_group, m_port));
    }
}

} // namespace gcsim
} // namespace ns3
