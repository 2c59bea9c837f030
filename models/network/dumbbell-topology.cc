// Topology kind `dumbbell`: two routers joined by one bottleneck link, P1 behind the left
// router, the clients split between a LAN on each side.
//
//          P1
//          |                access link (data_rate, delay)
//          R0 ============== R1       the bottleneck (bottleneck_rate, bottleneck_delay)
//          |                 |
//     ===========       ===========   one LAN per router (data_rate, delay)
//     C1 ... Ck         Ck+1 ... CN   k = ceil(N / 2); with N = 1 only the left LAN
//
// Every message to a right-side client crosses the bottleneck; left-side clients are one
// router away from P1. The links are built in this order: the bottleneck, P1's link, the
// left LAN, the right LAN. The placement is fixed: the scenario keys access_routers and
// server_router do not apply.

#include "dumbbell-topology.h"

#include "config-error.h"

#include <ns3/ipv4-static-routing-helper.h>
#include <ns3/log.h>
#include <stdexcept>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimDumbbellTopology");

Network
BuildDumbbell(const TopologyConfig& config)
{
    NS_LOG_FUNCTION_NOARGS();
    if (config.clients < 1)
    {
        throw ConfigError("topology.clients", "a dumbbell needs at least 1 client");
    }
    if (!config.accessRouters.empty())
    {
        throw ConfigError("topology.access_routers",
                          "a dumbbell always has one client LAN on each router");
    }
    if (config.serverRouter >= 0)
    {
        throw ConfigError("topology.server_router",
                          "a dumbbell always has P1 on the left router R0");
    }
    NetworkBuilder builder(config, true);
    builder.CreateHosts(config.clients);
    Network& network = builder.Get();
    Ptr<Node> left = builder.AddRouter();
    Ptr<Node> right = builder.AddRouter();

    builder.AddP2p(left, right, config.bottleneckRate, config.bottleneckDelay);
    std::size_t access = builder.AddP2p(network.Server(), left, config.dataRate, config.delay);
    uint32_t leftClients = (config.clients + 1) / 2;
    NodeContainer leftLan(left);
    NodeContainer rightLan(right);
    for (uint32_t c = 1; c <= config.clients; ++c)
    {
        (c <= leftClients ? leftLan : rightLan).Add(network.hosts.Get(c));
    }
    builder.AddLan(leftLan, config.dataRate, config.delay);
    if (rightLan.GetN() > 1)
    {
        builder.AddLan(rightLan, config.dataRate, config.delay);
    }

    // P1 sends group traffic out of its only interface.
    Ipv4StaticRoutingHelper().SetDefaultMulticastRoute(network.Server(),
                                                       network.links[access].ends[0]);
    return network;
}

} // namespace gcsim
} // namespace ns3
