#include "source-specific-routing.h"

#include <ns3/ipv4-route.h>
#include <ns3/ipv4-routing-table-entry.h>
#include <ns3/ipv4.h>
#include <ns3/log.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimSourceSpecificRouting");

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

SourceSpecificRouting::SourceSpecificRouting()
{
    NS_LOG_FUNCTION(this);
}

SourceSpecificRouting::~SourceSpecificRouting()
{
    NS_LOG_FUNCTION(this);
}

void
SourceSpecificRouting::SetIpv4(Ptr<Ipv4> ipv4)
{
    NS_LOG_FUNCTION(this << ipv4);
    m_node = ipv4;
    Ipv4StaticRouting::SetIpv4(ipv4);
}

void
SourceSpecificRouting::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_node = nullptr;
    m_routes.clear();
    Ipv4StaticRouting::DoDispose();
}

bool
SourceSpecificRouting::RouteInput(Ptr<const Packet> p, const Ipv4Header& header,
                                  Ptr<const NetDevice> idev, UnicastForwardCallback ucb,
                                  MulticastForwardCallback mcb, LocalDeliverCallback lcb,
                                  ErrorCallback ecb)
{
    NS_LOG_FUNCTION(this << p << idev);
    Ipv4Address group = header.GetDestination();
    if (!group.IsMulticast())
    {
        return Ipv4StaticRouting::RouteInput(p, header, idev, ucb, mcb, lcb, ecb);
    }
    auto input = static_cast<uint32_t>(m_node->GetInterfaceForDevice(idev));
    auto routes = m_routes.find({group, input});
    if (routes == m_routes.end())
    {
        return false; // let other routing protocols try
    }
    const Route* chosen = nullptr;
    for (const Route& route : routes->second)
    {
        if (route.origin == header.GetSource())
        {
            chosen = &route;
            break;
        }
        if (!chosen && route.origin == Ipv4Address::GetAny())
        {
            chosen = &route;
        }
    }
    if (!chosen)
    {
        return false;
    }
    mcb(chosen->entry, p, header);
    return true;
}

void
SourceSpecificRouting::AddRoute(Ipv4Address origin, Ipv4Address group, uint32_t input,
                                const std::vector<uint32_t>& outputs)
{
    NS_LOG_FUNCTION(this << origin << group << input);
    Ptr<Ipv4MulticastRoute> entry = Create<Ipv4MulticastRoute>();
    entry->SetGroup(group);
    entry->SetOrigin(origin);
    entry->SetParent(input);
    for (uint32_t output : outputs)
    {
        // As Ipv4StaticRouting: interface 0 (loopback) is never an output.
        if (output)
        {
            entry->SetOutputTtl(output, Ipv4MulticastRoute::MAX_TTL - 1);
        }
    }
    m_routes[{group, input}].push_back({origin, entry});
}

std::size_t
SourceSpecificRouting::RemoveRoutes(Ipv4Address group)
{
    NS_LOG_FUNCTION(this << group);
    std::size_t removed = 0;
    for (auto it = m_routes.begin(); it != m_routes.end();)
    {
        if (it->first.first == group)
        {
            removed += it->second.size();
            it = m_routes.erase(it);
        }
        else
        {
            ++it;
        }
    }
    return removed;
}

std::vector<SourceSpecificRouting::HeldRoute>
SourceSpecificRouting::RoutesOf(Ipv4Address group) const
{
    NS_LOG_FUNCTION(this << group);
    std::vector<HeldRoute> held;
    for (auto it = m_routes.lower_bound({group, 0});
         it != m_routes.end() && it->first.first == group; ++it)
    {
        for (const Route& route : it->second)
        {
            HeldRoute h;
            h.origin = route.origin;
            h.input = it->first.second;
            for (const auto& [output, ttl] : route.entry->GetOutputTtlMap())
            {
                h.outputs.push_back(output);
            }
            held.push_back(h);
        }
    }
    return held;
}

} // namespace gcsim
} // namespace ns3
