#ifndef GCSIM_SOURCE_SPECIFIC_ROUTING_H
#define GCSIM_SOURCE_SPECIFIC_ROUTING_H

#include <map>
#include <ns3/ipv4-route.h>
#include <ns3/ipv4-static-routing.h>
#include <utility>
#include <vector>

namespace ns3
{
namespace gcsim
{

/**
 * \brief ns-3's static routing with multicast routes matched by source, as (S, G) routes.
 *
 * Ipv4StaticRouting stores a multicast route's origin but its lookup ignores it (ns-3.37:
 * "Skipping this case (SSM) for now"): the first route of the group on the input interface
 * wins, whoever sent the packet. With a tree per sender (MulticastGroup::senders) that
 * sends one sender's packets down another's tree. Here a route whose origin is the
 * packet's source comes first, then a route for any origin; a route for another origin
 * never matches. With only any-origin routes it forwards exactly as Ipv4StaticRouting.
 *
 * It keeps its multicast routes itself, indexed by group and input interface, each with the
 * Ipv4MulticastRoute it hands to IPv4 already built: a datagram's lookup reads the few
 * routes of its group and interface, where Ipv4StaticRouting's list (read through
 * GetMulticastRoute(i), itself a walk down the list) costs the square of all the node's
 * routes. Routes added through Ipv4StaticRouting::AddMulticastRoute are not seen.
 */
class SourceSpecificRouting : public Ipv4StaticRouting
{
public:
    static TypeId GetTypeId();
    SourceSpecificRouting();
    ~SourceSpecificRouting() override;

    bool RouteInput(Ptr<const Packet> p, const Ipv4Header& header, Ptr<const NetDevice> idev,
                    UnicastForwardCallback ucb, MulticastForwardCallback mcb,
                    LocalDeliverCallback lcb, ErrorCallback ecb) override;
    void SetIpv4(Ptr<Ipv4> ipv4) override;

    /// Datagrams for \p group from \p origin (or any origin) arriving on \p input leave on
    /// \p outputs; routes of one group and interface are tried in the order added.
    void AddRoute(Ipv4Address origin, Ipv4Address group, uint32_t input,
                  const std::vector<uint32_t>& outputs);
    /// Removes every route for \p group; returns how many.
    std::size_t RemoveRoutes(Ipv4Address group);

    /// A multicast route as this router holds it.
    struct HeldRoute
    {
        Ipv4Address origin;            //!< the source it matches, or any
        uint32_t input{0};             //!< the interface it takes datagrams on
        std::vector<uint32_t> outputs; //!< the interfaces they leave on, ascending
    };
    /// The routes for \p group, by input interface, then in the order added.
    std::vector<HeldRoute> RoutesOf(Ipv4Address group) const;

protected:
    void DoDispose() override;

private:
    /// One multicast route: the origin it matches and what IPv4 gets to forward with.
    struct Route
    {
        Ipv4Address origin;
        Ptr<Ipv4MulticastRoute> entry;
    };

    Ptr<Ipv4> m_node; //!< the node's IPv4 (Ipv4StaticRouting keeps its own private)
    /// Routes by (group, input interface), in the order added.
    std::map<std::pair<Ipv4Address, uint32_t>, std::vector<Route>> m_routes;
};

} // namespace gcsim
} // namespace ns3

#endif
