// Multicast routing variant `shared-tree`: one tree rooted at a rendezvous router (RP), as
// PIM-SM builds before any switch to source trees. P1's packets travel the shortest path
// up to the RP, then down the RP's shortest-path tree, pruned to the members' branches.
//
// The RP is the scenario's `rendezvous` router if it names one; otherwise the router with
// the smallest sum of costs (the routing metric's: hop counts by default) to P1 and to every
// member (the 1-median of the group), the lowest router index on a tie.

#include "shared-tree.h"

#include <limits>
#include <ns3/log.h>
#include <stdexcept>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimSharedTree");

namespace
{

uint32_t
ChooseRendezvous(const Network& network, const RoutingGraph& graph, const MulticastGroup& group)
{
    if (group.rendezvous >= 0)
    {
        if (group.rendezvous >= static_cast<int64_t>(network.routers.GetN()))
        {
            throw std::invalid_argument("no router R" + std::to_string(group.rendezvous));
        }
        return network.routers.Get(static_cast<uint32_t>(group.rendezvous))->GetId();
    }
    // Sums of hop counts are exact in a double; an unreached end counts 2^32 - 1.
    std::vector<double> total(network.routers.GetN(), 0);
    std::vector<uint32_t> ends = group.members;
    ends.push_back(group.source);
    for (uint32_t end : ends)
    {
        RoutingGraph::Tree tree = graph.FromNodes({end});
        for (uint32_t r = 0; r < network.routers.GetN(); ++r)
        {
            uint32_t id = network.routers.Get(r)->GetId();
            total[r] += tree.reached[id] ? tree.cost[id] : std::numeric_limits<uint32_t>::max();
        }
    }
    uint32_t best = 0;
    for (uint32_t r = 1; r < total.size(); ++r)
    {
        if (total[r] < total[best])
        {
            best = r;
        }
    }
    return network.routers.Get(best)->GetId();
}

} // namespace

MulticastRoutes
InstallSharedTree(const Network& network, const RoutingGraph& graph, const MulticastGroup& group)
{
    NS_LOG_FUNCTION_NOARGS();
    MulticastRoutes installed;
    uint32_t rp = ChooseRendezvous(network, graph, group);
    installed.rendezvous = rp;
    RoutingGraph::Tree tree = graph.FromNodes({rp});

    // Up: from P1 along the RP tree's parent pointers to the RP.
    int32_t rpInput = -1;
    for (int64_t v = group.source; tree.parent[v] >= 0;)
    {
        auto below = graph.LinkOf(tree.parent[v]);
        auto router = static_cast<uint32_t>(tree.parent[tree.parent[v]]);
        int32_t in = graph.InterfaceOn(router, below);
        if (router == rp)
        {
            rpInput = in;
            break;
        }
        auto above = graph.LinkOf(tree.parent[router]);
        AddMulticastRoute(router, group, static_cast<uint32_t>(in),
                          {static_cast<uint32_t>(graph.InterfaceOn(router, above))});
        installed.routers.push_back(router);
        ++installed.routes;
        v = router;
    }
    if (rpInput < 0)
    {
        throw std::invalid_argument("P1 cannot reach the rendezvous router");
    }

    // Down: the RP's tree to the members; the RP takes the group's packets from P1's side.
    // Never back onto the source's own link: its hosts took the packet from the source (a
    // client sender on a LAN; P1's link holds no member).
    auto sourceLink = graph.LinkOf(tree.parent[group.source]);
    for (const auto& [router, branches] : PrunedTree(graph, tree, group.members))
    {
        int32_t in = router == rp ? rpInput : branches.input;
        std::vector<uint32_t> outputs;
        for (uint32_t out : branches.outputs)
        {
            if (static_cast<int64_t>(out) != graph.InterfaceOn(router, sourceLink))
            {
                outputs.push_back(out);
            }
        }
        if (outputs.empty())
        {
            continue;
        }
        AddMulticastRoute(router, group, static_cast<uint32_t>(in), outputs);
        installed.routers.push_back(router);
        ++installed.routes;
    }
    return installed;
}

} // namespace gcsim
} // namespace ns3
