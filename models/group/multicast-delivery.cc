#include "multicast-delivery.h"

#include <ns3/inet-socket-address.h>
#include <ns3/log.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimMulticastDelivery");

NS_OBJECT_ENSURE_REGISTERED(MulticastDelivery);

TypeId
MulticastDelivery::GetTypeId()
{
    static TypeId tid = TypeId("ns3::gcsim::MulticastDelivery")
                            .SetParent<DeliveryMode>()
                            .SetGroupName("Gcsim")
                            .AddConstructor<MulticastDelivery>();
    return tid;
}

std::string
MulticastDelivery::GetName() const
{
    return "multicast";
}

std::vector<uint32_t>
MulticastDelivery::Destinations(const GroupDirectory& dir, uint32_t) const
{
    return dir.members;
}

void
MulticastDelivery::Send(Ptr<Socket> socket, Ptr<const Packet> message, const GroupDirectory& dir,
                        uint32_t)
{
    NS_LOG_FUNCTION(this << socket << message);
    socket->SendTo(message->Copy(), 0, InetSocketAddress(dir.group, dir.port));
}

} // namespace gcsim
} // namespace ns3
