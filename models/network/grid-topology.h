#ifndef GCSIM_GRID_TOPOLOGY_H
#define GCSIM_GRID_TOPOLOGY_H

#include "network.h"

namespace ns3
{
namespace gcsim
{

/**
 * Topology kind `grid`: rows x columns routers, each joined to its right and lower neighbour
 * by a point-to-point link; router index = row * columns + column. P1 on its own
 * point-to-point link to R0, the top-left corner (or `server_router`); the clients in
 * contiguous blocks, one CSMA LAN per router (or per router of `access_routers`). The
 * picture, addresses and link order are in grid-topology.cc.
 * Throws std::invalid_argument for a configuration the kind cannot build.
 */
Network BuildGrid(const TopologyConfig& config);

} // namespace gcsim
} // namespace ns3

#endif
