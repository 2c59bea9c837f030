#include "delivery-tracker.h"

#include "../group/group-client.h"
#include "../group/group-membership.h"
#include "../group/group-server.h"
#include "../network/trace-connect.h"

#include <algorithm>
#include <charconv>
#include <ns3/callback.h>
#include <ns3/log.h>
#include <ns3/simulator.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimDeliveryTracker");

DeliveryTracker::DeliveryTracker(std::string mode, std::vector<uint32_t> members, uint32_t clients,
                                 std::ostream* csv)
  : m_mode(std::move(mode))
  , m_member(clients + 1, false)
  , m_clients(clients)
  , m_csv(csv)
{
    NS_LOG_FUNCTION(this << mode << clients);
    for (uint32_t m : members)
    {
        m_member[m] = true;
    }
}

const char*
DeliveryTracker::CsvHeader()
{
    return "mode,message,receiver,member,destination,duplicate,send_ns,recv_ns,latency_ns,bytes,"
           "hops,origin,transmission_ns,propagation_ns,queueing_ns,access_ns,resolution_ns,"
           "relay_ns,other_ns";
}

void
DeliveryTracker::SetBreakdown(const LatencyBreakdown* breakdown)
{
    m_breakdown = breakdown;
}

void
DeliveryTracker::SetBaseline(std::function<int64_t(uint32_t, uint32_t)> baseline)
{
    NS_LOG_FUNCTION(this);
    m_baseline = std::move(baseline);
    m_stretchSum.assign(m_clients + 1, 0.0);
    m_stretchCount.assign(m_clients + 1, 0);
}

void
DeliveryTracker::Attach(const ApplicationContainer& server, const ApplicationContainer& clients)
{
    NS_LOG_FUNCTION(this);
    for (auto it = server.Begin(); it != server.End(); ++it)
    {
        Subscribe((*it), "GroupSend", MakeCallback(&DeliveryTracker::OnGroupSend, this));
    }
    auto rx = MakeCallback(&DeliveryTracker::OnRx, this); // one sink for every client
    for (auto it = clients.Begin(); it != clients.End(); ++it)
    {
        Subscribe((*it), "Rx", rx);
    }
}

void
DeliveryTracker::FollowMembership(Ipv4Address group, const ApplicationContainer& clients)
{
    NS_LOG_FUNCTION(this << group);
    for (uint32_t i = 0; i < clients.GetN(); ++i)
    {
        auto membership = clients.Get(i)->GetNode()->GetObject<GroupMembership>();
        NS_ABORT_MSG_UNLESS(membership, "client " << i + 1 << " has no GroupMembership");
        uint32_t client = i + 1;
        Subscribe(membership, "Join",
                  Callback<void, Ipv4Address>(
                      [this, group, client](Ipv4Address g)
                      {
                          if (g == group)
                          {
                              m_member[client] = true;
                          }
                      }));
        Subscribe(membership, "Leave",
                  Callback<void, Ipv4Address>(
                      [this, group, client](Ipv4Address g)
                      {
                          if (g == group)
                          {
                              m_member[client] = false;
                          }
                      }));
    }
}

void
DeliveryTracker::OnGroupSend(uint32_t message, const std::vector<uint32_t>& destinations)
{
    NS_LOG_FUNCTION(this << message);
    OriginSend(0, message, destinations);
}

void
DeliveryTracker::OriginSend(uint32_t origin, uint32_t message,
                            const std::vector<uint32_t>& destinations)
{
    OriginSendAt(origin, message, destinations, Simulator::Now().GetNanoSeconds());
}

void
DeliveryTracker::OriginSendAt(uint32_t origin, uint32_t message,
                              const std::vector<uint32_t>& destinations, int64_t sendNs)
{
    NS_LOG_FUNCTION(this << origin << message << sendNs);
    if (origin >= m_messages.size())
    {
        m_messages.resize(origin + 1);
    }
    std::vector<Message>& messages = m_messages[origin];
    if (message >= messages.size())
    {
        messages.resize(message + 1);
    }
    Message& m = messages[message];
    m.sendNs = sendNs;
    auto marks = std::make_shared<std::vector<bool>>(m_clients + 1, false);
    for (uint32_t d : destinations)
    {
        (*marks)[d] = true;
    }
    m.destinations = marks;
    for (uint32_t previous = message; previous-- > 0;)
    {
        if (messages[previous].destinations)
        {
            if (*messages[previous].destinations == *marks)
            {
                m.destinations = messages[previous].destinations;
            }
            break;
        }
    }
    m.received.assign(m_clients + 1, false);
    ++m_counts.messages;
    m_counts.expected += destinations.size();
}

void
DeliveryTracker::OnRx(Ptr<const Packet> datagram, const GroupHeader& header, uint32_t client,
                      uint32_t hops)
{
    NS_LOG_FUNCTION(this << datagram << client << hops);
    Reception r;
    r.origin = header.GetOrigin();
    r.message = header.GetMessage();
    r.client = client;
    r.sendNs = header.GetSendTime().GetNanoSeconds();
    r.recvNs = Simulator::Now().GetNanoSeconds();
    r.bytes = datagram->GetSize();
    r.hops = hops;
    LatencyParts parts;
    if (m_breakdown)
    {
        parts = m_breakdown->Explain(client, datagram, r.sendNs, r.recvNs);
    }
    Receive(r, m_breakdown ? &parts : nullptr);
}

void
DeliveryTracker::Receive(const Reception& r, const LatencyParts* parts)
{
    NS_LOG_FUNCTION(this << r.message << r.client);
    const uint32_t client = r.client;
    const uint32_t id = r.message;
    const uint32_t origin = r.origin;
    const int64_t sendNs = r.sendNs;
    const int64_t recvNs = r.recvNs;
    bool member = client < m_member.size() && m_member[client];
    bool destination = false;
    bool duplicate = false;
    std::vector<Message>* messages = origin < m_messages.size() ? &m_messages[origin] : nullptr;
    if (messages && id < messages->size() && (*messages)[id].destinations)
    {
        Message& m = (*messages)[id];
        destination = (*m.destinations)[client];
        duplicate = m.received[client];
        m.received[client] = true;
        if (destination && !duplicate)
        {
            ++m_counts.deliveries;
            m_latencies.Add(recvNs - sendNs);
            for (std::size_t i = 0; parts && i < parts->ns.size(); ++i)
            {
                m_parts[i].Add(parts->ns[i]);
            }
            m_hops.Add(r.hops);
            if (origin != 0)
            {
                m_otherOriginLatencies.Add(recvNs - sendNs);
            }
            else if (id == 0)
            {
                m_firstLatencies.Add(recvNs - sendNs);
            }
            if (m_baseline && origin == 0) // the baseline is a unicast from P1
            {
                int64_t base = m_baseline(client, r.bytes);
                if (base > 0)
                {
                    m_stretchSum[client] += double(recvNs - sendNs) / double(base);
                    ++m_stretchCount[client];
                }
            }
            m.lastNs = std::max(m.lastNs, recvNs);
            m.any = true;
        }
    }
    if (duplicate)
    {
        ++m_counts.duplicates;
    }
    if (!destination)
    {
        ++m_counts.unwanted;
    }
    if (!member)
    {
        ++m_counts.nonmemberDeliveries;
    }
    if (m_csv)
    {
        WriteRow(id, client, member, destination, duplicate, sendNs, recvNs, r.bytes, r.hops,
                 origin, parts);
    }
}

void
DeliveryTracker::WriteRow(uint32_t id, uint32_t client, bool member, bool destination,
                          bool duplicate, int64_t sendNs, int64_t recvNs, uint32_t bytes,
                          uint32_t hops, uint32_t origin, const LatencyParts* parts)
{
    NS_LOG_FUNCTION(this << id << client);
    // One write per row, numbers by std::to_chars: a 100,000-client run writes a million.
    std::string& line = m_row;
    line.assign(m_mode);
    auto number = [&line](auto value)
    {
        char digits[24];
        line += ',';
        line.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
    };
    number(id);
    number(client);
    number(int(member));
    number(int(destination));
    number(int(duplicate));
    number(sendNs);
    number(recvNs);
    number(recvNs - sendNs);
    number(bytes);
    number(hops);
    number(origin);
    for (std::size_t i = 0; i < LatencyParts::COUNT; ++i)
    {
        if (parts)
        {
            number(parts->ns[i]);
        }
        else
        {
            line += ',';
        }
    }
    line += '\n';
    m_csv->write(line.data(), line.size());
}

double
DeliveryTracker::CompletionGrowth(const std::vector<Message>& messages)
{
    auto mean = [&](std::size_t from, std::size_t to)
    {
        double sum = 0;
        std::size_t n = 0;
        for (std::size_t i = from; i < to; ++i)
        {
            if (messages[i].any)
            {
                sum += static_cast<double>(messages[i].lastNs - messages[i].sendNs);
                ++n;
            }
        }
        return n ? sum / static_cast<double>(n) : 0.0;
    };
    std::size_t n = messages.size();
    return n < 4 ? 0.0 : mean(3 * n / 4, n) - mean(n / 4, n / 2);
}

DeliveryCounts
DeliveryTracker::Finish()
{
    NS_LOG_FUNCTION(this);
    Histogram completions;
    for (const auto& messages : m_messages)
    {
        for (const Message& m : messages)
        {
            if (m.any)
            {
                completions.Add(m.lastNs - m.sendNs);
            }
        }
    }
    m_counts.latency = m_latencies.Summarize();
    m_counts.latencyAfterFirst =
        m_latencies.Without(m_firstLatencies).Without(m_otherOriginLatencies).Summarize();
    m_counts.firstMessageLatencyMean = m_firstLatencies.Summarize().mean;
    m_counts.completion = completions.Summarize();
    m_counts.completionGrowthNs =
        CompletionGrowth(m_messages.empty() ? std::vector<Message>{} : m_messages[0]);
    m_counts.hops = m_hops.Summarize();
    m_counts.partsTraced = m_breakdown != nullptr;
    for (std::size_t i = 0; m_breakdown && i < m_parts.size(); ++i)
    {
        m_counts.parts[i] = m_parts[i].Summarize();
    }
    uint32_t receivers = 0;
    for (std::size_t c = 0; c < m_stretchCount.size(); ++c)
    {
        if (m_stretchCount[c] > 0)
        {
            double mean = m_stretchSum[c] / m_stretchCount[c];
            m_counts.stretchMean += mean;
            m_counts.stretchMax = std::max(m_counts.stretchMax, mean);
            ++receivers;
        }
    }
    if (receivers > 0)
    {
        m_counts.stretchMean /= receivers;
    }
    return m_counts;
}

} // namespace gcsim
} // namespace ns3
