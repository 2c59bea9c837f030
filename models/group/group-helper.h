#ifndef GCSIM_GROUP_HELPER_H
#define GCSIM_GROUP_HELPER_H

#include "delivery-mode.h"

#include <ns3/application-container.h>
#include <ns3/ipv4-address.h>
#include <ns3/node-container.h>
#include <ns3/object-factory.h>
#include <string>
#include <vector>

namespace ns3
{
namespace gcsim
{

/**
 * \brief Puts a GroupServer (P1) on a node.
 */
class GroupServerHelper
{
public:
    GroupServerHelper(Ptr<DeliveryMode> mode, const GroupDirectory& directory);

    void SetAttribute(const std::string& name, const AttributeValue& value);
    ApplicationContainer Install(NodeContainer nodes) const;

private:
    ObjectFactory m_factory;    //!< makes GroupServer
    GroupDirectory m_directory; //!< handed to each server
};

/**
 * \brief Puts GroupClients on nodes: the i-th node becomes client FirstNumber + i.
 *
 * Every client node also gets a GroupMembership and NIC filters, members or not, so that
 * non-members filter the group's multicast frames.
 */
class GroupClientHelper
{
public:
    GroupClientHelper(Ipv4Address server, uint16_t port);

    void SetAttribute(const std::string& name, const AttributeValue& value);
    /// The client numbers (1-based) that join the group, ascending.
    void SetMembers(const std::vector<uint32_t>& members);
    ApplicationContainer Install(NodeContainer nodes, uint32_t firstNumber = 1) const;

private:
    ObjectFactory m_factory;         //!< makes GroupClient
    std::vector<uint32_t> m_members; //!< ascending
};

/**
 * \brief Puts GroupSources on nodes (P1 sending to many groups, clients sending to theirs)
 * and GroupSinks on members, each with its own list of groups.
 */
class GroupFeedHelper
{
public:
    /// Sources and sinks use \p port.
    explicit GroupFeedHelper(uint16_t port);

    /// Sets an attribute of the GroupSources made from now on.
    void SetSourceAttribute(const std::string& name, const AttributeValue& value);
    /// A GroupSource on \p node, origin \p origin (0: P1), sending to \p groups.
    ApplicationContainer InstallSource(Ptr<Node> node, uint32_t origin,
                                       const std::vector<Ipv4Address>& groups) const;
    /// A GroupSink on client \p client's \p node, a member of \p groups.
    ApplicationContainer InstallSink(Ptr<Node> node, uint32_t client,
                                     const std::vector<Ipv4Address>& groups) const;

private:
    ObjectFactory m_source; //!< makes GroupSource
    ObjectFactory m_sink;   //!< makes GroupSink
};

} // namespace gcsim
} // namespace ns3

#endif
