// Topology kind `tree`: routers in a complete fanout-ary tree of depth `depth` (the root R0
// at depth 0, fanout^depth leaf routers), joined by point-to-point links; P1 on its own
// point-to-point link to the root; one CSMA LAN of clients_per_leaf clients per leaf.
//
//                     P1
//                     |            access link (data_rate, delay)
//                     R0           depth 0
//                  /      \        core links (core_rate, core_delay)
//                R1        R2      depth 1
//               /  \      /  \ .
//             R3    R4  R5    R6   depth 2: leaf routers
//             |     |    |     |
//           =====  ===  ===  =====  one LAN per leaf (data_rate, delay)
//           C1 C2  C3 C4 C5 C6 C7 C8

#include "tree-topology.h"

#include <ns3/ipv4-static-routing-helper.h>
#include <ns3/log.h>
#include <stdexcept>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimTreeTopology");

Network
BuildTree(const TopologyConfig& config)
{
    NS_LOG_FUNCTION_NOARGS();
    uint64_t leaves = 1;
    uint64_t routers = 1;
    for (uint32_t d = 0; d < config.depth; ++d)
    {
        leaves *= config.fanout;
        routers += leaves;
        if (routers > 100000)
        {
            throw std::invalid_argument("a tree of more than 100000 routers");
        }
    }
    if (config.fanout < 1 || config.clients % leaves != 0)
    {
        throw std::invalid_argument("tree clients must fill every leaf LAN equally");
    }
    uint32_t perLeaf = static_cast<uint32_t>(config.clients / leaves);

    NetworkBuilder builder(config, true);
    builder.CreateHosts(config.clients);
    Network& network = builder.Get();
    std::vector<Ptr<Node>> tree;
    for (uint64_t r = 0; r < routers; ++r)
    {
        tree.push_back(builder.AddRouter());
    }
    std::size_t access = builder.AddP2p(network.Server(), tree[0], config.dataRate, config.delay);
    for (uint64_t r = 1; r < routers; ++r)
    {
        builder.AddP2p(tree[(r - 1) / config.fanout], tree[r], config.coreRate, config.coreDelay);
    }
    uint32_t client = 1;
    for (uint64_t leaf = routers - leaves; leaf < routers; ++leaf)
    {
        NodeContainer lan(tree[leaf]);
        for (uint32_t i = 0; i < perLeaf; ++i, ++client)
        {
            lan.Add(network.hosts.Get(client));
        }
        builder.AddLan(lan, config.dataRate, config.delay);
    }
    Ipv4StaticRoutingHelper().SetDefaultMulticastRoute(network.Server(),
                                                       network.links[access].ends[0]);
    return network;
}

} // namespace gcsim
} // namespace ns3
