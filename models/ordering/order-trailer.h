#ifndef GCSIM_ORDER_TRAILER_H
#define GCSIM_ORDER_TRAILER_H

#include "../group/group-header.h"

#include <ns3/node.h>
#include <ns3/packet.h>
#include <ns3/socket.h>
#include <ns3/trailer.h>

namespace ns3
{
namespace gcsim
{

/**
 * \brief The ordering layer's stamp: the last 4 bytes of every message a sender sends.
 *
 * It holds the global sequence number P1 assigned (total order), or kUnsequenced. FIFO
 * needs no stamp of its own: the GroupHeader's message number is the sender's sequence
 * number. Every order carries the stamp, so a message is the same size in every order.
 */
class OrderTrailer : public Trailer
{
public:
    static constexpr uint32_t SERIALIZED_SIZE = 4; //!< bytes on the wire
    static constexpr uint32_t kUnsequenced = ~0u;  //!< no global sequence number (yet)

    OrderTrailer() = default;
    explicit OrderTrailer(uint32_t sequence);

    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator end) const override;
    uint32_t Deserialize(Buffer::Iterator end) override;
    void Print(std::ostream& os) const override;

    uint32_t GetSequence() const;

private:
    uint32_t m_sequence{kUnsequenced}; //!< global sequence number
};

/// A sender's message: GroupHeader, zero padding, and the stamp, \p size bytes in all.
Ptr<Packet> MakeOrderedDatagram(const GroupHeader& header, uint32_t size, uint32_t sequence,
                                uint32_t tag);

/// The stamp of a datagram made by MakeOrderedDatagram(), or OrderTrailer::kUnsequenced.
uint32_t SequenceOf(Ptr<const Packet> datagram);

/// A UDP socket of the ordering layer on \p node, bound to \p port, sending with gcsim's TTL.
Ptr<Socket> BindOrderingSocket(Ptr<Node> node, uint16_t port);

} // namespace gcsim
} // namespace ns3

#endif
