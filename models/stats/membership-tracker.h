#ifndef GCSIM_MEMBERSHIP_TRACKER_H
#define GCSIM_MEMBERSHIP_TRACKER_H

#include "../group/group-header.h"
#include "../membership/membership-model.h"
#include "statistics.h"

#include <cstdint>
#include <limits>
#include <ns3/application-container.h>
#include <vector>

namespace ns3
{
namespace gcsim
{

/// What a MembershipTracker counted over one run.
struct MembershipCounts
{
    uint64_t joins{0};                //!< joins during the run
    uint64_t leaves{0};               //!< leaves during the run
    uint64_t joinsServed{0};          //!< joins followed by a copy of a message sent after them
    Distribution joinLatency;         //!< over served joins, ns (see MembershipTracker)
    Distribution leaveLatency;        //!< over leaves, ns (0 for a leave with no copy after it)
    uint64_t deliveriesAfterLeave{0}; //!< copies that reached clients after they had left
    uint64_t controlPackets{0};       //!< membership control packets sent
    uint64_t controlBytes{0};         //!< their bytes
};

/**
 * \brief Measures what joins and leaves cost: how soon a joined client gets the group's
 * traffic, and how long a client that left goes on getting it.
 *
 * - **Join latency** of client c's join at time t: the receive time at c's application of
 *   its first copy of a message P1 sent at or after t (and before c's next leave), minus
 *   the send time of the first message P1 sent at or after t. Joins with no such copy are
 *   not served and have no join latency.
 * - **Deliveries after leave**: copies of group messages that reach c's application after
 *   c left and before it joins again, except copies of messages sent after the leave with c
 *   among their destinations (broadcast's and unicast's destination sets do not follow the
 *   group): copies in flight at the leave, and copies of messages c was no longer meant to
 *   get.
 * - **Leave latency** of a leave at t: the receive time of its last delivery after leave,
 *   minus t; zero when it has none.
 * - **Control packets and bytes**: the membership model's ControlTx trace.
 */
class MembershipTracker
{
public:
    /// \param clients N
    explicit MembershipTracker(uint32_t clients);

    /// Connects to the membership model, to P1's GroupServer and to every GroupClient.
    void Attach(Ptr<MembershipModel> membership, const ApplicationContainer& server,
                const ApplicationContainer& clients);

    MembershipCounts Finish() const;

private:
    void OnChange(uint32_t client, bool joined);
    void OnGroupSend(uint32_t message, const std::vector<uint32_t>& destinations);
    void OnRx(Ptr<const Packet> datagram, const GroupHeader& header, uint32_t client,
              uint32_t hops);
    void OnControlTx(Ptr<const Packet> packet);

    static constexpr int64_t kNever = std::numeric_limits<int64_t>::max();

    struct JoinRecord
    {
        uint32_t client{0};
        int64_t atNs{0};
        int64_t untilNs{kNever}; //!< the client's next leave
        int64_t firstSendNs{-1}; //!< the first message P1 sent at or after the join
        int64_t firstRecvNs{-1}; //!< the client's first copy of a message sent since
    };

    struct LeaveRecord
    {
        uint32_t client{0};
        int64_t atNs{0};
        int64_t lastNs{-1};                  //!< the last delivery after the leave
        std::vector<uint32_t> destinedAfter; //!< messages sent since, with the client a destination
    };

    std::vector<JoinRecord> m_joins;
    std::vector<LeaveRecord> m_leaves;
    std::vector<int64_t> m_lastJoin;         //!< per client: index in m_joins, or -1
    std::vector<int64_t> m_openLeave;        //!< per client: index in m_leaves until it rejoins
    std::vector<std::size_t> m_awaitingSend; //!< joins waiting for P1's next message
    std::vector<uint32_t> m_left;            //!< clients with an open leave
    MembershipCounts m_counts;
};

} // namespace gcsim
} // namespace ns3

#endif
