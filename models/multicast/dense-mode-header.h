#ifndef GCSIM_DENSE_MODE_HEADER_H
#define GCSIM_DENSE_MODE_HEADER_H

#include <cstdint>
#include <ns3/header.h>
#include <ns3/ipv4-address.h>

namespace ns3
{
namespace gcsim
{

/**
 * \brief A PIM-DM (RFC 3973) Prune, Graft or Graft-Ack for one (source, group), as dense
 * mode's routers send it to a neighbour in an IPv4 packet of protocol 103.
 *
 * The layout is PIM's Join/Prune message with one group and one source, 34 bytes: the PIM
 * header (version 2, type, reserved, checksum), the upstream neighbour (encoded unicast
 * address), reserved, one group, the hold time, the group (encoded group address), no
 * joined source and one pruned source (a Prune) or one joined source (a Graft or its Ack),
 * as an encoded source address.
 */
class DenseModeHeader : public Header
{
public:
    /// PIM message types dense mode sends.
    enum Type : uint8_t
    {
        PRUNE = 3,     //!< Join/Prune carrying one pruned source
        GRAFT = 6,     //!< Graft carrying one joined source
        GRAFT_ACK = 7, //!< the upstream router's answer to a Graft
    };

    static constexpr uint32_t SERIALIZED_SIZE = 34; //!< bytes on the wire
    static constexpr uint8_t PROTOCOL = 103;        //!< PIM's IPv4 protocol number

    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    Type type{PRUNE};     //!< what the message asks
    Ipv4Address upstream; //!< the neighbour it is meant for
    Ipv4Address group;    //!< G
    Ipv4Address source;   //!< S
    uint16_t holdTime{0}; //!< seconds a prune holds (PIM's unit; routers use their own)
};

} // namespace gcsim
} // namespace ns3

#endif
