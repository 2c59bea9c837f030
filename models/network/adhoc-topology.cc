// Topology kind `adhoc`: one ad hoc 802.11 network (AdhocWifiMac, no access point), every
// host a router of the mesh.
//
//      C3 ((( ))) C1 ((( ))) P1 ((( ))) C2 ((( ))) C4      P1 at (0, 0), the clients at
//                                                          their places (placement)
//
// All hosts share one subnet and one link ("wlan0"); a frame reaches whoever hears it. Unicast
// goes hop by hop along AODV's (default) or OLSR's routes; group datagrams are flooded by
// each node's MeshRouting (duplicate detection, optional rebroadcast probability).

#include "adhoc-topology.h"

#include "config-error.h"
#include "mesh-routing.h"
#include "wifi-airtime.h"
#include "wifi-topology.h"

#include <ns3/aodv-helper.h>
#include <ns3/log.h>
#include <ns3/mobility-helper.h>
#include <ns3/olsr-helper.h>
#include <ns3/position-allocator.h>
#include <ns3/wifi-helper.h>
#include <ns3/yans-wifi-helper.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimAdhocTopology");

namespace
{

/// The unicast protocol goes before the static routing (priority 10), whose connected
/// route would send every unicast straight onto the air, reachable or not.
constexpr int16_t kUnicastPriority = 20;

Ptr<Ipv4ListRouting>
MakeMeshRouting(const std::string& unicast, Ptr<Node> node)
{
    Ptr<MeshRouting> mesh = CreateObject<MeshRouting>();
    Ptr<Ipv4RoutingProtocol> protocol =
        unicast == "olsr" ? OlsrHelper().Create(node) : AodvHelper().Create(node);
    mesh->AddRoutingProtocol(protocol, kUnicastPriority);
    return mesh;
}

/// P1 at the origin, client n where WifiPositions puts it.
void
PlaceHosts(const TopologyConfig& config, const NodeContainer& hosts)
{
    Ptr<ListPositionAllocator> places = CreateObject<ListPositionAllocator>();
    places->Add(Vector(0, 0, 0));
    for (const Vector& at : WifiPositions(config))
    {
        places->Add(at);
    }
    MobilityHelper mobility;
    mobility.SetPositionAllocator(places);
    mobility.SetMobilityModel("ns3::ConstantPositionMobilityModel");
    mobility.Install(hosts);
}

} // namespace

std::string
AdhocUnicastRoutingNames()
{
    return "aodv, olsr";
}

void
CheckAdhocConfig(const TopologyConfig& config)
{
    CheckWifiConfig(config);
    if (config.unicastRouting != "aodv" && config.unicastRouting != "olsr")
    {
        throw ConfigError("topology.unicast_routing",
                          "unknown unicast routing '" + config.unicastRouting +
                              "'; known: " + AdhocUnicastRoutingNames());
    }
}

Network
BuildAdhoc(const TopologyConfig& config)
{
    NS_LOG_FUNCTION_NOARGS();
    CheckAdhocConfig(config);
    const WifiStandardInfo& standard = *FindWifiStandard(config.wifiStandard);
    NetworkBuilder builder(config, false);
    builder.CreateHosts(config.clients, [&config](Ptr<Node> node)
                        { return MakeMeshRouting(config.unicastRouting, node); });
    Network& network = builder.Get();
    PlaceHosts(config, network.hosts);

    YansWifiPhyHelper phy = WifiPhyFor(config, standard);
    WifiHelper wifi = WifiHelperFor(config, standard);
    WifiMacHelper mac;
    mac.SetType("ns3::AdhocWifiMac");
    NetDeviceContainer devices = wifi.Install(phy, mac, network.hosts);
    SetMulticastRate(config, standard, devices);
    std::size_t wlan = builder.AddMesh(devices, DataRate(0));
    network.links[wlan].mode = LegacyUnicastMode(config, standard);
    network.links[wlan].rate = DataRate(WifiAirtime::ModeRate(network.links[wlan].mode));
    NS_LOG_INFO("adhoc: " << network.hosts.GetN() << " nodes, unicast by "
                          << config.unicastRouting);
    return network;
}

} // namespace gcsim
} // namespace ns3
