#ifndef GCSIM_FLOOD_H
#define GCSIM_FLOOD_H

#include "multicast-routing.h"

namespace ns3
{
namespace gcsim
{

/**
 * Multicast routing variant `flood`: every router forwards the group's packets on every
 * interface but the one they came in on, with no pruning. Routers drop the copies they have
 * already forwarded (ns-3's duplicate packet detection, on for every router of a routed
 * network), so a flood on a graph with cycles still ends.
 * Installs the routes on the routers of \p network; returns them (see MulticastRoutes).
 */
MulticastRoutes InstallFlood(const Network& network, const RoutingGraph& graph,
                             const MulticastGroup& group);

} // namespace gcsim
} // namespace ns3

#endif
