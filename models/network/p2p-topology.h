#ifndef GCSIM_P2P_TOPOLOGY_H
#define GCSIM_P2P_TOPOLOGY_H

#include "network.h"

namespace ns3
{
namespace gcsim
{

/**
 * Topology kind `p2p`: P1 and one client on a point-to-point link. The picture, addresses
 * and link order are in p2p-topology.cc.
 * Throws std::invalid_argument for a configuration the kind cannot build.
 */
Network BuildP2p(const TopologyConfig& config);

} // namespace gcsim
} // namespace ns3

#endif
