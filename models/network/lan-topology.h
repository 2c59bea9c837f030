#ifndef GCSIM_LAN_TOPOLOGY_H
#define GCSIM_LAN_TOPOLOGY_H

#include "network.h"

namespace ns3
{
namespace gcsim
{

/**
 * Topology kind `lan`: P1 and N clients on one CSMA (Ethernet) segment. The picture,
 * addresses and link order are in lan-topology.cc.
 * Throws std::invalid_argument for a configuration the kind cannot build.
 */
Network BuildLan(const TopologyConfig& config);

} // namespace gcsim
} // namespace ns3

#endif
