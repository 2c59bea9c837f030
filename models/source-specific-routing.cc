#include "source-specific-routing.h"

#include <ns3/ipv4-route.h>
#include <ns3/ipv4-routing-table-entry.h>
#include <ns3/ipv4.h>

namespace ns3
{
namespace gcsim
{

NS_OBJECT_ENSURE_REGISTERED(SourceSpecificRouting);

TypeId
SourceSpecificRouting::GetTypeId()
{
    static TypeId tid = TypeId("ns3::gcsim::SourceSpecificRouting")
                            .SetParent<Ipv4StaticRouting>()
                            .SetGroupName("Gcsim")
                            .AddConstructor<SourceSpecificRouting>();
    return tid;
}

void
SourceSpecificRouting::SetIpv4(Ptr<Ipv4> ipv4)
{
    m_node = ipv4;
    Ipv4StaticRouting::SetIpv4(ipv4);
}

void
SourceSpecificRouting::DoDispose()
{
    m_node = nullptr;
    Ipv4StaticRouting::DoDispose();
}

bool
SourceSpecificRouting::RouteInput(Ptr<const Packet> p, const Ipv4Header& header,
                                  Ptr<const NetDevice> idev, UnicastForwardCallback ucb,
                                  MulticastForwardCallback mcb, LocalDeliverCallback lcb,
                                  ErrorCallback ecb)
{
    Ipv4Address group = header.GetDestination();
    if (!group.IsMulticast())
    {
        return Ipv4StaticRouting::RouteInput(p, header, idev, ucb, mcb, lcb, ecb);
    }
    auto input = static_cast<uint32_t>(m_node->GetInterfaceForDevice(idev));
    int64_t exact = -1;
    int64_t any = -1;
    uint32_t routes = GetNMulticastRoutes();
    for (uint32_t i = 0; i < routes && exact < 0; ++i)
    {
        Ipv4MulticastRoutingTableEntry route = GetMulticastRoute(i);
        if (route.GetGroup() != group || route.GetInputInterface() != input)
        {
            continue;
        }
        if (route.GetOrigin() == header.GetSource())
        {
            exact = i;
        }
        else if (route.GetOrigin() == Ipv4Address::GetAny() && any < 0)
        {
            any = i;
        }
    }
    int64_t chosen = exact >= 0 ? exact : any;
    if (chosen < 0)
    {
        return false; // let other routing protocols try
    }
    Ipv4MulticastRoutingTableEntry route = GetMulticastRoute(static_cast<uint32_t>(chosen));
    Ptr<Ipv4MulticastRoute> entry = Create<Ipv4MulticastRoute>();
    entry->SetGroup(route.GetGroup());
    entry->SetOrigin(route.GetOrigin());
    entry->SetParent(route.GetInputInterface());
    for (uint32_t j = 0; j < route.GetNOutputInterfaces(); ++j)
    {
        // As Ipv4StaticRouting: interface 0 (loopback) is never an output.
        if (route.GetOutputInterface(j))
        {
            entry->SetOutputTtl(route.GetOutputInterface(j), Ipv4MulticastRoute::MAX_TTL - 1);
        }
    }
    mcb(entry, p, header);
    return true;
}

} // namespace gcsim
} // namespace ns3
