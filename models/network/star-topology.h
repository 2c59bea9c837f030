#ifndef GCSIM_STAR_TOPOLOGY_H
#define GCSIM_STAR_TOPOLOGY_H

#include "network.h"

namespace ns3
{
namespace gcsim
{

/**
 * Topology kind `star`: every host on its own CSMA (Ethernet) cable to one switch S0. The
 * picture, addresses and link order are in star-topology.cc.
 * Throws std::invalid_argument for a configuration the kind cannot build.
 */
Network BuildStar(const TopologyConfig& config);

} // namespace gcsim
} // namespace ns3

#endif
