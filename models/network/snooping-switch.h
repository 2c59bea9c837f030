#ifndef GCSIM_SNOOPING_SWITCH_H
#define GCSIM_SNOOPING_SWITCH_H

#include <map>
#include <ns3/bridge-channel.h>
#include <ns3/ipv4-address.h>
#include <ns3/mac48-address.h>
#include <ns3/net-device.h>
#include <ns3/nstime.h>
#include <ns3/traced-callback.h>
#include <vector>

namespace ns3
{
namespace gcsim
{

/**
 * \brief An Ethernet switch over the devices of its ports, with optional IGMP snooping.
 *
 * Forwards as ns-3's BridgeNetDevice does: a learning bridge (IEEE 802.1D data plane, no
 * spanning tree) that sends a unicast frame out of the port its destination was learned on
 * (or floods it when unknown), and a broadcast or multicast frame out of every port but
 * the one it came in on. Like BridgeNetDevice, it is a virtual device on the switch node;
 * the ports are the node's real devices (CSMA), without IP.
 *
 * With IgmpSnooping on, an IPv4 multicast frame for a group goes only to the ports listed
 * for that group in the snooping table (never back out of the incoming port); a group with
 * no listed ports reaches no port. Broadcast frames, link-local groups (224.0.0.0/24),
 * gcsim's network-wide broadcast group (NetworkBroadcastGroup()) and non-IPv4 multicast
 * are always flooded. The table is set with AddGroupMember(), from the group's membership
 * when the network is built; the `instant` membership model changes it as clients join and
 * leave. With IgmpLearning on (the `igmp` model), the switch learns as a real snooping
 * switch does, from the IGMP messages (IPv4 protocol 2) it forwards: a port a Query comes in
 * on is a router port; a Membership Report lists its port for the report's group, a Leave
 * Group takes it off at once (fast leave: a star has one host per port); reports and leaves
 * go out of router ports only, queries out of every port.
 *
 * ns-3.37's BridgeNetDevice cannot be subclassed for this: its receive and forwarding
 * methods are not virtual, and AddBridgePort() registers the base class's own handler.
 *
 * Entries added with AddStaticEntry() never expire and learning never overwrites them,
 * as a switch's static MAC entries: a warm network's switch knows every host.
 */
class SnoopingSwitch : public NetDevice
{
public:
    static TypeId GetTypeId();
    SnoopingSwitch();
    ~SnoopingSwitch() override;

    SnoopingSwitch(const SnoopingSwitch&) = delete;
    SnoopingSwitch& operator=(const SnoopingSwitch&) = delete;

    /**
     * Adds \p port (a device of this switch's node, with EUI-48 addresses and SendFrom,
     * and no IP address) as a switch port. The switch must be on its node first.
     */
    void AddBridgePort(Ptr<NetDevice> port);
    uint32_t GetNBridgePorts() const;
    Ptr<NetDevice> GetBridgePort(uint32_t n) const;

    /**
     * Lists \p port as having a member of \p group: with snooping on, the group's frames
     * go out of it. Ipv4Address::GetAny() stands for every group: a port listed for it
     * gets the frames of any group. Listing a port twice is harmless.
     */
    void AddGroupMember(Ipv4Address group, Ptr<NetDevice> port);
    /// Takes \p port off \p group's list; harmless when it is not listed.
    void RemoveGroupMember(Ipv4Address group, Ptr<NetDevice> port);
    /**
     * Lists \p port for \p group as AddGroupMember(group, port) does, and remembers \p host
     * (a member's MAC address) behind it: a port shared by several hosts (an access point's
     * radio) stays listed until the last of them leaves, and a multicast-to-unicast port
     * sends the group's frames to each of them.
     */
    void AddGroupMember(Ipv4Address group, Ptr<NetDevice> port, Mac48Address host);
    /// Forgets \p host behind \p port for \p group; the port leaves the list with its last host.
    void RemoveGroupMember(Ipv4Address group, Ptr<NetDevice> port, Mac48Address host);
    /**
     * With \p on, \p port sends a snooped group's frames as one unicast frame to each member
     * host remembered behind it (AddGroupMember with a host), as Linux's bridge does on a port
     * with multicast_to_unicast: on an access point's radio, each copy is acknowledged and
     * retried, and goes at the member's own rate.
     */
    void SetMulticastToUnicast(Ptr<NetDevice> port, bool on);
    /// The ports that get \p group's frames with snooping on, in port order.
    std::vector<Ptr<NetDevice>> GetGroupPorts(Ipv4Address group) const;

    /// Forwards unicast frames for \p address out of \p port, permanently.
    void AddStaticEntry(Mac48Address address, Ptr<NetDevice> port);

    // NetDevice
    void SetIfIndex(const uint32_t index) override;
    uint32_t GetIfIndex() const override;
    Ptr<Channel> GetChannel() const override;
    void SetAddress(Address address) override;
    Address GetAddress() const override;
    bool SetMtu(const uint16_t mtu) override;
    uint16_t GetMtu() const override;
    bool IsLinkUp() const override;
    void AddLinkChangeCallback(Callback<void> callback) override;
    bool IsBroadcast() const override;
    Address GetBroadcast() const override;
    bool IsMulticast() const override;
    Address GetMulticast(Ipv4Address multicastGroup) const override;
    Address GetMulticast(Ipv6Address addr) const override;
    bool IsPointToPoint() const override;
    bool IsBridge() const override;
    bool Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber) override;
    bool SendFrom(Ptr<Packet> packet, const Address& source, const Address& dest,
                  uint16_t protocolNumber) override;
    Ptr<Node> GetNode() const override;
    void SetNode(Ptr<Node> node) override;
    bool NeedsArp() const override;
    void SetReceiveCallback(NetDevice::ReceiveCallback cb) override;
    void SetPromiscReceiveCallback(NetDevice::PromiscReceiveCallback cb) override;
    bool SupportsSendFrom() const override;

protected:
    void DoDispose() override;

private:
    /// A frame from port \p incoming (the port's promiscuous receive callback).
    void ReceiveFromDevice(Ptr<NetDevice> incoming, Ptr<const Packet> packet, uint16_t protocol,
                           const Address& source, const Address& destination,
                           PacketType packetType);
    void ForwardUnicast(Ptr<NetDevice> incoming, Ptr<const Packet> packet, uint16_t protocol,
                        Mac48Address source, Mac48Address destination);
    /// Broadcast and multicast: learns the source, then floods.
    void ForwardGroup(Ptr<NetDevice> incoming, Ptr<const Packet> packet, uint16_t protocol,
                      Mac48Address source, Mac48Address destination);
    /**
     * Sends a copy out of every port but \p incoming (null: every port); with snooping on,
     * a snooped group's frame only out of the group's ports.
     */
    void Flood(Ptr<NetDevice> incoming, Ptr<const Packet> packet, uint16_t protocol,
               Mac48Address source, Mac48Address destination);
    /**
     * Whether snooping restricts this multicast frame: an IPv4 datagram for a group that
     * is neither link-local nor the network-wide broadcast group, written to \p group.
     */
    static bool SnoopedGroup(Ptr<const Packet> packet, uint16_t protocol, Ipv4Address& group);
    /**
     * With IgmpLearning, learns from an IGMP frame and forwards it (true); false for any
     * other frame.
     */
    bool ForwardIgmp(Ptr<NetDevice> incoming, Ptr<const Packet> packet, uint16_t protocol,
                     Mac48Address source, Mac48Address destination);
    /// Sends a group frame out of \p port: once, or (multicast to unicast) once per member host.
    void SendGroupFrame(uint32_t port, Ptr<const Packet> packet, uint16_t protocol,
                        Mac48Address source, Mac48Address destination, bool snooped,
                        Ipv4Address group);
    /// Whether port \p index is listed for \p group (or for every group).
    bool Listed(Ipv4Address group, uint32_t index) const;
    /// The index of \p port among the ports, or -1.
    int32_t PortIndex(Ptr<NetDevice> port) const;
    void Learn(Mac48Address source, Ptr<NetDevice> port);
    Ptr<NetDevice> GetLearnedState(Mac48Address destination);

    /// A forwarding table entry.
    struct LearnedState
    {
        Ptr<NetDevice> port; //!< where the address was seen
        Time expiration;     //!< when the entry lapses
        bool permanent;      //!< a static entry: never lapses, never relearned
    };

    NetDevice::ReceiveCallback m_rxCallback;               //!< up to the switch node
    NetDevice::PromiscReceiveCallback m_promiscRxCallback; //!< promiscuous, up to the node
    Mac48Address m_address;                                //!< the first port's address
    Time m_expirationTime;                                 //!< lifetime of a learned entry
    bool m_enableLearning{true};                           //!< learn source addresses
    bool m_snooping{true};                                 //!< IGMP snooping on
    bool m_igmpLearning{false};                            //!< learn from IGMP messages
    std::vector<bool> m_routerPorts;                       //!< ports queries came in on
    uint16_t m_mtu{1500};                                  //!< MAC-level MTU
    uint32_t m_ifIndex{0};                                 //!< interface index on the node
    std::map<Mac48Address, LearnedState> m_learnState;     //!< the forwarding table
    std::map<Ipv4Address, std::vector<bool>> m_groupPorts; //!< snooping table, by port index
    /// Per group and port index, the member hosts remembered behind the port.
    std::map<std::pair<Ipv4Address, uint32_t>, std::vector<Mac48Address>> m_groupHosts;
    std::vector<bool> m_unicastPorts;                  //!< per port index: multicast to unicast
    std::map<Ptr<NetDevice>, uint32_t> m_portIndex;    //!< port -> index in m_ports
    Ptr<Node> m_node;                                  //!< the switch node
    Ptr<BridgeChannel> m_channel;                      //!< the port channels, as one
    std::vector<Ptr<NetDevice>> m_ports;               //!< the ports, in the order added
    TracedCallback<Ptr<const Packet>> m_withheldTrace; //!< per port a group frame skipped
};

} // namespace gcsim
} // namespace ns3

#endif
