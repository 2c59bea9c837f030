#include "host-load-tracker.h"

#include "../group/group-membership.h"
#include "../group/group-message-tag.h"
#include "../group/multicast-nic-filter.h"
#include "../network/igmp-header.h"
#include "../network/trace-connect.h"

#include <algorithm>
#include <ns3/arp-l3-protocol.h>
#include <ns3/callback.h>
#include <ns3/log.h>
#include <ns3/pointer.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimHostLoadTracker");

HostLoadTracker::HostLoadTracker(const Network& network, std::vector<uint32_t> members)
  : m_member(network.hosts.GetN(), false)
{
    NS_LOG_FUNCTION(this);
    for (uint32_t m : members)
    {
        m_member[m] = true;
    }
    // Sinks that are the same on every node are made once and connected everywhere.
    Callback<void, const Ipv4Header&, Ptr<const Packet>, Ipv4L3Protocol::DropReason, Ptr<Ipv4>,
             uint32_t>
        ipDrop(
            [this](const Ipv4Header& header, Ptr<const Packet>, Ipv4L3Protocol::DropReason reason,
                   Ptr<Ipv4>, uint32_t)
            {
                // IGMP (TTL 1) ends at the first router by design: not a loss.
                if (header.GetProtocol() == IgmpHeader::PROTOCOL)
                {
                    return;
                }
                // A router dropping a copy it has already forwarded is the flood working, not a
                // loss.
                ++(reason == Ipv4L3Protocol::DROP_DUPLICATE ? m_counts.duplicatesSuppressed
                                                            : m_counts.ipDrops);
            });
    Callback<void, Ptr<const Packet>> arpDrop([this](Ptr<const Packet>) { ++m_counts.arpDrops; });
    NodeContainer all(network.hosts, network.routers);
    for (uint32_t n = 0; n < all.GetN(); ++n)
    {
        Subscribe(all.Get(n)->GetObject<Ipv4L3Protocol>(), "Drop", ipDrop);
        if (auto arp = all.Get(n)->GetObject<ArpL3Protocol>())
        {
            Subscribe(arp, "Drop", arpDrop);
        }
    }
    auto forwarded = Callback<void, const Ipv4Header&, Ptr<const Packet>, uint32_t>(
        [this](const Ipv4Header&, Ptr<const Packet>, uint32_t) { ++m_counts.routerForwards; });
    for (uint32_t r = 0; r < network.routers.GetN(); ++r)
    {
        auto ipv4 = network.routers.Get(r)->GetObject<Ipv4L3Protocol>();
        Subscribe(ipv4, "UnicastForward", forwarded);
        Subscribe(ipv4, "MulticastForward", forwarded);
    }
    // Group messages only: a member's IGMP report reaches other hosts' NICs too.
    Callback<void, Ptr<const Packet>> filtered(
        [this](Ptr<const Packet> p)
        {
            GroupMessageTag tag;
            if (p->PeekPacketTag(tag))
            {
                ++m_counts.nicFiltered;
            }
        });
    for (uint32_t i = 0; i < network.hosts.GetN(); ++i)
    {
        Ptr<Node> node = network.hosts.Get(i);
        auto ipv4 = node->GetObject<Ipv4L3Protocol>();
        if (i == 0)
        {
            continue; // P1 is the sender, not a receiver
        }
        Subscribe(ipv4, "LocalDeliver",
                  LeanCallback<void, const Ipv4Header&, Ptr<const Packet>, uint32_t>(
                      [this, i](const Ipv4Header& h, Ptr<const Packet> p, uint32_t iface)
                      { OnLocalDeliver(i, h, p, iface); }));
        for (uint32_t d = 0; d < node->GetNDevices(); ++d)
        {
            if (auto filter = MulticastNicFilter::On(node->GetDevice(d)))
            {
                Subscribe(filter, "Filtered", filtered);
            }
        }
    }
}

void
HostLoadTracker::FollowMembership(const Network& network, Ipv4Address group)
{
    NS_LOG_FUNCTION(this << group);
    for (uint32_t c = 1; c < network.hosts.GetN(); ++c)
    {
        auto membership = network.hosts.Get(c)->GetObject<GroupMembership>();
        NS_ABORT_MSG_UNLESS(membership, "client " << c << " has no GroupMembership");
        for (bool joined : {true, false})
        {
            Subscribe(membership, joined ? "Join" : "Leave",
                      Callback<void, Ipv4Address>(
                          [this, group, c, joined](Ipv4Address g)
                          {
                              if (g == group)
                              {
                                  m_member[c] = joined;
                              }
                          }));
        }
    }
}

void
HostLoadTracker::OnLocalDeliver(uint32_t client, const Ipv4Header&, Ptr<const Packet> packet,
                                uint32_t)
{
    NS_LOG_FUNCTION(this << client << packet);
    GroupMessageTag tag;
    if (!packet->PeekPacketTag(tag))
    {
        return;
    }
    ++m_counts.receptions;
    if (!m_member[client])
    {
        ++m_counts.nonmemberReceptions;
    }
}

HostCounts
HostLoadTracker::Finish() const
{
    return m_counts;
}

} // namespace gcsim
} // namespace ns3
