#ifndef GCSIM_HOST_LOAD_TRACKER_H
#define GCSIM_HOST_LOAD_TRACKER_H

#include "../network/network.h"

#include <ns3/ipv4-header.h>
#include <ns3/ipv4-l3-protocol.h>
#include <ns3/packet.h>
#include <vector>

namespace ns3
{
namespace gcsim
{

/// What a HostLoadTracker counted over one run.
struct HostCounts
{
    uint64_t receptions{0};           //!< group-message copies clients' IP stacks processed
    uint64_t nonmemberReceptions{0};  //!< of which at non-members (what broadcast costs them)
    uint64_t nicFiltered{0};          //!< group-message frames non-members' NICs dropped
    uint64_t ipDrops{0};              //!< IPv4 drops (no route, TTL, ...) on any node, IGMP aside
    uint64_t arpDrops{0};             //!< packets ARP dropped (pending queue full, no reply)
    uint64_t routerForwards{0};       //!< copies routers forwarded (unicast and multicast)
    uint64_t duplicatesSuppressed{0}; //!< flooded copies routers dropped as already seen
};

/**
 * \brief Counts what nodes had to process: group messages hosts' IP stacks took in,
 * frames their NICs filtered, copies routers forwarded, and packets any stack dropped.
 */
class HostLoadTracker
{
public:
    /// \param network the network whose hosts and routers it counts
    /// \param members the group's client numbers, ascending
    HostLoadTracker(const Network& network, std::vector<uint32_t> members);

    /// Follows the clients' joins and leaves of \p group: a reception counts as a
    /// non-member's when its host was out of the group as it arrived.
    void FollowMembership(const Network& network, Ipv4Address group);

    HostCounts Finish() const;

private:
    void OnLocalDeliver(uint32_t client, const Ipv4Header& header, Ptr<const Packet> packet,
                        uint32_t);

    std::vector<bool> m_member; //!< per client (index n): in the group now
    HostCounts m_counts;
};

} // namespace gcsim
} // namespace ns3

#endif
