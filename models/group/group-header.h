#ifndef GCSIM_GROUP_HEADER_H
#define GCSIM_GROUP_HEADER_H

#include "../network/network-constants.h"

#include <cstdint>
#include <ns3/header.h>
#include <ns3/nstime.h>
#include <ns3/packet.h>
#include <string>

namespace ns3
{
namespace gcsim
{

/**
 * \brief The measurement header every gcsim datagram starts with.
 *
 * It carries what a receiver needs to time a delivery: which message this is, when the
 * origin's application sent it, and who the origin is (0 for P1, n for client n). The
 * rest of the UDP payload is the message text and padding up to the scenario's size.
 */
class GroupHeader : public Header
{
public:
    /// What a datagram is in the experiment.
    enum Kind : uint8_t
    {
        CLIENT_MESSAGE = 1, //!< a client's message to P1 ("Kya re?1")
        GROUP_MESSAGE = 2,  //!< a message P1 sends through a delivery mode
    };

    static constexpr uint32_t SERIALIZED_SIZE = 16; //!< bytes on the wire

    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    void SetKind(Kind kind);
    Kind GetKind() const;
    void SetOrigin(uint32_t origin);
    uint32_t GetOrigin() const;
    void SetMessage(uint32_t message);
    uint32_t GetMessage() const;
    void SetSendTime(Time t);
    Time GetSendTime() const;
    /// Origin \p origin, message number \p message, sent now (the simulator's clock).
    void Stamp(uint32_t origin, uint32_t message);

private:
    uint8_t m_kind{GROUP_MESSAGE}; //!< Kind
    uint32_t m_origin{0};          //!< 0 for P1, n for client n (24 bits on the wire)
    uint32_t m_message{0};         //!< message number, from 0
    int64_t m_sendNs{0};           //!< send time at the origin's application
};

/**
 * The classroom clients appended their number to the text as one character, '0' + n:
 * "Kya re?" from client 1 travels as "Kya re?1". From client 10 on that character is no
 * longer a digit ('0' + 10 is ':'), so gcsim appends the decimal number instead
 * ("Hello12"); P1 strips what client n appended, knowing n from the header.
 */
std::string AppendClientTag(const std::string& text, uint32_t client);
/// The text without what AppendClientTag() appended for \p client.
std::string StripClientTag(const std::string& text, uint32_t client);

/**
 * A datagram's UDP payload: \p header, then \p text, then zero padding up to \p size bytes
 * (never shorter than header and text).
 */
Ptr<Packet> MakeDatagram(const GroupHeader& header, const std::string& text, uint32_t size);
/// The text of a datagram made by MakeDatagram() (up to the first zero byte after the header).
std::string DatagramText(Ptr<const Packet> datagram);

} // namespace gcsim
} // namespace ns3

#endif
