#include "trace-connect.h"

#include <ns3/log.h>
#include <ns3/wifi-mac.h>
#include <ns3/wifi-net-device.h>
#include <ns3/wifi-phy.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimTraceConnect");

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
