// Multicast routing variant `probabilistic`: gossip-style flooding in an ad hoc mesh, the
// broadcast-storm trade-off between reach and redundant transmissions (Ni et al., MobiCom
// 1999; Haas, Halpern and Li, INFOCOM 2002). The forwarding itself is MeshRouting's.

#include "probabilistic-flood.h"

#include "../network/mesh-routing.h"

#include <ns3/log.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimProbabilisticFlood");

std::size_t
InstallProbabilisticFlood(const Network& network, Ipv4Address group, double p)
{
    NS_LOG_FUNCTION(group << p);
    std::size_t set = 0;
    for (uint32_t h = 0; h < network.hosts.GetN(); ++h)
    {
        if (Ptr<MeshRouting> mesh = MeshRouting::Of(network.hosts.Get(h)))
        {
            mesh->SetFloodProbability(group, p);
            ++set;
        }
    }
    NS_LOG_INFO(set << " nodes rebroadcast " << group << " with probability " << p);
    return set;
}

} // namespace gcsim
} // namespace ns3
