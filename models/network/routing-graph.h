#ifndef GCSIM_ROUTING_GRAPH_H
#define GCSIM_ROUTING_GRAPH_H

#include "network.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace gcsim
{

/**
 * \brief A network as a graph for route computations: one vertex per node and one per link.
 *
 * A node is adjacent to each link it has an IPv4 interface on (a switch, to each of its
 * ports); two nodes are one hop apart when they share a link (a shared segment counts once,
 * not N² times). Only routers, switches and links are transit: a search enters hosts but never
 * leaves them, so no route runs through a host. Neighbours are visited in build order, so ties
 * break the same way every time.
 *
 * Searches minimise the network's RoutingMetric. Hops: breadth-first. Weight or delay:
 * Dijkstra, crossing a link costing its weight or its propagation delay (in ns); vertices are
 * settled in order of cost and, among equal costs, in the order they were reached, so a tie
 * goes to the path found first, as in the breadth-first search (with every link costing the
 * same, the two searches give the same trees).
 */
class RoutingGraph
{
public:
    explicit RoutingGraph(const Network& network);

    /// The interface of a switch port: a switch has no IP.
    static constexpr uint32_t kNoInterface = 0xffffffff;

    /// One adjacency: a link vertex, and this node's IPv4 interface on it.
    struct Attachment
    {
        uint32_t link;      //!< index into Network::links
        uint32_t interface; //!< the node's IPv4 interface index
    };

    /// A shortest-path tree: every vertex's parent towards the sources.
    struct Tree
    {
        std::vector<int64_t> parent; //!< vertex, or -1 at a source or when unreached
        std::vector<uint32_t> hops;  //!< node-to-node hops from the nearest source, on the tree
        std::vector<double> cost;    //!< the metric's cost from the nearest source (hops: hops)
        std::vector<bool> reached;   //!< whether the search reached the vertex
    };

    /// The shortest-path tree from the nodes \p nodeIds (node ids).
    Tree FromNodes(const std::vector<uint32_t>& nodeIds) const;
    /// The shortest-path tree from a link (all its ends are one hop from each other).
    Tree FromLink(uint32_t link) const;
    /**
     * FromLink(\p link) as far as routers, switches and links go (hosts are left unreached),
     * into \p tree, which the previous call's \p touched vertices are reset in: one search
     * per host link costs the routers, not the million hosts. Under the hop-count metric;
     * under the others it is FromLink.
     */
    void RoutersFromLink(uint32_t link, Tree& tree, std::vector<uint64_t>& touched) const;

    uint32_t NodeCount() const;
    /// The vertex of link \p link.
    uint32_t LinkVertex(uint32_t link) const;
    bool IsLinkVertex(uint64_t vertex) const;
    /// The link of a link vertex.
    uint32_t LinkOf(uint64_t vertex) const;
    /// Where node \p node attaches to links.
    const std::vector<Attachment>& Attachments(uint32_t node) const;
    /// Node \p node's interface on link \p link, or -1.
    int32_t InterfaceOn(uint32_t node, uint32_t link) const;
    /// Node \p node's address on link \p link (its interface's first address, as it was
    /// when the graph was built).
    Ipv4Address AddressOn(uint32_t node, uint32_t link) const;
    /// The nodes on link \p link that have an IPv4 interface there.
    const std::vector<uint32_t>& NodesOn(uint32_t link) const;
    bool IsRouter(uint32_t node) const;

    /**
     * The path from node \p node back to the search's sources, as the links crossed, in
     * order from \p node. Empty if \p node is a source or unreached.
     */
    std::vector<uint32_t> LinksToSource(const Tree& tree, uint32_t node) const;

    /**
     * Takes link \p link out of every later search (\p down), or puts it back: a failed
     * link, as routing sees it once it has reconverged.
     */
    void SetLinkDown(uint32_t link, bool down);
    /// Takes node \p node (a router) out of every later search, or puts it back.
    void SetNodeDown(uint32_t node, bool down);
    bool IsLinkDown(uint32_t link) const;
    bool IsNodeDown(uint32_t node) const;

private:
    Tree Search(std::vector<uint64_t> sources) const;
    /// A tree in which nothing is reached yet (no costs).
    Tree Unreached() const;
    /// Breadth-first: the tree of RoutingMetric::HOPS.
    Tree BreadthFirst(const std::vector<uint64_t>& sources) const;
    /**
     * The breadth-first search into \p tree (unreached where it will reach), appending each
     * vertex it reaches to \p touched; with \p hosts false, hosts are left unreached.
     */
    void BreadthFirstInto(const std::vector<uint64_t>& sources, bool hosts, Tree& tree,
                          std::vector<uint64_t>& touched) const;
    /// Dijkstra by the links' costs.
    Tree Dijkstra(const std::vector<uint64_t>& sources) const;
    /// Whether a search may leave vertex \p v (a link, a router, a switch, or a source).
    bool IsTransit(uint64_t v, const std::vector<uint64_t>& sources) const;

    uint32_t m_nodes;
    std::vector<std::vector<Attachment>> m_attachments; //!< by node id
    std::vector<std::vector<Ipv4Address>> m_addresses;  //!< by node id, as m_attachments
    std::vector<std::vector<uint32_t>> m_linkNodes;     //!< by link
    std::vector<bool> m_router;                         //!< by node id
    std::vector<bool> m_switch;                         //!< by node id: Ethernet switches
    RoutingMetric m_metric;                             //!< what searches minimise
    std::vector<double> m_linkCost;                     //!< by link: the cost of crossing it
    std::vector<bool> m_linkDown;                       //!< by link: failed (SetLinkDown)
    std::vector<bool> m_nodeDown;                       //!< by node id: failed (SetNodeDown)
};

} // namespace gcsim
} // namespace ns3

#endif
