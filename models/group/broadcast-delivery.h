#ifndef GCSIM_BROADCAST_DELIVERY_H
#define GCSIM_BROADCAST_DELIVERY_H

#include "delivery-mode.h"

namespace ns3
{
namespace gcsim
{

/**
 * \brief The `broadcast` delivery mode: one datagram to 255.255.255.255.
 *
 * On a LAN it is one frame to ff:ff:ff:ff:ff:ff that every host's stack processes, member
 * or not; the destinations are every client.
 */
class BroadcastDelivery : public DeliveryMode
{
public:
    static TypeId GetTypeId();
    std::string GetName() const override;
    std::vector<uint32_t> Destinations(const GroupDirectory& dir, uint32_t target) const override;
    void Prepare(Ptr<Socket> socket) override;
    void Send(Ptr<Socket> socket, Ptr<const Packet> message, const GroupDirectory& dir,
              uint32_t target) override;
};

} // namespace gcsim
} // namespace ns3

#endif
