#include "reliability-header.h"

namespace ns3
{
namespace gcsim
{

NS_OBJECT_ENSURE_REGISTERED(ReliabilityHeader);
NS_OBJECT_ENSURE_REGISTERED(ReliabilityTag);

TypeId
ReliabilityHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::gcsim::ReliabilityHeader")
                            .SetParent<Header>()
                            .SetGroupName("Gcsim")
                            .AddConstructor<ReliabilityHeader>();
    return tid;
}

TypeId
ReliabilityHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
ReliabilityHeader::GetSerializedSize() const
{
    return SERIALIZED_SIZE;
}

void
ReliabilityHeader::Serialize(Buffer::Iterator i) const
{
    i.WriteU8(m_kind);
    i.WriteU8((m_origin >> 16) & 0xff);
    i.WriteHtonU16(m_origin & 0xffff);
    i.WriteHtonU32(m_message);
    i.WriteHtonU64(static_cast<uint64_t>(m_sendNs));
}

uint32_t
ReliabilityHeader::Deserialize(Buffer::Iterator i)
{
    m_kind = i.ReadU8();
    uint32_t high = i.ReadU8();
    m_origin = (high << 16) | i.ReadNtohU16();
    m_message = i.ReadNtohU32();
    m_sendNs = static_cast<int64_t>(i.ReadNtohU64());
    return SERIALIZED_SIZE;
}

void
ReliabilityHeader::Print(std::ostream& os) const
{
    os << "kind=" << unsigned(m_kind) << " origin=" << m_origin << " message=" << m_message
       << " send=" << m_sendNs << "ns";
}

void
ReliabilityHeader::SetKind(Kind kind)
{
    m_kind = kind;
}

ReliabilityHeader::Kind
ReliabilityHeader::GetKind() const
{
    return static_cast<Kind>(m_kind);
}

void
ReliabilityHeader::SetOrigin(uint32_t origin)
{
    m_origin = origin & 0xffffff;
}

uint32_t
ReliabilityHeader::GetOrigin() const
{
    return m_origin;
}

void
ReliabilityHeader::SetMessage(uint32_t message)
{
    m_message = message;
}

uint32_t
ReliabilityHeader::GetMessage() const
{
    return m_message;
}

void
ReliabilityHeader::SetSendTime(Time t)
{
    m_sendNs = t.GetNanoSeconds();
}

Time
ReliabilityHeader::GetSendTime() const
{
    return NanoSeconds(m_sendNs);
}

ReliabilityTag::ReliabilityTag(ReliabilityHeader::Kind kind)
  : m_kind(kind)
{
}

TypeId
ReliabilityTag::GetTypeId()
{
    static TypeId tid = TypeId("ns3::gcsim::ReliabilityTag")
                            .SetParent<Tag>()
                            .SetGroupName("Gcsim")
                            .AddConstructor<ReliabilityTag>();
    return tid;
}

TypeId
ReliabilityTag::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
ReliabilityTag::GetSerializedSize() const
{
    return 1;
}

void
ReliabilityTag::Serialize(TagBuffer i) const
{
    i.WriteU8(m_kind);
}

void
ReliabilityTag::Deserialize(TagBuffer i)
{
    m_kind = i.ReadU8();
}

void
ReliabilityTag::Print(std::ostream& os) const
{
    os << "kind=" << unsigned(m_kind);
}

ReliabilityHeader::Kind
ReliabilityTag::GetKind() const
{
    return static_cast<ReliabilityHeader::Kind>(m_kind);
}

} // namespace gcsim
} // namespace ns3
