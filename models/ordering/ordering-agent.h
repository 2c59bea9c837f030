#ifndef GCSIM_ORDERING_AGENT_H
#define GCSIM_ORDERING_AGENT_H

#include "../group/group-header.h"

#include <map>
#include <ns3/application.h>
#include <ns3/ipv4-address.h>
#include <ns3/socket.h>
#include <ns3/traced-callback.h>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace gcsim
{

/// The delivery orders a group with several senders can ask for.
enum DeliveryOrder
{
    ORDER_NONE,  //!< deliver on receipt
    ORDER_FIFO,  //!< each sender's messages in the order it sent them
    ORDER_TOTAL, //!< every member in the one order P1, the sequencer, assigns
};

/// "none", "fifo", "total".
std::string DeliveryOrderName(DeliveryOrder order);
/// The order called \p name; std::invalid_argument if there is none.
DeliveryOrder DeliveryOrderOf(const std::string& name);

/**
 * \brief A client's ordering layer: sends the client's own group messages and delivers
 * the group's messages to the application in the run's order.
 *
 * A sender multicasts each message to the group (none, fifo) or unicasts it to P1's
 * Sequencer (total). Receipts come from the client's GroupClient (its Rx trace); a
 * member's agent holds a message back until its order allows it, then fires Deliver.
 * ns-3 does not loop a host's own multicast back to it: a sending member delivers its own
 * message at once in `none` and `fifo`, and in `total` when P1's sequenced copy arrives.
 */
class OrderingAgent : public Application
{
public:
    static TypeId GetTypeId();

    /// Queues this client's next message (numbered from 0, in the order added) for \p at.
    void AddSend(Time at);
    /// The GroupClient's Rx trace: a copy of a group message reached this client.
    void Receive(Ptr<const Packet> datagram, const GroupHeader& header, uint32_t client,
                 uint32_t hops);
    /// Messages received but still held back (the run ended before their turn came).
    uint32_t HeldBack() const;

    /// Signature of the Send trace: origin (this client), message number; sent now.
    typedef void (*SendCallback)(uint32_t origin, uint32_t message);
    /// Signature of the Deliver trace: member, origin, message, send, receipt (ns).
    typedef void (*DeliverCallback)(uint32_t member, uint32_t origin, uint32_t message,
                                    int64_t sendNs, int64_t receiptNs);

private:
    void StartApplication() override;
    void StopApplication() override;
    void DoDispose() override;

    void Send(uint32_t message);
    /// Offers a receipt to the hold-back queue and delivers what it releases.
    void Accept(uint32_t origin, uint32_t message, uint32_t sequence, int64_t sendNs,
                int64_t receiptNs);
    void Deliver(uint32_t origin, uint32_t message, int64_t sendNs, int64_t receiptNs);

    /// A received message waiting for its turn.
    struct Held
    {
        uint32_t origin{0};
        uint32_t message{0};
        int64_t sendNs{0};
        int64_t receiptNs{0};
    };

    uint32_t m_client{1}; //!< this client's number (the GroupHeader origin)
    bool m_member{false}; //!< delivers the group's messages
    DeliveryOrder m_order{ORDER_NONE};
    Ipv4Address m_group;             //!< where none and fifo send
    Ipv4Address m_sequencer;         //!< P1's address: where total sends
    uint16_t m_port{20001};          //!< the group's port (members' GroupClient)
    uint16_t m_sequencerPort{20002}; //!< P1's Sequencer port
    uint32_t m_size{1024};           //!< UDP payload bytes of a message
    uint32_t m_tagBase{0};           //!< GroupMessageTag of message k: m_tagBase + k
    std::vector<Time> m_sends;       //!< when each message leaves

    Ptr<Socket> m_socket;
    std::set<std::pair<uint32_t, uint32_t>> m_seen;           //!< none: (origin, message) received
    std::map<uint32_t, uint32_t> m_nextFifo;                  //!< fifo: per origin, next message
    std::map<std::pair<uint32_t, uint32_t>, Held> m_heldFifo; //!< fifo: (origin, message)
    uint32_t m_nextSequence{0};                               //!< total: next to deliver
    std::map<uint32_t, Held> m_heldTotal;                     //!< total: by sequence

    TracedCallback<uint32_t, uint32_t> m_sendTrace;
    TracedCallback<uint32_t, uint32_t, uint32_t, int64_t, int64_t> m_deliverTrace;
};

} // namespace gcsim
} // namespace ns3

#endif
