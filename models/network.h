#ifndef GCSIM_NETWORK_H
#define GCSIM_NETWORK_H

#include <ns3/channel.h>
#include <ns3/data-rate.h>
#include <ns3/ipv4-address.h>
#include <ns3/net-device-container.h>
#include <ns3/node-container.h>
#include <ns3/nstime.h>
#include <string>
#include <vector>

namespace ns3
{
namespace gcsim
{

/// What a topology builder needs to know: plain values, already validated.
struct TopologyConfig
{
    std::string kind{"lan"};       //!< a name from TopologyTable()
    uint32_t clients{3};           //!< N
    DataRate dataRate{"100Mbps"};  //!< every link's rate
    Time delay{NanoSeconds(500)};  //!< every link's propagation delay
    std::string queueSize{"100p"}; //!< each device's DropTail queue ("100p", "64kB")
    std::string queueDisc{"none"}; //!< traffic-control root queue disc: none, pfifo-fast, fq-codel
    bool staticArp{true};          //!< pre-fill ARP caches (false: a cold network)
};

/// One link, or one shared segment, as results name it.
struct Link
{
    std::string name;                 //!< "p2p0", "lan0"
    Ptr<Channel> channel;             //!< the ns-3 channel
    std::vector<Ptr<NetDevice>> ends; //!< its devices
};

/**
 * \brief A built network: P1, its clients, their addresses and the links between them.
 *
 * Node 0 of `hosts` is P1; node n is client n.
 */
struct Network
{
    NodeContainer hosts;                      //!< P1 first, then clients 1..N
    Ipv4Address serverAddress;                //!< P1's address
    std::vector<Ipv4Address> clientAddresses; //!< client n at index n - 1
    std::vector<Link> links;                  //!< every link, in build order

    Ptr<Node> Server() const;
    NodeContainer Clients() const;
    uint32_t ClientCount() const;
    /// "P1" or "C<n>" for a host; "node<id>" otherwise.
    std::string NodeName(uint32_t nodeId) const;
};

/// One row of the table of topology kinds.
struct TopologyEntry
{
    const char* kind;                        //!< as scenarios spell it
    Network (*build)(const TopologyConfig&); //!< its builder
    const char* summary;                     //!< one line for --help and docs
};

/// Every topology kind gcsim can build.
const std::vector<TopologyEntry>& TopologyTable();
/// Builds the network \p config describes; the kind must be in TopologyTable().
Network BuildNetwork(const TopologyConfig& config);

/// Shared by the builders: an IPv4-only stack on \p nodes.
void InstallIpv4(NodeContainer nodes);
/**
 * Adds an IPv4 interface on each device, numbered from \p first in \p mask's subnet, with
 * the configured queue disc; returns the addresses in device order.
 */
std::vector<Ipv4Address> AssignAddresses(const NetDeviceContainer& devices, Ipv4Address first,
                                         Ipv4Mask mask, const TopologyConfig& config);
/// Gives every random variable of \p network a fixed stream number.
void AssignStreams(const Network& network);
/// Pre-fills ARP caches between P1 and each client sharing a link with it, both ways.
void PrefillArp(const Network& network);
/// The device queue every builder installs.
std::string DeviceQueueType();

} // namespace gcsim
} // namespace ns3

#endif
