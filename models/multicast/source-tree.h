#ifndef GCSIM_SOURCE_TREE_H
#define GCSIM_SOURCE_TREE_H

#include "multicast-routing.h"

namespace ns3
{
namespace gcsim
{

/**
 * Multicast routing variant `source-tree`: the shortest-path tree from P1 (hop count, the
 * same searches unicast routing uses), pruned to the branches that lead to members. Each
 * router on it forwards the group's packets from its interface towards P1 to the interfaces
 * of its branches.
 * Installs the routes on the routers of \p network; returns them (see MulticastRoutes).
 */
MulticastRoutes InstallSourceTree(const Network& network, const RoutingGraph& graph,
                                  const MulticastGroup& group);

} // namespace gcsim
} // namespace ns3

#endif
