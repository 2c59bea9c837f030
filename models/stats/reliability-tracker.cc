#include "reliability-tracker.h"

#include "../network/trace-connect.h"
#include "../reliability/nak-repair.h"
#include "../reliability/reliability-header.h"
#include "../reliability/unicast-arq.h"

#include <ns3/callback.h>
#include <ns3/log.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimReliabilityTracker");

ReliabilityTracker::ReliabilityTracker(const Network& network)
{
    NS_LOG_FUNCTION(this);
    for (const Link& link : network.links)
    {
        for (const auto& device : link.ends)
        {
            Subscribe(device, "PhyTxEnd", MakeCallback(&ReliabilityTracker::OnTxEnd, this));
        }
    }
}

void
ReliabilityTracker::OnTxEnd(Ptr<const Packet> frame)
{
    NS_LOG_FUNCTION(this << frame);
    ReliabilityTag tag;
    if (!frame->PeekPacketTag(tag))
    {
        return;
    }
    ++m_counts.controlFrames;
    m_counts.controlBytes += frame->GetSize();
    if (tag.GetKind() == ReliabilityHeader::REPAIR ||
        tag.GetKind() == ReliabilityHeader::RETRANSMISSION)
    {
        ++m_counts.repairFrames;
        m_counts.repairBytes += frame->GetSize();
    }
}

void
ReliabilityTracker::Attach(const ApplicationContainer& agents)
{
    NS_LOG_FUNCTION(this);
    auto repaired = Callback<void, uint32_t, uint32_t, Time>(
        [this](uint32_t, uint32_t, Time sinceSend)
        {
            ++m_counts.repaired;
            m_latency.Add(sinceSend.GetNanoSeconds());
        });
    auto duplicate = Callback<void, uint32_t, uint32_t, Time>([this](uint32_t, uint32_t, Time)
                                                              { ++m_counts.duplicatesDropped; });
    for (auto it = agents.Begin(); it != agents.End(); ++it)
    {
        Ptr<Application> agent = *it;
        Subscribe(agent, "Repaired", repaired);
        Subscribe(agent, "Duplicate", duplicate);
        if (DynamicCast<NakRepair>(agent))
        {
            auto count = [agent](const char* name, uint64_t& counter) {
                Subscribe(agent, name,
                          Callback<void, uint32_t>([&counter](uint32_t) { ++counter; }));
            };
            count("Nak", m_counts.naks);
            count("NakSuppressed", m_counts.naksSuppressed);
            count("RepairSuppressed", m_counts.repairsSuppressed);
            count("Session", m_counts.sessions);
            Subscribe(agent, "Repair",
                      Callback<void, uint32_t, uint32_t>(
                          [this](uint32_t, uint32_t bytes)
                          {
                              ++m_counts.repairs;
                              m_counts.retransmittedBytes += bytes;
                          }));
        }
        else
        {
            Subscribe(agent, "Ack",
                      Callback<void, uint32_t, uint32_t, uint32_t>(
                          [this](uint32_t, uint32_t, uint32_t) { ++m_counts.acks; }));
            Subscribe(agent, "Retransmission",
                      Callback<void, uint32_t, uint32_t, uint32_t>(
                          [this](uint32_t, uint32_t, uint32_t bytes)
                          {
                              ++m_counts.retransmissions;
                              m_counts.retransmittedBytes += bytes;
                          }));
            Subscribe(agent, "GiveUp",
                      Callback<void, uint32_t, uint32_t, uint32_t>(
                          [this](uint32_t, uint32_t, uint32_t) { ++m_counts.giveUps; }));
        }
    }
}

ReliabilityCounts
ReliabilityTracker::Finish(const DeliveryCounts& delivery)
{
    NS_LOG_FUNCTION(this);
    ReliabilityCounts counts = m_counts;
    counts.expected = delivery.expected;
    counts.delivered = delivery.deliveries;
    counts.losses = delivery.expected - (delivery.deliveries - counts.repaired);
    counts.repairLatency = m_latency.Summarize();
    return counts;
}

} // namespace gcsim
} // namespace ns3
