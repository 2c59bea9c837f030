#include "gossip-delivery.h"

#include <ns3/log.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimGossipDelivery");

NS_OBJECT_ENSURE_REGISTERED(GossipDelivery);

TypeId
GossipDelivery::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::gcsim::GossipDelivery").SetParent<DeliveryMode>().SetGroupName("Gcsim");
    return tid;
}

std::vector<uint32_t>
GossipDelivery::Destinations(const GroupDirectory& dir, uint32_t) const
{
    return dir.members;
}

void
GossipDelivery::Send(Ptr<Socket>, Ptr<const Packet> message, const GroupDirectory&, uint32_t)
{
    NS_LOG_FUNCTION(this << message);
    NS_ABORT_MSG_IF(!m_origin, "gossip mode " << GetName() << " has no agent on P1");
    m_origin->Originate(message);
}

void
GossipDelivery::SetOrigin(Ptr<GossipAgent> agent)
{
    m_origin = agent;
}

void
GossipDelivery::DoDispose()
{
    m_origin = nullptr;
    DeliveryMode::DoDispose();
}

std::optional<GossipProtocol>
GossipDelivery::ProtocolOf(const std::string& name)
{
    static const std::vector<std::pair<std::string, GossipProtocol>> table = {
        {"push", GossipProtocol::PUSH},           {"pull", GossipProtocol::PULL},
        {"push-pull", GossipProtocol::PUSH_PULL}, {"rumour", GossipProtocol::RUMOUR},
        {"lazy-push", GossipProtocol::LAZY_PUSH},
    };
    for (const auto& [n, p] : table)
    {
        if (n == name)
        {
            return p;
        }
    }
    return std::nullopt;
}

#define GCSIM_GOSSIP_MODE(Class, name, protocol)                                                   \
    NS_OBJECT_ENSURE_REGISTERED(Class);                                                            \
    TypeId Class::GetTypeId()                                                                      \
    {                                                                                              \
        static TypeId tid = TypeId("ns3::gcsim::" #Class)                                          \
                                .SetParent<GossipDelivery>()                                       \
                                .SetGroupName("Gcsim")                                             \
                                .AddConstructor<Class>();                                          \
        return tid;                                                                                \
    }                                                                                              \
    std::string Class::GetName() const                                                             \
    {                                                                                              \
        return name;                                                                               \
    }                                                                                              \
    GossipProtocol Class::Protocol() const                                                         \
    {                                                                                              \
        return GossipProtocol::protocol;                                                           \
    }

GCSIM_GOSSIP_MODE(PushGossipDelivery, "push", PUSH)
GCSIM_GOSSIP_MODE(PullGossipDelivery, "pull", PULL)
GCSIM_GOSSIP_MODE(PushPullGossipDelivery, "push-pull", PUSH_PULL)
GCSIM_GOSSIP_MODE(RumourGossipDelivery, "rumour", RUMOUR)
GCSIM_GOSSIP_MODE(LazyPushGossipDelivery, "lazy-push", LAZY_PUSH)

#undef GCSIM_GOSSIP_MODE

} // namespace gcsim
} // namespace ns3
