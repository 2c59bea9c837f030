// Topology kind `star`: every host on its own CSMA (Ethernet) cable to one switch S0.
//
//                        P1  10.0.0.1
//                        |
//                        | port0
//      C1 ---port1----- S0 -----portN--- CN     each cable: data_rate, delay
//   10.0.0.2           /    \            10.0.0.(N+1)
//                 port2      port3 ...
//                  /            \ .
//                C2              C3             one subnet for every host
//
// The switch (SnoopingSwitch) bridges its N + 1 ports and stores and forwards every frame:
// P1 to a client is two cable hops, 2 x (T + d). With igmp_snooping (the default) it sends
// the group's multicast frames only out of the members' ports; without, out of every port
// but the incoming one.

#include "star-topology.h"

#include "snooping-switch.h"

#include <ns3/arp-cache.h>
#include <ns3/boolean.h>
#include <ns3/ipv4-interface.h>
#include <ns3/ipv4-l3-protocol.h>
#include <ns3/ipv4-static-routing-helper.h>
#include <ns3/log.h>
#include <stdexcept>
#include <string>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimStarTopology");

namespace
{

/// The IPv4 interface on \p device.
Ptr<Ipv4Interface>
InterfaceOf(Ptr<NetDevice> device)
{
    auto ip = device->GetNode()->GetObject<Ipv4L3Protocol>();
    return ip->GetInterface(ip->GetInterfaceForDevice(device));
}

} // namespace

Network
BuildStar(const TopologyConfig& config)
{
    NS_LOG_FUNCTION_NOARGS();
    if (config.clients < 1 || config.clients > (1U << 24) - 3)
    {
        throw std::invalid_argument("a star holds 1 to 16777213 clients");
    }
    for (uint32_t m : config.members)
    {
        if (m < 1 || m > config.clients)
        {
            throw std::invalid_argument("group member " + std::to_string(m) +
                                        " is not a client of the star");
        }
    }
    NetworkBuilder builder(config, false);
    builder.CreateHosts(config.clients);
    Network& network = builder.Get();
    Ptr<Node> node = builder.AddSwitch();
    // Host h is on link h: its ends are {the host's device, the switch's port}.
    for (uint32_t h = 0; h < network.hosts.GetN(); ++h)
    {
        builder.AddSwitchPort(network.hosts.Get(h), node, config.dataRate, config.delay);
    }
    builder.AssignSwitchedSubnet();

    Ptr<SnoopingSwitch> sw = CreateObject<SnoopingSwitch>();
    sw->SetAttribute("IgmpSnooping", BooleanValue(config.igmpSnooping));
    node->AddDevice(sw);
    for (const Link& link : network.links)
    {
        sw->AddBridgePort(link.ends[1]);
    }
    // A snooping switch learns the members' ports from their IGMP reports; gcsim has none
    // on the wire, so the table holds the group's membership from the start.
    for (uint32_t m : config.members)
    {
        sw->AddGroupMember(config.group, network.links[m].ends[1]);
    }

    Ipv4StaticRoutingHelper().SetDefaultMulticastRoute(network.Server(), network.links[0].ends[0]);

    if (config.staticArp)
    {
        // A warm network: P1 and every client know each other's MAC address, and the
        // switch knows every host's port. PrefillArp pairs the ends of one link only, and
        // here every host has a link of its own. Clients that send to one another (the
        // overlay) know each other too, as on a LAN of up to 1024 hosts.
        Ptr<Ipv4Interface> server = InterfaceOf(network.links[0].ends[0]);
        std::vector<Ptr<Ipv4Interface>> clients;
        for (uint32_t h = 0; h < network.links.size(); ++h)
        {
            const Link& link = network.links[h];
            sw->AddStaticEntry(Mac48Address::ConvertFrom(link.ends[0]->GetAddress()), link.ends[1]);
            if (h > 0)
            {
                Ptr<Ipv4Interface> client = InterfaceOf(link.ends[0]);
                AddArpEntry(server, client);
                AddArpEntry(client, server);
                clients.push_back(client);
            }
        }
        constexpr std::size_t kAllPairsLimit = 1024;
        if (config.clientPairsArp && network.links.size() <= kAllPairsLimit)
        {
            for (const auto& a : clients)
            {
                for (const auto& b : clients)
                {
                    if (a != b)
                    {
                        AddArpEntry(a, b);
                    }
                }
            }
        }
    }
    return network;
}

} // namespace gcsim
} // namespace ns3
