#ifndef GCSIM_RING_TOPOLOGY_H
#define GCSIM_RING_TOPOLOGY_H

#include "network.h"

namespace ns3
{
namespace gcsim
{

/**
 * Topology kind `ring`: `routers` routers in a cycle of point-to-point links, R0 - R1 - ...
 * - R(n-1) - R0; P1 on its own point-to-point link to R0 (or `server_router`); the clients
 * in contiguous blocks, one CSMA LAN per router (or per router of `access_routers`). The
 * picture, addresses and link order are in ring-topology.cc.
 * Throws ConfigError (a std::invalid_argument) for a configuration the kind cannot build.
 */
Network BuildRing(const TopologyConfig& config);

/// Throws ConfigError unless \p config's ring can be built (at least 3 routers).
void CheckRing(const TopologyConfig& config);

} // namespace gcsim
} // namespace ns3

#endif
