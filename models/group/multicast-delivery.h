#ifndef GCSIM_MULTICAST_DELIVERY_H
#define GCSIM_MULTICAST_DELIVERY_H

#include "delivery-mode.h"

namespace ns3
{
namespace gcsim
{

/**
 * \brief The `multicast` delivery mode: one datagram to the group address.
 *
 * The network replicates it; hosts that have not joined the group filter it at the NIC.
 */
class MulticastDelivery : public DeliveryMode
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
