#ifndef GCSIM_ORDERING_TRACKER_H
#define GCSIM_ORDERING_TRACKER_H

#include "../ordering/ordering-helper.h"
#include "statistics.h"

#include <map>
#include <ns3/application-container.h>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace gcsim
{

/// What an OrderingTracker counted over one run (scenarios with [ordering]).
struct OrderingCounts
{
    bool given{false};         //!< the run had an ordering layer
    std::string order{"none"}; //!< none, fifo or total
    uint32_t senders{0};       //!< clients that sent
    uint32_t members{0};       //!< members that deliver
    uint64_t messages{0};      //!< messages the senders sent
    uint64_t expected{0};      //!< messages x members (a sending member delivers its own)
    uint64_t deliveries{0};    //!< deliveries to members' applications
    uint64_t duplicates{0};    //!< a member delivered a message it had delivered before
    uint64_t nonmember{0};     //!< deliveries at non-members' applications
    uint64_t heldBack{0};      //!< received but still held back when the run ended
    uint64_t undelivered{0};   //!< expected - deliveries
    /// Deliveries of a sender's message at a member that had already delivered a later
    /// message of the same sender.
    uint64_t fifoViolations{0};
    /// Pairs of messages that two members delivered in opposite orders (each pair once).
    uint64_t disagreements{0};
    /// Over deliveries at members other than the origin, ns: delivery minus receipt.
    Distribution holdBack;
    /// Over the same deliveries, ns: delivery minus the origin's send.
    Distribution latency;
    uint64_t controlPackets{0}; //!< total: the senders' unicasts to the sequencer
    uint64_t controlBytes{0};   //!< their UDP payload bytes
};

/**
 * \brief Measures the ordering layer: what each member's application was given, when,
 * and in which order (the agents' Send and Deliver traces, the Sequencer's Sequenced).
 */
class OrderingTracker
{
public:
    /// \param order the run's delivery order
    /// \param members ascending client numbers
    /// \param clients how many clients the network has
    /// \param size UDP payload bytes of a message
    OrderingTracker(DeliveryOrder order, std::vector<uint32_t> members, uint32_t clients,
                    uint32_t size);
    /// Connects to every agent and to the sequencer (if any).
    void Attach(const ApplicationContainer& agents, const ApplicationContainer& sequencer);

    /// Member \p member's deliveries in order, each as (origin, message).
    std::vector<std::pair<uint32_t, uint32_t>> Sequence(uint32_t member) const;

    OrderingCounts Finish();

private:
    void OnSend(uint32_t origin, uint32_t message);
    void OnDeliver(uint32_t member, uint32_t origin, uint32_t message, int64_t sendNs,
                   int64_t receiptNs);
    void OnSequenced(uint32_t origin, uint32_t message, uint32_t sequence);
    /// Counts disagreements over the members' sequences.
    uint64_t Disagreements() const;

    std::vector<bool> m_member; //!< per client (index n)
    uint32_t m_size;
    ApplicationContainer m_agents;
    std::map<std::pair<uint32_t, uint32_t>, uint32_t> m_index; //!< (origin, message) -> id
    std::vector<std::pair<uint32_t, uint32_t>> m_ids;          //!< id -> (origin, message)
    /// Per client (index n): its deliveries as ids, in order.
    std::vector<std::vector<uint32_t>> m_sequences;
    /// Per client (index n), per origin: the highest message number delivered, plus one.
    std::vector<std::map<uint32_t, uint32_t>> m_highest;
    std::vector<std::vector<bool>> m_delivered; //!< per client, per id
    OrderingCounts m_counts;
    Histogram m_holdBack;
    Histogram m_latency;
};

} // namespace gcsim
} // namespace ns3

#endif
