#include "multicast-nic-filter.h"

#include "../network/network.h"
#include "group-membership.h"

#include <ns3/ethernet-header.h>
#include <ns3/ipv4-header.h>
#include <ns3/llc-snap-header.h>
#include <ns3/log.h>
#include <ns3/pointer.h>
#include <ns3/ppp-header.h>
#include <ns3/wifi-mac.h>
#include <ns3/wifi-net-device.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimMulticastNicFilter");

NS_OBJECT_ENSURE_REGISTERED(MulticastNicFilter);

TypeId
MulticastNicFilter::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::gcsim::MulticastNicFilter")
            .SetParent<ErrorModel>()
            .SetGroupName("Gcsim")
            .AddConstructor<MulticastNicFilter>()
            .AddTraceSource("Filtered",
                            "A multicast frame for a group the host has not joined was dropped "
                            "at the NIC.",
                            MakeTraceSourceAccessor(&MulticastNicFilter::m_filterTrace),
                            "ns3::Packet::TracedCallback");
    return tid;
}

MulticastNicFilter::MulticastNicFilter()
{
    NS_LOG_FUNCTION(this);
}

MulticastNicFilter::~MulticastNicFilter()
{
    NS_LOG_FUNCTION(this);
}

Ptr<MulticastNicFilter>
MulticastNicFilter::Create(Ptr<GroupMembership> membership, Framing framing, Ptr<ErrorModel> behind)
{
    NS_LOG_FUNCTION(membership << behind);
    Ptr<MulticastNicFilter> filter = CreateObject<MulticastNicFilter>();
    filter->m_membership = membership;
    filter->m_framing = framing;
    filter->m_behind = behind;
    return filter;
}

namespace
{

/// Reaches WifiNetDevice::ForwardUp (protected) the way a subclass may.
struct WifiForwardUp : WifiNetDevice
{
    static Callback<void, Ptr<const Packet>, Mac48Address, Mac48Address> Of(
        Ptr<WifiNetDevice> device)
    {
        return MakeCallback(&WifiForwardUp::ForwardUp, PeekPointer(device));
    }
};

} // namespace

void
MulticastNicFilter::InstallOnWifi(Ptr<WifiNetDevice> device, Ptr<GroupMembership> membership)
{
    NS_LOG_FUNCTION(device << membership);
    Ptr<MulticastNicFilter> filter = Create(membership, WIFI);
    device->AggregateObject(filter);
    auto up = WifiForwardUp::Of(device);
    device->GetMac()->SetForwardUpCallback(
        Callback<void, Ptr<const Packet>, Mac48Address, Mac48Address>(
            [filter, up](Ptr<const Packet> packet, Mac48Address from, Mac48Address to)
            {
                if (!to.IsGroup() || !filter->IsCorrupt(packet->Copy()))
                {
                    up(packet, from, to);
                }
            }));
}

Ptr<MulticastNicFilter>
MulticastNicFilter::On(Ptr<NetDevice> device)
{
    NS_LOG_FUNCTION(device);
    if (DynamicCast<WifiNetDevice>(device))
    {
        return device->GetObject<MulticastNicFilter>();
    }
    TypeId::AttributeInformation info;
    if (!device->GetInstanceTypeId().LookupAttributeByName("ReceiveErrorModel", &info))
    {
        return nullptr;
    }
    PointerValue model;
    device->GetAttribute("ReceiveErrorModel", model);
    return model.Get<MulticastNicFilter>();
}

uint64_t
MulticastNicFilter::GetFiltered() const
{
    return m_filtered;
}

bool
MulticastNicFilter::DoCorrupt(Ptr<Packet> p)
{
    NS_LOG_FUNCTION(this << p);
    if (Filters(p))
    {
        NS_LOG_LOGIC("frame " << p->GetUid() << " for a group the host has not joined: dropped");
        ++m_filtered;
        m_filterTrace(p);
        return true;
    }
    return m_behind && m_behind->IsCorrupt(p);
}

bool
MulticastNicFilter::Filters(Ptr<Packet> p) const
{
    Ipv4Header ip;
    if (m_framing == ETHERNET)
    {
        // Most frames are unicast: the group bit of the destination MAC's first byte says so
        // without deserialising the header.
        uint8_t first = 0;
        if (p->CopyData(&first, 1) != 1 || (first & 0x01) == 0)
        {
            return false;
        }
        EthernetHeader eth(false);
        if (p->PeekHeader(eth) == 0 || eth.GetDestination().IsBroadcast() ||
            eth.GetLengthType() != 0x0800)
        {
            return false;
        }
        Ptr<Packet> copy = p->Copy();
        copy->RemoveHeader(eth);
        copy->PeekHeader(ip);
    }
    else if (m_framing == WIFI)
    {
        LlcSnapHeader llc;
        if (p->GetSize() < llc.GetSerializedSize())
        {
            return false;
        }
        Ptr<Packet> copy = p->Copy();
        copy->RemoveHeader(llc);
        if (llc.GetType() != 0x0800)
        {
            return false;
        }
        copy->PeekHeader(ip);
    }
    else
    {
        PppHeader ppp;
        p->PeekHeader(ppp);
        if (ppp.GetProtocol() != 0x0021)
        {
            return false;
        }
        Ptr<Packet> copy = p->Copy();
        copy->RemoveHeader(ppp);
        copy->PeekHeader(ip);
    }
    Ipv4Address dst = ip.GetDestination();
    return dst.IsMulticast() && !dst.IsLocalMulticast() && dst != NetworkBroadcastGroup() &&
           !m_membership->IsMember(dst);
}

void
MulticastNicFilter::DoReset()
{
    NS_LOG_FUNCTION(this);
}

} // namespace gcsim
} // namespace ns3
