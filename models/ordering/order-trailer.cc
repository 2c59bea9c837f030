#include "order-trailer.h"

#include "../group/group-client.h"
#include "../group/group-message-tag.h"

#include <ns3/inet-socket-address.h>
#include <ns3/log.h>
#include <ns3/udp-socket-factory.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimOrderTrailer");

NS_OBJECT_ENSURE_REGISTERED(OrderTrailer);

OrderTrailer::OrderTrailer(uint32_t sequence)
  : m_sequence(sequence)
{
    NS_LOG_FUNCTION(this << sequence);
}

TypeId
OrderTrailer::GetTypeId()
{
    static TypeId tid = TypeId("ns3::gcsim::OrderTrailer")
                            .SetParent<Trailer>()
                            .SetGroupName("Gcsim")
                            .AddConstructor<OrderTrailer>();
    return tid;
}

TypeId
OrderTrailer::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
OrderTrailer::GetSerializedSize() const
{
    return SERIALIZED_SIZE;
}

void
OrderTrailer::Serialize(Buffer::Iterator end) const
{
    end.Prev(SERIALIZED_SIZE);
    end.WriteHtonU32(m_sequence);
}

uint32_t
OrderTrailer::Deserialize(Buffer::Iterator end)
{
    end.Prev(SERIALIZED_SIZE);
    m_sequence = end.ReadNtohU32();
    return SERIALIZED_SIZE;
}

void
OrderTrailer::Print(std::ostream& os) const
{
    os << "sequence=" << m_sequence;
}

uint32_t
OrderTrailer::GetSequence() const
{
    return m_sequence;
}

Ptr<Packet>
MakeOrderedDatagram(const GroupHeader& header, uint32_t size, uint32_t sequence, uint32_t tag)
{
    NS_LOG_FUNCTION(header << size << sequence << tag);
    uint32_t body = size > OrderTrailer::SERIALIZED_SIZE ? size - OrderTrailer::SERIALIZED_SIZE : 0;
    Ptr<Packet> datagram = MakeDatagram(header, "", body);
    datagram->AddTrailer(OrderTrailer(sequence));
    datagram->AddPacketTag(GroupMessageTag(tag));
    return datagram;
}

uint32_t
SequenceOf(Ptr<const Packet> datagram)
{
    NS_LOG_FUNCTION(datagram);
    if (datagram->GetSize() < GroupHeader::SERIALIZED_SIZE + OrderTrailer::SERIALIZED_SIZE)
    {
        return OrderTrailer::kUnsequenced;
    }
    OrderTrailer trailer;
    datagram->Copy()->PeekTrailer(trailer);
    return trailer.GetSequence();
}

Ptr<Socket>
BindOrderingSocket(Ptr<Node> node, uint16_t port)
{
    NS_LOG_FUNCTION(node << port);
    Ptr<Socket> socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    if (socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), port)) != 0)
    {
        NS_FATAL_ERROR("cannot bind port " << port);
    }
    socket->SetIpTtl(kInitialTtl);
    return socket;
}

} // namespace gcsim
} // namespace ns3
