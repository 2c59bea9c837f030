#include "delivery-mode.h"

#include "broadcast-delivery.h"
#include "multicast-delivery.h"
#include "multicast-to-unicast-delivery.h"
#include "overlay-delivery.h"
#include "replicated-unicast-delivery.h"
#include "unicast-delivery.h"

#include <algorithm>
#include <ns3/log.h>
#include <ns3/object-factory.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimDeliveryMode");

NS_OBJECT_ENSURE_REGISTERED(DeliveryMode);

Ipv4Address
GroupDirectory::ClientAddress(uint32_t n) const
{
    return clients.at(n - 1);
}

uint32_t
GroupDirectory::ClientCount() const
{
    return static_cast<uint32_t>(clients.size());
}

bool
GroupDirectory::IsMember(uint32_t n) const
{
    return std::binary_search(members.begin(), members.end(), n);
}

TypeId
DeliveryMode::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::gcsim::DeliveryMode").SetParent<Object>().SetGroupName("Gcsim");
    return tid;
}

void
DeliveryMode::Configure(const GroupDirectory&, const ApplicationContainer&)
{
    NS_LOG_FUNCTION(this);
}

void
DeliveryMode::Prepare(Ptr<Socket>)
{
    NS_LOG_FUNCTION(this);
}

const std::vector<DeliveryModeEntry>&
DeliveryModeTable()
{
    static const std::vector<DeliveryModeEntry> table = {
        {"unicast", &UnicastDelivery::GetTypeId, "one datagram to one client (the target)"},
        {"replicated-unicast", &ReplicatedUnicastDelivery::GetTypeId,
         "one datagram per group member, sent back to back by P1"},
        {"multicast", &MulticastDelivery::GetTypeId,
         "one datagram to the group address; the network replicates it"},
        {"broadcast", &BroadcastDelivery::GetTypeId,
         "one datagram to every client; every host processes it"},
        {"overlay", &OverlayDelivery::GetTypeId,
         "a few unicasts to P1's children in a k-ary tree of the members, who relay"},
        {"multicast-to-unicast", &MulticastToUnicastDelivery::GetTypeId,
         "Wi-Fi: multicast from P1; the access point sends each member an acknowledged "
         "unicast copy"},
        // The gossip modes live in models/gossip/, a layer above this one: named, not included.
        {"push", [] { return TypeId::LookupByName("ns3::gcsim::PushGossipDelivery"); },
         "gossip: informed members push to `fanout` random peers each round (or once, "
         "event-driven)"},
        {"pull", [] { return TypeId::LookupByName("ns3::gcsim::PullGossipDelivery"); },
         "gossip: every member asks a random peer each round for what it lacks"},
        {"push-pull", [] { return TypeId::LookupByName("ns3::gcsim::PushPullGossipDelivery"); },
         "gossip: every member exchanges what it has with a random peer each round"},
        {"rumour", [] { return TypeId::LookupByName("ns3::gcsim::RumourGossipDelivery"); },
         "gossip: rumour mongering, pushing while the rumour is hot (feedback and counter, or "
         "blind coin)"},
        {"lazy-push", [] { return TypeId::LookupByName("ns3::gcsim::LazyPushGossipDelivery"); },
         "gossip: eager push on a tree, announcements to the other peers, grafts (Plumtree)"},
    };
    return table;
}

Ptr<DeliveryMode>
CreateDeliveryMode(const std::string& name)
{
    NS_LOG_FUNCTION(name);
    for (const auto& entry : DeliveryModeTable())
    {
        if (name == entry.name)
        {
            ObjectFactory factory;
            factory.SetTypeId(entry.typeId());
            return factory.Create<DeliveryMode>();
        }
    }
    return nullptr;
}

} // namespace gcsim
} // namespace ns3
