#include "multicast-routing.h"

#include "../network/source-specific-routing.h"
#include "flood.h"
#include "shared-tree.h"
#include "source-tree.h"

#include <algorithm>
#include <map>
#include <ns3/ipv4-list-routing.h>
#include <ns3/ipv4-routing-table-entry.h>
#include <ns3/ipv4.h>
#include <ns3/log.h>
#include <ns3/node-list.h>
#include <stdexcept>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimMulticastRouting");

const std::vector<MulticastRoutingEntry>&
MulticastRoutingTable()
{
    static const std::vector<MulticastRoutingEntry> table = {
        {MulticastRouting::SOURCE_TREE, "source-tree", &InstallSourceTree,
         "shortest-path tree from P1, pruned to branches with members", MulticastState::PER_SOURCE},
        {MulticastRouting::SHARED_TREE, "shared-tree", &InstallSharedTree,
         "one tree rooted at a rendezvous router; P1's traffic goes there first",
         MulticastState::PER_GROUP},
        {MulticastRouting::FLOOD, "flood", &InstallFlood,
         "every router forwards on every interface but the incoming one; duplicates dropped",
         MulticastState::NONE},
        // A protocol that runs during the simulation (DenseMode), not routes set up in advance.
        {MulticastRouting::DENSE, "dense", nullptr,
         "flood and prune (PIM-DM): RPF checks, prunes that expire, grafts on joins",
         MulticastState::PROTOCOL},
        // Kind adhoc only: the hosts flood during the run (MeshRouting), no route is installed.
        {MulticastRouting::PROBABILISTIC, "probabilistic", nullptr,
         "ad hoc meshes: each node rebroadcasts a datagram's first copy with probability "
         "flood_probability (seeded)",
         MulticastState::NONE},
    };
    return table;
}

MulticastRouting
MulticastRoutingNamed(const std::string& name)
{
    for (const auto& entry : MulticastRoutingTable())
    {
        if (name == entry.name)
        {
            return entry.variant;
        }
    }
    throw std::invalid_argument("unknown multicast routing '" + name + "'");
}

MulticastState
MulticastStateOf(MulticastRouting variant)
{
    for (const auto& entry : MulticastRoutingTable())
    {
        if (variant == entry.variant)
        {
            return entry.state;
        }
    }
    throw std::invalid_argument("unknown multicast routing variant");
}

std::ostream&
operator<<(std::ostream& os, MulticastRouting variant)
{
    return os << MulticastRoutingName(variant);
}

std::string
MulticastRoutingName(MulticastRouting variant)
{
    for (const auto& entry : MulticastRoutingTable())
    {
        if (variant == entry.variant)
        {
            return entry.name;
        }
    }
    return "?";
}

namespace
{

/// The address of node \p node's first interface.
Ipv4Address
AddressOf(uint32_t node)
{
    return NodeList::GetNode(node)->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal();
}

} // namespace

MulticastRoutes
InstallMulticastRoutes(MulticastRouting variant, const Network& network, const RoutingGraph& graph,
                       const MulticastGroup& group)
{
    NS_LOG_FUNCTION(variant);
    for (const auto& entry : MulticastRoutingTable())
    {
        if (variant != entry.variant)
        {
            continue;
        }
        if (!entry.install)
        {
            throw std::logic_error(std::string("multicast routing '") + entry.name +
                                   "' is a protocol: install it with its model (DenseMode)");
        }
        if (group.senders.empty())
        {
            MulticastRoutes installed = entry.install(network, graph, group);
            NS_LOG_INFO(entry.name << ": " << installed.routes << " routes on "
                                   << installed.routers.size() << " routers");
            return installed;
        }
        MulticastGroup fromP1 = group;
        fromP1.origin = AddressOf(group.source);
        MulticastRoutes installed = entry.install(network, graph, fromP1);
        int64_t rendezvous = group.rendezvous; // a shared tree keeps the router P1's chose
        for (uint32_t r = 0; r < network.routers.GetN(); ++r)
        {
            if (network.routers.Get(r)->GetId() == static_cast<uint64_t>(installed.rendezvous))
            {
                rendezvous = r;
            }
        }
        for (uint32_t sender : group.senders)
        {
            MulticastGroup g = group;
            g.source = sender;
            g.origin = AddressOf(sender);
            g.senders.clear();
            g.members.erase(std::remove(g.members.begin(), g.members.end(), sender),
                            g.members.end());
            if (group.sendersReachSource)
            {
                g.members.push_back(group.source);
            }
            g.rendezvous = rendezvous;
            installed.routes += entry.install(network, graph, g).routes;
        }
        NS_LOG_INFO(entry.name << ": " << installed.routes << " routes for "
                               << group.senders.size() + 1 << " senders");
        return installed;
    }
    throw std::invalid_argument("unknown multicast routing variant");
}

namespace
{

Ptr<SourceSpecificRouting>
StaticRoutingOf(uint32_t node)
{
    Ptr<Ipv4> ipv4 = NodeList::GetNode(node)->GetObject<Ipv4>();
    auto list = DynamicCast<Ipv4ListRouting>(ipv4->GetRoutingProtocol());
    for (uint32_t i = 0; i < list->GetNRoutingProtocols(); ++i)
    {
        int16_t priority;
        if (auto routing =
                DynamicCast<SourceSpecificRouting>(list->GetRoutingProtocol(i, priority)))
        {
            return routing;
        }
    }
    throw std::logic_error("no static routing on node " + std::to_string(node));
}

} // namespace

void
AddMulticastRoute(uint32_t node, const MulticastGroup& group, uint32_t input,
                  const std::vector<uint32_t>& outputs)
{
    NS_LOG_FUNCTION(node << input);
    StaticRoutingOf(node)->AddRoute(group.origin, group.address, input, outputs);
}

std::size_t
RemoveMulticastRoutes(const Network& network, Ipv4Address group)
{
    NS_LOG_FUNCTION(group);
    std::size_t removed = 0;
    for (uint32_t r = 0; r < network.routers.GetN(); ++r)
    {
        removed += StaticRoutingOf(network.routers.Get(r)->GetId())->RemoveRoutes(group);
    }
    NS_LOG_LOGIC(removed << " routes of " << group << " removed");
    return removed;
}

std::vector<SourceSpecificRouting::HeldRoute>
MulticastRoutesOn(uint32_t node, Ipv4Address group)
{
    NS_LOG_FUNCTION(node << group);
    return StaticRoutingOf(node)->RoutesOf(group);
}

std::vector<std::pair<uint32_t, TreeRouter>>
PrunedTree(const RoutingGraph& graph, const RoutingGraph::Tree& tree,
           const std::vector<uint32_t>& members)
{
    NS_LOG_FUNCTION_NOARGS();
    std::vector<std::pair<uint32_t, TreeRouter>> routers;
    std::map<uint32_t, std::size_t> index;
    for (uint32_t member : members)
    {
        int64_t v = member;
        while (tree.reached[v] && tree.parent[v] >= 0)
        {
            auto link = static_cast<uint32_t>(graph.LinkOf(tree.parent[v]));
            int64_t up = tree.parent[tree.parent[v]];
            if (up < 0 || !graph.IsRouter(static_cast<uint32_t>(up)))
            {
                break; // the link hangs off the source host itself
            }
            auto router = static_cast<uint32_t>(up);
            auto output = static_cast<uint32_t>(graph.InterfaceOn(router, link));
            auto it = index.find(router);
            bool seen = it != index.end();
            if (!seen)
            {
                TreeRouter r;
                if (tree.parent[router] >= 0)
                {
                    r.input = graph.InterfaceOn(router, graph.LinkOf(tree.parent[router]));
                }
                index[router] = routers.size();
                routers.push_back({router, r});
                it = index.find(router);
            }
            auto& outputs = routers[it->second].second.outputs;
            if (std::find(outputs.begin(), outputs.end(), output) == outputs.end())
            {
                outputs.push_back(output);
            }
            if (seen)
            {
                break; // the rest of the path is already in the tree
            }
            v = up;
        }
    }
    return routers;
}

} // namespace gcsim
} // namespace ns3
