#include "routing-graph.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <ns3/ipv4.h>
#include <ns3/log.h>
#include <ns3/node-list.h>
#include <queue>
#include <tuple>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimRoutingGraph");

RoutingGraph::RoutingGraph(const Network& network)
  : m_nodes(NodeList::GetNNodes())
  , m_attachments(m_nodes)
  , m_addresses(m_nodes)
  , m_linkNodes(network.links.size())
  , m_router(m_nodes, false)
  , m_switch(m_nodes, false)
  , m_metric(network.metric)
  , m_linkCost(network.links.size(), 1.0)
  , m_linkDown(network.links.size(), false)
  , m_nodeDown(m_nodes, false)
{
    NS_LOG_FUNCTION(this);
    for (uint32_t l = 0; l < network.links.size(); ++l)
    {
        const Link& link = network.links[l];
        m_linkCost[l] = network.metric == RoutingMetric::WEIGHT ? link.weight
                        : network.metric == RoutingMetric::DELAY
                            ? static_cast<double>(link.delay.GetNanoSeconds())
                            : 1.0;
    }
    for (uint32_t r = 0; r < network.routers.GetN(); ++r)
    {
        m_router[network.routers.Get(r)->GetId()] = true;
    }
    std::vector<bool> isSwitch(m_nodes, false);
    for (uint32_t w = 0; w < network.switches.GetN(); ++w)
    {
        isSwitch[network.switches.Get(w)->GetId()] = true;
        m_switch[network.switches.Get(w)->GetId()] = true;
    }
    for (uint32_t l = 0; l < network.links.size(); ++l)
    {
        for (const auto& device : network.links[l].ends)
        {
            Ptr<Ipv4> ipv4 = device->GetNode()->GetObject<Ipv4>();
            int32_t interface = ipv4 ? ipv4->GetInterfaceForDevice(device) : -1;
            uint32_t node = device->GetNode()->GetId();
            if (interface < 0 && isSwitch[node])
            {
                // An Ethernet switch: no IP, but frames cross it (store and forward).
                m_attachments[node].push_back({l, kNoInterface});
                m_addresses[node].push_back(Ipv4Address());
                m_linkNodes[l].push_back(node);
                continue;
            }
            if (interface < 0)
            {
                continue;
            }
            m_attachments[node].push_back({l, static_cast<uint32_t>(interface)});
            m_addresses[node].push_back(ipv4->GetNAddresses(interface) > 0
                                            ? ipv4->GetAddress(interface, 0).GetLocal()
                                            : Ipv4Address());
            m_linkNodes[l].push_back(node);
        }
    }
}

uint32_t
RoutingGraph::NodeCount() const
{
    return m_nodes;
}

uint32_t
RoutingGraph::LinkVertex(uint32_t link) const
{
    return m_nodes + link;
}

bool
RoutingGraph::IsLinkVertex(uint64_t vertex) const
{
    return vertex >= m_nodes;
}

uint32_t
RoutingGraph::LinkOf(uint64_t vertex) const
{
    return static_cast<uint32_t>(vertex - m_nodes);
}

const std::vector<RoutingGraph::Attachment>&
RoutingGraph::Attachments(uint32_t node) const
{
    return m_attachments[node];
}

int32_t
RoutingGraph::InterfaceOn(uint32_t node, uint32_t link) const
{
    for (const auto& a : m_attachments[node])
    {
        if (a.link == link)
        {
            return static_cast<int32_t>(a.interface);
        }
    }
    return -1;
}

Ipv4Address
RoutingGraph::AddressOn(uint32_t node, uint32_t link) const
{
    const auto& attachments = m_attachments[node];
    for (std::size_t i = 0; i < attachments.size(); ++i)
    {
        if (attachments[i].link == link && m_addresses[node][i] != Ipv4Address())
        {
            return m_addresses[node][i];
        }
    }
    int32_t interface = InterfaceOn(node, link);
    return NodeList::GetNode(node)->GetObject<Ipv4>()->GetAddress(interface, 0).GetLocal();
}

const std::vector<uint32_t>&
RoutingGraph::NodesOn(uint32_t link) const
{
    return m_linkNodes[link];
}

bool
RoutingGraph::IsRouter(uint32_t node) const
{
    return m_router[node];
}

RoutingGraph::Tree
RoutingGraph::FromNodes(const std::vector<uint32_t>& nodeIds) const
{
    return Search(std::vector<uint64_t>(nodeIds.begin(), nodeIds.end()));
}

RoutingGraph::Tree
RoutingGraph::FromLink(uint32_t link) const
{
    return Search({LinkVertex(link)});
}

void
RoutingGraph::RoutersFromLink(uint32_t link, Tree& tree, std::vector<uint64_t>& touched) const
{
    if (m_metric != RoutingMetric::HOPS)
    {
        tree = FromLink(link);
        return;
    }
    if (tree.parent.size() != m_nodes + m_linkNodes.size())
    {
        tree = Unreached();
    }
    for (uint64_t v : touched)
    {
        tree.parent[v] = -1;
        tree.hops[v] = 0;
        tree.reached[v] = false;
    }
    touched.clear();
    // Hosts are never crossed, so leaving them out changes no router's parent or hops.
    BreadthFirstInto({LinkVertex(link)}, false, tree, touched);
}

bool
RoutingGraph::IsTransit(uint64_t v, const std::vector<uint64_t>& sources) const
{
    // Hosts are end points: a search starts at them but never crosses them.
    return IsLinkVertex(v) || m_router[v] || m_switch[v] ||
           std::find(sources.begin(), sources.end(), v) != sources.end();
}

RoutingGraph::Tree
RoutingGraph::Search(std::vector<uint64_t> sources) const
{
    return m_metric == RoutingMetric::HOPS ? BreadthFirst(sources) : Dijkstra(sources);
}

RoutingGraph::Tree
RoutingGraph::Unreached() const
{
    std::size_t vertices = m_nodes + m_linkNodes.size();
    Tree tree;
    tree.parent.assign(vertices, -1);
    tree.hops.assign(vertices, 0);
    tree.reached.assign(vertices, false);
    return tree;
}

RoutingGraph::Tree
RoutingGraph::BreadthFirst(const std::vector<uint64_t>& sources) const
{
    Tree tree = Unreached();
    std::vector<uint64_t> touched;
    BreadthFirstInto(sources, true, tree, touched);
    tree.cost.assign(tree.hops.begin(), tree.hops.end());
    return tree;
}

void
RoutingGraph::BreadthFirstInto(const std::vector<uint64_t>& sources, bool hosts, Tree& tree,
                               std::vector<uint64_t>& touched) const
{
    // The queue is touched itself: vertices in the order they were reached.
    std::size_t next = touched.size();
    for (uint64_t s : sources)
    {
        tree.reached[s] = true;
        touched.push_back(s);
    }
    for (; next < touched.size(); ++next)
    {
        uint64_t v = touched[next];
        if (IsLinkVertex(v))
        {
            for (uint32_t node : m_linkNodes[LinkOf(v)])
            {
                if ((hosts || m_router[node] || m_switch[node]) && !tree.reached[node] &&
                    !m_nodeDown[node])
                {
                    tree.reached[node] = true;
                    tree.parent[node] = static_cast<int64_t>(v);
                    tree.hops[node] = tree.hops[v] + 1;
                    touched.push_back(node);
                }
            }
        }
        else if (IsTransit(v, sources))
        {
            for (const auto& a : m_attachments[v])
            {
                uint32_t lv = LinkVertex(a.link);
                if (!tree.reached[lv] && !m_linkDown[a.link])
                {
                    tree.reached[lv] = true;
                    tree.parent[lv] = static_cast<int64_t>(v);
                    tree.hops[lv] = tree.hops[v];
                    touched.push_back(lv);
                }
            }
        }
    }
}

RoutingGraph::Tree
RoutingGraph::Dijkstra(const std::vector<uint64_t>& sources) const
{
    Tree tree = Unreached();
    std::size_t vertices = tree.parent.size();
    tree.cost.assign(vertices, std::numeric_limits<double>::infinity());
    // (cost, order reached, vertex), cheapest first, then first reached.
    using Entry = std::tuple<double, uint64_t, uint64_t>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
    uint64_t order = 0;
    for (uint64_t s : sources)
    {
        tree.cost[s] = 0;
        queue.emplace(0.0, order++, s);
    }
    std::vector<bool> settled(vertices, false);
    auto relax = [&](uint64_t from, uint64_t to, double cost, uint32_t hops)
    {
        if (cost < tree.cost[to])
        {
            tree.cost[to] = cost;
            tree.parent[to] = static_cast<int64_t>(from);
            tree.hops[to] = hops;
            queue.emplace(cost, order++, to);
        }
    };
    while (!queue.empty())
    {
        uint64_t v = std::get<2>(queue.top());
        queue.pop();
        if (settled[v])
        {
            continue;
        }
        settled[v] = true;
        tree.reached[v] = true;
        if (IsLinkVertex(v))
        {
            for (uint32_t node : m_linkNodes[LinkOf(v)])
            {
                if (!m_nodeDown[node])
                {
                    relax(v, node, tree.cost[v], tree.hops[v] + 1);
                }
            }
        }
        else if (IsTransit(v, sources))
        {
            // Crossing a link costs its cost once, on the way in.
            for (const auto& a : m_attachments[v])
            {
                if (!m_linkDown[a.link])
                {
                    relax(v, LinkVertex(a.link), tree.cost[v] + m_linkCost[a.link], tree.hops[v]);
                }
            }
        }
    }
    return tree;
}

void
RoutingGraph::SetLinkDown(uint32_t link, bool down)
{
    NS_LOG_FUNCTION(this << link << down);
    m_linkDown.at(link) = down;
}

void
RoutingGraph::SetNodeDown(uint32_t node, bool down)
{
    NS_LOG_FUNCTION(this << node << down);
    m_nodeDown.at(node) = down;
}

bool
RoutingGraph::IsLinkDown(uint32_t link) const
{
    return m_linkDown[link];
}

bool
RoutingGraph::IsNodeDown(uint32_t node) const
{
    return m_nodeDown[node];
}

std::vector<uint32_t>
RoutingGraph::LinksToSource(const Tree& tree, uint32_t node) const
{
    std::vector<uint32_t> links;
    if (!tree.reached[node])
    {
        return links;
    }
    for (int64_t v = tree.parent[node]; v >= 0; v = tree.parent[v])
    {
        if (IsLinkVertex(v))
        {
            links.push_back(LinkOf(v));
        }
    }
    return links;
}

} // namespace gcsim
} // namespace ns3
