#ifndef GCSIM_MULTICAST_ROUTING_H
#define GCSIM_MULTICAST_ROUTING_H

#include "../network/network.h"
#include "../network/routing-graph.h"
#include "../network/source-specific-routing.h"

#include <ns3/ipv4-address.h>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{
namespace gcsim
{

/// A group as multicast routing sees it: where its source and members are.
struct MulticastGroup
{
    Ipv4Address address;           //!< the group address
    uint32_t source{0};            //!< node id of the sender (P1)
    std::vector<uint32_t> members; //!< node ids of the members
    int64_t rendezvous{-1};        //!< shared tree: router index, or -1 for the rule
    /// The source address the routes match: any, or the source's own address so that the
    /// trees of several senders to one group do not mix.
    Ipv4Address origin{Ipv4Address::GetAny()};
    /**
     * Node ids of clients that send to the group too. InstallMulticastRoutes() gives each
     * its own tree (the variant's, from that client to the members and P1), matched by the
     * client's address; P1's tree then matches P1's address only. The routers'
     * SourceSpecificRouting does the matching (ns-3's static routing ignores the origin).
     */
    std::vector<uint32_t> senders;
    /// The senders' trees reach P1 too (it hears the group in ordering runs); false: the
    /// members only (P1 is one more sender, as a head-end sending to many groups).
    bool sendersReachSource{true};
};

/// What a variant installed, for reports and tests.
struct MulticastRoutes
{
    std::size_t routes{0};         //!< multicast routes installed
    std::vector<uint32_t> routers; //!< node ids of the routers holding one
    int64_t rendezvous{-1};        //!< shared tree: the rendezvous router's node id
};

/// The multicast routing variants (MulticastRoutingTable() names and describes them).
enum class MulticastRouting
{
    SOURCE_TREE, //!< shortest-path tree from P1
    SHARED_TREE, //!< one tree rooted at a rendezvous router
    FLOOD,       //!< every router forwards on every interface but the incoming one
    DENSE,       //!< flood and prune during the run (DenseMode)
    /// Ad hoc meshes: each node rebroadcasts with a probability (InstallProbabilisticFlood)
    PROBABILISTIC,
};

/**
 * How the protocol a variant stands for holds a group's forwarding state on a router
 * (ForwardingStateOf() counts it).
 */
enum class MulticastState
{
    PER_SOURCE, //!< (S, G): one entry per sender whose tree crosses the router (PIM-SSM)
    PER_GROUP,  //!< (*, G): one entry per group, whatever its senders (PIM-SM's RP tree, BIDIR)
    NONE,       //!< no state per group: every router floods everything
    PROTOCOL,   //!< the (S, G) state the protocol built during the run (DenseMode)
};

/// One row of the table of multicast routing variants.
struct MulticastRoutingEntry
{
    MulticastRouting variant;
    const char* name; //!< as scenarios spell it
    MulticastRoutes (*install)(const Network&, const RoutingGraph&, const MulticastGroup&);
    const char* summary;
    MulticastState state; //!< how its forwarding state is counted
};

/// Every multicast routing variant gcsim knows.
const std::vector<MulticastRoutingEntry>& MulticastRoutingTable();
/// The variant scenarios call \p name; std::invalid_argument if there is none.
MulticastRouting MulticastRoutingNamed(const std::string& name);
/// The name scenarios give \p variant.
std::string MulticastRoutingName(MulticastRouting variant);
/// How \p variant's forwarding state is counted.
MulticastState MulticastStateOf(MulticastRouting variant);
/// Writes MulticastRoutingName(\p variant) (for NS_LOG).
std::ostream& operator<<(std::ostream& os, MulticastRouting variant);
/**
 * Installs \p variant's routes for \p group on \p network's routers: P1's tree, then
 * one per sender in group.senders (a shared tree keeps the rendezvous router P1's tree
 * chose). The result describes P1's tree; `routes` counts every route installed.
 */
MulticastRoutes InstallMulticastRoutes(MulticastRouting variant, const Network& network,
                                       const RoutingGraph& graph, const MulticastGroup& group);

/// Adds a multicast route on \p node: datagrams for \p group from its origin arriving on
/// \p input leave on \p outputs.
void AddMulticastRoute(uint32_t node, const MulticastGroup& group, uint32_t input,
                       const std::vector<uint32_t>& outputs);

/**
 * Removes every multicast route for \p group from \p network's routers, whichever variant
 * installed them; returns how many. Routes of other groups stay.
 */
std::size_t RemoveMulticastRoutes(const Network& network, Ipv4Address group);

/// The routes for \p group router node \p node holds, whichever variant installed them.
std::vector<SourceSpecificRouting::HeldRoute> MulticastRoutesOn(uint32_t node, Ipv4Address group);

/// A router of a multicast tree: where the group's packets come in and go out.
struct TreeRouter
{
    int32_t input{-1};             //!< interface towards the root (-1 at the root)
    std::vector<uint32_t> outputs; //!< interfaces on branches that lead to members
};

/**
 * The routers of \p tree (a search from the tree's root) on the paths from the root to
 * \p members, keyed by node id, in the order first reached.
 */
std::vector<std::pair<uint32_t, TreeRouter>> PrunedTree(const RoutingGraph& graph,
                                                        const RoutingGraph::Tree& tree,
                                                        const std::vector<uint32_t>& members);

} // namespace gcsim
} // namespace ns3

#endif
