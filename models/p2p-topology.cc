// Topology kind `p2p`: P1 and one client on a point-to-point link.
//
//     P1 (10.0.0.1) ------------------ C1 (10.0.0.2)
//              data_rate, delay, PPP framing (2 bytes)

#include "network.h"

#include <ns3/ipv4-static-routing-helper.h>
#include <ns3/point-to-point-helper.h>
#include <ns3/queue-size.h>
#include <stdexcept>

namespace ns3
{
namespace gcsim
{

Network
BuildP2p(const TopologyConfig& config)
{
    if (config.clients != 1)
    {
        throw std::invalid_argument("a p2p topology has exactly one client");
    }
    Network network;
    network.hosts.Create(2);

    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", DataRateValue(config.dataRate));
    p2p.SetChannelAttribute("Delay", TimeValue(config.delay));
    p2p.SetQueue(DeviceQueueType(), "MaxSize", QueueSizeValue(QueueSize(config.queueSize)));
    NetDeviceContainer devices = p2p.Install(network.hosts);

    InstallIpv4(network.hosts);
    auto addresses =
        AssignAddresses(devices, Ipv4Address("10.0.0.1"), Ipv4Mask("255.255.255.252"), config);
    network.serverAddress = addresses[0];
    network.clientAddresses = {addresses[1]};
    network.links.push_back(
        {"p2p0", devices.Get(0)->GetChannel(), {devices.Get(0), devices.Get(1)}});

    // P1 sends group traffic out of its only interface.
    Ipv4StaticRoutingHelper routing;
    routing.SetDefaultMulticastRoute(network.Server(), devices.Get(0));
    return network;
}

} // namespace gcsim
} // namespace ns3
