#ifndef GCSIM_IGMP_MEMBERSHIP_H
#define GCSIM_IGMP_MEMBERSHIP_H

#include "../network/igmp-header.h"
#include "membership-model.h"

#include <ns3/event-id.h>
#include <ns3/ipv4-l3-protocol.h>
#include <ns3/nstime.h>
#include <ns3/random-variable-stream.h>
#include <ns3/socket.h>

namespace ns3
{
namespace gcsim
{

/**
 * \brief The `igmp` membership model: an IGMPv2-like protocol (RFC 2236) whose messages
 * cross the links as IPv4 protocol-2 packets with TTL 1, and whose querier's state decides
 * what the network does.
 *
 * - **Hosts** (every client): on a join, an unsolicited Membership Report to the group at
 *   once, and Robustness - 1 more, each a random (0, UnsolicitedReportInterval] after the
 *   one before; a Query (general, or group-specific for the group) starts a report timer,
 *   uniform in [0, Max Resp Time] (kept if one already runs sooner); a report for the group
 *   heard from another host on the segment cancels it (suppression); on a leave, a Leave
 *   Group to 224.0.0.2. Joins and leaves change the host's NIC filter at once.
 * - **The querier** of a client segment: the router on it (the lowest address, if several),
 *   or P1 where no router is (lan, star, p2p). From time 0 it sends a General Query to
 *   224.0.0.1 every QueryInterval (Max Resp Time = QueryResponseInterval). Per segment and
 *   group it keeps a membership timer, reset to Robustness x QueryInterval +
 *   QueryResponseInterval by every report; on a Leave it sends Robustness Group-Specific
 *   Queries to the group, LastMemberQueryInterval apart (Max Resp Time =
 *   LastMemberQueryInterval), and sets the timer to Robustness x LastMemberQueryInterval;
 *   when the timer runs out the state goes. The run starts in steady state: the segments
 *   of the initial members have state, timers full.
 * - **What the state drives**: when a segment's state appears or goes, the group's routes
 *   are recomputed for the hosts of the segments with state (routed networks) and the
 *   InterfaceMembers trace fires. P1's directory (replicated unicast, overlay) holds the
 *   hosts the querier heard report (their source addresses), each until its segment's state
 *   goes or the last-member queries its own Leave started end without a report from it.
 *   On a star the switch learns from the reports and leaves it forwards
 *   (SnoopingSwitch::IgmpLearning).
 *
 * Every IGMP packet sent fires ControlTx with the IP packet (28 bytes: IPv4 20, IGMP 8).
 * Packets are received on ns-3 raw IPv4 sockets (protocol 2) and sent with
 * Ipv4L3Protocol::Send on an explicit route out of the segment's interface, as a raw socket
 * bound to that device would (ns-3's static routing cannot route a group address out of a
 * chosen interface).
 */
class IgmpMembership : public MembershipModel
{
public:
    static TypeId GetTypeId();
    IgmpMembership();
    ~IgmpMembership() override;

    void Setup(const Network& network, const RoutingGraph& graph, MulticastRouting variant,
               const MulticastGroup& group, Ptr<GroupServer> server,
               const ApplicationContainer& clients, Ptr<DeliveryMode> mode,
               const GroupDirectory& directory) override;
    void Join(uint32_t client) override;
    void Leave(uint32_t client) override;

    /// The hosts the queriers now know of (P1's directory), ascending client numbers.
    std::vector<uint32_t> GetKnownMembers() const;
    /// Fixes the stream of the hosts' random report delays; returns the streams used (1).
    int64_t AssignStreams(int64_t stream);

private:
    void DoDispose() override;

    /// A querier's interface on a client segment, with its state for the group.
    struct Querier
    {
        uint32_t node{0}; //!< node id of the router or P1
        uint32_t interface {
            0
        };                              //!< its IPv4 interface on the segment
        Ptr<NetDevice> device;          //!< the device behind it
        Ipv4Address address;            //!< its address there
        bool router{false};             //!< a router (not P1)
        std::vector<uint32_t> clients;  //!< the clients on the segment
        bool state{false};              //!< the group has members here
        EventId expiry;                 //!< when the state goes
        uint32_t lastMemberQueries{0};  //!< group-specific queries still to send
        EventId nextQuery;              //!< the next of them
        std::map<uint32_t, Time> known; //!< reporting clients, with their last report time
    };

    /// A client's IGMP side.
    struct Host
    {
        Ptr<NetDevice> device;            //!< its device on the segment
        Ipv4Address address;              //!< its address
        int64_t querier{-1};              //!< index in m_queriers of its segment's querier
        EventId reportTimer;              //!< answer to a query, if running
        std::vector<EventId> unsolicited; //!< repeats of the join's report
    };

    /**
     * Client \p client joins (\p join) or leaves: its host, P1's count and the trace learn of
     * it. Returns the client's IGMP side, or nullptr if nothing changed or the client has
     * no segment with a querier.
     */
    Host* Change(uint32_t client, bool join);
    void SendIgmp(uint32_t node, Ptr<NetDevice> device, Ipv4Address source, Ipv4Address destination,
                  IgmpHeader::Type type, uint8_t maxResponseMs, Ipv4Address group);
    void SendReport(uint32_t client);
    void SendGeneralQuery(std::size_t querier);
    void SendLastMemberQuery(std::size_t querier);
    void HostReceive(uint32_t client, Ptr<Socket> socket);
    void QuerierReceive(std::size_t querier, Ptr<Socket> socket);
    void OnReport(std::size_t querier, uint32_t client);
    void OnLeave(std::size_t querier, uint32_t client);
    void Expire(std::size_t querier);
    void ForgetLeaver(std::size_t querier, uint32_t client, Time leftAt);
    /// The state of \p querier appeared or went: routes, interface trace, directory.
    void StateChanged(std::size_t querier);
    /// Gives P1 the known hosts.
    void UpdateDirectory();
    /// Each client's segment and the querier of each segment (m_hosts, m_queriers).
    void FindQueriers(const Network& network, const RoutingGraph& graph);
    Ptr<Socket> OpenSocket(Ptr<Node> node, Ptr<NetDevice> device);
    static uint8_t Milliseconds(Time t);

    Time m_queryInterval;
    Time m_queryResponseInterval;
    Time m_lastMemberQueryInterval;
    uint32_t m_robustness{2};
    Time m_unsolicitedReportInterval;

    std::vector<Querier> m_queriers;
    std::vector<Host> m_hosts;               //!< by client number (index 0 unused)
    std::map<uint32_t, uint32_t> m_clientOf; //!< address -> client number
    std::vector<Ptr<Socket>> m_sockets;      //!< every raw socket opened
    Ptr<UniformRandomVariable> m_random;     //!< hosts' report delays
};

} // namespace gcsim
} // namespace ns3

#endif
