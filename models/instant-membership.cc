#include "instant-membership.h"

#include "group-client.h"
#include "group-membership.h"

#include <algorithm>
#include <ns3/boolean.h>

namespace ns3
{
namespace gcsim
{

NS_OBJECT_ENSURE_REGISTERED(InstantMembership);

TypeId
InstantMembership::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::gcsim::InstantMembership")
            .SetParent<Object>()
            .SetGroupName("Gcsim")
            .AddConstructor<InstantMembership>()
            .AddTraceSource("Change",
                            "A client joined (true) or left (false) the group; every host, "
                            "switch and router already holds the new membership.",
                            MakeTraceSourceAccessor(&InstantMembership::m_changeTrace),
                            "ns3::gcsim::InstantMembership::ChangeCallback")
            .AddTraceSource("ControlTx",
                            "A membership control packet leaves a node (never, in the instant "
                            "model: its controller reaches every node without the network).",
                            MakeTraceSourceAccessor(&InstantMembership::m_controlTxTrace),
                            "ns3::Packet::TracedCallback");
    return tid;
}

void
InstantMembership::Setup(const Network& network, const RoutingGraph& graph,
                         const std::string& variant, const MulticastGroup& group,
                         Ptr<GroupServer> server, const ApplicationContainer& clients,
                         Ptr<DeliveryMode> mode, const GroupDirectory& directory)
{
    m_network = &network;
    m_graph = &graph;
    m_variant = variant;
    m_group = group;
    m_server = server;
    m_clients = clients;
    m_mode = mode;
    m_directory = directory;
    m_ports.clear();
    // A client's own cable to a snooping switch: the switch's end is the port towards it.
    if (network.switches.GetN() == 0)
    {
        return;
    }
    std::map<uint32_t, uint32_t> clientOf; // node id -> client number
    for (uint32_t c = 1; c <= network.ClientCount(); ++c)
    {
        clientOf[network.hosts.Get(c)->GetId()] = c;
    }
    for (const Link& link : network.links)
    {
        for (const auto& host : link.ends)
        {
            auto client = clientOf.find(host->GetNode()->GetId());
            if (client == clientOf.end())
            {
                continue;
            }
            for (const auto& port : link.ends)
            {
                Ptr<Node> node = port->GetNode();
                for (uint32_t d = 0; port != host && d < node->GetNDevices(); ++d)
                {
                    if (auto sw = DynamicCast<SnoopingSwitch>(node->GetDevice(d)))
                    {
                        m_ports[client->second].emplace_back(sw, port);
                    }
                }
            }
        }
    }
}

void
InstantMembership::Join(uint32_t client)
{
    auto& members = m_directory.members;
    auto at = std::lower_bound(members.begin(), members.end(), client);
    if (at != members.end() && *at == client)
    {
        return;
    }
    members.insert(at, client);
    Apply(client, true);
}

void
InstantMembership::Leave(uint32_t client)
{
    auto& members = m_directory.members;
    auto at = std::lower_bound(members.begin(), members.end(), client);
    if (at == members.end() || *at != client)
    {
        return;
    }
    members.erase(at);
    Apply(client, false);
}

const std::vector<uint32_t>&
InstantMembership::GetMembers() const
{
    return m_directory.members;
}

void
InstantMembership::Apply(uint32_t client, bool joined)
{
    Ptr<Application> app = m_clients.Get(client - 1);
    Ptr<GroupMembership> membership = GroupMembership::Install(app->GetNode());
    if (joined)
    {
        membership->Join(m_group.address);
    }
    else
    {
        membership->Leave(m_group.address);
    }
    // A client that has not started yet joins at its start only if it is a member then.
    app->SetAttribute("Member", BooleanValue(joined));
    for (const auto& [sw, port] : m_ports[client])
    {
        if (joined)
        {
            sw->AddGroupMember(m_group.address, port);
        }
        else
        {
            sw->RemoveGroupMember(m_group.address, port);
        }
    }
    if (m_network->IsRouted() && m_routingHook)
    {
        m_routingHook(app->GetNode()->GetId());
    }
    else if (m_network->IsRouted())
    {
        RemoveMulticastRoutes(*m_network, m_group.address);
        m_group.members.clear();
        for (uint32_t m : m_directory.members)
        {
            m_group.members.push_back(m_network->hosts.Get(m)->GetId());
        }
        InstallMulticastRoutes(m_variant, *m_network, *m_graph, m_group);
    }
    m_server->SetDirectory(m_directory);
    m_mode->Configure(m_directory, m_clients);
    m_changeTrace(client, joined);
}

void
InstantMembership::SetRoutingHook(std::function<void(uint32_t host)> hook)
{
    m_routingHook = std::move(hook);
}

void
InstantMembership::DoDispose()
{
    m_server = nullptr;
    m_mode = nullptr;
    m_clients = ApplicationContainer();
    m_ports.clear();
    m_routingHook = nullptr;
    Object::DoDispose();
}

} // namespace gcsim
} // namespace ns3
