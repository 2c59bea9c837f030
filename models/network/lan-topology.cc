// Topology kind `lan`: P1 and N clients on one CSMA (Ethernet) segment.
//
//     P1        C1        C2   ...   CN
//     |         |         |          |
//   ===========================================  lan0: data_rate, delay
//   10.0.0.1  10.0.0.2  10.0.0.3 ... 10.0.0.(N+1)   (the smallest subnet that holds them)

#include "lan-topology.h"

#include <ns3/ipv4-static-routing-helper.h>
#include <ns3/log.h>
#include <stdexcept>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimLanTopology");

Network
BuildLan(const TopologyConfig& config)
{
    NS_LOG_FUNCTION_NOARGS();
    if (config.clients < 1 || config.clients > (1U << 24) - 3)
    {
        throw std::invalid_argument("a lan holds 1 to 16777213 clients");
    }
    NetworkBuilder builder(config, false);
    builder.CreateHosts(config.clients);
    Network& network = builder.Get();
    std::size_t link = builder.AddLan(network.hosts, config.dataRate, config.delay);

    Ipv4StaticRoutingHelper().SetDefaultMulticastRoute(network.Server(),
                                                       network.links[link].ends[0]);
    return network;
}

} // namespace gcsim
} // namespace ns3
