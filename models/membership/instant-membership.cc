#include "instant-membership.h"

#include <ns3/log.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimInstantMembership");

NS_OBJECT_ENSURE_REGISTERED(InstantMembership);

TypeId
InstantMembership::GetTypeId()
{
    static TypeId tid = TypeId("ns3::gcsim::InstantMembership")
                            .SetParent<MembershipModel>()
                            .SetGroupName("Gcsim")
                            .AddConstructor<InstantMembership>();
    return tid;
}

void
InstantMembership::Join(uint32_t client)
{
    NS_LOG_FUNCTION(this << client);
    if (SetMember(client, true))
    {
        Apply(client, true);
    }
}

void
InstantMembership::Leave(uint32_t client)
{
    NS_LOG_FUNCTION(this << client);
    if (SetMember(client, false))
    {
        Apply(client, false);
    }
}

void
InstantMembership::Apply(uint32_t client, bool joined)
{
    NS_LOG_FUNCTION(this << client << joined);
    NS_LOG_INFO("client " << client << (joined ? " joins" : " leaves") << " at once");
    ApplyToHost(client, joined);
    for (const auto& [sw, port, host] : m_ports[client])
    {
        if (joined)
        {
            sw->AddGroupMember(m_group.address, port, host);
        }
        else
        {
            sw->RemoveGroupMember(m_group.address, port, host);
        }
    }
    if (m_network->IsRouted())
    {
        auto ports = RouterPorts();
        std::set<std::pair<uint32_t, uint32_t>> now;
        std::vector<uint32_t> nodes;
        for (uint32_t m : m_members)
        {
            nodes.push_back(m_network->hosts.Get(m)->GetId());
            now.insert(ports[m].begin(), ports[m].end());
        }
        for (const auto& port : ports[client])
        {
            SetInterfaceMembers(port.first, port.second, now.count(port) > 0);
        }
        Reroute(nodes);
    }
    Redirect(m_members);
    m_changeTrace(client, joined);
}

} // namespace gcsim
} // namespace ns3
