#ifndef GCSIM_NETWORK_H
#define GCSIM_NETWORK_H

#include "frame-loss.h"
#include "network-constants.h"

#include <functional>
#include <ns3/channel.h>
#include <ns3/data-rate.h>
#include <ns3/ipv4-address.h>
#include <ns3/ipv4-interface.h>
#include <ns3/ipv4-list-routing.h>
#include <ns3/net-device-container.h>
#include <ns3/node-container.h>
#include <ns3/nstime.h>
#include <string>
#include <vector>

namespace ns3
{
namespace gcsim
{

/// What routes minimise (unicast routes and the multicast trees built from them).
enum class RoutingMetric
{
    HOPS,   //!< router hops: breadth-first searches
    WEIGHT, //!< the sum of the links' weights (a map's link weights)
    DELAY,  //!< the sum of the links' propagation delays
};

/// The metric's name as scenarios spell it: "hops", "weight", "delay".
std::string RoutingMetricName(RoutingMetric metric);

/// Light in fibre: 2e8 m/s, 5 us per km.
constexpr double kPropagationNsPerKm = 5000.0;
/// The shortest delay a link gets from a distance (routers at one place).
constexpr int64_t kMinDistanceDelayNs = 1000;

/**
 * The propagation delay of a link of \p km kilometres (core_delay = "distance"): 5 us per km,
 * rounded to the nearest nanosecond (halves away from zero), at least 1 us.
 */
Time DistanceDelay(double km);

/// What a topology builder needs to know: plain values, already validated.
struct TopologyConfig
{
    std::string kind{"lan"};         //!< a name from TopologyTable()
    uint32_t clients{3};             //!< N
    DataRate dataRate{"100Mbps"};    //!< host access links (LANs, a host's own link)
    Time delay{NanoSeconds(500)};    //!< their propagation delay
    DataRate coreRate{"1Gbps"};      //!< router-to-router links
    Time coreDelay{MilliSeconds(1)}; //!< their propagation delay
    /// Core link delays from the routers' positions (DistanceDelay) instead of coreDelay.
    bool distanceDelay{false};
    RoutingMetric routingMetric{RoutingMetric::HOPS}; //!< what routes minimise
    std::string queueSize{"100p"}; //!< each device's DropTail queue ("100p", "64kB")
    std::string queueDisc{"none"}; //!< traffic-control root queue disc: none, pfifo-fast, fq-codel
    bool staticArp{true};          //!< pre-fill ARP caches (false: a cold network)
    /// With staticArp, also pre-fill entries between clients on a segment of up to 1024
    /// hosts (modes in which clients send to one another: overlay); without it, only
    /// the entries of pairs that involve P1 or a router.
    bool clientPairsArp{true};
    uint32_t seed{1}; //!< for seeded kinds (random graphs, placement)
    /// Routers drop copies of a packet they have already forwarded (ns-3's duplicate packet
    /// detection): needed by floods, wrong for trees whose paths revisit a router.
    bool duplicateDetection{true};
    /// Packet error rate at each receiver of a host access link (0: lossless), see FrameLoss.
    double loss{0};
    /// The same on router-to-router links (the dumbbell's bottleneck among them).
    double coreLoss{0};

    // tree
    uint32_t fanout{2}; //!< children per router
    uint32_t depth{2};  //!< the root is at depth 0; fanout^depth leaf routers
    // ring, grid, waxman, dumbbell
    uint32_t routers{8};               //!< routers of a ring or a Waxman graph
    uint32_t rows{3};                  //!< grid rows
    uint32_t columns{3};               //!< grid columns
    double waxmanAlpha{0.4};           //!< Waxman: edge probability scale
    double waxmanBeta{0.2};            //!< Waxman: distance sensitivity
    DataRate bottleneckRate{"10Mbps"}; //!< dumbbell: the link between the two routers
    Time bottleneckDelay{MilliSeconds(10)};
    // star
    bool igmpSnooping{true};          //!< the switch forwards a group's frames only to members
    std::vector<uint32_t> members;    //!< the group, for the switch's snooping table
    Ipv4Address group{"239.255.0.1"}; //!< the group's address, for the same
    // file
    std::string mapFile;   //!< a topology map (Inet, Orbis, Rocketfuel)
    std::string mapFormat; //!< "inet", "orbis" or "rocketfuel"
    // placement on routed kinds
    std::vector<uint32_t> accessRouters; //!< routers that get a client LAN (empty: the kind's rule)
    int64_t serverRouter{-1};            //!< the router P1 hangs off (-1: the kind's rule)

    // wifi (one infrastructure BSS) and adhoc
    std::string wifiStandard{"80211a"};      //!< 80211a, 80211g, 80211n (2.4 GHz), 80211ac
    std::string propagation{"log-distance"}; //!< log-distance or friis
    double lossExponent{3.0};                //!< log-distance path loss exponent
    std::string fading{
        "none"}; //!< none, or rayleigh: each frame's power drawn anew (Nakagami m = 1)
    std::string rateManager{"minstrel"}; //!< minstrel, ideal or constant
    std::string unicastRate;      //!< constant: the data mode ("54Mbps", "HtMcs7"); "": the fastest
    std::string multicastRate;    //!< group frames' mode (NonUnicastMode); "": the first basic mode
    uint32_t rtsThreshold{65535}; //!< frames above this many bytes go after RTS/CTS
    std::string placement{"disc"};                    //!< disc, grid, line or list
    double radius{10};                                //!< disc: metres around the access point
    double spacing{5};                                //!< grid and line: metres between neighbours
    std::vector<std::pair<double, double>> positions; //!< list: (x, y) of client n at n - 1
    bool serverStation{false};      //!< P1 is a station, not on a cable to the access point
    bool multicastToUnicast{false}; //!< the access point sends group frames as unicast copies
    // adhoc
    std::string unicastRouting{"aodv"}; //!< the mesh's unicast routing: aodv or olsr
};

/// How a link frames packets: what it adds to each IPv4 packet.
enum class Framing
{
    CSMA,   //!< Ethernet: 14 + 4 bytes, padded to 64
    PPP,    //!< point-to-point: 2 bytes
    BRIDGE, //!< a switch port (Ethernet, but not an IP interface)
    WIFI,   //!< an 802.11 medium: MAC header, LLC/SNAP and FCS, 36 bytes
};

/// One link, or one shared segment, as results name it.
struct Link
{
    std::string name;                 //!< "p2p0", "lan0"
    Ptr<Channel> channel;             //!< the ns-3 channel
    std::vector<Ptr<NetDevice>> ends; //!< its devices
    DataRate rate;                    //!< its data rate
    Time delay;                       //!< its propagation delay
    Framing framing{Framing::CSMA};   //!< link overhead
    double loss{0};                   //!< probability a receiver loses a frame it takes in
    /// Per end, the FrameLoss of its receiver; empty on a lossless link.
    std::vector<Ptr<FrameLoss>> lossModels;
    double weight{1}; //!< its routing weight: a map's link weight, else 1
    /// An 802.11 medium's legacy unicast mode for HopTime(): the constant rate, else the
    /// fastest legacy mode of its standard.
    std::string mode;
    /// An 802.11 medium's range in metres on a channel without fading (WifiRange), else 0.
    double range{0};

    /// Bytes on the wire of an IPv4 packet of \p ipBytes on this link.
    uint32_t FrameBytes(uint32_t ipBytes) const;
    /// Store-and-forward time of one hop for \p ipBytes: transmission plus propagation.
    Time HopTime(uint32_t ipBytes) const;
};

/**
 * \brief A built network: P1, its clients, routers, their addresses and the links.
 *
 * Node 0 of `hosts` is P1; node n is client n.
 */
struct Network
{
    NodeContainer hosts;                       //!< P1 first, then clients 1..N
    NodeContainer routers;                     //!< IP routers ("R0", "R1", ...)
    NodeContainer switches;                    //!< Ethernet switches ("S0", ...)
    Ipv4Address serverAddress;                 //!< P1's address
    std::vector<Ipv4Address> clientAddresses;  //!< client n at index n - 1
    std::vector<Link> links;                   //!< every link, in build order
    std::vector<std::string> names;            //!< by node id
    RoutingMetric metric{RoutingMetric::HOPS}; //!< what its routes minimise

    Ptr<Node> Server() const;
    NodeContainer Clients() const;
    uint32_t ClientCount() const;
    /// True when routers forward between subnets.
    bool IsRouted() const;
    /// "P1", "C<n>", "R<i>", "S<i>" for this network's nodes.
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
/**
 * Builds the network \p config describes (the kind must be in TopologyTable()), with its
 * unicast routes, its random streams fixed and, unless the config says otherwise, its ARP
 * caches pre-filled.
 */
Network BuildNetwork(const TopologyConfig& config);

/**
 * \brief The shared machinery of topology builders: nodes with their IPv4 stack, links
 * with their own subnets, names.
 *
 * Every link gets the next free subnet of 10.0.0.0/8 just big enough for its ends (a /30
 * for a point-to-point link).
 */
class NetworkBuilder
{
public:
    NetworkBuilder(const TopologyConfig& config, bool routed);

    /// Makes a node's routing list (the stack then adds its static routing to it).
    using MakeRouting = std::function<Ptr<Ipv4ListRouting>(Ptr<Node>)>;

    /// Creates P1 and clients 1..\p clients; \p makeRouting, if set, makes each one's routing.
    void CreateHosts(uint32_t clients, const MakeRouting& makeRouting = nullptr);
    /// Creates a router, named "R<index>".
    Ptr<Node> AddRouter();
    /// Creates an Ethernet switch (no IP), named "S<index>".
    Ptr<Node> AddSwitch();
    /// A point-to-point link between \p a and \p b in its own /30; returns its index.
    std::size_t AddP2p(Ptr<Node> a, Ptr<Node> b, DataRate rate, Time delay);
    /// One CSMA segment joining \p nodes in its own subnet; returns its index.
    std::size_t AddLan(const NodeContainer& nodes, DataRate rate, Time delay);
    /// A CSMA cable between a host and a switch port; the host's IP comes later.
    std::size_t AddSwitchPort(Ptr<Node> host, Ptr<Node> sw, DataRate rate, Time delay);
    /// Gives the hosts on switches one subnet (after all AddSwitchPort calls).
    void AssignSwitchedSubnet();
    /**
     * Records an 802.11 medium joining \p devices (the access point's first) as link
     * "wlan<index>"; with \p bridged, its hosts get their address in the switched subnet.
     */
    std::size_t AddWifi(const NetDeviceContainer& devices, DataRate rate, bool bridged);

    /**
     * Records an ad hoc medium joining \p devices as link "wlan<index>"; every device gets an
     * address in one subnet, in order (P1's first).
     */
    std::size_t AddMesh(const NetDeviceContainer& devices, DataRate rate);

    Network& Get();
    const TopologyConfig& Config() const;

private:
    Ipv4Address Allocate(uint32_t addresses, Ipv4Mask& mask);
    /// Records \p devices' channel as link "<prefix><index>" with its loss; returns the index.
    std::size_t AddLink(const std::string& prefix, const NetDeviceContainer& devices, DataRate rate,
                        Time delay, Framing framing);
    /// Puts a FrameLoss on every receiver of \p link if its kind of link is lossy (\p switchPort:
    /// a host's cable to a switch, whose second end hears every frame).
    void AddLoss(Link& link, bool switchPort);
    std::vector<Ipv4Address> Number(const NetDeviceContainer& devices);

    const TopologyConfig& m_config;
    bool m_routed;
    Network m_network;
    uint32_t m_nextSubnet{0x0a000000}; //!< 10.0.0.0
    NetDeviceContainer m_switchedHostDevices;
};

/// Where a routed kind puts P1 and the clients when the scenario does not list routers.
enum class Placement
{
    EVERY_ROUTER, //!< clients spread over every router, in index order (ring, grid)
    SEEDED,       //!< min(N, routers) routers chosen by the seed (random graphs, maps)
};

/**
 * Attaches P1 and the clients to \p routers: P1 on its own point-to-point link (access
 * rate and delay) to the server router (`server_router`, else router 0); the clients in
 * contiguous blocks, as even as possible, one LAN (access rate and delay) per access router
 * (`access_routers` in the order listed, else \p placement). Returns P1's link index.
 * Throws std::invalid_argument for a listed router that does not exist.
 */
std::size_t AttachHosts(NetworkBuilder& builder, const std::vector<Ptr<Node>>& routers,
                        Placement placement);

/// Gives every random variable of \p network a fixed stream number (loss draws last).
void AssignStreams(const Network& network);
/**
 * Pre-fills the ARP cache of every IPv4 interface with its link neighbours' addresses: all
 * of them if \p clientPairs and the segment has at most 1024 hosts, else those of P1 and
 * the routers (and theirs with every neighbour).
 */
void PrefillArp(const Network& network, bool clientPairs = true);

/// A permanent ARP entry at interface \p at for \p of's (first) address; none if one is there.
void AddArpEntry(Ptr<Ipv4Interface> at, Ptr<Ipv4Interface> of);

/**
 * The group gcsim's network-wide broadcast uses across routers: routers never forward
 * IPv4 broadcasts, so broadcast there is a flood of this group, which every host's NIC
 * accepts like a broadcast.
 */
Ipv4Address NetworkBroadcastGroup();

} // namespace gcsim
} // namespace ns3

#endif
