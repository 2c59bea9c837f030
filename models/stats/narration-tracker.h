#ifndef GCSIM_NARRATION_TRACKER_H
#define GCSIM_NARRATION_TRACKER_H

#include "../network/network.h"

#include <cstdint>
#include <map>
#include <ns3/ipv4-address.h>
#include <ns3/packet.h>
#include <string>
#include <vector>

namespace ns3
{
namespace gcsim
{

/// A node as a narration names it.
struct NarratedNode
{
    enum Role
    {
        SERVER, //!< P1
        CLIENT,
        ROUTER,
        SWITCH,
    };
    std::string name; //!< "P1", "C3", "R0", "S0"
    Role role{CLIENT};
    bool member{false}; //!< a client in the group
};

/// A link as a narration names it.
struct NarratedLink
{
    std::string name;           //!< as links.csv names it
    std::vector<uint32_t> ends; //!< node ids, in the order of Link::ends
    bool ethernet{false};       //!< frames carry MAC addresses (CSMA, switch cables)
    int64_t delayNs{0};
};

/// One frame of the narrated message, put on one link by one node.
struct NarratedFrame
{
    uint32_t link{0};        //!< index into Narration::links
    uint32_t from{0};        //!< the transmitting node's id
    int64_t beginNs{0};      //!< PhyTxBegin
    int64_t endNs{0};        //!< PhyTxEnd
    uint32_t bytes{0};       //!< on the wire
    std::string mac;         //!< Ethernet destination ("" on point-to-point links)
    Ipv4Address destination; //!< IPv4 destination
};

/// Something that happened to the narrated message at a node.
struct NarratedEvent
{
    enum Kind
    {
        NIC,         //!< a frame of it reached the node's NIC (PhyRxEnd)
        FILTERED,    //!< the host's NIC filtered it (MulticastNicFilter)
        STACK,       //!< the host's IP stack took it in (LocalDeliver)
        APPLICATION, //!< the client application got it
        DUPLICATE,   //!< a router dropped a copy it had already forwarded
        DROP,        //!< a copy was lost (queue full, no route, TTL, ...)
    };
    Kind kind{NIC};
    int64_t atNs{0};
    uint32_t node{0};   //!< node id
    uint32_t link{0};   //!< NIC: the link the frame came in on
    std::string reason; //!< DROP: why
};

/// What happened to one message in one run, with the names needed to tell it.
struct Narration
{
    std::string mode;
    uint32_t message{0};
    int64_t sendNs{-1};                            //!< when P1's application sent it (-1: never)
    std::vector<uint32_t> destinations;            //!< client numbers
    std::vector<NarratedNode> nodes;               //!< by node id
    std::vector<uint32_t> clientNodes;             //!< node id of client n at index n (index 0: P1)
    std::vector<NarratedLink> links;               //!< by link index
    std::map<std::string, uint32_t> macOwners;     //!< MAC address -> node id
    std::map<Ipv4Address, uint32_t> hostAddresses; //!< P1's and the clients' -> node id
    std::vector<NarratedFrame> frames;             //!< in order of their end
    std::vector<NarratedEvent> events;             //!< in time order
};

/**
 * \brief Records one message's way through the network: every frame of it on every link,
 * with its Ethernet and IPv4 destinations, every NIC it reached, what each host did with it
 * (filtered at the NIC, taken into the stack, received by the application), and every copy
 * dropped.
 *
 * Frames and packets are recognised by their GroupMessageTag, receptions by the message
 * number in the group header.
 */
class NarrationTracker
{
public:
    /**
     * Subscribes to \p network's devices, IPv4 stacks, NIC filters and applications (install
     * the applications first).
     * \param network the network, its applications installed
     * \param members the group's client numbers, ascending
     * \param mode the delivery mode's name, for the narration
     * \param message the number of the message to follow
     */
    NarrationTracker(const Network& network, const std::vector<uint32_t>& members, std::string mode,
                     uint32_t message = 0);
    NarrationTracker(const NarrationTracker&) = delete;
    NarrationTracker& operator=(const NarrationTracker&) = delete;

    /// What was recorded.
    Narration Finish() const;

private:
    struct End
    {
        uint32_t link;
        uint32_t node;
        bool ethernet;
        bool radio{false};     //!< an 802.11 medium: MAC header and LLC/SNAP before IPv4
        NarratedFrame pending; //!< the frame in transmission
        bool busy{false};
    };
    /// The nodes' names, roles and addresses, and the clients' node ids.
    void DescribeNodes(const Network& network, const std::vector<uint32_t>& members);
    /// Every device's transmissions, receptions and drops, and its queue disc's drops.
    void SubscribeLinks(const Network& network);
    /// The IPv4 stacks' drops and local deliveries, and the clients' NIC filters.
    void SubscribeStacks(const Network& network);
    /// P1's send of the message and the clients' receptions of it.
    void SubscribeApplications(const Network& network);
    bool Traced(Ptr<const Packet> packet) const;
    void OnTxBegin(std::size_t end, Ptr<const Packet> frame);
    void OnTxEnd(std::size_t end, Ptr<const Packet> frame);
    void Add(NarratedEvent::Kind kind, uint32_t node, uint32_t link = 0, std::string reason = "");

    uint32_t m_message;
    std::vector<End> m_ends;
    Narration m_narration;
};

} // namespace gcsim
} // namespace ns3

#endif
