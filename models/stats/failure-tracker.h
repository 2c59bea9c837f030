#ifndef GCSIM_FAILURE_TRACKER_H
#define GCSIM_FAILURE_TRACKER_H

#include "../group/group-header.h"

#include <cstdint>
#include <map>
#include <ns3/application-container.h>
#include <ns3/nstime.h>
#include <ns3/packet.h>
#include <string>
#include <vector>

namespace ns3
{
namespace gcsim
{

/// A failure or repair as the run saw it, and what P1's messages sent after it lost.
struct FailureEventCounts
{
    std::string what;         //!< "link R3-R4 down", "router R2 up"
    int64_t atNs{0};          //!< when the frames started (stopped) being lost
    int64_t reconvergedNs{0}; //!< when the routes were recomputed
    /// P1's messages sent from it to the next event (the window; the first event's starts
    /// with the first message: a copy in flight when it happens is its loss)
    uint64_t messages{0};
    uint64_t messagesLost{0};    //!< of those, messages some destination never got
    uint64_t deliveriesLost{0};  //!< destinations' copies never delivered, over the window
    uint64_t membersAffected{0}; //!< destinations that missed a message of the window
    /// Of those, the ones that got no message of the window after their last missed one.
    uint64_t membersUnrecovered{0};
    /// Over the affected members that recovered: from the event to the delivery of the first
    /// message after their last missed one (ns); -1 if none recovered.
    int64_t recoveryNsMax{-1};
    double recoveryNsMean{-1};
};

/// One destination's deliveries of P1's messages over the run.
struct MemberGap
{
    uint32_t client{0};
    uint64_t missed{0};         //!< P1's messages meant for it that it never got
    int64_t longestGapNs{0};    //!< the longest time between two of its deliveries
    int64_t longestGapEndNs{0}; //!< when that gap ended (its later delivery)
};

/// What failures cost one run: per event, and the delivery gaps of each destination.
struct FailureCounts
{
    bool used{false};       //!< the scenario has failures
    uint64_t framesLost{0}; //!< frames lost on failed links and at failed routers
    std::vector<FailureEventCounts> events;
    std::vector<MemberGap> members; //!< destinations of P1's messages, by client number
};

/**
 * \brief Follows P1's messages and their deliveries so that each failure's cost can be told:
 * the messages sent between one event and the next that destinations never got, how long
 * each destination waited, and when deliveries resumed.
 */
class FailureTracker
{
public:
    /// The events, in time order: what, when, when routing reconverged.
    explicit FailureTracker(std::vector<FailureEventCounts> events);

    /// Connects to P1's GroupServer (GroupSend) and every GroupClient (Rx).
    void Attach(const ApplicationContainer& server, const ApplicationContainer& clients);
    /// The counts, with \p framesLost (the links' LinkFailure counts).
    FailureCounts Finish(uint64_t framesLost) const;

private:
    void OnGroupSend(uint32_t message, const std::vector<uint32_t>& destinations);
    void OnRx(Ptr<const Packet> datagram, const GroupHeader& header, uint32_t client,
              uint32_t hops);

    struct Message
    {
        int64_t sendNs{0};
        std::vector<uint32_t> destinations;
        std::map<uint32_t, int64_t> received; //!< by destination: first copy's arrival (ns)
    };

    std::vector<FailureEventCounts> m_events;
    std::vector<Message> m_messages; //!< P1's, by number
};

} // namespace gcsim
} // namespace ns3

#endif
