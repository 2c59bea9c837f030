#ifndef GCSIM_FORWARDING_STATE_H
#define GCSIM_FORWARDING_STATE_H

#include "dense-mode.h"
#include "multicast-routing.h"

#include <cstdint>
#include <ns3/ipv4-address.h>
#include <vector>

namespace ns3
{
namespace gcsim
{

/**
 * \brief The multicast forwarding state a network's routers hold for some groups, counted
 * as the protocol a routing variant stands for would hold it (MulticastState).
 *
 * An entry is one (S, G) or (*, G) row of a router's multicast forwarding table; its
 * interfaces are its outgoing interface list. Source trees: one (S, G) entry per sender
 * whose tree crosses the router. Shared tree: one (*, G) entry per group on each router that
 * forwards the group's packets, its interfaces the union of what every sender's packets
 * leave on there (gcsim installs a route per sender, matched by source; PIM-SM's RP tree and
 * BIDIR-PIM hold one entry). Flood: none. Dense mode: the (S, G) entries its routers built
 * when the flood reached them, pruned or not.
 */
struct ForwardingState
{
    std::vector<uint64_t> entries;    //!< per router (Network::routers order), every group
    std::vector<uint64_t> interfaces; //!< per router, summed over its entries

    /// One group's share.
    struct Group
    {
        uint64_t routers{0};    //!< routers holding an entry for it
        uint64_t entries{0};    //!< its entries over every router
        uint64_t interfaces{0}; //!< their interfaces
    };
    std::vector<Group> groups; //!< per group, in the order counted

    /// The routers' state summed up.
    struct Totals
    {
        uint64_t routers{0};          //!< routers counted (every router of the network)
        uint64_t routersWithState{0}; //!< of which hold at least one entry
        uint64_t entries{0};          //!< entries over every router
        uint64_t interfaces{0};       //!< their interfaces
        uint64_t entriesMax{0};       //!< the most entries one router holds
        uint64_t interfacesMax{0};    //!< the most interfaces one router's entries hold
    };
    Totals Sum() const;

    /// Router \p router (index) holds \p entries entries with \p interfaces interfaces for
    /// group \p group (index).
    void Add(std::size_t router, std::size_t group, uint64_t entries, uint64_t interfaces);
};

/**
 * The state the routes of \p variant (one that installs routes: source-tree, shared-tree,
 * flood) hold for \p groups on \p network's routers.
 */
ForwardingState CountForwardingState(MulticastRouting variant, const Network& network,
                                     const std::vector<Ipv4Address>& groups);

/// The state dense mode's routers hold now: \p groups holds one DenseMode per group.
ForwardingState CountForwardingState(const Network& network,
                                     const std::vector<Ptr<DenseMode>>& groups);

} // namespace gcsim
} // namespace ns3

#endif
