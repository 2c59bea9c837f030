// Multicast routing variant `source-tree`: the shortest-path tree from P1 (hop count, the
// same searches unicast routing uses), pruned to the branches that lead to members. Each
// router on it forwards the group's packets from its interface towards P1 to the
// interfaces of its branches.

#include "source-tree.h"

#include <ns3/log.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimSourceTree");

MulticastRoutes
InstallSourceTree(const Network&, const RoutingGraph& graph, const MulticastGroup& group)
{
    NS_LOG_FUNCTION_NOARGS();
    MulticastRoutes installed;
    RoutingGraph::Tree tree = graph.FromNodes({group.source});
    for (const auto& [router, branches] : PrunedTree(graph, tree, group.members))
    {
        AddMulticastRoute(router, group, static_cast<uint32_t>(branches.input), branches.outputs);
        installed.routers.push_back(router);
        ++installed.routes;
    }
    return installed;
}

} // namespace gcsim
} // namespace ns3
