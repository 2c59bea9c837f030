#ifndef GCSIM_WAXMAN_TOPOLOGY_H
#define GCSIM_WAXMAN_TOPOLOGY_H

#include "network.h"

namespace ns3
{
namespace gcsim
{

/**
 * Topology kind `waxman`: a random router graph after Waxman's model (B. M. Waxman, "Routing
 * of multipoint connections", IEEE JSAC 6(9), 1988), links point-to-point (core_rate,
 * core_delay); P1 on its own point-to-point link to R0 (or `server_router`); the clients on
 * min(N, routers) routers chosen by the seed (or `access_routers`), one CSMA LAN each
 * (data_rate, delay). The picture, addresses and link order are in waxman-topology.cc.
 * Throws std::invalid_argument for a configuration the kind cannot build.
 */
Network BuildWaxman(const TopologyConfig& config);

} // namespace gcsim
} // namespace ns3

#endif
