#ifndef GCSIM_SOURCE_SPECIFIC_ROUTING_H
#define GCSIM_SOURCE_SPECIFIC_ROUTING_H

#include <ns3/ipv4-static-routing.h>

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
 */
class SourceSpecificRouting : public Ipv4StaticRouting
{
public:
    static TypeId GetTypeId();

    bool RouteInput(Ptr<const Packet> p, const Ipv4Header& header, Ptr<const NetDevice> idev,
                    UnicastForwardCallback ucb, MulticastForwardCallback mcb,
                    LocalDeliverCallback lcb, ErrorCallback ecb) override;
    void SetIpv4(Ptr<Ipv4> ipv4) override;

protected:
    void DoDispose() override;

private:
    Ptr<Ipv4> m_node; //!< the node's IPv4 (Ipv4StaticRouting keeps its own private)
};

} // namespace gcsim
} // namespace ns3

#endif
