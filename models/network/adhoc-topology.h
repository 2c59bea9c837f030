#ifndef GCSIM_ADHOC_TOPOLOGY_H
#define GCSIM_ADHOC_TOPOLOGY_H

#include "network.h"

#include <string>

namespace ns3
{
namespace gcsim
{

/// The unicast routing protocols kind `adhoc` offers, for messages: "aodv, olsr".
std::string AdhocUnicastRoutingNames();

/**
 * Checks the keys of kind `adhoc` (the Wi-Fi keys and unicast_routing) before anything is
 * built. Throws ConfigError naming the key.
 */
void CheckAdhocConfig(const TopologyConfig& config);

/**
 * Topology kind `adhoc`: P1 and the clients are stations of one ad hoc network (IBSS), P1 at
 * the origin, the clients placed as kind `wifi` places them; every node routes (MeshRouting:
 * unicast by AODV or OLSR, group datagrams flooded). Throws ConfigError for a configuration
 * it cannot build.
 */
Network BuildAdhoc(const TopologyConfig& config);

} // namespace gcsim
} // namespace ns3

#endif
