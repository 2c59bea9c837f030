#include "dense-mode-header.h"

#include <ns3/log.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimDenseModeHeader");

NS_OBJECT_ENSURE_REGISTERED(DenseModeHeader);

namespace
{

// PIM's encoded addresses (RFC 7761 4.9.1): address family 1 (IPv4), encoding type 0.
void
WriteUnicast(Buffer::Iterator& i, Ipv4Address a)
{
    i.WriteU8(1);
    i.WriteU8(0);
    i.WriteHtonU32(a.Get());
}

void
WriteGroupOrSource(Buffer::Iterator& i, Ipv4Address a, uint8_t flags)
{
    i.WriteU8(1);
    i.WriteU8(0);
    i.WriteU8(flags);
    i.WriteU8(32); // mask length
    i.WriteHtonU32(a.Get());
}

} // namespace

TypeId
DenseModeHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::gcsim::DenseModeHeader")
                            .SetParent<Header>()
                            .SetGroupName("Gcsim")
                            .AddConstructor<DenseModeHeader>();
    return tid;
}

TypeId
DenseModeHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
DenseModeHeader::GetSerializedSize() const
{
    return SERIALIZED_SIZE;
}

void
DenseModeHeader::Serialize(Buffer::Iterator i) const
{
    i.WriteU8(0x20 | type); // version 2, type
    i.WriteU8(0);
    i.WriteU16(0); // checksum: not computed, as ns-3's IPv4 header leaves it by default
    WriteUnicast(i, upstream);
    i.WriteU8(0);
    i.WriteU8(1); // one group
    i.WriteHtonU16(holdTime);
    WriteGroupOrSource(i, group, 0);
    i.WriteHtonU16(type == PRUNE ? 0 : 1); // joined sources
    i.WriteHtonU16(type == PRUNE ? 1 : 0); // pruned sources
    WriteGroupOrSource(i, source, 0x04);   // S bit: a source, not (*,G)
}

uint32_t
DenseModeHeader::Deserialize(Buffer::Iterator start)
{
    NS_LOG_FUNCTION(this);
    Buffer::Iterator i = start;
    type = static_cast<Type>(i.ReadU8() & 0x0f);
    i.Next(3);
    i.Next(2);
    upstream = Ipv4Address(i.ReadNtohU32());
    i.Next(2);
    holdTime = i.ReadNtohU16();
    i.Next(4);
    group = Ipv4Address(i.ReadNtohU32());
    i.Next(4);
    i.Next(4);
    source = Ipv4Address(i.ReadNtohU32());
    return i.GetDistanceFrom(start);
}

void
DenseModeHeader::Print(std::ostream& os) const
{
    os << (type == PRUNE   ? "Prune"
           : type == GRAFT ? "Graft"
                           : "Graft-Ack")
       << "(" << source << ", " << group << ") to " << upstream << " hold " << holdTime << "s";
}

} // namespace gcsim
} // namespace ns3
