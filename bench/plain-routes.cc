// Route set-up on a map, written with the ns-3 helpers only, as ns-3's
// topology-example-sim does: the plain program route-bench compares gcsim's with.

#include "plain-routes.h"

#include <ns3/core-module.h>
#include <ns3/internet-module.h>
#include <ns3/network-module.h>
#include <ns3/point-to-point-module.h>
#include <ns3/topology-read-module.h>

using namespace ns3;

namespace plainroutes
{

uint64_t
BuildAndRoute(const std::string& path)
{
    Ipv4AddressGenerator::Reset();
    TopologyReaderHelper reader;
    reader.SetFileName(path);
    reader.SetFileType("Inet");
    Ptr<TopologyReader> topology = reader.GetTopologyReader();
    NodeContainer nodes = topology->Read();
    NS_ABORT_MSG_IF(nodes.GetN() == 0, "cannot read " << path);

    InternetStackHelper stack;
    stack.Install(nodes);

    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    p2p.SetChannelAttribute("Delay", StringValue("1ms"));
    Ipv4AddressHelper address;
    address.SetBase("10.0.0.0", "255.255.255.252");
    for (auto link = topology->LinksBegin(); link != topology->LinksEnd(); ++link)
    {
        NetDeviceContainer devices = p2p.Install(link->GetFromNode(), link->GetToNode());
        address.Assign(devices);
        address.NewNetwork();
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    uint64_t routes = 0;
    for (uint32_t n = 0; n < nodes.GetN(); ++n)
    {
        Ptr<Ipv4> ipv4 = nodes.Get(n)->GetObject<Ipv4>();
        Ptr<Ipv4RoutingProtocol> protocol = ipv4->GetRoutingProtocol();
        auto list = DynamicCast<Ipv4ListRouting>(protocol);
        for (uint32_t i = 0; list && i < list->GetNRoutingProtocols(); ++i)
        {
            int16_t priority;
            if (auto global = DynamicCast<Ipv4GlobalRouting>(list->GetRoutingProtocol(i, priority)))
            {
                routes += global->GetNRoutes();
            }
        }
    }
    Simulator::Destroy();
    return routes;
}

} // namespace plainroutes
