#include "overlay-delivery.h"

#include "group-client.h"

#include <algorithm>
#include <ns3/inet-socket-address.h>
#include <ns3/log.h>
#include <ns3/uinteger.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimOverlayDelivery");

NS_OBJECT_ENSURE_REGISTERED(OverlayDelivery);

TypeId
OverlayDelivery::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::gcsim::OverlayDelivery")
            .SetParent<DeliveryMode>()
            .SetGroupName("Gcsim")
            .AddConstructor<OverlayDelivery>()
            .AddAttribute("Fanout", "Children per node of the overlay tree.", UintegerValue(2),
                          MakeUintegerAccessor(&OverlayDelivery::m_fanout),
                          MakeUintegerChecker<uint32_t>(1));
    return tid;
}

std::string
OverlayDelivery::GetName() const
{
    return "overlay";
}

std::vector<uint32_t>
OverlayDelivery::Destinations(const GroupDirectory& dir, uint32_t) const
{
    return dir.members;
}

std::vector<uint32_t>
OverlayDelivery::TreeOrder(const GroupDirectory& dir)
{
    NS_LOG_FUNCTION_NOARGS();
    std::vector<uint32_t> order = dir.members;
    auto hops = [&](uint32_t client)
    { return client - 1 < dir.hopsFromServer.size() ? dir.hopsFromServer[client - 1] : 0; };
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b)
                     { return hops(a) != hops(b) ? hops(a) < hops(b) : a < b; });
    return order;
}

void
OverlayDelivery::Configure(const GroupDirectory& dir, const ApplicationContainer& clients)
{
    NS_LOG_FUNCTION(this);
    std::vector<uint32_t> order = TreeOrder(dir);
    // Called again when the membership changes: a client that left relays no more.
    for (uint32_t i = 0; i < clients.GetN(); ++i)
    {
        DynamicCast<GroupClient>(clients.Get(i))->SetRelays({});
    }
    std::vector<std::vector<Ipv4Address>> relays(order.size());
    m_rootChildren.clear();
    for (std::size_t i = 1; i <= order.size(); ++i)
    {
        std::size_t parent = (i - 1) / m_fanout;
        if (parent == 0)
        {
            m_rootChildren.push_back(order[i - 1]);
        }
        else
        {
            relays[parent - 1].push_back(dir.ClientAddress(order[i - 1]));
        }
    }
    NS_LOG_LOGIC("overlay tree of " << order.size() << " members, " << m_rootChildren.size()
                                    << " below P1");
    for (std::size_t i = 0; i < order.size(); ++i)
    {
        DynamicCast<GroupClient>(clients.Get(order[i] - 1))->SetRelays(relays[i]);
    }
}

void
OverlayDelivery::Send(Ptr<Socket> socket, Ptr<const Packet> message, const GroupDirectory& dir,
                      uint32_t)
{
    NS_LOG_FUNCTION(this << socket << message);
    for (uint32_t child : m_rootChildren)
    {
        socket->SendTo(message->Copy(), 0, InetSocketAddress(dir.ClientAddress(child), dir.port));
    }
}

} // namespace gcsim
} // namespace ns3
