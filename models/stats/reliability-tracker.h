#ifndef GCSIM_RELIABILITY_TRACKER_H
#define GCSIM_RELIABILITY_TRACKER_H

#include "../network/network.h"
#include "delivery-tracker.h"
#include "statistics.h"

#include <ns3/application-container.h>
#include <ns3/nstime.h>
#include <ns3/packet.h>

namespace ns3
{
namespace gcsim
{

/// What a ReliabilityTracker counted over one run (scenarios with [reliability]).
struct ReliabilityCounts
{
    uint64_t expected{0};           //!< member-messages: sum over messages of their destinations
    uint64_t delivered{0};          //!< of which reached the application (first copies)
    uint64_t losses{0};             //!< member-messages the first transmission did not deliver
    uint64_t repaired{0};           //!< deliveries by a repair or retransmission
    Distribution repairLatency;     //!< over repaired deliveries: receive - P1's first send, ns
    uint64_t naks{0};               //!< NAKs members sent
    uint64_t naksSuppressed{0};     //!< NAKs held back on hearing another's
    uint64_t repairs{0};            //!< repairs sent (P1 and members)
    uint64_t repairsSuppressed{0};  //!< repairs cancelled on hearing another's
    uint64_t sessions{0};           //!< P1's session messages
    uint64_t acks{0};               //!< ACKs members sent (ARQ)
    uint64_t retransmissions{0};    //!< P1's unicast retransmissions (ARQ)
    uint64_t giveUps{0};            //!< (message, member) pairs P1 gave up on (ARQ)
    uint64_t retransmittedBytes{0}; //!< UDP payload of repairs and retransmissions sent
    uint64_t duplicatesDropped{0};  //!< copies of held messages dropped below the application
    uint64_t controlFrames{0};      //!< frames of the protocol (all kinds) put on links
    uint64_t controlBytes{0};       //!< their bytes on the wire
    uint64_t repairFrames{0};       //!< of which repairs and retransmissions
    uint64_t repairBytes{0};        //!< their bytes
};

/**
 * \brief Counts what NAK repair (NakRepair) or unicast ARQ (UnicastArq) did, and their frames
 * on links (ReliabilityTag).
 *
 * Losses and delivered come from the DeliveryTracker's counts at Finish(): a repaired message
 * is one delivery there, as any other.
 */
class ReliabilityTracker
{
public:
    explicit ReliabilityTracker(const Network& network);

    /// Connects to the agents (NakRepair or UnicastArq applications) in \p agents.
    void Attach(const ApplicationContainer& agents);
    ReliabilityCounts Finish(const DeliveryCounts& delivery);

private:
    void OnTxEnd(Ptr<const Packet> frame);

    ReliabilityCounts m_counts;
    Histogram m_latency;
};

} // namespace gcsim
} // namespace ns3

#endif
