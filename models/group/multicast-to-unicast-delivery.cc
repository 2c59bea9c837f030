#include "multicast-to-unicast-delivery.h"

#include <ns3/log.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimMulticastToUnicastDelivery");

NS_OBJECT_ENSURE_REGISTERED(MulticastToUnicastDelivery);

TypeId
MulticastToUnicastDelivery::GetTypeId()
{
    static TypeId tid = TypeId("ns3::gcsim::MulticastToUnicastDelivery")
                            .SetParent<MulticastDelivery>()
                            .SetGroupName("Gcsim")
                            .AddConstructor<MulticastToUnicastDelivery>();
    return tid;
}

std::string
MulticastToUnicastDelivery::GetName() const
{
    return "multicast-to-unicast";
}

} // namespace gcsim
} // namespace ns3
