#ifndef GCSIM_OVERLAY_DELIVERY_H
#define GCSIM_OVERLAY_DELIVERY_H

#include "delivery-mode.h"

namespace ns3
{
namespace gcsim
{

/**
 * \brief The `overlay` delivery mode: application-level multicast over a k-ary tree of the
 * members, who relay.
 *
 * The tree is built by proximity: the members sorted by their hop count from P1 (then by
 * client number) fill a complete k-ary tree breadth first under P1, so P1's children are
 * the k nearest members, their children the next k², and so on; member i of the sorted
 * list (from 1) has parent (i - 1) / k (0 is P1). P1 sends one unicast per child; each
 * member, on receiving a message, sends one unicast per child of its own. The cost shows on
 * member hosts' uplinks and in stretch.
 */
class OverlayDelivery : public DeliveryMode
{
public:
    static TypeId GetTypeId();
    std::string GetName() const override;
    std::vector<uint32_t> Destinations(const GroupDirectory& dir, uint32_t target) const override;
    void Configure(const GroupDirectory& dir, const ApplicationContainer& clients) override;
    void Send(Ptr<Socket> socket, Ptr<const Packet> message, const GroupDirectory& dir,
              uint32_t target) override;

    /// The members in tree order (index i + 1 in the tree; P1 is 0).
    static std::vector<uint32_t> TreeOrder(const GroupDirectory& dir);

private:
    uint32_t m_fanout{2};                 //!< children per node
    std::vector<uint32_t> m_rootChildren; //!< P1's children (client numbers)
};

} // namespace gcsim
} // namespace ns3

#endif
