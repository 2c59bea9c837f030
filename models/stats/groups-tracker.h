#ifndef GCSIM_GROUPS_TRACKER_H
#define GCSIM_GROUPS_TRACKER_H

#include "../group/group-header.h"

#include <cstdint>
#include <map>
#include <ns3/application-container.h>
#include <ns3/ipv4-address.h>
#include <set>
#include <tuple>
#include <vector>

namespace ns3
{
namespace gcsim
{

/// What the GroupSources sent to each group and what its members received, over one run.
struct GroupsCounts
{
    /// One group's share.
    struct Group
    {
        uint64_t messages{0};   //!< datagrams sent to it, every sender's
        uint64_t expected{0};   //!< over them, the members other than the sender
        uint64_t deliveries{0}; //!< first copies at members
        uint64_t duplicates{0}; //!< further copies at members
        /// Dense mode's Prunes, Grafts and Graft-Acks for the group (0 with static trees)
        uint64_t controlPackets{0};
        uint64_t controlBytes{0}; //!< their IPv4 bytes
    };
    std::vector<Group> groups; //!< per group, in the order given; empty without sources
};

/// \brief Counts the GroupSources' messages and the GroupSinks' first copies, per group.
class GroupsTracker
{
public:
    /// \param addresses the groups' addresses; \param members each group's client numbers
    GroupsTracker(const std::vector<Ipv4Address>& addresses,
                  std::vector<std::vector<uint32_t>> members);

    /// Follows \p sources (GroupSource) and \p sinks (GroupSink).
    void Attach(const ApplicationContainer& sources, const ApplicationContainer& sinks);
    GroupsCounts Finish() const;

private:
    void OnTx(Ipv4Address group, uint32_t origin);
    void OnRx(Ipv4Address group, const GroupHeader& header, uint32_t client);
    /// The index of \p group, or -1 for a group not followed.
    int64_t IndexOf(Ipv4Address group) const;
    bool IsMember(std::size_t group, uint32_t client) const;

    std::map<Ipv4Address, std::size_t> m_index;
    std::vector<std::vector<uint32_t>> m_members; //!< ascending
    /// (group, origin, message, client) copies seen.
    std::set<std::tuple<std::size_t, uint32_t, uint32_t, uint32_t>> m_seen;
    GroupsCounts m_counts;
};

} // namespace gcsim
} // namespace ns3

#endif
