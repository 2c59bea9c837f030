#include "netanim.h"

#include "models/network/routing-graph.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <ns3/animation-interface.h>
#include <ns3/node-list.h>
#include <ns3/simulator.h>

namespace gcsim
{

using namespace ns3;
using namespace ns3::gcsim;

namespace
{

constexpr double kSpacing = 10;  //!< between neighbouring nodes
constexpr double kLayerGap = 25; //!< between two hop layers
constexpr double kMargin = 10;   //!< around the drawing

uint32_t
NodeCount(const Network& network)
{
    return network.hosts.GetN() + network.routers.GetN() + network.switches.GetN();
}

/// p2p and lan: one link and no router; star: one switch.
bool
SingleSegment(const Network& network)
{
    return network.routers.GetN() == 0 &&
           ((network.switches.GetN() == 0 && network.links.size() == 1) ||
            network.switches.GetN() == 1);
}

void
PlaceOnCircle(const Network& network)
{
    uint32_t hosts = network.hosts.GetN();
    double radius = std::max(2 * kLayerGap, hosts * kSpacing / (2 * M_PI));
    double centre = radius + kMargin;
    for (uint32_t i = 0; i < hosts; ++i)
    {
        // P1 at the top (NetAnim's y grows downwards), then clockwise.
        double angle = -M_PI / 2 + 2 * M_PI * i / hosts;
        AnimationInterface::SetConstantPosition(network.hosts.Get(i),
                                                centre + radius * std::cos(angle),
                                                centre + radius * std::sin(angle));
    }
    for (uint32_t w = 0; w < network.switches.GetN(); ++w)
    {
        AnimationInterface::SetConstantPosition(network.switches.Get(w), centre, centre);
    }
}

void
PlaceInLayers(const Network& network)
{
    RoutingGraph graph(network);
    RoutingGraph::Tree tree = graph.FromNodes({network.Server()->GetId()});
    NodeContainer all(network.hosts, network.routers, network.switches);
    // The breadth-first tree from P1 on nodes: a node hangs off the node it was reached from.
    std::map<uint32_t, std::vector<uint32_t>> children;
    std::vector<uint32_t> unreached;
    uint32_t deepest = 0;
    for (uint32_t i = 0; i < all.GetN(); ++i)
    {
        uint32_t id = all.Get(i)->GetId();
        if (!tree.reached[id])
        {
            unreached.push_back(id);
            continue;
        }
        deepest = std::max(deepest, tree.hops[id]);
        int64_t parent = tree.parent[id];
        if (parent >= 0 && graph.IsLinkVertex(static_cast<uint64_t>(parent)))
        {
            parent = tree.parent[parent];
        }
        if (parent >= 0)
        {
            children[static_cast<uint32_t>(parent)].push_back(id);
        }
    }
    // Leaves one slot apart in depth-first order, each parent centred over its children.
    std::map<uint32_t, double> slot;
    double next = 0;
    std::function<void(uint32_t)> place = [&](uint32_t id)
    {
        auto it = children.find(id);
        if (it == children.end())
        {
            slot[id] = next++;
            return;
        }
        std::sort(it->second.begin(), it->second.end());
        for (uint32_t child : it->second)
        {
            place(child);
        }
        slot[id] = (slot[it->second.front()] + slot[it->second.back()]) / 2;
    };
    uint32_t server = network.Server()->GetId();
    place(server);
    for (const auto& [id, x] : slot)
    {
        AnimationInterface::SetConstantPosition(NodeList::GetNode(id), kMargin + x * kSpacing,
                                                kMargin + tree.hops[id] * kLayerGap);
    }
    // Nodes P1 cannot reach: a row of their own below the rest.
    for (std::size_t i = 0; i < unreached.size(); ++i)
    {
        AnimationInterface::SetConstantPosition(NodeList::GetNode(unreached[i]),
                                                kMargin + i * kSpacing,
                                                kMargin + (deepest + 1) * kLayerGap);
    }
}

} // namespace

void
CheckNetAnimSize(const Scenario& s, const Network& network)
{
    uint32_t nodes = NodeCount(network);
    if (nodes > kMaxNetAnimNodes)
    {
        Simulator::Destroy();
        throw InputError(s.source, "output.netanim",
                         "NetAnim output is limited to networks of " +
                             std::to_string(kMaxNetAnimNodes) + " nodes; this one has " +
                             std::to_string(nodes) +
                             ". Set output.netanim = false (or use "
                             "output.pcap) for a network this size");
    }
}

void
PlaceNodes(const Network& network)
{
    if (SingleSegment(network))
    {
        PlaceOnCircle(network);
    }
    else
    {
        PlaceInLayers(network);
    }
}

std::unique_ptr<AnimationInterface>
StartNetAnim(const Network& network, const std::vector<uint32_t>& members, const std::string& file,
             Time stop)
{
    // Positions first: the interface writes the nodes where they are when it starts.
    PlaceNodes(network);
    auto anim = std::make_unique<AnimationInterface>(file);
    anim->SetStopTime(stop);
    for (uint32_t i = 0; i < network.hosts.GetN(); ++i)
    {
        Ptr<Node> node = network.hosts.Get(i);
        anim->UpdateNodeDescription(node, network.NodeName(node->GetId()));
        if (i == 0)
        {
            anim->UpdateNodeColor(node, 220, 40, 40); // P1: red
        }
        else if (std::binary_search(members.begin(), members.end(), i))
        {
            anim->UpdateNodeColor(node, 40, 160, 60); // members: green
        }
        else
        {
            anim->UpdateNodeColor(node, 150, 150, 150); // non-members: grey
        }
    }
    for (uint32_t r = 0; r < network.routers.GetN(); ++r)
    {
        Ptr<Node> node = network.routers.Get(r);
        anim->UpdateNodeDescription(node, network.NodeName(node->GetId()));
        anim->UpdateNodeColor(node, 40, 90, 200); // routers: blue
    }
    for (uint32_t w = 0; w < network.switches.GetN(); ++w)
    {
        Ptr<Node> node = network.switches.Get(w);
        anim->UpdateNodeDescription(node, network.NodeName(node->GetId()));
        anim->UpdateNodeColor(node, 230, 150, 30); // switches: orange
    }
    return anim;
}

} // namespace gcsim
