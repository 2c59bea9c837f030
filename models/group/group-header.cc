#include "group-header.h"

#include <algorithm>
#include <ns3/log.h>
#include <ns3/simulator.h>
#include <vector>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimGroupHeader");

NS_OBJECT_ENSURE_REGISTERED(GroupHeader);

TypeId
GroupHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::gcsim::GroupHeader")
                            .SetParent<Header>()
                            .SetGroupName("Gcsim")
                            .AddConstructor<GroupHeader>();
    return tid;
}

TypeId
GroupHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
GroupHeader::GetSerializedSize() const
{
    return SERIALIZED_SIZE;
}

void
GroupHeader::Serialize(Buffer::Iterator i) const
{
    i.WriteU8(m_kind);
    i.WriteU8((m_origin >> 16) & 0xff);
    i.WriteHtonU16(m_origin & 0xffff);
    i.WriteHtonU32(m_message);
    i.WriteHtonU64(static_cast<uint64_t>(m_sendNs));
}

uint32_t
GroupHeader::Deserialize(Buffer::Iterator i)
{
    NS_LOG_FUNCTION(this);
    m_kind = i.ReadU8();
    uint32_t high = i.ReadU8();
    m_origin = (high << 16) | i.ReadNtohU16();
    m_message = i.ReadNtohU32();
    m_sendNs = static_cast<int64_t>(i.ReadNtohU64());
    return SERIALIZED_SIZE;
}

void
GroupHeader::Print(std::ostream& os) const
{
    os << "kind=" << unsigned(m_kind) << " origin=" << m_origin << " message=" << m_message
       << " send=" << m_sendNs << "ns";
}

void
GroupHeader::SetKind(Kind kind)
{
    NS_LOG_FUNCTION(this);
    m_kind = kind;
}

GroupHeader::Kind
GroupHeader::GetKind() const
{
    return static_cast<Kind>(m_kind);
}

void
GroupHeader::SetOrigin(uint32_t origin)
{
    NS_LOG_FUNCTION(this << origin);
    m_origin = origin & 0xffffff;
}

uint32_t
GroupHeader::GetOrigin() const
{
    return m_origin;
}

void
GroupHeader::SetMessage(uint32_t message)
{
    NS_LOG_FUNCTION(this << message);
    m_message = message;
}

uint32_t
GroupHeader::GetMessage() const
{
    return m_message;
}

void
GroupHeader::SetSendTime(Time t)
{
    NS_LOG_FUNCTION(this << t);
    m_sendNs = t.GetNanoSeconds();
}

Time
GroupHeader::GetSendTime() const
{
    return NanoSeconds(m_sendNs);
}

void
GroupHeader::Stamp(uint32_t origin, uint32_t message)
{
    NS_LOG_FUNCTION(this << origin << message);
    SetOrigin(origin);
    SetMessage(message);
    SetSendTime(Simulator::Now());
}

Ptr<Packet>
MakeDatagram(const GroupHeader& header, const std::string& text, uint32_t size)
{
    NS_LOG_FUNCTION(text << size);
    uint32_t body = std::max<uint32_t>(
        static_cast<uint32_t>(text.size()),
        size > GroupHeader::SERIALIZED_SIZE ? size - GroupHeader::SERIALIZED_SIZE : 0);
    Ptr<Packet> p;
    if (text.empty())
    {
        p = Create<Packet>(body); // zero-filled without allocating the bytes
    }
    else
    {
        std::vector<uint8_t> bytes(body, 0);
        std::copy(text.begin(), text.end(), bytes.begin());
        p = Create<Packet>(bytes.data(), body);
    }
    p->AddHeader(header);
    return p;
}

std::string
DatagramText(Ptr<const Packet> datagram)
{
    NS_LOG_FUNCTION(datagram);
    uint32_t size = datagram->GetSize();
    if (size <= GroupHeader::SERIALIZED_SIZE)
    {
        return {};
    }
    std::vector<uint8_t> bytes(size);
    datagram->CopyData(bytes.data(), size);
    auto begin = bytes.begin() + GroupHeader::SERIALIZED_SIZE;
    return std::string(begin, std::find(begin, bytes.end(), uint8_t{0}));
}

std::string
AppendClientTag(const std::string& text, uint32_t client)
{
    NS_LOG_FUNCTION(text << client);
    if (client <= 9)
    {
        return text + static_cast<char>('0' + client);
    }
    return text + std::to_string(client);
}

std::string
StripClientTag(const std::string& text, uint32_t client)
{
    NS_LOG_FUNCTION(text << client);
    std::string tag = AppendClientTag("", client);
    if (text.size() >= tag.size() && text.compare(text.size() - tag.size(), tag.size(), tag) == 0)
    {
        return text.substr(0, text.size() - tag.size());
    }
    return text;
}

} // namespace gcsim
} // namespace ns3
