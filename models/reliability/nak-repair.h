#ifndef GCSIM_NAK_REPAIR_H
#define GCSIM_NAK_REPAIR_H

#include "../group/group-client.h"
#include "../group/group-server.h"
#include "../network/network.h"
#include "reliability-header.h"

#include <map>
#include <ns3/application.h>
#include <ns3/event-id.h>
#include <ns3/ipv4-address.h>
#include <ns3/random-variable-stream.h>
#include <ns3/socket.h>
#include <ns3/traced-callback.h>
#include <vector>

namespace ns3
{
namespace gcsim
{

/**
 * \brief NAK-based repair of P1's multicast with SRM's timers (Floyd et al., 1997).
 *
 * One agent on P1 and one on each member, on the reliability port. P1's messages are
 * numbered (GroupHeader); a member learns of a missing message from a later one, from P1's
 * session messages (the highest number sent, sent `SessionMessages` times, `SessionInterval`
 * apart, once P1 falls silent) or from another member's NAK. It then waits a request back-off
 * uniform in [C1 d, (C1 + C2) d] (d: its one-way distance to P1) and multicasts a NAK to
 * the group. Hearing another's NAK for the same message first, it suppresses its own and
 * backs off (the interval doubles); it re-requests when no repair comes within its doubled
 * interval. Every holder of the message (P1, or a member that has it) that hears a NAK
 * waits a repair back-off uniform in [D1 d, (D1 + D2) d] (d: its distance to the requester)
 * and multicasts the repair; hearing a repair for the same message first cancels its own.
 * Without suppression every member that misses a message requests it on its own timer and
 * every holder repairs every NAK it hears.
 *
 * d is measured, not configured: every datagram carries its send time and the simulated
 * clocks agree, so d is the one-way delay itself: to P1, the smallest delay of P1's group
 * messages seen so far; to a requester, the delay of its NAK.
 *
 * A member hands each message to its application once: the first transmission through
 * GroupClient's delivery filter, a repair through GroupClient::Deliver; further copies are
 * dropped below the application and counted (Duplicate).
 */
class NakRepair : public Application
{
public:
    static TypeId GetTypeId();
    NakRepair();
    ~NakRepair() override;

    /// Fixes the back-off draws' random stream (ns-3 AssignStreams); returns streams used.
    int64_t AssignStreams(int64_t stream);
    /// P1's agent: it holds every message P1 sends and sends the session messages.
    void AttachServer(Ptr<GroupServer> server);
    /// A member's agent: it filters what reaches \p client's application.
    void AttachClient(Ptr<GroupClient> client);

    /// Signature of the Nak, NakSuppressed, RepairSuppressed traces: the message.
    typedef void (*MessageCallback)(uint32_t message);
    /// Signature of the Repair trace: the message, the repair's UDP payload bytes.
    typedef void (*RepairCallback)(uint32_t message, uint32_t bytes);
    /// Signature of the Repaired and Duplicate traces: client, message, send to now.
    typedef void (*ReceiverCallback)(uint32_t client, uint32_t message, Time sinceSend);

private:
    /// A missing message this member will ask for.
    struct Request
    {
        EventId timer;
        uint32_t backoff{0}; //!< the interval is 2^backoff times the first one
        Time ignoreUntil;    //!< NAKs heard before this do not back off again
    };
    /// A held message someone asked for.
    struct Repair
    {
        EventId timer;
        Time holdUntil; //!< NAKs heard before this are answered by the repair just sent or heard
    };

    void StartApplication() override;
    void StopApplication() override;
    void DoDispose() override;

    void HandleRead(Ptr<Socket> socket);
    bool OnGroupMessage(Ptr<const Packet> datagram, const GroupHeader& header);
    void OnGroupSend(uint32_t message, const std::vector<uint32_t>& destinations);
    void OnNak(const ReliabilityHeader& nak);
    void OnRepair(const ReliabilityHeader& repair, Ptr<Packet> datagram, uint32_t hops);

    bool Holds(uint32_t message) const;
    void Hold(uint32_t message, Time sendTime);
    /// P1 has sent every message up to \p highest: request those missing.
    void Learn(int64_t highest);
    /// Sets the request timer of \p message for its current back-off; returns the delay.
    Time ScheduleRequest(uint32_t message);
    /// Doubles the request interval of \p message and starts it again.
    void BackOff(uint32_t message);
    void RequestTimer(uint32_t message);
    /// Takes \p heard as the distance to P1 while none is known (at least 1 ns).
    void FirstDistance(Time heard);
    void RepairTimer(uint32_t message, Time distance);
    void SendSession();
    void Send(Ptr<Packet> packet, ReliabilityHeader::Kind kind, uint32_t message);

    uint16_t m_port{20002};     //!< the reliability port
    Ipv4Address m_group;        //!< where NAKs, repairs and session messages go
    uint32_t m_origin{0};       //!< 0 on P1, n on client n
    uint32_t m_size{1024};      //!< UDP payload bytes of a group message
    double m_c1{2};             //!< request back-off, low end, in d
    double m_c2{2};             //!< request back-off, width, in d
    double m_d1{1};             //!< repair back-off, low end, in d
    double m_d2{1};             //!< repair back-off, width, in d
    Time m_sessionInterval;     //!< between session messages
    uint32_t m_sessionCount{3}; //!< session messages after P1 falls silent
    bool m_suppression{true};   //!< SRM suppression of NAKs and repairs

    Ptr<Socket> m_socket;
    Ptr<GroupClient> m_client;              //!< null on P1
    Ptr<UniformRandomVariable> m_random;    //!< back-off draws
    std::vector<int64_t> m_sendNs;          //!< per message: P1's send time, -1 while not held
    int64_t m_highest{-1};                  //!< highest message number known to exist
    Time m_distance;                        //!< to P1 (zero while unknown)
    std::map<uint32_t, Request> m_requests; //!< missing messages being asked for
    std::map<uint32_t, Repair> m_repairs;   //!< held messages being repaired
    EventId m_sessionEvent;
    uint32_t m_sessionsLeft{0};

    TracedCallback<uint32_t> m_nakTrace;
    TracedCallback<uint32_t> m_nakSuppressedTrace;
    TracedCallback<uint32_t, uint32_t> m_repairTrace;
    TracedCallback<uint32_t> m_repairSuppressedTrace;
    TracedCallback<uint32_t> m_sessionTrace;
    TracedCallback<uint32_t, uint32_t, Time> m_repairedTrace;
    TracedCallback<uint32_t, uint32_t, Time> m_duplicateTrace;
};

/**
 * Makes \p network ready for members that send to \p group (NAKs, repairs): P1 joins the
 * group (its NIC filter, a star's snooping switch) and every member in \p members (client
 * numbers) gets a multicast route out of its NIC. Routed networks also need the members in
 * MulticastGroup::senders, before the routes are installed.
 */
void PrepareGroupSenders(const Network& network, Ipv4Address group,
                         const std::vector<uint32_t>& members);

} // namespace gcsim
} // namespace ns3

#endif
