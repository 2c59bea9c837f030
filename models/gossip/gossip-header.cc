#include "gossip-header.h"

#include <algorithm>
#include <ns3/log.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimGossipHeader");

NS_OBJECT_ENSURE_REGISTERED(GossipHeader);

TypeId
GossipHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::gcsim::GossipHeader")
                            .SetParent<Header>()
                            .SetGroupName("Gcsim")
                            .AddConstructor<GossipHeader>();
    return tid;
}

TypeId
GossipHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
GossipHeader::GetSerializedSize() const
{
    return FIXED_SIZE + 4 * static_cast<uint32_t>(ids.size());
}

void
GossipHeader::Serialize(Buffer::Iterator i) const
{
    i.WriteU8(type);
    i.WriteU8(flags);
    i.WriteHtonU16(round);
    i.WriteHtonU16(static_cast<uint16_t>(ids.size()));
    for (uint32_t id : ids)
    {
        i.WriteHtonU32(id);
    }
}

uint32_t
GossipHeader::Deserialize(Buffer::Iterator i)
{
    type = static_cast<Type>(i.ReadU8());
    flags = i.ReadU8();
    round = i.ReadNtohU16();
    uint32_t count = i.ReadNtohU16();
    // A datagram shorter than its count says: take the numbers that are there.
    count = std::min(count, i.GetRemainingSize() / 4);
    ids.resize(count);
    for (auto& id : ids)
    {
        id = i.ReadNtohU32();
    }
    return GetSerializedSize();
}

void
GossipHeader::Print(std::ostream& os) const
{
    os << "type=" << unsigned(type) << " round=" << round << " ids=" << ids.size();
}

} // namespace gcsim
} // namespace ns3
