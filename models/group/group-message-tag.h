#ifndef GCSIM_GROUP_MESSAGE_TAG_H
#define GCSIM_GROUP_MESSAGE_TAG_H

#include <cstdint>
#include <ns3/tag.h>

namespace ns3
{
namespace gcsim
{

/**
 * \brief Marks every copy of a group message with its number, in simulation only.
 *
 * A packet tag is not on the wire; it lets link and host collectors attribute each frame
 * to its message (for link stress) without parsing headers at every hop.
 */
class GroupMessageTag : public Tag
{
public:
    GroupMessageTag() = default;
    explicit GroupMessageTag(uint32_t message);

    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(TagBuffer i) const override;
    void Deserialize(TagBuffer i) override;
    void Print(std::ostream& os) const override;

    uint32_t GetMessage() const;

private:
    uint32_t m_message{0}; //!< message number
};

} // namespace gcsim
} // namespace ns3

#endif
