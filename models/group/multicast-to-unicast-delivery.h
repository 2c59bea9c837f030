#ifndef GCSIM_MULTICAST_TO_UNICAST_DELIVERY_H
#define GCSIM_MULTICAST_TO_UNICAST_DELIVERY_H

#include "multicast-delivery.h"

namespace ns3
{
namespace gcsim
{

/**
 * \brief The `multicast-to-unicast` delivery mode (Wi-Fi): P1 sends one datagram to the
 * group, as `multicast` does, and the access point sends each group frame on to every
 * member station as an acknowledged unicast frame at the station's own rate (the idea of
 * 802.11aa's directed multicast service, and of an access point's multicast_to_unicast).
 *
 * P1's side is multicast's; the conversion is the network's (SnoopingSwitch's
 * multicast-to-unicast port, set on the access point's radio when the network is built for
 * this mode).
 */
class MulticastToUnicastDelivery : public MulticastDelivery
{
public:
    static TypeId GetTypeId();
    std::string GetName() const override;
};

} // namespace gcsim
} // namespace ns3

#endif
