#include "delivery-tracker.h"

#include "group-client.h"
#include "group-server.h"
#include "trace-connect.h"

#include <algorithm>
#include <ns3/callback.h>
#include <ns3/simulator.h>

namespace ns3
{
namespace gcsim
{

DeliveryTracker::DeliveryTracker(std::string mode, std::vector<uint32_t> members, uint32_t clients,
                                 std::ostream* csv)
  : m_mode(std::move(mode))
  , m_members(std::move(members))
  , m_clients(clients)
  , m_csv(csv)
{
}

const char*
DeliveryTracker::CsvHeader()
{
    return "mode,message,receiver,member,destination,duplicate,send_ns,recv_ns,latency_ns,bytes,"
           "hops";
}

void
DeliveryTracker::SetBaseline(std::function<int64_t(uint32_t, uint32_t)> baseline)
{
    m_baseline = std::move(baseline);
    m_stretchSum.assign(m_clients + 1, 0.0);
    m_stretchCount.assign(m_clients + 1, 0);
}

void
DeliveryTracker::Attach(const ApplicationContainer& server, const ApplicationContainer& clients)
{
    for (auto it = server.Begin(); it != server.End(); ++it)
    {
        Subscribe((*it), "GroupSend", MakeCallback(&DeliveryTracker::OnGroupSend, this));
    }
    for (auto it = clients.Begin(); it != clients.End(); ++it)
    {
        Subscribe((*it), "Rx", MakeCallback(&DeliveryTracker::OnRx, this));
    }
}

void
DeliveryTracker::OnGroupSend(uint32_t message, const std::vector<uint32_t>& destinations)
{
    if (message >= m_messages.size())
    {
        m_messages.resize(message + 1);
    }
    Message& m = m_messages[message];
    m.sendNs = Simulator::Now().GetNanoSeconds();
    m.marks.assign(m_clients + 1, 0);
    for (uint32_t d : destinations)
    {
        m.marks[d] |= DESTINATION;
    }
    ++m_counts.messages;
    m_counts.expected += destinations.size();
}

void
DeliveryTracker::OnRx(Ptr<const Packet> datagram, const GroupHeader& header, uint32_t client,
                      uint32_t hops)
{
    int64_t sendNs = header.GetSendTime().GetNanoSeconds();
    int64_t recvNs = Simulator::Now().GetNanoSeconds();
    bool member = std::binary_search(m_members.begin(), m_members.end(), client);
    bool destination = false;
    bool duplicate = false;
    uint32_t id = header.GetMessage();
    if (id < m_messages.size() && !m_messages[id].marks.empty())
    {
        Message& m = m_messages[id];
        uint8_t& mark = m.marks[client];
        destination = mark & DESTINATION;
        duplicate = mark & RECEIVED;
        mark |= RECEIVED;
        if (destination && !duplicate)
        {
            ++m_counts.deliveries;
            m_latencies.push_back(recvNs - sendNs);
            m_hops.push_back(hops);
            if (m_baseline)
            {
                int64_t base = m_baseline(client, datagram->GetSize());
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
        *m_csv << m_mode << ',' << id << ',' << client << ',' << member << ',' << destination << ','
               << duplicate << ',' << sendNs << ',' << recvNs << ',' << (recvNs - sendNs) << ','
               << datagram->GetSize() << ',' << hops << '\n';
    }
}

DeliveryCounts
DeliveryTracker::Finish()
{
    std::vector<int64_t> completions;
    for (const Message& m : m_messages)
    {
        if (m.any)
        {
            completions.push_back(m.lastNs - m.sendNs);
        }
    }
    m_counts.latency = Summarize(m_latencies);
    m_counts.completion = Summarize(completions);
    m_counts.hops = Summarize(m_hops);
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
