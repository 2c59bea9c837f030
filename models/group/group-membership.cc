#include "group-membership.h"

#include "../network/mesh-routing.h"
#include "multicast-nic-filter.h"

#include <algorithm>
#include <ns3/csma-net-device.h>
#include <ns3/log.h>
#include <ns3/point-to-point-net-device.h>
#include <ns3/pointer.h>
#include <ns3/wifi-net-device.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimGroupMembership");

NS_OBJECT_ENSURE_REGISTERED(GroupMembership);

TypeId
GroupMembership::GetTypeId()
{
    static TypeId tid = TypeId("ns3::gcsim::GroupMembership")
                            .SetParent<Object>()
                            .SetGroupName("Gcsim")
                            .AddConstructor<GroupMembership>()
                            .AddTraceSource("Join", "The host joined a group.",
                                            MakeTraceSourceAccessor(&GroupMembership::m_joinTrace),
                                            "ns3::gcsim::GroupMembership::GroupCallback")
                            .AddTraceSource("Leave", "The host left a group.",
                                            MakeTraceSourceAccessor(&GroupMembership::m_leaveTrace),
                                            "ns3::gcsim::GroupMembership::GroupCallback");
    return tid;
}

GroupMembership::GroupMembership()
{
    NS_LOG_FUNCTION(this);
}

GroupMembership::~GroupMembership()
{
    NS_LOG_FUNCTION(this);
}

void
GroupMembership::Join(Ipv4Address group)
{
    NS_LOG_FUNCTION(this << group);
    if (!IsMember(group))
    {
        NS_LOG_INFO("joins " << group);
        m_groups.push_back(group);
        m_joinTrace(group);
    }
}

void
GroupMembership::Leave(Ipv4Address group)
{
    NS_LOG_FUNCTION(this << group);
    auto it = std::find(m_groups.begin(), m_groups.end(), group);
    if (it != m_groups.end())
    {
        NS_LOG_INFO("leaves " << group);
        m_groups.erase(it);
        m_leaveTrace(group);
    }
}

bool
GroupMembership::IsMember(Ipv4Address group) const
{
    return std::find(m_groups.begin(), m_groups.end(), group) != m_groups.end();
}

Ptr<GroupMembership>
GroupMembership::Install(Ptr<Node> node)
{
    NS_LOG_FUNCTION(node);
    Ptr<GroupMembership> membership = node->GetObject<GroupMembership>();
    if (membership)
    {
        return membership;
    }
    membership = CreateObject<GroupMembership>();
    node->AggregateObject(membership);
    if (Ptr<MeshRouting> mesh = MeshRouting::Of(node))
    {
        // A mesh node forwards every group's datagrams: its NIC takes them all in and its
        // routing delivers only the groups the host joined.
        mesh->SetMembership(MakeCallback(&GroupMembership::IsMember, membership));
        return membership;
    }
    for (uint32_t i = 0; i < node->GetNDevices(); ++i)
    {
        Ptr<NetDevice> device = node->GetDevice(i);
        // The filter goes in front of the device's model so far (a lossy link's FrameLoss).
        PointerValue behind;
        if (auto csma = DynamicCast<CsmaNetDevice>(device))
        {
            csma->GetAttribute("ReceiveErrorModel", behind);
            csma->SetReceiveErrorModel(MulticastNicFilter::Create(
                membership, MulticastNicFilter::ETHERNET, behind.Get<ErrorModel>()));
        }
        else if (auto wifi = DynamicCast<WifiNetDevice>(device))
        {
            MulticastNicFilter::InstallOnWifi(wifi, membership);
        }
        else if (auto p2p = DynamicCast<PointToPointNetDevice>(device))
        {
            p2p->GetAttribute("ReceiveErrorModel", behind);
            p2p->SetReceiveErrorModel(MulticastNicFilter::Create(
                membership, MulticastNicFilter::PPP, behind.Get<ErrorModel>()));
        }
    }
    return membership;
}

} // namespace gcsim
} // namespace ns3
