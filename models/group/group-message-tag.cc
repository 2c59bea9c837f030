#include "group-message-tag.h"

#include <ns3/log.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimGroupMessageTag");

NS_OBJECT_ENSURE_REGISTERED(GroupMessageTag);

GroupMessageTag::GroupMessageTag(uint32_t message)
  : m_message(message)
{
    NS_LOG_FUNCTION(this << message);
}

TypeId
GroupMessageTag::GetTypeId()
{
    static TypeId tid = TypeId("ns3::gcsim::GroupMessageTag")
                            .SetParent<Tag>()
                            .SetGroupName("Gcsim")
                            .AddConstructor<GroupMessageTag>();
    return tid;
}

TypeId
GroupMessageTag::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
GroupMessageTag::GetSerializedSize() const
{
    return 4;
}

void
GroupMessageTag::Serialize(TagBuffer i) const
{
    i.WriteU32(m_message);
}

void
GroupMessageTag::Deserialize(TagBuffer i)
{
    NS_LOG_FUNCTION(this);
    m_message = i.ReadU32();
}

void
GroupMessageTag::Print(std::ostream& os) const
{
    os << "message=" << m_message;
}

uint32_t
GroupMessageTag::GetMessage() const
{
    return m_message;
}

} // namespace gcsim
} // namespace ns3
