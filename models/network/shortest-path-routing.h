#ifndef GCSIM_SHORTEST_PATH_ROUTING_H
#define GCSIM_SHORTEST_PATH_ROUTING_H

#include <memory>
#include <ns3/ipv4-routing-protocol.h>
#include <ns3/ipv4.h>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ns3
{
namespace gcsim
{

struct Network;
class RoutingGraph;

/**
 * \brief Unicast routes computed centrally by hop count and installed as tables.
 *
 * ns-3's global routing costs about N³ in routers; this computes one breadth-first search
 * per subnet that has hosts on it, and gives each router one route per such subnet (a
 * hash lookup per packet). Hosts get a default route through a router on their link.
 * Most of a router's routes usually leave by the same interface (up a tree, towards the
 * core): each router keeps that next hop once, as its common one, and only the routes
 * that differ from it, while the subnets themselves are one set that all routers share.
 * A 10,000-leaf tree's 111 million routes are then 40,000 entries and one shared set.
 * Multicast and on-link destinations are left to Ipv4StaticRouting, which sits before this
 * protocol in each node's Ipv4ListRouting.
 */
class ShortestPathRouting : public Ipv4RoutingProtocol
{
public:
    static TypeId GetTypeId();
    ShortestPathRouting();
    ~ShortestPathRouting() override;

    /// Computes and installs the routes of every node of \p network.
    static void Populate(const Network& network);
    /**
     * Replaces the routes of every node of \p network with those of \p graph's searches
     * (a graph with failed links or routers taken out: routing reconverged).
     */
    static void Populate(const Network& network, const RoutingGraph& graph);

    /// Subnets as one number each: prefix length << 32 | network address.
    using SubnetSet = std::unordered_set<uint64_t>;

    /**
     * Tells this router that \p subnets are the destinations it will be given, each one
     * either a route (AddNetworkRoute) or none (AddNoRoute): the first route to one of them
     * becomes the common next hop, and of the others only those that differ are kept.
     */
    void ShareSubnets(std::shared_ptr<const SubnetSet> subnets);
    /// Routes to \p network / \p mask through \p interface via \p gateway.
    void AddNetworkRoute(Ipv4Address network, Ipv4Mask mask, uint32_t interface,
                         Ipv4Address gateway);
    /// This router has no route to \p network / \p mask (one of the shared subnets).
    void AddNoRoute(Ipv4Address network, Ipv4Mask mask);
    void SetDefaultRoute(uint32_t interface, Ipv4Address gateway);
    /// Routes this node holds (the default route included).
    std::size_t GetNRoutes() const;
    /// Forgets every route, the default one included.
    void Clear();

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
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const override;

private:
    struct NextHop
    {
        uint32_t interface;
        Ipv4Address gateway;
    };
    /// A NextHop's interface that says "no route" (AddNoRoute).
    static constexpr uint32_t kNoRoute = UINT32_MAX;
    using Table = std::unordered_map<uint32_t, NextHop>;

    /// The route towards \p destination, or null.
    Ptr<Ipv4Route> Lookup(Ipv4Address destination) const;
    /// The table of \p mask's routes, made if need be (tables stay longest prefix first).
    Table& TableOf(Ipv4Mask mask);
    /// Whether \p network (masked) / \p mask is one of the shared subnets.
    bool IsShared(uint32_t network, Ipv4Mask mask) const;

    Ptr<Ipv4> m_ipv4;
    /// Routes grouped by prefix length, longest first: (mask, network -> next hop). For a
    /// shared subnet, only routes that differ from the common next hop, and "no route"s.
    std::vector<std::pair<Ipv4Mask, Table>> m_routes;
    std::shared_ptr<const SubnetSet> m_shared; //!< the subnets every router is told about
    bool m_hasCommon{false};
    NextHop m_common{}; //!< the next hop of every shared subnet not in m_routes
    bool m_hasDefault{false};
    NextHop m_default{};
};

} // namespace gcsim
} // namespace ns3

#endif
