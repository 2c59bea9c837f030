#ifndef GCSIM_RELIABILITY_HEADER_H
#define GCSIM_RELIABILITY_HEADER_H

#include "../group/group-header.h"

#include <cstdint>
#include <ns3/header.h>
#include <ns3/nstime.h>
#include <ns3/tag.h>

namespace ns3
{
namespace gcsim
{

/**
 * \brief The header of the reliability protocols' own datagrams (NAK repair, unicast ARQ).
 *
 * They travel on their own UDP port (the group's port + 1), apart from the group messages.
 * A repair or a retransmission carries the whole original datagram (GroupHeader and payload)
 * after this header, so the receiver's application gets the message as P1 first sent it.
 */
class ReliabilityHeader : public GroupHeader
{
public:
    /// What a datagram is in the protocol.
    enum Kind : uint8_t
    {
        NAK = 1,            //!< a receiver asks the group for message `message`
        REPAIR = 2,         //!< a holder's multicast copy of message `message`
        SESSION = 3,        //!< P1: `message` is the highest message number sent so far
        ACK = 4,            //!< a receiver has message `message` (unicast ARQ)
        RETRANSMISSION = 5, //!< P1's unicast copy of message `message` (unicast ARQ)
    };

    /// GroupHeader's 16 bytes on the wire (kind, origin, message, send time), with the
    /// protocol's own kinds: origin is who sent this datagram, message the group message it
    /// is about.
    ReliabilityHeader();

    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    void SetKind(Kind kind);
    Kind GetKind() const;
};

/**
 * \brief Marks a reliability datagram with its kind, in simulation only, so that collectors
 * count its frames on links without parsing headers.
 */
class ReliabilityTag : public Tag
{
public:
    ReliabilityTag() = default;
    explicit ReliabilityTag(ReliabilityHeader::Kind kind);

    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(TagBuffer i) const override;
    void Deserialize(TagBuffer i) override;
    void Print(std::ostream& os) const override;

    ReliabilityHeader::Kind GetKind() const;

private:
    uint8_t m_kind{ReliabilityHeader::NAK}; //!< ReliabilityHeader::Kind
};

/// The UDP port the reliability protocols use: the group's port + 1.
constexpr uint16_t
ReliabilityPort(uint16_t groupPort)
{
    return static_cast<uint16_t>(groupPort + 1);
}

} // namespace gcsim
} // namespace ns3

#endif
