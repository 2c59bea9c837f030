#include "membership-model.h"

#include "../group/group-membership.h"

#include <algorithm>
#include <ns3/boolean.h>
#include <ns3/log.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimMembershipModel");

NS_OBJECT_ENSURE_REGISTERED(MembershipModel);

TypeId
MembershipModel::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::gcsim::MembershipModel")
            .SetParent<Object>()
            .SetGroupName("Gcsim")
            .AddTraceSource("Change",
                            "A client joined (true) or left (false) the group, by its own state; "
                            "its NICs' filters already follow.",
                            MakeTraceSourceAccessor(&MembershipModel::m_changeTrace),
                            "ns3::gcsim::MembershipModel::ChangeCallback")
            .AddTraceSource("ControlTx",
                            "A membership control packet (the IP packet) leaves a node.",
                            MakeTraceSourceAccessor(&MembershipModel::m_controlTxTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("InterfaceMembers",
                            "Whether a router counts members of the group on one of its "
                            "interfaces changed: router node id, interface, members now.",
                            MakeTraceSourceAccessor(&MembershipModel::m_interfaceTrace),
                            "ns3::gcsim::MembershipModel::InterfaceMembersCallback");
    return tid;
}

MembershipModel::MembershipModel()
{
    NS_LOG_FUNCTION(this);
}

MembershipModel::~MembershipModel()
{
    NS_LOG_FUNCTION(this);
}

void
MembershipModel::Setup(const Network& network, const RoutingGraph& graph, MulticastRouting variant,
                       const MulticastGroup& group, Ptr<GroupServer> server,
                       const ApplicationContainer& clients, Ptr<DeliveryMode> mode,
                       const GroupDirectory& directory)
{
    NS_LOG_FUNCTION(this << variant << server << mode);
    m_network = &network;
    m_graph = &graph;
    m_variant = variant;
    m_group = group;
    m_server = server;
    m_clients = clients;
    m_mode = mode;
    m_directory = directory;
    m_members = directory.members;
    m_ports.clear();
    m_memberInterfaces.clear();
    // Where routing protocols find the model: network.Server()->GetObject<MembershipModel>().
    server->GetNode()->AggregateObject(this);
    auto ports = RouterPorts();
    for (uint32_t m : m_members)
    {
        for (const auto& port : ports[m])
        {
            m_memberInterfaces.insert(port);
        }
    }
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
                        m_ports[client->second].push_back(
                            {sw, port, Mac48Address::ConvertFrom(host->GetAddress())});
                    }
                }
            }
        }
    }
}

const std::vector<uint32_t>&
MembershipModel::GetMembers() const
{
    return m_members;
}

bool
MembershipModel::HasMembers(uint32_t router, uint32_t interface) const
{
    return m_memberInterfaces.count({router, interface}) > 0;
}

bool
MembershipModel::SetMember(uint32_t client, bool member)
{
    NS_LOG_FUNCTION(this << client << member);
    auto at = std::lower_bound(m_members.begin(), m_members.end(), client);
    bool is = at != m_members.end() && *at == client;
    if (is == member)
    {
        return false;
    }
    if (member)
    {
        m_members.insert(at, client);
    }
    else
    {
        m_members.erase(at);
    }
    return true;
}

void
MembershipModel::ApplyToHost(uint32_t client, bool joined)
{
    NS_LOG_FUNCTION(this << client << joined);
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
}

void
MembershipModel::SetInterfaceMembers(uint32_t router, uint32_t interface, bool members)
{
    NS_LOG_FUNCTION(this << router << interface << members);
    bool had = m_memberInterfaces.count({router, interface}) > 0;
    if (had == members)
    {
        return;
    }
    NS_LOG_INFO("router " << router << " interface "
                          << interface << (members ? " has members now" : " has no member left"));
    if (members)
    {
        m_memberInterfaces.insert({router, interface});
    }
    else
    {
        m_memberInterfaces.erase({router, interface});
    }
    m_interfaceTrace(router, interface, members);
}

void
MembershipModel::Reroute(const std::vector<uint32_t>& memberNodes)
{
    NS_LOG_FUNCTION(this);
    // Dense mode follows the InterfaceMembers trace itself: it grafts and prunes.
    if (!m_network->IsRouted() || m_variant == MulticastRouting::DENSE)
    {
        return;
    }
    NS_LOG_LOGIC("routes again for " << memberNodes.size() << " member hosts");
    RemoveMulticastRoutes(*m_network, m_group.address);
    m_group.members = memberNodes;
    InstallMulticastRoutes(m_variant, *m_network, *m_graph, m_group);
}

void
MembershipModel::Redirect(const std::vector<uint32_t>& known)
{
    NS_LOG_FUNCTION(this);
    m_directory.members = known;
    m_server->SetDirectory(m_directory);
    m_mode->Configure(m_directory, m_clients);
}

std::vector<std::vector<std::pair<uint32_t, uint32_t>>>
MembershipModel::RouterPorts() const
{
    std::vector<std::vector<std::pair<uint32_t, uint32_t>>> ports(m_network->ClientCount() + 1);
    for (uint32_t c = 1; c <= m_network->ClientCount(); ++c)
    {
        uint32_t host = m_network->hosts.Get(c)->GetId();
        for (const auto& at : m_graph->Attachments(host))
        {
            for (uint32_t node : m_graph->NodesOn(at.link))
            {
                if (m_graph->IsRouter(node))
                {
                    ports[c].emplace_back(node, m_graph->InterfaceOn(node, at.link));
                }
            }
        }
    }
    return ports;
}

void
MembershipModel::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_server = nullptr;
    m_mode = nullptr;
    m_clients = ApplicationContainer();
    m_ports.clear();
    Object::DoDispose();
}

} // namespace gcsim
} // namespace ns3
