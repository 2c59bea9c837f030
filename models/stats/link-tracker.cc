#include "link-tracker.h"

#include "../group/group-message-tag.h"
#include "../network/trace-connect.h"

#include <algorithm>
#include <ns3/callback.h>
#include <ns3/ethernet-header.h>
#include <ns3/log.h>
#include <ns3/net-device-queue-interface.h>
#include <ns3/node.h>
#include <ns3/queue-disc.h>
#include <ns3/traffic-control-layer.h>
#include <ns3/wifi-mac-header.h>
#include <set>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimLinkTracker");

LinkTracker::LinkTracker(const Network& network)
{
    NS_LOG_FUNCTION(this);
    std::set<uint32_t> tracedNodes;
    std::set<uint32_t> hosts;
    // Sinks that are the same on every device, made once (one allocation, not one per host).
    using PacketSink = Callback<void, Ptr<const Packet>>;
    PacketSink queueDrop([this](Ptr<const Packet>) { ++m_counts.queueDrops; });
    PacketSink linkDrop([this](Ptr<const Packet>) { ++m_counts.linkDrops; });
    for (uint32_t h = 0; h < network.hosts.GetN(); ++h)
    {
        hosts.insert(network.hosts.Get(h)->GetId());
    }
    for (std::size_t l = 0; l < network.links.size(); ++l)
    {
        const Link& link = network.links[l];
        m_linkNames.push_back(link.name);
        bool core = std::none_of(link.ends.begin(), link.ends.end(),
                                 [&](const Ptr<NetDevice>& d)
                                 { return hosts.count(d->GetNode()->GetId()) > 0; });
        m_firstEnd.push_back(m_ends.size());
        bool shared = link.ends.size() > 2;
        for (std::size_t e = 0; e < link.ends.size(); ++e)
        {
            Ptr<NetDevice> device = link.ends[e];
            uint32_t nodeId = device->GetNode()->GetId();
            std::string to = shared ? "*" : network.NodeName(link.ends[1 - e]->GetNode()->GetId());
            m_ends.push_back({l, network.NodeName(nodeId), to, nodeId == network.Server()->GetId(),
                              core, link.framing == Framing::WIFI});
            std::size_t index = m_ends.size() - 1;
            Subscribe(device, "PhyTxEnd",
                      LeanCallback<void, Ptr<const Packet>>([this, index](Ptr<const Packet> p)
                                                            { OnTxEnd(index, p); }));
            Subscribe(device, "MacTxDrop", queueDrop);
            Subscribe(device, "PhyTxDrop", linkDrop);
            auto tc = device->GetNode()->GetObject<TrafficControlLayer>();
            if (tc && tracedNodes.insert(nodeId).second)
            {
                // With no queue disc, a full device queue stops the transmit queue and the
                // traffic-control layer drops what arrives meanwhile.
                Subscribe(tc, "TcDrop", queueDrop);
            }
            if (Ptr<QueueDisc> qd = tc ? tc->GetRootQueueDiscOnDevice(device) : nullptr)
            {
                Subscribe(qd, "Drop",
                          Callback<void, Ptr<const QueueDiscItem>>([this](Ptr<const QueueDiscItem>)
                                                                   { ++m_counts.queueDiscDrops; }));
            }
        }
    }
    m_macs.resize(network.links.size());
    for (std::size_t l = 0; l < network.links.size(); ++l)
    {
        const Link& link = network.links[l];
        for (std::size_t e = 0; e < link.lossModels.size(); ++e)
        {
            if (link.ends.size() > 2)
            {
                m_macs[l][Mac48Address::ConvertFrom(link.ends[e]->GetAddress())] = e;
            }
            Subscribe(link.lossModels[e], "Lost",
                      Callback<void, Ptr<const Packet>>([this, l, e](Ptr<const Packet> p)
                                                        { OnLost(l, 1 - e, p); }));
        }
    }
}

const char*
LinkTracker::CsvHeader()
{
    return "mode,link,from,to,frames,bytes,lost";
}

void
LinkTracker::OnLost(std::size_t link, std::size_t sender, Ptr<const Packet> frame)
{
    NS_LOG_FUNCTION(this << link << sender << frame);
    ++m_counts.lossDrops;
    if (!m_macs[link].empty())
    {
        EthernetHeader eth(false);
        frame->PeekHeader(eth);
        auto it = m_macs[link].find(eth.GetSource());
        if (it == m_macs[link].end())
        {
            return;
        }
        sender = it->second;
    }
    ++m_ends[m_firstEnd[link] + sender].lost;
}

void
LinkTracker::OnTxEnd(std::size_t index, Ptr<const Packet> frame)
{
    NS_LOG_FUNCTION(this << index << frame);
    End& end = m_ends[index];
    WifiMacHeader mac;
    if (end.radio && (frame->PeekHeader(mac) == 0 || !mac.IsData()))
    {
        return; // ACKs, beacons, association: the radio's own traffic (WifiTracker)
    }
    uint32_t size = frame->GetSize();
    ++end.frames;
    end.bytes += size;
    ++m_counts.frames;
    m_counts.bytes += size;
    m_counts.coreFrames += end.core ? 1 : 0;
    if (end.server)
    {
        ++m_counts.serverFrames;
        m_counts.serverBytes += size;
    }
    GroupMessageTag tag;
    if (frame->PeekPacketTag(tag))
    {
        ++m_counts.messageFrames;
        m_counts.messageBytes += size;
        ++m_copies[{tag.GetMessage(), end.link}];
    }
}

void
LinkTracker::WriteCsv(std::ostream& csv, const std::string& mode) const
{
    for (const End& end : m_ends)
    {
        csv << mode << ',' << m_linkNames[end.link] << ',' << end.from << ',' << end.to << ','
            << end.frames << ',' << end.bytes << ',' << end.lost << '\n';
    }
}

LinkCounts
LinkTracker::Finish() const
{
    LinkCounts counts = m_counts;
    uint64_t total = 0;
    for (const auto& [key, copies] : m_copies)
    {
        total += copies;
        counts.stressMax = std::max<uint64_t>(counts.stressMax, copies);
    }
    counts.stressMean = m_copies.empty() ? 0.0 : double(total) / double(m_copies.size());
    return counts;
}

} // namespace gcsim
} // namespace ns3
