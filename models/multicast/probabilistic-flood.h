#ifndef GCSIM_PROBABILISTIC_FLOOD_H
#define GCSIM_PROBABILISTIC_FLOOD_H

#include "../network/network.h"

#include <ns3/ipv4-address.h>

namespace ns3
{
namespace gcsim
{

/**
 * Multicast routing variant `probabilistic` (kind adhoc): each node of the mesh rebroadcasts
 * the first copy of a datagram for \p group it gets with probability \p p (its MeshRouting's
 * seeded draw), instead of always (`flood`); P1 always sends. No route is installed: the
 * hosts flood during the run. Returns how many nodes it set (0 on a network without a mesh).
 */
std::size_t InstallProbabilisticFlood(const Network& network, Ipv4Address group, double p);

} // namespace gcsim
} // namespace ns3

#endif
