#ifndef GCSIM_GOSSIP_HEADER_H
#define GCSIM_GOSSIP_HEADER_H

#include <ns3/header.h>
#include <vector>

namespace ns3
{
namespace gcsim
{

/**
 * \brief The header of a gossip datagram (GossipAgent, on the group's port + 1).
 *
 * One byte of type, one of flags, the round the sender was in (16 bits), a count and that
 * many message numbers (32 bits each): 6 + 4 x count bytes. A DATA datagram carries no
 * numbers and is followed by the group message as P1 sent it (its GroupHeader says which).
 */
class GossipHeader : public Header
{
public:
    /// What a gossip datagram is.
    enum Type : uint8_t
    {
        DATA = 1,     //!< a group message (push, a pull's answer, an eager push)
        PULL = 2,     //!< "send me what I lack": the numbers are what the sender has
        IHAVE = 3,    //!< lazy push: "I have these"
        GRAFT = 4,    //!< "send me these" (lazy push's graft, push-pull's request)
        PRUNE = 5,    //!< lazy push: "stop pushing to me eagerly"
        FEEDBACK = 6, //!< rumour mongering: "I knew these already"
    };

    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    static constexpr uint32_t FIXED_SIZE = 6; //!< bytes before the message numbers

    Type type{DATA};
    uint8_t flags{0};
    uint16_t round{0};         //!< the sender's round (for DATA: the round it was pushed in)
    std::vector<uint32_t> ids; //!< message numbers
};

} // namespace gcsim
} // namespace ns3

#endif
