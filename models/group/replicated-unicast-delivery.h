#ifndef GCSIM_REPLICATED_UNICAST_DELIVERY_H
#define GCSIM_REPLICATED_UNICAST_DELIVERY_H

#include "delivery-mode.h"

namespace ns3
{
namespace gcsim
{

/**
 * \brief The `replicated-unicast` delivery mode: P1 sends one datagram per member, back to
 * back, in ascending client order, so P1's uplink carries |G| frames per message.
 */
class ReplicatedUnicastDelivery : public DeliveryMode
{
public:
    static TypeId GetTypeId();
    std::string GetName() const override;
    std::vector<uint32_t> Destinations(const GroupDirectory& dir, uint32_t target) const override;
    void Send(Ptr<Socket> socket, Ptr<const Packet> message, const GroupDirectory& dir,
              uint32_t target) override;
};

} // namespace gcsim
} // namespace ns3

#endif
