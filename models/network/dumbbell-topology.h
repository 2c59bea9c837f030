#ifndef GCSIM_DUMBBELL_TOPOLOGY_H
#define GCSIM_DUMBBELL_TOPOLOGY_H

#include "network.h"

namespace ns3
{
namespace gcsim
{

/**
 * Topology kind `dumbbell`: two routers joined by one bottleneck link, P1 behind the left
 * router, the clients split between a LAN on each side. The picture, addresses and link
 * order are in dumbbell-topology.cc.
 * Throws std::invalid_argument for a configuration the kind cannot build.
 */
Network BuildDumbbell(const TopologyConfig& config);

} // namespace gcsim
} // namespace ns3

#endif
