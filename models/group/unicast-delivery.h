#ifndef GCSIM_UNICAST_DELIVERY_H
#define GCSIM_UNICAST_DELIVERY_H

#include "delivery-mode.h"

namespace ns3
{
namespace gcsim
{

/**
 * \brief The `unicast` delivery mode: one datagram to one client, the target.
 */
class UnicastDelivery : public DeliveryMode
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
