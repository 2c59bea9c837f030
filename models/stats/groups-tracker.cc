#include "groups-tracker.h"

#include "../network/trace-connect.h"

#include <algorithm>
#include <ns3/log.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimGroupsTracker");

GroupsTracker::GroupsTracker(const std::vector<Ipv4Address>& addresses,
                             std::vector<std::vector<uint32_t>> members)
  : m_members(std::move(members))
{
    NS_LOG_FUNCTION(this << addresses.size());
    for (std::size_t g = 0; g < addresses.size(); ++g)
    {
        m_index[addresses[g]] = g;
        std::sort(m_members[g].begin(), m_members[g].end());
    }
    m_counts.groups.resize(addresses.size());
}

void
GroupsTracker::Attach(const ApplicationContainer& sources, const ApplicationContainer& sinks)
{
    NS_LOG_FUNCTION(this);
    for (uint32_t i = 0; i < sources.GetN(); ++i)
    {
        Subscribe(sources.Get(i), "Tx",
                  Callback<void, Ipv4Address, uint32_t, uint32_t>(
                      [this](Ipv4Address group, uint32_t origin, uint32_t)
                      { OnTx(group, origin); }));
    }
    for (uint32_t i = 0; i < sinks.GetN(); ++i)
    {
        Subscribe(sinks.Get(i), "Rx",
                  Callback<void, Ipv4Address, const GroupHeader&, uint32_t>(
                      [this](Ipv4Address group, const GroupHeader& header, uint32_t client)
                      { OnRx(group, header, client); }));
    }
}

int64_t
GroupsTracker::IndexOf(Ipv4Address group) const
{
    auto it = m_index.find(group);
    return it == m_index.end() ? -1 : static_cast<int64_t>(it->second);
}

bool
GroupsTracker::IsMember(std::size_t group, uint32_t client) const
{
    return std::binary_search(m_members[group].begin(), m_members[group].end(), client);
}

void
GroupsTracker::OnTx(Ipv4Address group, uint32_t origin)
{
    NS_LOG_FUNCTION(this << group << origin);
    int64_t g = IndexOf(group);
    if (g < 0)
    {
        return;
    }
    auto& counts = m_counts.groups[g];
    ++counts.messages;
    // ns-3 loops no multicast back to its sender: a sending member expects no copy.
    counts.expected += m_members[g].size() - (IsMember(g, origin) ? 1 : 0);
}

void
GroupsTracker::OnRx(Ipv4Address group, const GroupHeader& header, uint32_t client)
{
    NS_LOG_FUNCTION(this << group << client);
    int64_t g = IndexOf(group);
    if (g < 0 || !IsMember(g, client))
    {
        return; // a non-member's NIC filters the group: not reached on gcsim's networks
    }
    bool first = m_seen.insert({g, header.GetOrigin(), header.GetMessage(), client}).second;
    ++(first ? m_counts.groups[g].deliveries : m_counts.groups[g].duplicates);
}

GroupsCounts
GroupsTracker::Finish() const
{
    return m_counts;
}

} // namespace gcsim
} // namespace ns3
