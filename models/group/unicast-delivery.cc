#include "unicast-delivery.h"

#include <ns3/inet-socket-address.h>
#include <ns3/log.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimUnicastDelivery");

NS_OBJECT_ENSURE_REGISTERED(UnicastDelivery);

TypeId
UnicastDelivery::GetTypeId()
{
    static TypeId tid = TypeId("ns3::gcsim::UnicastDelivery")
                            .SetParent<DeliveryMode>()
                            .SetGroupName("Gcsim")
                            .AddConstructor<UnicastDelivery>();
    return tid;
}

std::string
UnicastDelivery::GetName() const
{
    return "unicast";
}

std::vector<uint32_t>
UnicastDelivery::Destinations(const GroupDirectory&, uint32_t target) const
{
    return {target};
}

void
UnicastDelivery::Send(Ptr<Socket> socket, Ptr<const Packet> message, const GroupDirectory& dir,
                      uint32_t target)
{
    NS_LOG_FUNCTION(this << socket << message << target);
    socket->SendTo(message->Copy(), 0, InetSocketAddress(dir.ClientAddress(target), dir.port));
}

} // namespace gcsim
} // namespace ns3
