#ifndef GCSIM_DENSE_MODE_H
#define GCSIM_DENSE_MODE_H

#include "../network/network.h"
#include "../network/routing-graph.h"
#include "dense-mode-header.h"

#include <functional>
#include <map>
#include <ns3/event-id.h>
#include <ns3/ipv4-routing-protocol.h>
#include <ns3/object.h>
#include <ns3/socket.h>
#include <ns3/traced-callback.h>
#include <set>
#include <vector>

namespace ns3
{
namespace gcsim
{

class DenseMode;

/**
 * \brief One router's dense-mode multicast forwarding (flood and prune, as PIM-DM and
 * ns-2's DM): per (source, group), the RPF interface towards the source and the interfaces
 * pruned downstream.
 *
 * It sits in the router's Ipv4ListRouting ahead of static routing and answers only for the
 * group's datagrams from a known source; everything else falls through to the other
 * protocols. A datagram that arrives on the RPF interface leaves on every other interface
 * that has members on its segment or a neighbour router that has not pruned; one that
 * arrives elsewhere is dropped (an RPF drop) and answered with a Prune on a point-to-point
 * link. Prunes, Grafts and Graft-Acks are IPv4 packets of protocol 103 with TTL 1 to a
 * neighbour's address, sent and received on a raw socket.
 */
class DenseModeRouting : public Ipv4RoutingProtocol
{
public:
    static TypeId GetTypeId();
    DenseModeRouting();
    ~DenseModeRouting() override;

    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p, const Ipv4Header& header, Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    bool RouteInput(Ptr<const Packet> p, const Ipv4Header& header, Ptr<const NetDevice> idev,
                    UnicastForwardCallback ucb, MulticastForwardCallback mcb,
                    LocalDeliverCallback lcb, ErrorCallback ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void SetIpv4(Ptr<Ipv4> ipv4) override;
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                           Time::Unit unit = Time::S) const override;

private:
    friend class DenseMode;

    /// A neighbour router on one of this router's links.
    struct Neighbour
    {
        uint32_t node;       //!< its node id
        Ipv4Address address; //!< its address on the link
    };
    /// One of this router's IPv4 interfaces.
    struct Interface
    {
        uint32_t index;                    //!< IPv4 interface index
        uint32_t link;                     //!< Network::links index
        Ipv4Address address;               //!< this router's address there
        std::vector<Neighbour> neighbours; //!< the other routers on the link
        bool hosts{false};                 //!< hosts sit on the link
    };
    /// (S, G) state for one source.
    struct Source
    {
        Ipv4Address address;   //!< S
        int32_t rpf{-1};       //!< RPF interface index (-1: unreachable)
        bool rpfRouter{false}; //!< the RPF neighbour is a router (else S's own link)
        Ipv4Address rpfNeighbour;
        /// Per interface index, the neighbours that pruned it and their expiry events.
        std::map<uint32_t, std::map<uint32_t, EventId>> pruned;
        bool active{false};          //!< the group's datagrams from S have arrived here
        bool prunedUpstream{false};  //!< this router sent a Prune and has not grafted since
        Time lastPrune{Seconds(-1)}; //!< when it last sent one (prunes are rate-limited)
        /// Per non-RPF interface: when a Prune last answered an RPF drop there.
        std::map<uint32_t, Time> lastRpfPrune;
        EventId graftRetry; //!< pending Graft waiting for its Ack
    };

    /// Interface indices the group's datagrams from \p s leave on now.
    std::vector<uint32_t> Outputs(const Source& s) const;
    /// Whether the segment on interface \p i has members.
    bool HasMembers(const Interface& i) const;
    void SendControl(DenseModeHeader::Type type, const Source& s, Ipv4Address to);
    void SendPrune(Source& s);
    void SendGraft(Source& s);
    /// Sets \p s's RPF interface and neighbour from \p tree, a search from the source.
    void SetRpf(Source& s, const RoutingGraph& graph, const RoutingGraph::Tree& tree) const;
    /// Unicast routes changed: the RPF of \p s may have moved; graft towards a new one.
    void RpfMayChange(Source& s, const RoutingGraph& graph, const RoutingGraph::Tree& tree);
    /// A Prune, Graft or Ack arrived on the raw socket.
    void Receive(Ptr<Socket> socket);
    void OnPrune(Source& s, uint32_t iface, uint32_t neighbour);
    void OnGraft(Source& s, uint32_t iface, uint32_t neighbour, Ipv4Address from);
    void PruneExpired(std::size_t source, uint32_t iface, uint32_t neighbour);
    /// Whether this router's Prune for \p s still holds at its upstream router.
    bool UpstreamPruned(const Source& s) const;
    /// Local membership on interface \p iface may have changed: graft or prune.
    void LocalMembershipChanged(uint32_t iface);
    const Interface* InterfaceAt(uint32_t index) const;
    Source* SourceOf(Ipv4Address address);

    Ptr<Ipv4> m_ipv4;
    DenseMode* m_model{nullptr}; //!< the network-wide settings, traces and membership
    uint32_t m_node{0};
    std::vector<Interface> m_interfaces;
    std::vector<Source> m_sources;
    Ptr<Socket> m_socket; //!< raw IPv4 socket of protocol 103
};

/**
 * \brief Dense-mode multicast routing for one group on a routed network: a
 * DenseModeRouting on every router, their shared settings (the prune lifetime), where
 * local membership comes from, and the traces a collector counts.
 *
 * Local membership ("router R has members on interface i") is a predicate; by default a
 * host on the segment whose GroupMembership holds the group. A membership model sets it
 * to its own per-interface state (MembershipModel::HasMembers) and calls
 * LocalMembershipChanged() for the router and interface from its InterfaceMembers trace, so
 * that routers graft a pruned branch at once and stop forwarding onto a segment that lost
 * its last member.
 */
class DenseMode : public Object
{
public:
    static TypeId GetTypeId();
    DenseMode();
    ~DenseMode() override;

    /// Whether router node \p router has members of the group on its interface \p iface.
    using LocalMembership = std::function<bool(uint32_t router, uint32_t iface)>;

    /**
     * Installs a DenseModeRouting on every router of \p network for \p group, with state for
     * each source in \p sources (node ids: P1 and any client that sends to the group).
     * \p network and \p graph must outlive the model.
     */
    void Install(const Network& network, const RoutingGraph& graph, Ipv4Address group,
                 const std::vector<uint32_t>& sources);
    /**
     * Unicast routing reconverged (links or routers of the graph given to Install() went
     * down or up): every router takes its RPF interfaces from the graph's searches again,
     * and grafts towards a new RPF neighbour if it has anywhere to forward, as PIM-DM does
     * when RPF'(S) changes. Prunes held elsewhere expire by themselves.
     */
    void RoutesChanged();
    /// Replaces the default local-membership predicate.
    void SetLocalMembership(LocalMembership membership);
    /// Router node \p router's members on interface \p iface may have changed.
    void LocalMembershipChanged(uint32_t router, uint32_t iface);
    /// Whether router node \p router's interface \p iface is on P1's segment, where P1 hears
    /// the group's other senders (true whatever the membership).
    bool FacesServer(uint32_t router, uint32_t iface) const;

    Ipv4Address GetGroup() const;
    Time GetPruneLifetime() const;

    /// One router's (S, G) state for the group, as it stands.
    struct RouterState
    {
        uint32_t router{0};     //!< node id
        uint32_t entries{0};    //!< (S, G) entries: sources whose datagrams reached it
        uint32_t interfaces{0}; //!< the interfaces those leave on now, summed over the entries
    };
    /// Every router's state, by node id. A pruned entry stays an entry (PIM-DM keeps its
    /// prune state); it just forwards on fewer interfaces.
    std::vector<RouterState> ForwardingState() const;

    /// Signature of the ControlTx trace: the router's node id, the IPv4 packet (header
    /// included), the message type.
    typedef void (*ControlTxCallback)(uint32_t router, Ptr<const Packet> packet, uint8_t type);
    /// Signature of the RpfDrop trace: the router's node id, the interface it came in on.
    typedef void (*RpfDropCallback)(uint32_t router, uint32_t iface);

private:
    friend class DenseModeRouting;
    void DoDispose() override;
    bool DefaultMembership(uint32_t router, uint32_t iface) const;
    /// Whether a host on router \p router's interface \p iface passes \p test.
    bool AnyHostOn(uint32_t router, uint32_t iface,
                   const std::function<bool(uint32_t host)>& test) const;

    const Network* m_network{nullptr};
    const RoutingGraph* m_graph{nullptr};
    std::vector<uint32_t> m_sourceNodes; //!< as given to Install()
    Ipv4Address m_group;
    Time m_pruneLifetime;
    LocalMembership m_membership;
    std::map<uint32_t, Ptr<DenseModeRouting>> m_routers; //!< by node id

    TracedCallback<uint32_t, Ptr<const Packet>, uint8_t> m_controlTxTrace;
    TracedCallback<uint32_t, uint32_t> m_rpfDropTrace;
};

} // namespace gcsim
} // namespace ns3

#endif
