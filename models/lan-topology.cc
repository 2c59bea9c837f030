// Topology kind `lan`: P1 and N clients on one CSMA (Ethernet) segment.
//
//     P1        C1        C2   ...   CN
//     |         |         |          |
//   ===========================================  lan0: data_rate, delay
//   10.0.0.1  10.0.0.2  10.0.0.3 ... 10.0.0.(N+1)   (10.0.0.0/8)

#include "network.h"

#include <ns3/csma-helper.h>
#include <ns3/ipv4-static-routing-helper.h>
#include <ns3/queue-size.h>
#include <stdexcept>

namespace ns3
{
namespace gcsim
{

Network
BuildLan(const TopologyConfig& config)
{
    if (config.clients < 1 || config.clients > (1U << 24) - 3)
    {
        throw std::invalid_argument("a lan holds 1 to 16777213 clients");
    }
    Network network;
    network.hosts.Create(config.clients + 1);

    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", DataRateValue(config.dataRate));
    csma.SetChannelAttribute("Delay", TimeValue(config.delay));
    csma.SetQueue(DeviceQueueType(), "MaxSize", QueueSizeValue(QueueSize(config.queueSize)));
    NetDeviceContainer devices = csma.Install(network.hosts);

    InstallIpv4(network.hosts);
    auto addresses =
        AssignAddresses(devices, Ipv4Address("10.0.0.1"), Ipv4Mask("255.0.0.0"), config);
    network.serverAddress = addresses[0];
    network.clientAddresses.assign(addresses.begin() + 1, addresses.end());

    Link lan{"lan0", devices.Get(0)->GetChannel(), {}};
    for (uint32_t i = 0; i < devices.GetN(); ++i)
    {
        lan.ends.push_back(devices.Get(i));
    }
    network.links.push_back(std::move(lan));

    Ipv4StaticRoutingHelper routing;
    routing.SetDefaultMulticastRoute(network.Server(), devices.Get(0));
    return network;
}

} // namespace gcsim
} // namespace ns3
