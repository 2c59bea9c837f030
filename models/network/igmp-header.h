#ifndef GCSIM_IGMP_HEADER_H
#define GCSIM_IGMP_HEADER_H

#include <ns3/header.h>
#include <ns3/ipv4-address.h>

namespace ns3
{
namespace gcsim
{

/**
 * \brief An IGMPv2 message (RFC 2236, section 2): type, max response time, checksum, group
 * address; 8 bytes, carried in IPv4 protocol 2.
 *
 * One difference from the RFC: the Max Resp Time field counts milliseconds, not tenths of a
 * second, because gcsim scales IGMP's timers down to the length of a simulated run (a
 * 100 ms query response interval instead of 10 s); it still holds at most 255 units.
 */
class IgmpHeader : public Header
{
public:
    /// The message types of IGMPv2.
    enum Type : uint8_t
    {
        QUERY = 0x11,  //!< Membership Query: general (group 0.0.0.0) or group-specific
        REPORT = 0x16, //!< Version 2 Membership Report
        LEAVE = 0x17,  //!< Leave Group
    };

    static constexpr uint32_t SERIALIZED_SIZE = 8;
    /// IPv4's protocol number for IGMP.
    static constexpr uint8_t PROTOCOL = 2;

    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    void SetType(Type type);
    Type GetType() const;
    /// The Max Resp Time field, in milliseconds (0 to 255).
    void SetMaxResponseMs(uint8_t ms);
    uint8_t GetMaxResponseMs() const;
    void SetGroup(Ipv4Address group);
    Ipv4Address GetGroup() const;
    /// Whether the checksum read by Deserialize() was right.
    bool IsChecksumOk() const;

    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

private:
    Type m_type{QUERY};
    uint8_t m_maxResponseMs{0};
    Ipv4Address m_group{Ipv4Address::GetAny()};
    bool m_checksumOk{true};
};

} // namespace gcsim
} // namespace ns3

#endif
