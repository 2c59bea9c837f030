#include "igmp-header.h"

#include <ns3/log.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimIgmpHeader");

NS_OBJECT_ENSURE_REGISTERED(IgmpHeader);

TypeId
IgmpHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::gcsim::IgmpHeader")
                            .SetParent<Header>()
                            .SetGroupName("Gcsim")
                            .AddConstructor<IgmpHeader>();
    return tid;
}

TypeId
IgmpHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
IgmpHeader::SetType(Type type)
{
    NS_LOG_FUNCTION(this);
    m_type = type;
}

IgmpHeader::Type
IgmpHeader::GetType() const
{
    return m_type;
}

void
IgmpHeader::SetMaxResponseMs(uint8_t ms)
{
    NS_LOG_FUNCTION(this << ms);
    m_maxResponseMs = ms;
}

uint8_t
IgmpHeader::GetMaxResponseMs() const
{
    return m_maxResponseMs;
}

void
IgmpHeader::SetGroup(Ipv4Address group)
{
    NS_LOG_FUNCTION(this << group);
    m_group = group;
}

Ipv4Address
IgmpHeader::GetGroup() const
{
    return m_group;
}

bool
IgmpHeader::IsChecksumOk() const
{
    return m_checksumOk;
}

uint32_t
IgmpHeader::GetSerializedSize() const
{
    return SERIALIZED_SIZE;
}

void
IgmpHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteU8(m_type);
    i.WriteU8(m_maxResponseMs);
    i.WriteU16(0);
    i.WriteHtonU32(m_group.Get());
    // The Internet checksum of the whole message, written over the zeroed field.
    Buffer::Iterator sum = start; // the sum moves the iterator it runs on
    uint16_t checksum = sum.CalculateIpChecksum(SERIALIZED_SIZE);
    Buffer::Iterator field = start;
    field.Next(2);
    field.WriteU16(checksum);
}

uint32_t
IgmpHeader::Deserialize(Buffer::Iterator start)
{
    NS_LOG_FUNCTION(this);
    Buffer::Iterator i = start;
    m_type = static_cast<Type>(i.ReadU8());
    m_maxResponseMs = i.ReadU8();
    i.Next(2);
    m_group = Ipv4Address(i.ReadNtohU32());
    m_checksumOk = start.CalculateIpChecksum(SERIALIZED_SIZE) == 0;
    return SERIALIZED_SIZE;
}

void
IgmpHeader::Print(std::ostream& os) const
{
    os << "IGMPv2 type 0x" << std::hex << int(m_type) << std::dec << " max-resp "
       << int(m_maxResponseMs) << "ms group " << m_group;
}

} // namespace gcsim
} // namespace ns3
