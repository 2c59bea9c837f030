// Topology kind `ring`: `routers` routers in a cycle of point-to-point links, R0 - R1 - ...
// - R(n-1) - R0; P1 on its own point-to-point link to R0 (or `server_router`); the clients
// in contiguous blocks, one CSMA LAN per router (or per router of `access_routers`).
//
//                       P1
//                       |                 access link (data_rate, delay)
//            R5 ------- R0 ------- R1     core links (core_rate, core_delay)
//           /                        \ .
//         R4                          R2  routers = 6
//           \                        /
//            `---------- R3 ---------'
//
//     below each router Ri (or each of access_routers):
//                       Ri
//                       |
//                 ===========             its client LAN (data_rate, delay)
//                 C..  ...  C..
//
// Link i joins Ri and R(i+1 mod n), in that order; a ring needs at least 3 routers (two
// routers would be joined twice). Two paths lead from any router to any other, so a flood
// goes both ways round and meets itself.

#include "ring-topology.h"

#include "config-error.h"

#include <algorithm>
#include <ns3/ipv4-l3-protocol.h>
#include <ns3/log.h>
#include <stdexcept>
#include <string>
#include <vector>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimRingTopology");

namespace
{

} // namespace

void
CheckRing(const TopologyConfig& config)
{
    NS_LOG_FUNCTION_NOARGS();
    if (config.routers < 3)
    {
        throw ConfigError("topology.routers", "a ring needs at least 3 routers (got " +
                                                  std::to_string(config.routers) +
                                                  "); two routers would be joined by two links");
    }
}

Network
BuildRing(const TopologyConfig& config)
{
    CheckRing(config);
    NetworkBuilder builder(config, true);
    builder.CreateHosts(config.clients);
    std::vector<Ptr<Node>> ring;
    for (uint32_t r = 0; r < config.routers; ++r)
    {
        ring.push_back(builder.AddRouter());
    }
    for (uint32_t r = 0; r < config.routers; ++r)
    {
        builder.AddP2p(ring[r], ring[(r + 1) % config.routers], config.coreRate, config.coreDelay);
    }
    AttachHosts(builder, ring, Placement::EVERY_ROUTER);
    return builder.Get();
}

} // namespace gcsim
} // namespace ns3
