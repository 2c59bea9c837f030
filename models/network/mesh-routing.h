#ifndef GCSIM_MESH_ROUTING_H
#define GCSIM_MESH_ROUTING_H

#include <deque>
#include <map>
#include <ns3/callback.h>
#include <ns3/ipv4-list-routing.h>
#include <ns3/nstime.h>
#include <ns3/random-variable-stream.h>
#include <ns3/traced-callback.h>
#include <set>
#include <tuple>

namespace ns3
{
namespace gcsim
{

/**
 * \brief An ad hoc node's routing: unicast by the protocols in its list (OLSR or AODV, then
 * static), group datagrams by flooding.
 *
 * Every multicast datagram but link-local ones (224.0.0.0/24) is flooded: the first copy a
 * node gets is delivered to its stack if the node is a member of the group (or the group is
 * NetworkBroadcastGroup()) and, with the group's probability (1 unless set: plain flooding),
 * sent again on the interface it came in on after a uniform jitter, TTL decremented. Later
 * copies, and copies of the node's own datagrams, are dropped: every node rebroadcasts a
 * datagram at most once. A node is a forwarder, so its NIC takes in every group frame (no
 * MulticastNicFilter); membership decides here what reaches the applications.
 */
class MeshRouting : public Ipv4ListRouting
{
public:
    /// Whether the node has joined a group (GroupMembership::IsMember).
    using MembershipCallback = Callback<bool, Ipv4Address>;

    static TypeId GetTypeId();
    MeshRouting();
    ~MeshRouting() override;

    bool RouteInput(Ptr<const Packet> p, const Ipv4Header& header, Ptr<const NetDevice> idev,
                    UnicastForwardCallback ucb, MulticastForwardCallback mcb,
                    LocalDeliverCallback lcb, ErrorCallback ecb) override;
    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p, const Ipv4Header& header, Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    void SetIpv4(Ptr<Ipv4> ipv4) override;

    /// The groups the node delivers (null: every group).
    void SetMembership(MembershipCallback isMember);
    /// Rebroadcast \p group's datagrams with probability \p p (in [0, 1]).
    void SetFloodProbability(Ipv4Address group, double p);
    /// The probability \p group's datagrams are rebroadcast with.
    double GetFloodProbability(Ipv4Address group) const;
    /// Fixes the random streams (rebroadcast draws, jitter); returns how many it used.
    int64_t AssignStreams(int64_t stream);

    /// The MeshRouting of \p node, or null if its routing is not a mesh's.
    static Ptr<MeshRouting> Of(Ptr<Node> node);

protected:
    void DoDispose() override;

private:
    /// A datagram's identity: source, group, IPv4 identification.
    using Key = std::tuple<uint32_t, uint32_t, uint16_t>;

    /// Handles a flooded datagram: delivery, duplicate detection, the rebroadcast draw.
    void Flood(Ptr<const Packet> p, const Ipv4Header& header, uint32_t iif,
               MulticastForwardCallback mcb, LocalDeliverCallback lcb);
    /// True if \p key was seen before; remembers it otherwise.
    bool Seen(const Key& key);
    /// Sends \p p again on interface \p iif.
    void Rebroadcast(Ptr<const Packet> p, Ipv4Header header, uint32_t iif,
                     MulticastForwardCallback mcb);

    Ptr<Ipv4> m_node;       //!< the node's IPv4 (the list keeps its own private)
    Time m_jitter;          //!< the longest wait before a rebroadcast
    Time m_duplicateExpire; //!< how long a datagram's identity is remembered
    MembershipCallback m_isMember;
    std::map<Ipv4Address, double> m_probability;  //!< by group; absent: 1
    std::set<Key> m_seen;                         //!< datagrams seen
    std::deque<std::pair<Time, Key>> m_seenOrder; //!< when each was first seen, oldest first
    Ptr<UniformRandomVariable> m_coin;            //!< rebroadcast draws
    Ptr<UniformRandomVariable> m_delay;           //!< jitter draws
    /// A rebroadcast decided (fired when it is scheduled) and a copy dropped as a duplicate.
    TracedCallback<Ptr<const Packet>, const Ipv4Header&> m_rebroadcastTrace;
    TracedCallback<Ptr<const Packet>, const Ipv4Header&> m_duplicateTrace;
};

} // namespace gcsim
} // namespace ns3

#endif
