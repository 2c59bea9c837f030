#include "reliability-header.h"

#include <ns3/log.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimReliabilityHeader");

NS_OBJECT_ENSURE_REGISTERED(ReliabilityHeader);
NS_OBJECT_ENSURE_REGISTERED(ReliabilityTag);

TypeId
ReliabilityHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::gcsim::ReliabilityHeader")
                            .SetParent<GroupHeader>()
                            .SetGroupName("Gcsim")
                            .AddConstructor<ReliabilityHeader>();
    return tid;
}

ReliabilityHeader::ReliabilityHeader()
{
    NS_LOG_FUNCTION(this);
    SetKind(NAK);
}

TypeId
ReliabilityHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
ReliabilityHeader::SetKind(Kind kind)
{
    NS_LOG_FUNCTION(this);
    // The protocol's kinds share GroupHeader's kind byte; its datagrams never reach a
    // GroupClient (they travel on the group's port + 1).
    GroupHeader::SetKind(static_cast<GroupHeader::Kind>(kind));
}

ReliabilityHeader::Kind
ReliabilityHeader::GetKind() const
{
    return static_cast<Kind>(GroupHeader::GetKind());
}

ReliabilityTag::ReliabilityTag(ReliabilityHeader::Kind kind)
  : m_kind(kind)
{
    NS_LOG_FUNCTION(this);
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
    NS_LOG_FUNCTION(this);
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
