#include "replicated-unicast-delivery.h"

#include <ns3/inet-socket-address.h>
#include <ns3/log.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimReplicatedUnicastDelivery");

NS_OBJECT_ENSURE_REGISTERED(ReplicatedUnicastDelivery);

TypeId
ReplicatedUnicastDelivery::GetTypeId()
{
    static TypeId tid = TypeId("ns3::gcsim::ReplicatedUnicastDelivery")
                            .SetParent<DeliveryMode>()
                            .SetGroupName("Gcsim")
                            .AddConstructor<ReplicatedUnicastDelivery>();
    return tid;
}

std::string
ReplicatedUnicastDelivery::GetName() const
{
    return "replicated-unicast";
}

std::vector<uint32_t>
ReplicatedUnicastDelivery::Destinations(const GroupDirectory& dir, uint32_t) const
{
    return dir.members;
}

void
ReplicatedUnicastDelivery::Send(Ptr<Socket> socket, Ptr<const Packet> message,
                                const GroupDirectory& dir, uint32_t)
{
    NS_LOG_FUNCTION(this << socket << message);
    for (uint32_t member : dir.members)
    {
        socket->SendTo(message->Copy(), 0, InetSocketAddress(dir.ClientAddress(member), dir.port));
    }
}

} // namespace gcsim
} // namespace ns3
