#ifndef GCSIM_SHARED_TREE_H
#define GCSIM_SHARED_TREE_H

#include "multicast-routing.h"

namespace ns3
{
namespace gcsim
{

/**
 * Multicast routing variant `shared-tree`: one tree rooted at a rendezvous router (RP), as
 * PIM-SM builds before any switch to source trees. P1's packets travel the shortest path up
 * to the RP, then down the RP's shortest-path tree, pruned to the members' branches.
 * Installs the routes on the routers of \p network; returns them (see MulticastRoutes).
 */
MulticastRoutes InstallSharedTree(const Network& network, const RoutingGraph& graph,
                                  const MulticastGroup& group);

} // namespace gcsim
} // namespace ns3

#endif
