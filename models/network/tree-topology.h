#ifndef GCSIM_TREE_TOPOLOGY_H
#define GCSIM_TREE_TOPOLOGY_H

#include "network.h"

namespace ns3
{
namespace gcsim
{

/**
 * Topology kind `tree`: routers in a complete fanout-ary tree of depth `depth` (the root R0
 * at depth 0, fanout^depth leaf routers), joined by point-to-point links; P1 on its own
 * point-to-point link to the root; one CSMA LAN of clients_per_leaf clients per leaf. The
 * picture, addresses and link order are in tree-topology.cc.
 * Throws std::invalid_argument for a configuration the kind cannot build.
 */
Network BuildTree(const TopologyConfig& config);

} // namespace gcsim
} // namespace ns3

#endif
