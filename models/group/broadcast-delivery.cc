#include "broadcast-delivery.h"

#include <ns3/inet-socket-address.h>
#include <ns3/log.h>
#include <numeric>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimBroadcastDelivery");

NS_OBJECT_ENSURE_REGISTERED(BroadcastDelivery);

TypeId
BroadcastDelivery::GetTypeId()
{
    static TypeId tid = TypeId("ns3::gcsim::BroadcastDelivery")
                            .SetParent<DeliveryMode>()
                            .SetGroupName("Gcsim")
                            .AddConstructor<BroadcastDelivery>();
    return tid;
}

std::string
BroadcastDelivery::GetName() const
{
    return "broadcast";
}

std::vector<uint32_t>
BroadcastDelivery::Destinations(const GroupDirectory& dir, uint32_t) const
{
    std::vector<uint32_t> all(dir.ClientCount());
    std::iota(all.begin(), all.end(), 1U);
    return all;
}

void
BroadcastDelivery::Prepare(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    socket->SetAllowBroadcast(true);
}

void
BroadcastDelivery::Send(Ptr<Socket> socket, Ptr<const Packet> message, const GroupDirectory& dir,
                        uint32_t)
{
    NS_LOG_FUNCTION(this << socket << message);
    socket->SendTo(message->Copy(), 0, InetSocketAddress(dir.broadcast, dir.port));
}

} // namespace gcsim
} // namespace ns3
