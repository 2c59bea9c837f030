#include "wifi-tracker.h"

#include "../group/group-header.h"
#include "../group/group-message-tag.h"
#include "../group/multicast-nic-filter.h"
#include "../network/trace-connect.h"

#include <cmath>
#include <ns3/log.h>
#include <ns3/mobility-model.h>
#include <ns3/node.h>
#include <ns3/simulator.h>
#include <ns3/wifi-mpdu.h>
#include <ns3/wifi-net-device.h>
#include <ns3/wifi-phy-state-helper.h>
#include <ns3/wifi-phy.h>
#include <ns3/wifi-psdu.h>
#include <sstream>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimWifiTracker");

namespace
{

/// Metres between \p a and \p b (0 when either has no place).
double
Distance(Ptr<Node> a, Ptr<Node> b)
{
    auto ma = a->GetObject<MobilityModel>();
    auto mb = b->GetObject<MobilityModel>();
    return ma && mb ? ma->GetDistanceFrom(mb) : 0.0;
}

/// The node the stations' distances are measured from: the access point, or P1 in a mesh.
Ptr<Node>
Centre(const Network& network)
{
    for (uint32_t s = 0; s < network.switches.GetN(); ++s)
    {
        if (network.switches.Get(s)->GetObject<MobilityModel>())
        {
            return network.switches.Get(s);
        }
    }
    return network.Server();
}

/// Counts the frames of one transmission; \p lastUnicast is the message an ACK would answer.
void
CountPsdus(WifiCounts& counts, int64_t& lastUnicast, const WifiPhy* phy,
           const WifiConstPsduMap& psdus, const WifiTxVector& txVector)
{
    for (const auto& [staId, psdu] : psdus)
    {
        Time duration =
            WifiPhy::CalculateTxDuration(psdu->GetSize(), txVector, phy->GetPhyBand(), staId);
        for (auto it = psdu->begin(); it != psdu->end(); ++it)
        {
            const WifiMacHeader& header = (*it)->GetHeader();
            GroupMessageTag tag;
            bool message = header.IsData() && (*it)->GetPacket()->PeekPacketTag(tag);
            if (message)
            {
                counts.messageAirtimeNs += duration.GetNanoSeconds();
                ++counts.dataFrames;
                ++counts.framesByMode[txVector.GetMode().GetUniqueName()];
                bool group = header.GetAddr1().IsGroup();
                counts.groupFrames += group ? 1 : 0;
                counts.retries += header.IsRetry() ? 1 : 0;
                lastUnicast = group ? -1 : tag.GetMessage();
            }
            else if (header.IsAck() && lastUnicast >= 0)
            {
                // The ACK answers the unicast frame before it, a SIFS later.
                counts.messageAirtimeNs += (duration + phy->GetSifs()).GetNanoSeconds();
                ++counts.acks;
                lastUnicast = -1;
            }
            else
            {
                ++counts.otherFrames;
                counts.otherAirtimeNs += duration.GetNanoSeconds();
                lastUnicast = header.IsAck() ? lastUnicast : -1;
            }
        }
    }
}

} // namespace

uint64_t
WifiCounts::FailedReceptions() const
{
    uint64_t failed = rxErrors;
    for (const auto& [reason, n] : rxDrops)
    {
        failed += n;
    }
    return failed;
}

WifiTracker::WifiTracker(const Network& network, const ApplicationContainer& clients, Time from)
  : m_from(from)
{
    NS_LOG_FUNCTION(this);
    for (const Link& link : network.links)
    {
        for (const auto& device : link.ends)
        {
            auto wifi = DynamicCast<WifiNetDevice>(device);
            if (!wifi)
            {
                continue;
            }
            m_counts.used = true;
            Ptr<WifiPhy> phy = wifi->GetPhy();
            // The sink lives in the PHY's own trace source: a Ptr to the PHY there would be a
            // cycle that keeps the whole radio alive after Simulator::Destroy().
            WifiPhy* raw = PeekPointer(phy);
            Subscribe(phy, "PhyTxPsduBegin",
                      Callback<void, WifiConstPsduMap, WifiTxVector, double>(
                          [this, raw](WifiConstPsduMap psdus, WifiTxVector tx, double)
                          { CountPsdus(m_counts, m_lastUnicastMessage, raw, psdus, tx); }));
            Subscribe(phy->GetState(), "RxError",
                      Callback<void, Ptr<const Packet>, double>([this](Ptr<const Packet>, double)
                                                                { ++m_counts.rxErrors; }));
            Subscribe(phy, "PhyRxDrop",
                      Callback<void, Ptr<const Packet>, WifiPhyRxfailureReason>(
                          [this](Ptr<const Packet>, WifiPhyRxfailureReason reason)
                          {
                              if (Simulator::Now() < m_from)
                              {
                                  return;
                              }
                              std::ostringstream name;
                              name << reason;
                              ++m_counts.rxDrops[name.str()];
                          }));
        }
    }
    Ptr<Node> centre = Centre(network);
    m_received.resize(clients.GetN() + 1);
    for (uint32_t c = 1; c <= clients.GetN(); ++c)
    {
        m_counts.stations.push_back({c, Distance(centre, network.hosts.Get(c)), 0});
        Subscribe(clients.Get(c - 1), "Rx",
                  Callback<void, Ptr<const Packet>, const GroupHeader&, uint32_t, uint32_t>(
                      [this](Ptr<const Packet>, const GroupHeader& h, uint32_t client, uint32_t)
                      { OnRx(client, h.GetMessage()); }));
    }
}

void
WifiTracker::OnRx(uint32_t client, uint32_t message)
{
    NS_LOG_FUNCTION(this << client << message);
    if (client >= m_received.size())
    {
        return;
    }
    auto& seen = m_received[client];
    if (seen.size() <= message)
    {
        seen.resize(message + 1, false);
    }
    if (!seen[message])
    {
        seen[message] = true;
        ++m_counts.stations[client - 1].received;
    }
}

WifiCounts
WifiTracker::Finish() const
{
    NS_LOG_FUNCTION(this);
    return m_counts;
}

} // namespace gcsim
} // namespace ns3
