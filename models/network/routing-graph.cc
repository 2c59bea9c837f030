#include "routing-graph.h"

#include <deque>
#include <ns3/ipv4.h>
#include <ns3/log.h>
#include <ns3/node-list.h>

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
{
    NS_LOG_FUNCTION(this);
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

RoutingGraph::Tree
RoutingGraph::Search(std::vector<uint64_t> sources) const
{
    std::size_t vertices = m_nodes + m_linkNodes.size();
    Tree tree;
    tree.parent.assign(vertices, -1);
    tree.hops.assign(vertices, 0);
    tree.reached.assign(vertices, false);
    std::deque<uint64_t> queue;
    for (uint64_t s : sources)
    {
        tree.reached[s] = true;
        queue.push_back(s);
    }
    auto sourceSet = [&](uint64_t v)
    { return std::find(sources.begin(), sources.end(), v) != sources.end(); };
    while (!queue.empty())
    {
        uint64_t v = queue.front();
        queue.pop_front();
        if (IsLinkVertex(v))
        {
            for (uint32_t node : m_linkNodes[LinkOf(v)])
            {
                if (!tree.reached[node])
                {
                    tree.reached[node] = true;
                    tree.parent[node] = static_cast<int64_t>(v);
                    tree.hops[node] = tree.hops[v] + 1;
                    queue.push_back(node);
                }
            }
        }
        else
        {
            // Hosts are end points: a search starts at them but never crosses them.
            if (!m_router[v] && !m_switch[v] && !sourceSet(v))
            {
                continue;
            }
            for (const auto& a : m_attachments[v])
            {
                uint32_t lv = LinkVertex(a.link);
                if (!tree.reached[lv])
                {
                    tree.reached[lv] = true;
                    tree.parent[lv] = static_cast<int64_t>(v);
                    tree.hops[lv] = tree.hops[v];
                    queue.push_back(lv);
                }
            }
        }
    }
    return tree;
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
