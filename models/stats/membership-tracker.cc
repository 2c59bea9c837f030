#include "membership-tracker.h"

#include "../network/trace-connect.h"

#include <algorithm>
#include <ns3/callback.h>
#include <ns3/log.h>
#include <ns3/simulator.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimMembershipTracker");

MembershipTracker::MembershipTracker(uint32_t clients)
  : m_lastJoin(clients + 1, -1)
  , m_openLeave(clients + 1, -1)
{
    NS_LOG_FUNCTION(this << clients);
}

void
MembershipTracker::Attach(Ptr<MembershipModel> membership, const ApplicationContainer& server,
                          const ApplicationContainer& clients)
{
    NS_LOG_FUNCTION(this << membership);
    Subscribe(membership, "Change", MakeCallback(&MembershipTracker::OnChange, this));
    Subscribe(membership, "ControlTx", MakeCallback(&MembershipTracker::OnControlTx, this));
    for (auto it = server.Begin(); it != server.End(); ++it)
    {
        Subscribe((*it), "GroupSend", MakeCallback(&MembershipTracker::OnGroupSend, this));
    }
    for (auto it = clients.Begin(); it != clients.End(); ++it)
    {
        Subscribe((*it), "Rx", MakeCallback(&MembershipTracker::OnRx, this));
    }
}

void
MembershipTracker::OnChange(uint32_t client, bool joined)
{
    NS_LOG_FUNCTION(this << client << joined);
    int64_t now = Simulator::Now().GetNanoSeconds();
    if (joined)
    {
        ++m_counts.joins;
        if (m_openLeave[client] >= 0)
        {
            m_openLeave[client] = -1;
            m_left.erase(std::find(m_left.begin(), m_left.end(), client));
        }
        JoinRecord j;
        j.client = client;
        j.atNs = now;
        m_lastJoin[client] = static_cast<int64_t>(m_joins.size());
        m_awaitingSend.push_back(m_joins.size());
        m_joins.push_back(j);
        return;
    }
    ++m_counts.leaves;
    if (m_lastJoin[client] >= 0 && m_joins[m_lastJoin[client]].untilNs == kNever)
    {
        m_joins[m_lastJoin[client]].untilNs = now;
    }
    LeaveRecord l;
    l.client = client;
    l.atNs = now;
    m_openLeave[client] = static_cast<int64_t>(m_leaves.size());
    m_leaves.push_back(l);
    m_left.push_back(client);
}

void
MembershipTracker::OnGroupSend(uint32_t message, const std::vector<uint32_t>& destinations)
{
    NS_LOG_FUNCTION(this << message);
    int64_t now = Simulator::Now().GetNanoSeconds();
    for (std::size_t j : m_awaitingSend)
    {
        if (now < m_joins[j].untilNs)
        {
            m_joins[j].firstSendNs = now;
        }
    }
    m_awaitingSend.clear();
    for (uint32_t client : m_left)
    {
        if (std::binary_search(destinations.begin(), destinations.end(), client))
        {
            m_leaves[m_openLeave[client]].destinedAfter.push_back(message);
        }
    }
}

void
MembershipTracker::OnRx(Ptr<const Packet>, const GroupHeader& header, uint32_t client, uint32_t)
{
    NS_LOG_FUNCTION(this << client);
    int64_t sendNs = header.GetSendTime().GetNanoSeconds();
    int64_t now = Simulator::Now().GetNanoSeconds();
    if (m_lastJoin[client] >= 0)
    {
        JoinRecord& j = m_joins[m_lastJoin[client]];
        if (j.firstRecvNs < 0 && j.firstSendNs >= 0 && sendNs >= j.atNs && sendNs < j.untilNs)
        {
            j.firstRecvNs = now;
        }
    }
    if (m_openLeave[client] >= 0)
    {
        LeaveRecord& l = m_leaves[m_openLeave[client]];
        bool destined =
            sendNs >= l.atNs &&
            std::binary_search(l.destinedAfter.begin(), l.destinedAfter.end(), header.GetMessage());
        if (!destined)
        {
            ++m_counts.deliveriesAfterLeave;
            l.lastNs = std::max(l.lastNs, now);
        }
    }
}

void
MembershipTracker::OnControlTx(Ptr<const Packet> packet)
{
    NS_LOG_FUNCTION(this << packet);
    ++m_counts.controlPackets;
    m_counts.controlBytes += packet->GetSize();
}

MembershipCounts
MembershipTracker::Finish() const
{
    MembershipCounts counts = m_counts;
    Histogram joins;
    for (const JoinRecord& j : m_joins)
    {
        if (j.firstRecvNs >= 0)
        {
            ++counts.joinsServed;
            joins.Add(j.firstRecvNs - j.firstSendNs);
        }
    }
    Histogram leaves;
    for (const LeaveRecord& l : m_leaves)
    {
        leaves.Add(l.lastNs >= 0 ? l.lastNs - l.atNs : 0);
    }
    counts.joinLatency = joins.Summarize();
    counts.leaveLatency = leaves.Summarize();
    return counts;
}

} // namespace gcsim
} // namespace ns3
