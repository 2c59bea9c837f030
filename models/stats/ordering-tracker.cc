#include "ordering-tracker.h"

#include "../network/trace-connect.h"

#include <algorithm>
#include <ns3/callback.h>
#include <ns3/log.h>
#include <ns3/simulator.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimOrderingTracker");

OrderingTracker::OrderingTracker(DeliveryOrder order, std::vector<uint32_t> members,
                                 uint32_t clients, uint32_t size)
  : m_member(clients + 1, false)
  , m_size(size)
  , m_sequences(clients + 1)
  , m_highest(clients + 1)
  , m_delivered(clients + 1)
{
    NS_LOG_FUNCTION(this << order << clients << size);
    for (uint32_t m : members)
    {
        m_member[m] = true;
    }
    m_counts.given = true;
    m_counts.order = DeliveryOrderName(order);
    m_counts.members = static_cast<uint32_t>(members.size());
}

void
OrderingTracker::Attach(const ApplicationContainer& agents, const ApplicationContainer& sequencer)
{
    NS_LOG_FUNCTION(this);
    m_agents = agents;
    for (auto it = agents.Begin(); it != agents.End(); ++it)
    {
        Subscribe(*it, "Send", MakeCallback(&OrderingTracker::OnSend, this));
        Subscribe(*it, "Deliver", MakeCallback(&OrderingTracker::OnDeliver, this));
    }
    for (auto it = sequencer.Begin(); it != sequencer.End(); ++it)
    {
        Subscribe(*it, "Sequenced", MakeCallback(&OrderingTracker::OnSequenced, this));
    }
}

void
OrderingTracker::OnSend(uint32_t origin, uint32_t message)
{
    NS_LOG_FUNCTION(this << origin << message);
    auto id = static_cast<uint32_t>(m_ids.size());
    if (!m_index.emplace(std::make_pair(origin, message), id).second)
    {
        return;
    }
    m_ids.emplace_back(origin, message);
    ++m_counts.messages;
    m_counts.expected += m_counts.members;
}

void
OrderingTracker::OnSequenced(uint32_t, uint32_t, uint32_t)
{
    NS_LOG_FUNCTION(this);
    // The sender's unicast to P1 is the packet total order adds; P1's multicast replaces
    // the sender's own.
    ++m_counts.controlPackets;
    m_counts.controlBytes += m_size;
}

void
OrderingTracker::OnDeliver(uint32_t member, uint32_t origin, uint32_t message, int64_t sendNs,
                           int64_t receiptNs)
{
    NS_LOG_FUNCTION(this << member << origin << message << sendNs << receiptNs);
    if (member >= m_member.size() || !m_member[member])
    {
        ++m_counts.nonmember;
        return;
    }
    auto found = m_index.find({origin, message});
    if (found == m_index.end())
    {
        return;
    }
    uint32_t id = found->second;
    std::vector<bool>& delivered = m_delivered[member];
    if (delivered.size() <= id)
    {
        delivered.resize(m_ids.size(), false);
    }
    if (delivered[id])
    {
        ++m_counts.duplicates;
        return;
    }
    delivered[id] = true;
    ++m_counts.deliveries;
    m_sequences[member].push_back(id);
    uint32_t& highest = m_highest[member][origin];
    if (message + 1 < highest)
    {
        ++m_counts.fifoViolations;
    }
    highest = std::max(highest, message + 1);
    if (member != origin)
    {
        int64_t now = Simulator::Now().GetNanoSeconds();
        m_holdBack.Add(now - receiptNs);
        m_latency.Add(now - sendNs);
    }
}

std::vector<std::pair<uint32_t, uint32_t>>
OrderingTracker::Sequence(uint32_t member) const
{
    NS_LOG_FUNCTION(this << member);
    std::vector<std::pair<uint32_t, uint32_t>> sequence;
    if (member < m_sequences.size())
    {
        for (uint32_t id : m_sequences[member])
        {
            sequence.push_back(m_ids[id]);
        }
    }
    return sequence;
}

uint64_t
OrderingTracker::Disagreements() const
{
    NS_LOG_FUNCTION(this);
    // position[m][id]: where member m delivered message id (-1: never). A pair {a, b}
    // disagrees when one member delivered a before b and another b before a. Time and
    // memory grow as messages^2 x members / 2 and messages x members.
    const auto messages = m_ids.size();
    std::vector<std::vector<int64_t>> positions;
    for (const auto& sequence : m_sequences)
    {
        if (sequence.size() < 2)
        {
            continue;
        }
        std::vector<int64_t> position(messages, -1);
        for (std::size_t i = 0; i < sequence.size(); ++i)
        {
            position[sequence[i]] = static_cast<int64_t>(i);
        }
        positions.push_back(std::move(position));
    }
    uint64_t pairs = 0;
    for (std::size_t a = 0; a < messages; ++a)
    {
        for (std::size_t b = a + 1; b < messages; ++b)
        {
            bool before = false;
            bool after = false;
            for (const auto& position : positions)
            {
                if (position[a] < 0 || position[b] < 0)
                {
                    continue;
                }
                (position[a] < position[b] ? before : after) = true;
                if (before && after)
                {
                    ++pairs;
                    break;
                }
            }
        }
    }
    return pairs;
}

OrderingCounts
OrderingTracker::Finish()
{
    NS_LOG_FUNCTION(this);
    std::map<uint32_t, bool> senders;
    for (const auto& [origin, message] : m_ids)
    {
        senders[origin] = true;
    }
    m_counts.senders = static_cast<uint32_t>(senders.size());
    for (auto it = m_agents.Begin(); it != m_agents.End(); ++it)
    {
        if (auto agent = DynamicCast<OrderingAgent>(*it))
        {
            m_counts.heldBack += agent->HeldBack();
        }
    }
    m_counts.undelivered = m_counts.expected - std::min(m_counts.expected, m_counts.deliveries);
    m_counts.disagreements = Disagreements();
    m_counts.holdBack = m_holdBack.Summarize();
    m_counts.latency = m_latency.Summarize();
    return m_counts;
}

} // namespace gcsim
} // namespace ns3
