#ifndef GCSIM_SHORTEST_PATH_ROUTING_H
#define GCSIM_SHORTEST_PATH_ROUTING_H

#include <ns3/ipv4-routing-protocol.h>
#include <ns3/ipv4.h>
#include <unordered_map>
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

    /// Routes to \p network / \p mask through \p interface via \p gateway.
    void AddNetworkRoute(Ipv4Address network, Ipv4Mask mask, uint32_t interface,
                         Ipv4Address gateway);
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
    /// The route towards \p destination, or null.
    Ptr<Ipv4Route> Lookup(Ipv4Address destination) const;

    Ptr<Ipv4> m_ipv4;
    /// Routes grouped by prefix length, longest first: (mask, network -> next hop).
    std::vector<std::pair<Ipv4Mask, std::unordered_map<uint32_t, NextHop>>> m_routes;
    bool m_hasDefault{false};
    NextHop m_default{};
};

} // namespace gcsim
} // namespace ns3

#endif
