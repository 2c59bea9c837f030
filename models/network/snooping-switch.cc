#include "snooping-switch.h"

#include "igmp-header.h"
#include "network.h"

#include <algorithm>
#include <ns3/abort.h>
#include <ns3/boolean.h>
#include <ns3/ipv4-header.h>
#include <ns3/log.h>
#include <ns3/node.h>
#include <ns3/packet.h>
#include <ns3/simulator.h>
#include <ns3/uinteger.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimSnoopingSwitch");

NS_OBJECT_ENSURE_REGISTERED(SnoopingSwitch);

TypeId
SnoopingSwitch::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::gcsim::SnoopingSwitch")
            .SetParent<NetDevice>()
            .SetGroupName("Gcsim")
            .AddConstructor<SnoopingSwitch>()
            .AddAttribute("Mtu", "The MAC-level Maximum Transmission Unit.", UintegerValue(1500),
                          MakeUintegerAccessor(&SnoopingSwitch::SetMtu, &SnoopingSwitch::GetMtu),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("EnableLearning",
                          "Learn which port each source address is behind, and send unicast "
                          "frames only there (false: flood every unicast frame).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&SnoopingSwitch::m_enableLearning),
                          MakeBooleanChecker())
            .AddAttribute("ExpirationTime", "How long a learned address stays in the table.",
                          TimeValue(Seconds(300)),
                          MakeTimeAccessor(&SnoopingSwitch::m_expirationTime), MakeTimeChecker())
            .AddAttribute("IgmpSnooping",
                          "Forward an IPv4 group's multicast frames only to the ports of its "
                          "members (false: flood them, as BridgeNetDevice does).",
                          BooleanValue(true), MakeBooleanAccessor(&SnoopingSwitch::m_snooping),
                          MakeBooleanChecker())
            .AddAttribute("IgmpLearning",
                          "Learn the snooping table from the IGMP reports and leaves forwarded, "
                          "and send them to router ports only (false: the table is set from "
                          "outside).",
                          BooleanValue(false), MakeBooleanAccessor(&SnoopingSwitch::m_igmpLearning),
                          MakeBooleanChecker())
            .AddTraceSource("Withheld",
                            "Snooping kept a multicast frame off a port: fired once per port "
                            "that flooding would have sent it out of.",
                            MakeTraceSourceAccessor(&SnoopingSwitch::m_withheldTrace),
                            "ns3::Packet::TracedCallback");
    return tid;
}

SnoopingSwitch::SnoopingSwitch()
  : m_channel(CreateObject<BridgeChannel>())
{
    NS_LOG_FUNCTION(this);
}

SnoopingSwitch::~SnoopingSwitch() = default;

void
SnoopingSwitch::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_ports.clear();
    m_portIndex.clear();
    m_groupPorts.clear();
    m_groupHosts.clear();
    m_learnState.clear();
    m_channel = nullptr;
    m_node = nullptr;
    NetDevice::DoDispose();
}

namespace
{
/// A protocol handler that takes nothing (AddBridgePort).
void
IgnoreFrame(Ptr<NetDevice>, Ptr<const Packet>, uint16_t, const Address&, const Address&,
            NetDevice::PacketType)
{
}
} // namespace

void
SnoopingSwitch::AddBridgePort(Ptr<NetDevice> port)
{
    NS_LOG_FUNCTION(this << port);
    NS_ABORT_MSG_IF(port == this, "a switch cannot be its own port");
    NS_ABORT_MSG_UNLESS(m_node, "add the switch to its node before its ports");
    NS_ABORT_MSG_UNLESS(Mac48Address::IsMatchingType(port->GetAddress()),
                        "a switch port needs EUI-48 addresses");
    NS_ABORT_MSG_UNLESS(port->SupportsSendFrom(), "a switch port needs SendFrom");
    if (m_address == Mac48Address())
    {
        m_address = Mac48Address::ConvertFrom(port->GetAddress());
    }
    // One handler for all ports: Node::ReceiveFromDevice walks the node's handler list for
    // every frame, so a handler per port cost a switch of 100,000 ports 100,000 steps a frame.
    // Registering a handler for the port is what turns on its promiscuous reception; that
    // entry is dropped again at once, and the switch's one handler (any device) takes the
    // frames (ReceiveFromDevice ignores a device of the node that is not a port).
    auto enable = MakeCallback(&IgnoreFrame);
    m_node->RegisterProtocolHandler(enable, 0, port, true);
    m_node->UnregisterProtocolHandler(enable);
    if (m_ports.empty())
    {
        m_node->RegisterProtocolHandler(MakeCallback(&SnoopingSwitch::ReceiveFromDevice, this), 0,
                                        nullptr, true);
    }
    m_portIndex[port] = static_cast<uint32_t>(m_ports.size());
    m_ports.push_back(port);
    m_channel->AddChannel(port->GetChannel());
}

uint32_t
SnoopingSwitch::GetNBridgePorts() const
{
    return static_cast<uint32_t>(m_ports.size());
}

Ptr<NetDevice>
SnoopingSwitch::GetBridgePort(uint32_t n) const
{
    return m_ports.at(n);
}

int32_t
SnoopingSwitch::PortIndex(Ptr<NetDevice> port) const
{
    auto it = m_portIndex.find(port);
    return it == m_portIndex.end() ? -1 : static_cast<int32_t>(it->second);
}

void
SnoopingSwitch::AddGroupMember(Ipv4Address group, Ptr<NetDevice> port)
{
    NS_LOG_FUNCTION(this << group << port);
    int32_t index = PortIndex(port);
    NS_ABORT_MSG_IF(index < 0, "not a port of this switch");
    std::vector<bool>& listed = m_groupPorts[group];
    listed.resize(m_ports.size(), false);
    NS_LOG_INFO("port " << index << " listed for " << group);
    listed[index] = true;
}

void
SnoopingSwitch::RemoveGroupMember(Ipv4Address group, Ptr<NetDevice> port)
{
    NS_LOG_FUNCTION(this << group << port);
    auto it = m_groupPorts.find(group);
    int32_t index = PortIndex(port);
    if (it != m_groupPorts.end() && index >= 0 && std::size_t(index) < it->second.size())
    {
        NS_LOG_INFO("port " << index << " no longer listed for " << group);
        it->second[index] = false;
    }
}

void
SnoopingSwitch::AddGroupMember(Ipv4Address group, Ptr<NetDevice> port, Mac48Address host)
{
    NS_LOG_FUNCTION(this << group << port << host);
    AddGroupMember(group, port);
    auto& hosts = m_groupHosts[{group, static_cast<uint32_t>(PortIndex(port))}];
    if (std::find(hosts.begin(), hosts.end(), host) == hosts.end())
    {
        hosts.push_back(host);
    }
}

void
SnoopingSwitch::RemoveGroupMember(Ipv4Address group, Ptr<NetDevice> port, Mac48Address host)
{
    NS_LOG_FUNCTION(this << group << port << host);
    int32_t index = PortIndex(port);
    auto it = m_groupHosts.find({group, static_cast<uint32_t>(index)});
    if (it != m_groupHosts.end())
    {
        it->second.erase(std::remove(it->second.begin(), it->second.end(), host), it->second.end());
        if (!it->second.empty())
        {
            return; // other members are still behind the port
        }
        m_groupHosts.erase(it);
    }
    RemoveGroupMember(group, port);
}

void
SnoopingSwitch::SetMulticastToUnicast(Ptr<NetDevice> port, bool on)
{
    NS_LOG_FUNCTION(this << port << on);
    int32_t index = PortIndex(port);
    NS_ABORT_MSG_IF(index < 0, "not a port of this switch");
    m_unicastPorts.resize(m_ports.size(), false);
    m_unicastPorts[index] = on;
}

bool
SnoopingSwitch::Listed(Ipv4Address group, uint32_t index) const
{
    auto listed = [this, index](Ipv4Address g)
    {
        auto it = m_groupPorts.find(g);
        return it != m_groupPorts.end() && index < it->second.size() && it->second[index];
    };
    return listed(group) || listed(Ipv4Address::GetAny());
}

std::vector<Ptr<NetDevice>>
SnoopingSwitch::GetGroupPorts(Ipv4Address group) const
{
    std::vector<Ptr<NetDevice>> ports;
    for (uint32_t i = 0; i < m_ports.size(); ++i)
    {
        if (Listed(group, i))
        {
            ports.push_back(m_ports[i]);
        }
    }
    return ports;
}

void
SnoopingSwitch::AddStaticEntry(Mac48Address address, Ptr<NetDevice> port)
{
    NS_LOG_FUNCTION(this << address << port);
    NS_ABORT_MSG_IF(PortIndex(port) < 0, "not a port of this switch");
    m_learnState[address] = {port, Time::Max(), true};
}

void
SnoopingSwitch::ReceiveFromDevice(Ptr<NetDevice> incoming, Ptr<const Packet> packet,
                                  uint16_t protocol, const Address& source,
                                  const Address& destination, PacketType packetType)
{
    NS_LOG_FUNCTION(this << incoming << packet << protocol << source << destination);
    if (m_portIndex.find(incoming) == m_portIndex.end())
    {
        return; // a device of the switch's node that is not one of its ports
    }
    Mac48Address src48 = Mac48Address::ConvertFrom(source);
    Mac48Address dst48 = Mac48Address::ConvertFrom(destination);
    if (!m_promiscRxCallback.IsNull())
    {
        m_promiscRxCallback(this, packet, protocol, source, destination, packetType);
    }
    switch (packetType)
    {
        case PACKET_HOST:
            if (dst48 == m_address)
            {
                Learn(src48, incoming);
                m_rxCallback(this, packet, protocol, source);
            }
            break;
        case PACKET_BROADCAST:
        case PACKET_MULTICAST:
            m_rxCallback(this, packet, protocol, source);
            ForwardGroup(incoming, packet, protocol, src48, dst48);
            break;
        case PACKET_OTHERHOST:
            if (dst48 == m_address)
            {
                Learn(src48, incoming);
                m_rxCallback(this, packet, protocol, source);
            }
            else
            {
                ForwardUnicast(incoming, packet, protocol, src48, dst48);
            }
            break;
    }
}

void
SnoopingSwitch::ForwardUnicast(Ptr<NetDevice> incoming, Ptr<const Packet> packet, uint16_t protocol,
                               Mac48Address source, Mac48Address destination)
{
    NS_LOG_FUNCTION(this << incoming << packet << protocol << source << destination);
    Learn(source, incoming);
    Ptr<NetDevice> out = GetLearnedState(destination);
    if (out == incoming && out)
    {
        // 802.1D filtering: the destination is behind the port the frame came in on (a
        // station to a station of the same access point, which its radio already carried).
        NS_LOG_LOGIC("destination " << destination << " is behind the incoming port: filtered");
        return;
    }
    if (out)
    {
        out->SendFrom(packet->Copy(), source, destination, protocol);
        return;
    }
    Flood(incoming, packet, protocol, source, destination);
}

void
SnoopingSwitch::ForwardGroup(Ptr<NetDevice> incoming, Ptr<const Packet> packet, uint16_t protocol,
                             Mac48Address source, Mac48Address destination)
{
    NS_LOG_FUNCTION(this << incoming << packet << protocol << source << destination);
    Learn(source, incoming);
    Flood(incoming, packet, protocol, source, destination);
}

bool
SnoopingSwitch::SnoopedGroup(Ptr<const Packet> packet, uint16_t protocol, Ipv4Address& group)
{
    NS_LOG_FUNCTION(packet << protocol);
    if (protocol != 0x0800)
    {
        return false;
    }
    Ipv4Header ip;
    if (packet->PeekHeader(ip) == 0)
    {
        return false;
    }
    group = ip.GetDestination();
    return group.IsMulticast() && !group.IsLocalMulticast() && group != NetworkBroadcastGroup();
}

bool
SnoopingSwitch::ForwardIgmp(Ptr<NetDevice> incoming, Ptr<const Packet> packet, uint16_t protocol,
                            Mac48Address source, Mac48Address destination)
{
    NS_LOG_FUNCTION(this << incoming << packet << protocol << source << destination);
    Ipv4Header ip;
    if (!m_igmpLearning || !incoming || protocol != 0x0800 || packet->PeekHeader(ip) == 0 ||
        ip.GetProtocol() != IgmpHeader::PROTOCOL)
    {
        return false;
    }
    Ptr<Packet> copy = packet->Copy();
    copy->RemoveHeader(ip);
    IgmpHeader igmp;
    if (copy->GetSize() < IgmpHeader::SERIALIZED_SIZE)
    {
        return false;
    }
    copy->RemoveHeader(igmp);
    int32_t in = PortIndex(incoming);
    m_routerPorts.resize(m_ports.size(), false);
    if (igmp.GetType() == IgmpHeader::QUERY)
    {
        m_routerPorts[in] = true;
        for (const auto& port : m_ports)
        {
            if (port != incoming)
            {
                port->SendFrom(packet->Copy(), source, destination, protocol);
            }
        }
        return true;
    }
    if (igmp.GetType() == IgmpHeader::REPORT)
    {
        AddGroupMember(igmp.GetGroup(), incoming, source);
    }
    else if (igmp.GetType() == IgmpHeader::LEAVE)
    {
        RemoveGroupMember(igmp.GetGroup(), incoming, source);
    }
    for (uint32_t i = 0; i < m_ports.size(); ++i)
    {
        if (m_routerPorts[i] && m_ports[i] != incoming)
        {
            m_ports[i]->SendFrom(packet->Copy(), source, destination, protocol);
        }
    }
    return true;
}

void
SnoopingSwitch::Flood(Ptr<NetDevice> incoming, Ptr<const Packet> packet, uint16_t protocol,
                      Mac48Address source, Mac48Address destination)
{
    NS_LOG_FUNCTION(this << incoming << packet << protocol << source << destination);
    if (destination.IsGroup() && ForwardIgmp(incoming, packet, protocol, source, destination))
    {
        return;
    }
    Ipv4Address group;
    bool snooped = (m_snooping || !m_unicastPorts.empty()) && destination.IsGroup() &&
                   !destination.IsBroadcast() && SnoopedGroup(packet, protocol, group);
    for (uint32_t i = 0; i < m_ports.size(); ++i)
    {
        const Ptr<NetDevice>& port = m_ports[i];
        if (port == incoming)
        {
            continue;
        }
        if (snooped && m_snooping && !Listed(group, i))
        {
            NS_LOG_LOGIC("frame for " << group << " withheld from port " << i);
            m_withheldTrace(packet);
            continue;
        }
        SendGroupFrame(i, packet, protocol, source, destination, snooped, group);
    }
}

void
SnoopingSwitch::SendGroupFrame(uint32_t port, Ptr<const Packet> packet, uint16_t protocol,
                               Mac48Address source, Mac48Address destination, bool snooped,
                               Ipv4Address group)
{
    if (!snooped || port >= m_unicastPorts.size() || !m_unicastPorts[port])
    {
        m_ports[port]->SendFrom(packet->Copy(), source, destination, protocol);
        return;
    }
    auto it = m_groupHosts.find({group, port});
    if (it == m_groupHosts.end())
    {
        return;
    }
    for (const Mac48Address& host : it->second)
    {
        if (host != source)
        {
            NS_LOG_LOGIC("frame for " << group << " to " << host << " as unicast");
            m_ports[port]->SendFrom(packet->Copy(), source, host, protocol);
        }
    }
}

void
SnoopingSwitch::Learn(Mac48Address source, Ptr<NetDevice> port)
{
    NS_LOG_FUNCTION(this << source << port);
    if (!m_enableLearning)
    {
        return;
    }
    LearnedState& state = m_learnState[source];
    if (state.permanent)
    {
        return;
    }
    state.port = port;
    state.expiration = Simulator::Now() + m_expirationTime;
}

Ptr<NetDevice>
SnoopingSwitch::GetLearnedState(Mac48Address destination)
{
    NS_LOG_FUNCTION(this << destination);
    auto it = m_learnState.find(destination);
    if (it == m_learnState.end())
    {
        return nullptr;
    }
    if (it->second.permanent)
    {
        return it->second.port;
    }
    if (m_enableLearning && it->second.expiration > Simulator::Now())
    {
        return it->second.port;
    }
    m_learnState.erase(it);
    return nullptr;
}

void
SnoopingSwitch::SetIfIndex(const uint32_t index)
{
    NS_LOG_FUNCTION(this << index);
    m_ifIndex = index;
}

uint32_t
SnoopingSwitch::GetIfIndex() const
{
    return m_ifIndex;
}

Ptr<Channel>
SnoopingSwitch::GetChannel() const
{
    return m_channel;
}

void
SnoopingSwitch::SetAddress(Address address)
{
    NS_LOG_FUNCTION(this << address);
    m_address = Mac48Address::ConvertFrom(address);
}

Address
SnoopingSwitch::GetAddress() const
{
    return m_address;
}

bool
SnoopingSwitch::SetMtu(const uint16_t mtu)
{
    NS_LOG_FUNCTION(this << mtu);
    m_mtu = mtu;
    return true;
}

uint16_t
SnoopingSwitch::GetMtu() const
{
    return m_mtu;
}

bool
SnoopingSwitch::IsLinkUp() const
{
    return true;
}

void
SnoopingSwitch::AddLinkChangeCallback(Callback<void>)
{
    NS_LOG_FUNCTION(this);
}

bool
SnoopingSwitch::IsBroadcast() const
{
    return true;
}

Address
SnoopingSwitch::GetBroadcast() const
{
    return Mac48Address::GetBroadcast();
}

bool
SnoopingSwitch::IsMulticast() const
{
    return true;
}

Address
SnoopingSwitch::GetMulticast(Ipv4Address multicastGroup) const
{
    return Mac48Address::GetMulticast(multicastGroup);
}

Address
SnoopingSwitch::GetMulticast(Ipv6Address addr) const
{
    return Mac48Address::GetMulticast(addr);
}

bool
SnoopingSwitch::IsPointToPoint() const
{
    return false;
}

bool
SnoopingSwitch::IsBridge() const
{
    return true;
}

bool
SnoopingSwitch::Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber)
{
    NS_LOG_FUNCTION(this << packet << dest << protocolNumber);
    return SendFrom(packet, m_address, dest, protocolNumber);
}

bool
SnoopingSwitch::SendFrom(Ptr<Packet> packet, const Address& source, const Address& dest,
                         uint16_t protocolNumber)
{
    NS_LOG_FUNCTION(this << packet << source << dest << protocolNumber);
    Mac48Address destination = Mac48Address::ConvertFrom(dest);
    Ptr<NetDevice> out = destination.IsGroup() ? nullptr : GetLearnedState(destination);
    if (out)
    {
        out->SendFrom(packet, source, dest, protocolNumber);
    }
    else
    {
        Flood(nullptr, packet, protocolNumber, Mac48Address::ConvertFrom(source), destination);
    }
    return true;
}

Ptr<Node>
SnoopingSwitch::GetNode() const
{
    return m_node;
}

void
SnoopingSwitch::SetNode(Ptr<Node> node)
{
    NS_LOG_FUNCTION(this << node);
    m_node = node;
}

bool
SnoopingSwitch::NeedsArp() const
{
    return true;
}

void
SnoopingSwitch::SetReceiveCallback(NetDevice::ReceiveCallback cb)
{
    NS_LOG_FUNCTION(this);
    m_rxCallback = cb;
}

void
SnoopingSwitch::SetPromiscReceiveCallback(NetDevice::PromiscReceiveCallback cb)
{
    NS_LOG_FUNCTION(this);
    m_promiscRxCallback = cb;
}

bool
SnoopingSwitch::SupportsSendFrom() const
{
    return true;
}

} // namespace gcsim
} // namespace ns3
