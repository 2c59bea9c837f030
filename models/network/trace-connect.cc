#include "trace-connect.h"

#include <map>
#include <ns3/log.h>
#include <ns3/trace-source-accessor.h>
#include <ns3/type-id.h>
#include <ns3/wifi-mac.h>
#include <ns3/wifi-net-device.h>
#include <ns3/wifi-phy.h>
#include <utility>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimTraceConnect");

bool
ConnectWithoutContext(ObjectBase& object, const std::string& name, const CallbackBase& sink)
{
    // Accessors live as long as their TypeId, that is the program.
    thread_local std::map<std::pair<uint16_t, std::string>, Ptr<const TraceSourceAccessor>>
        accessors;
    TypeId tid = object.GetInstanceTypeId();
    auto key = std::make_pair(tid.GetUid(), name);
    auto it = accessors.find(key);
    if (it == accessors.end())
    {
        it = accessors.emplace(key, tid.LookupTraceSourceByName(name)).first;
    }
    return it->second && it->second->ConnectWithoutContext(&object, sink);
}

void
Subscribe(Ptr<NetDevice> device, const std::string& name, Callback<void, Ptr<const Packet>> sink)
{
    NS_LOG_FUNCTION(device << name);
    auto wifi = DynamicCast<WifiNetDevice>(device);
    if (!wifi)
    {
        Subscribe<Ptr<NetDevice>>(device, name, sink);
        return;
    }
    // An 802.11 device keeps its trace sources on its PHY and its MAC. The PHY's PhyTxBegin
    // also gives the transmit power, which a frame's collectors do not need.
    if (name == "PhyTxBegin")
    {
        Subscribe(wifi->GetPhy(), name,
                  Callback<void, Ptr<const Packet>, double>([sink](Ptr<const Packet> p, double)
                                                            { sink(p); }));
    }
    else if (name.rfind("Phy", 0) == 0)
    {
        Subscribe(wifi->GetPhy(), name, sink);
    }
    else
    {
        Subscribe(wifi->GetMac(), name, sink);
    }
}

} // namespace gcsim
} // namespace ns3
