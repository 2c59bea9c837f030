#ifndef GCSIM_GOSSIP_DELIVERY_H
#define GCSIM_GOSSIP_DELIVERY_H

#include "../group/delivery-mode.h"
#include "gossip-agent.h"

namespace ns3
{
namespace gcsim
{

/**
 * \brief The epidemic delivery modes: P1 hands each message to its GossipAgent, and the
 * members' agents spread it among themselves (push, pull, push-pull, rumour, lazy-push).
 *
 * The destinations are the group's members; P1's socket sends nothing itself.
 */
class GossipDelivery : public DeliveryMode
{
public:
    static TypeId GetTypeId();
    std::vector<uint32_t> Destinations(const GroupDirectory& dir, uint32_t target) const override;
    void Send(Ptr<Socket> socket, Ptr<const Packet> message, const GroupDirectory& dir,
              uint32_t target) override;

    /// The protocol this mode runs.
    virtual GossipProtocol Protocol() const = 0;
    /// P1's agent, which starts each message.
    void SetOrigin(Ptr<GossipAgent> agent);

    /// The protocol of the mode called \p name; nullopt if it is not a gossip mode.
    static std::optional<GossipProtocol> ProtocolOf(const std::string& name);

protected:
    void DoDispose() override;

private:
    Ptr<GossipAgent> m_origin;
};

#define GCSIM_GOSSIP_MODE(Class)                                                                   \
    class Class : public GossipDelivery                                                            \
    {                                                                                              \
    public:                                                                                        \
        static TypeId GetTypeId();                                                                 \
        std::string GetName() const override;                                                      \
        GossipProtocol Protocol() const override;                                                  \
    };

/// `push`: informed nodes push to `fanout` peers each round, or once on receipt.
GCSIM_GOSSIP_MODE(PushGossipDelivery)
/// `pull`: every node asks `fanout` peers each round for what it lacks.
GCSIM_GOSSIP_MODE(PullGossipDelivery)
/// `push-pull`: every node exchanges with `fanout` peers each round, both ways.
GCSIM_GOSSIP_MODE(PushPullGossipDelivery)
/// `rumour`: rumour mongering, losing interest by feedback and a counter or blindly.
GCSIM_GOSSIP_MODE(RumourGossipDelivery)
/// `lazy-push`: Plumtree's eager push on a tree, lazy announcements, grafts.
GCSIM_GOSSIP_MODE(LazyPushGossipDelivery)

#undef GCSIM_GOSSIP_MODE

} // namespace gcsim
} // namespace ns3

#endif
