// Topology kind `p2p`: P1 and one client on a point-to-point link.
//
//     P1 (10.0.0.1) ------------------ C1 (10.0.0.2)
//              data_rate, delay, PPP framing (2 bytes)

#include "p2p-topology.h"

#include <ns3/ipv4-static-routing-helper.h>
#include <ns3/log.h>
#include <stdexcept>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimP2pTopology");

Network
BuildP2p(const TopologyConfig& config)
{
    NS_LOG_FUNCTION_NOARGS();
    if (config.clients != 1)
    {
        throw std::invalid_argument("a p2p topology has exactly one client");
    }
    NetworkBuilder builder(config, false);
    builder.CreateHosts(1);
    Network& network = builder.Get();
    std::size_t link =
        builder.AddP2p(network.hosts.Get(0), network.hosts.Get(1), config.dataRate, config.delay);

    // P1 sends group traffic out of its only interface.
    Ipv4StaticRoutingHelper().SetDefaultMulticastRoute(network.Server(),
                                                       network.links[link].ends[0]);
    return network;
}

} // namespace gcsim
} // namespace ns3
