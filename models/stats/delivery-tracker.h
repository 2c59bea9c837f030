#ifndef GCSIM_DELIVERY_TRACKER_H
#define GCSIM_DELIVERY_TRACKER_H

#include "../group/group-header.h"
#include "latency-breakdown.h"
#include "statistics.h"

#include <array>
#include <functional>
#include <memory>
#include <ns3/application-container.h>
#include <ns3/ipv4-address.h>
#include <ns3/nstime.h>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{
namespace gcsim
{

/// What a DeliveryTracker counted over one run.
struct DeliveryCounts
{
    uint64_t messages{0};            //!< group messages P1 sent
    uint64_t expected{0};            //!< sum over messages of their destination count
    uint64_t deliveries{0};          //!< first copies at destinations
    uint64_t duplicates{0};          //!< further copies at destinations
    uint64_t unwanted{0};            //!< copies at clients that were not destinations
    uint64_t nonmemberDeliveries{0}; //!< copies at non-members' applications
    Distribution latency;            //!< over deliveries, ns
    /// Over the deliveries of P1's messages after its first, ns: the first message pays for
    /// what a cold network does once (dynamic ARP's resolution), the others do not.
    Distribution latencyAfterFirst;
    double firstMessageLatencyMean{0}; //!< mean over P1's first message's deliveries, ns
    Distribution completion;           //!< over messages, ns: send to last destination's copy
    Distribution hops;                 //!< over deliveries
    double stretchMean{0};             //!< mean over receivers of their mean stretch
    double stretchMax{0};              //!< the largest receiver's mean stretch
    /**
     * How much P1's messages' completion grew over the run: the mean completion of the
     * last quarter of its messages less that of the second quarter, ns (the first quarter is
     * warm-up). 0 for a steady run; a queue that fills makes it grow with the run's length.
     */
    double completionGrowthNs{0};
    /// With a LatencyBreakdown: each part of the deliveries' latency, over deliveries, ns.
    bool partsTraced{false};
    std::array<Distribution, LatencyParts::COUNT> parts;
};

/**
 * \brief Times every group message at every client application that receives it.
 *
 * Subscribes to P1's GroupSend trace (each message and its destinations) and to every
 * client's Rx trace; writes one deliveries.csv row per reception as it happens.
 */
class DeliveryTracker
{
public:
    /**
     * \param mode written in the csv's mode column
     * \param members the group's client numbers, ascending
     * \param clients N
     * \param csv where rows go (null: none)
     */
    DeliveryTracker(std::string mode, std::vector<uint32_t> members, uint32_t clients,
                    std::ostream* csv);

    /**
     * Sets the latency of a lone unicast of \p bytes (UDP payload) from P1 to client
     * \p client on an idle network, the denominator of stretch.
     */
    void SetBaseline(std::function<int64_t(uint32_t client, uint32_t bytes)> baseline);
    /**
     * Splits every copy's latency into its parts with \p breakdown (deliveries.csv's part
     * columns, DeliveryCounts::parts); without it those columns stay empty.
     */
    void SetBreakdown(const LatencyBreakdown* breakdown);
    /// Connects to P1's GroupServer and to every GroupClient.
    void Attach(const ApplicationContainer& server, const ApplicationContainer& clients);
    /**
     * Follows the clients' joins and leaves of \p group (their GroupMembership traces): a
     * copy's `member` column and the non-member count then say whether its receiver was a
     * member when it arrived. Without it, the members are those given to the constructor.
     */
    void FollowMembership(Ipv4Address group, const ApplicationContainer& clients);
    /**
     * A message from client \p origin (numbered by that client from 0) left for
     * \p destinations: counted and timed as P1's messages are, apart from them.
     */
    void OriginSend(uint32_t origin, uint32_t message, const std::vector<uint32_t>& destinations);

    /// OriginSend() with the send time given (\p sendNs): a record made outside a simulation,
    /// as `gcsim live` makes them.
    void OriginSendAt(uint32_t origin, uint32_t message, const std::vector<uint32_t>& destinations,
                      int64_t sendNs);

    /// One copy of a message reaching a client's application.
    struct Reception
    {
        uint32_t origin{0};  //!< 0: P1
        uint32_t message{0}; //!< its number among its origin's messages
        uint32_t client{0};  //!< the receiver's client number
        int64_t sendNs{0};   //!< when the origin's application sent it
        int64_t recvNs{0};   //!< when the receiver's application got it
        uint32_t bytes{0};   //!< the UDP payload
        uint32_t hops{0};    //!< IP hops travelled
    };

    /**
     * Counts \p r and writes its deliveries.csv row (what each traced reception does, and what
     * `gcsim live` does with the copies its sockets received); \p parts is its latency
     * breakdown, or null.
     */
    void Receive(const Reception& r, const LatencyParts* parts);

    /// The csv header row.
    static const char* CsvHeader();

    DeliveryCounts Finish();

private:
    void OnGroupSend(uint32_t message, const std::vector<uint32_t>& destinations);
    void OnRx(Ptr<const Packet> datagram, const GroupHeader& header, uint32_t client,
              uint32_t hops);

    void WriteRow(uint32_t id, uint32_t client, bool member, bool destination, bool duplicate,
                  int64_t sendNs, int64_t recvNs, uint32_t bytes, uint32_t hops, uint32_t origin,
                  const LatencyParts* parts);

    struct Message
    {
        int64_t sendNs{0};
        int64_t lastNs{0};
        bool any{false};
        /// Per client (index n): a destination of this message. Messages with the same
        /// destinations (every group message, usually) share one.
        std::shared_ptr<const std::vector<bool>> destinations;
        std::vector<bool> received; //!< per client (index n): a copy has arrived
    };

    /// DeliveryCounts::completionGrowthNs of \p messages (P1's, by number).
    static double CompletionGrowth(const std::vector<Message>& messages);

    std::string m_mode;
    std::vector<bool> m_member; //!< per client (index n): in the group now
    uint32_t m_clients;
    std::ostream* m_csv;
    std::string m_row; //!< the csv row being written, kept to reuse its buffer
    /// Per origin (0 for P1, n for client n): its messages, by message number.
    std::vector<std::vector<Message>> m_messages;
    DeliveryCounts m_counts;
    Histogram m_latencies; //!< ns, over deliveries
    /// ns, over the deliveries m_latencies holds besides P1's later messages': P1's first
    /// message's and the other origins' (the first message apart without a second Add for
    /// every delivery).
    Histogram m_firstLatencies;
    Histogram m_otherOriginLatencies;
    Histogram m_hops; //!< over deliveries
    const LatencyBreakdown* m_breakdown{nullptr};
    std::array<Histogram, LatencyParts::COUNT> m_parts; //!< ns, over deliveries
    std::function<int64_t(uint32_t, uint32_t)> m_baseline;
    std::vector<double> m_stretchSum;     //!< per client
    std::vector<uint32_t> m_stretchCount; //!< per client
};

} // namespace gcsim
} // namespace ns3

#endif
