#include "link-failure.h"

#include <ns3/csma-net-device.h>
#include <ns3/log.h>
#include <ns3/point-to-point-net-device.h>
#include <ns3/pointer.h>
#include <stdexcept>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimLinkFailure");

NS_OBJECT_ENSURE_REGISTERED(LinkFailure);

TypeId
LinkFailure::GetTypeId()
{
    static TypeId tid = TypeId("ns3::gcsim::LinkFailure")
                            .SetParent<ErrorModel>()
                            .SetGroupName("Gcsim")
                            .AddConstructor<LinkFailure>();
    return tid;
}

LinkFailure::LinkFailure()
{
    NS_LOG_FUNCTION(this);
}

LinkFailure::~LinkFailure()
{
    NS_LOG_FUNCTION(this);
}

Ptr<LinkFailure>
LinkFailure::Wrap(Ptr<NetDevice> device)
{
    NS_LOG_FUNCTION(device);
    if (!DynamicCast<PointToPointNetDevice>(device) && !DynamicCast<CsmaNetDevice>(device))
    {
        throw std::logic_error("a LinkFailure goes on a point-to-point or CSMA device");
    }
    PointerValue current;
    device->GetAttribute("ReceiveErrorModel", current);
    Ptr<ErrorModel> inner = current.Get<ErrorModel>();
    if (auto failure = DynamicCast<LinkFailure>(inner))
    {
        return failure;
    }
    Ptr<LinkFailure> failure = CreateObject<LinkFailure>();
    failure->m_inner = inner;
    device->SetAttribute("ReceiveErrorModel", PointerValue(failure));
    return failure;
}

void
LinkFailure::SetDown(bool down)
{
    NS_LOG_FUNCTION(this << down);
    m_down = down;
}

bool
LinkFailure::IsDown() const
{
    return m_down;
}

uint64_t
LinkFailure::GetLost() const
{
    return m_lost;
}

bool
LinkFailure::DoCorrupt(Ptr<Packet> p)
{
    NS_LOG_FUNCTION(this << p);
    if (m_down)
    {
        ++m_lost;
        return true;
    }
    return m_inner && m_inner->IsCorrupt(p);
}

void
LinkFailure::DoReset()
{
    NS_LOG_FUNCTION(this);
    if (m_inner)
    {
        m_inner->Reset();
    }
}

void
LinkFailure::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_inner = nullptr;
    ErrorModel::DoDispose();
}

} // namespace gcsim
} // namespace ns3
