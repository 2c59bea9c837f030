#include "failure-tracker.h"

#include "../network/trace-connect.h"

#include <algorithm>
#include <limits>
#include <ns3/log.h>
#include <ns3/simulator.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimFailureTracker");

FailureTracker::FailureTracker(std::vector<FailureEventCounts> events)
  : m_events(std::move(events))
{
    NS_LOG_FUNCTION(this << m_events.size());
}

void
FailureTracker::Attach(const ApplicationContainer& server, const ApplicationContainer& clients)
{
    NS_LOG_FUNCTION(this);
    for (auto it = server.Begin(); it != server.End(); ++it)
    {
        Subscribe((*it), "GroupSend", MakeCallback(&FailureTracker::OnGroupSend, this));
    }
    for (auto it = clients.Begin(); it != clients.End(); ++it)
    {
        Subscribe((*it), "Rx", MakeCallback(&FailureTracker::OnRx, this));
    }
}

void
FailureTracker::OnGroupSend(uint32_t message, const std::vector<uint32_t>& destinations)
{
    NS_LOG_FUNCTION(this << message);
    if (message >= m_messages.size())
    {
        m_messages.resize(message + 1);
    }
    m_messages[message].sendNs = Simulator::Now().GetNanoSeconds();
    m_messages[message].destinations = destinations;
}

void
FailureTracker::OnRx(Ptr<const Packet>, const GroupHeader& header, uint32_t client, uint32_t)
{
    uint32_t id = header.GetMessage();
    if (header.GetOrigin() != 0 || id >= m_messages.size())
    {
        return;
    }
    // Only the first copy counts.
    m_messages[id].received.emplace(client, Simulator::Now().GetNanoSeconds());
}

FailureCounts
FailureTracker::Finish(uint64_t framesLost) const
{
    FailureCounts counts;
    counts.used = true;
    counts.framesLost = framesLost;
    // Each event's window: the messages sent from it to the next event; the first event's
    // from the first message, so that a copy in flight when it happens counts as its loss.
    for (std::size_t e = 0; e < m_events.size(); ++e)
    {
        FailureEventCounts event = m_events[e];
        int64_t begin = e == 0 ? std::numeric_limits<int64_t>::min() : event.atNs;
        int64_t end =
            e + 1 < m_events.size() ? m_events[e + 1].atNs : std::numeric_limits<int64_t>::max();
        std::map<uint32_t, std::size_t> lastMiss; // by destination: its last missed message
        std::map<uint32_t, bool> affected;
        for (std::size_t m = 0; m < m_messages.size(); ++m)
        {
            const Message& msg = m_messages[m];
            if (msg.destinations.empty() || msg.sendNs < begin || msg.sendNs >= end)
            {
                continue;
            }
            ++event.messages;
            uint64_t missing = 0;
            for (uint32_t d : msg.destinations)
            {
                if (!msg.received.count(d))
                {
                    ++missing;
                    lastMiss[d] = m;
                }
            }
            event.deliveriesLost += missing;
            event.messagesLost += missing > 0;
        }
        event.membersAffected = lastMiss.size();
        double sum = 0;
        uint64_t recovered = 0;
        for (const auto& [d, last] : lastMiss)
        {
            int64_t back = -1;
            for (std::size_t m = last + 1; m < m_messages.size() && back < 0; ++m)
            {
                const Message& msg = m_messages[m];
                if (msg.sendNs >= end)
                {
                    break;
                }
                auto it = msg.received.find(d);
                if (it != msg.received.end())
                {
                    back = it->second;
                }
            }
            if (back < 0)
            {
                ++event.membersUnrecovered;
                continue;
            }
            int64_t recovery = back - event.atNs;
            event.recoveryNsMax = std::max(event.recoveryNsMax, recovery);
            sum += static_cast<double>(recovery);
            ++recovered;
        }
        event.recoveryNsMean = recovered ? sum / static_cast<double>(recovered) : -1;
        counts.events.push_back(event);
    }
    // Each destination's deliveries in time order: its longest gap.
    std::map<uint32_t, std::vector<int64_t>> arrivals;
    std::map<uint32_t, uint64_t> missed;
    for (const Message& msg : m_messages)
    {
        for (uint32_t d : msg.destinations)
        {
            auto it = msg.received.find(d);
            if (it == msg.received.end())
            {
                ++missed[d];
            }
            else
            {
                arrivals[d].push_back(it->second);
            }
            arrivals[d]; // a destination that got nothing still has a row
        }
    }
    for (auto& [d, times] : arrivals)
    {
        std::sort(times.begin(), times.end());
        MemberGap gap;
        gap.client = d;
        gap.missed = missed[d];
        for (std::size_t i = 1; i < times.size(); ++i)
        {
            if (times[i] - times[i - 1] > gap.longestGapNs)
            {
                gap.longestGapNs = times[i] - times[i - 1];
                gap.longestGapEndNs = times[i];
            }
        }
        counts.members.push_back(gap);
    }
    return counts;
}

} // namespace gcsim
} // namespace ns3
