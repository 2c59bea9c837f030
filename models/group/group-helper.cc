#include "group-helper.h"

#include "group-client.h"
#include "group-membership.h"
#include "group-server.h"
#include "group-sink.h"
#include "group-source.h"

#include <algorithm>
#include <ns3/boolean.h>
#include <ns3/ipv4-address.h>
#include <ns3/log.h>
#include <ns3/pointer.h>
#include <ns3/uinteger.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimGroupHelper");

GroupServerHelper::GroupServerHelper(Ptr<DeliveryMode> mode, const GroupDirectory& directory)
  : m_directory(directory)
{
    NS_LOG_FUNCTION(this << mode);
    m_factory.SetTypeId(GroupServer::GetTypeId());
    m_factory.Set("DeliveryMode", PointerValue(mode));
    m_factory.Set("Port", UintegerValue(directory.port));
}

void
GroupServerHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    NS_LOG_FUNCTION(this << name);
    m_factory.Set(name, value);
}

ApplicationContainer
GroupServerHelper::Install(NodeContainer nodes) const
{
    ApplicationContainer apps;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<GroupServer> server = m_factory.Create<GroupServer>();
        server->SetDirectory(m_directory);
        (*it)->AddApplication(server);
        apps.Add(server);
    }
    return apps;
}

GroupClientHelper::GroupClientHelper(Ipv4Address server, uint16_t port)
{
    NS_LOG_FUNCTION(this << server << port);
    m_factory.SetTypeId(GroupClient::GetTypeId());
    m_factory.Set("Server", Ipv4AddressValue(server));
    m_factory.Set("Port", UintegerValue(port));
}

void
GroupClientHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    NS_LOG_FUNCTION(this << name);
    m_factory.Set(name, value);
}

void
GroupClientHelper::SetMembers(const std::vector<uint32_t>& members)
{
    NS_LOG_FUNCTION(this);
    m_members = members;
    std::sort(m_members.begin(), m_members.end());
}

ApplicationContainer
GroupClientHelper::Install(NodeContainer nodes, uint32_t firstNumber) const
{
    ApplicationContainer apps;
    uint32_t number = firstNumber;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it, ++number)
    {
        GroupMembership::Install(*it);
        Ptr<GroupClient> client = m_factory.Create<GroupClient>();
        client->SetAttribute("ClientNumber", UintegerValue(number));
        client->SetAttribute(
            "Member", BooleanValue(std::binary_search(m_members.begin(), m_members.end(), number)));
        (*it)->AddApplication(client);
        apps.Add(client);
    }
    return apps;
}

GroupFeedHelper::GroupFeedHelper(uint16_t port)
{
    NS_LOG_FUNCTION(this << port);
    m_source.SetTypeId(GroupSource::GetTypeId());
    m_source.Set("Port", UintegerValue(port));
    m_sink.SetTypeId(GroupSink::GetTypeId());
    m_sink.Set("Port", UintegerValue(port));
}

void
GroupFeedHelper::SetSourceAttribute(const std::string& name, const AttributeValue& value)
{
    NS_LOG_FUNCTION(this << name);
    m_source.Set(name, value);
}

namespace
{

/// An application of \p factory's type \p App on \p node, its number attribute \p numberName
/// set to \p number, for \p groups.
template<typename App>
ApplicationContainer
InstallFeed(const ObjectFactory& factory, Ptr<Node> node, const char* numberName, uint32_t number,
            const std::vector<Ipv4Address>& groups)
{
    Ptr<App> app = factory.Create<App>();
    app->SetAttribute(numberName, UintegerValue(number));
    app->SetGroups(groups);
    node->AddApplication(app);
    return ApplicationContainer(app);
}

} // namespace

ApplicationContainer
GroupFeedHelper::InstallSource(Ptr<Node> node, uint32_t origin,
                               const std::vector<Ipv4Address>& groups) const
{
    return InstallFeed<GroupSource>(m_source, node, "Origin", origin, groups);
}

ApplicationContainer
GroupFeedHelper::InstallSink(Ptr<Node> node, uint32_t client,
                             const std::vector<Ipv4Address>& groups) const
{
    return InstallFeed<GroupSink>(m_sink, node, "Client", client, groups);
}

} // namespace gcsim
} // namespace ns3
