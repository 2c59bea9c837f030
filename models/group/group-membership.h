#ifndef GCSIM_GROUP_MEMBERSHIP_H
#define GCSIM_GROUP_MEMBERSHIP_H

#include <ns3/ipv4-address.h>
#include <ns3/node.h>
#include <ns3/object.h>
#include <ns3/traced-callback.h>
#include <vector>

namespace ns3
{
namespace gcsim
{

/**
 * \brief The IPv4 groups a host has joined, aggregated to its Node.
 *
 * ns-3.37's Ipv4 MulticastJoinGroup is a stub and every host's stack accepts every
 * multicast datagram. gcsim keeps membership here instead, and the host's NICs
 * (MulticastNicFilter) consult it, as a real NIC's multicast filter does.
 */
class GroupMembership : public Object
{
public:
    static TypeId GetTypeId();
    GroupMembership();
    ~GroupMembership() override;

    /// Joins \p group; joining twice is harmless.
    void Join(Ipv4Address group);
    /// Leaves \p group; leaving a group not joined is harmless.
    void Leave(Ipv4Address group);
    bool IsMember(Ipv4Address group) const;

    /**
     * Aggregates a GroupMembership to \p node (if it has none) and puts a
     * MulticastNicFilter on each of its CSMA and point-to-point devices.
     */
    static Ptr<GroupMembership> Install(Ptr<Node> node);

    /// Signature of the Join and Leave traces: the group joined or left.
    typedef void (*GroupCallback)(Ipv4Address group);

private:
    std::vector<Ipv4Address> m_groups;        //!< joined groups (few per host)
    TracedCallback<Ipv4Address> m_joinTrace;  //!< fired on Join
    TracedCallback<Ipv4Address> m_leaveTrace; //!< fired on Leave
};

} // namespace gcsim
} // namespace ns3

#endif
