#ifndef GCSIM_LATENCY_BREAKDOWN_H
#define GCSIM_LATENCY_BREAKDOWN_H

#include "../network/network.h"

#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <ns3/packet.h>
#include <unordered_map>
#include <vector>

namespace ns3
{

class QueueDiscItem;
class Ipv4Header;

namespace gcsim
{

/// Where a copy's latency went, ns; the parts add up to its latency.
struct LatencyParts
{
    /// The parts, in the order of kLatencyPartNames.
    enum Part
    {
        TRANSMISSION, //!< putting its frames on the wire: bytes x 8 / rate, per hop
        PROPAGATION,  //!< the links' delays, per hop
        QUEUEING,     //!< waiting in device queues and queue discs behind other frames
        ACCESS,       //!< waiting for the channel after leaving the queue: CSMA's deferral
                      //!< and back-off (0 on point-to-point links)
        RESOLUTION,   //!< waiting for ARP to resolve the next hop's address
        RELAY,        //!< at overlay members and sequencers, from receiving to sending on
        OTHER,        //!< what the frames traced do not explain (0 in every tested case)
        COUNT
    };
    std::array<int64_t, COUNT> ns{};
};

/// "transmission", "propagation", ...: the parts' names in deliveries.csv and summary.json.
extern const std::array<const char*, LatencyParts::COUNT> kLatencyPartNames;

/**
 * \brief Splits each copy's latency into transmission, propagation, queueing, channel access,
 * address resolution and relay time.
 *
 * Records, per packet (ns-3's packet uid, which copies and forwarded packets keep), when each
 * device took it (MacTx), left its queue (the device queue's Dequeue), began and ended its
 * transmission (PhyTxBegin, PhyTxEnd) and when a device passed it up (MacRx, MacPromiscRx
 * for switch ports); with queue discs also their Enqueue and Dequeue; and when a host's IP
 * sent it (Ipv4L3Protocol SendOutgoing). Explain() walks a copy back from its receiver, hop
 * by hop, to its sender: each hop contributes its transmission (PhyTxEnd - PhyTxBegin),
 * propagation (the receiver's MacRx - PhyTxEnd), channel access (PhyTxBegin - Dequeue),
 * queueing (Dequeue - MacTx, and the queue disc's sojourn) and resolution (MacTx or the
 * queue disc's Enqueue - the packet's arrival at the hop's node); a relay (an overlay
 * member, the sequencer) contributes the time from its first receipt of the message to
 * its sending it on. What the walk cannot trace is OTHER.
 *
 * At a million clients its memory is its trace connections and receptions: a host with one
 * device is connected to its device's transmit traces only from its IP's first send on
 * (until then its device sends nothing a walk follows), and receptions are 32-byte records
 * on a list per node, indexed only on nodes that received more than a few packets.
 */
class LatencyBreakdown
{
public:
    explicit LatencyBreakdown(const Network& network);

    /**
     * The parts of the latency of \p copy, received by client \p client (0: P1) at
     * \p recvNs, sent by its origin at \p sendNs. Call when it is received: the walk reads
     * what happened so far.
     */
    LatencyParts Explain(uint32_t client, Ptr<const Packet> copy, int64_t sendNs,
                         int64_t recvNs) const;

private:
    /// One transmission of a packet by one device.
    struct Hop
    {
        int64_t queueDiscIn{-1};  //!< its queue disc's Enqueue
        int64_t queueDiscOut{-1}; //!< and Dequeue
        int64_t macTx{-1};        //!< the device took it
        int64_t dequeue{-1};      //!< it left the device queue
        int64_t txBegin{-1};
        int64_t txEnd{-1};
        uint32_t node{0};
    };
    /// A device passing a packet up, at a node.
    struct Rx
    {
        uint64_t uid;
        int64_t ns;
        uint32_t device; //!< global device index (the receiver)
        uint32_t older;  //!< the node's reception before this one (kNone: none)
        uint32_t tag;    //!< its GroupMessageTag, if hasTag
        bool hasTag;
    };
    static constexpr uint32_t kNone = UINT32_MAX;
    /// A node that received more than a few packets: where its receptions of each packet
    /// and each message tag are, so that a search does not walk all of them.
    struct Busy
    {
        std::unordered_map<uint64_t, std::pair<uint32_t, uint32_t>> uid; //!< newest, oldest
        std::unordered_map<uint32_t, uint32_t> tag; //!< the oldest reception with the tag
    };
    void Received(uint32_t node, uint32_t device, Ptr<const Packet> packet);
    void Index(Busy& busy, uint32_t record);
    /// \p node's index if it has more than a few receptions, or null.
    const Busy* BusyOf(uint32_t node) const;
    /// Registers \p device and connects its receive sinks; returns its index.
    uint32_t Connect(const Ptr<NetDevice>& device, std::size_t channel);
    /// Connects its transmit sinks (device, device queue, queue disc).
    void ConnectTx(const Ptr<NetDevice>& device, uint32_t index);
    void ConnectQueueDisc(const Ptr<NetDevice>& device, uint32_t index);
    Hop& Open(uint32_t device, uint64_t uid, bool queueDisc);
    /// The oldest hop of \p uid on \p device past \p before but not yet at \p stage.
    Hop* Next(uint32_t device, uint64_t uid, int64_t Hop::*stage, int64_t Hop::*before);
    void OnSendOutgoing(uint32_t node, const Ipv4Header& header, Ptr<const Packet> packet,
                        uint32_t interface);

    const Rx* FindRx(uint32_t node, uint64_t uid, int64_t atMost) const;
    const Hop* FindTx(std::size_t channel, uint32_t receiver, uint64_t uid, int64_t atMost) const;
    /// \p node's first reception of packet \p uid if it was at or before \p before, or null.
    const Rx* FirstHeard(uint32_t node, uint64_t uid, int64_t before) const;
    /// \p node's first reception of a packet with message tag \p tag, or null.
    const Rx* FirstTagged(uint32_t node, uint32_t tag) const;
    uint32_t ChannelOf(const Rx& rx) const
    {
        return m_deviceChannel[rx.device];
    }

    std::vector<uint32_t> m_hostNode;      //!< per host number (0: P1): its node id
    std::vector<uint32_t> m_deviceChannel; //!< per device index: its channel index
    std::vector<uint32_t> m_deviceNode;    //!< per device index: its node id
    std::vector<uint32_t> m_deviceIfIndex; //!< per device index: its index on its node
    /// Per node id: the device whose transmit sinks wait for the node's IP to send (kNone).
    std::vector<uint32_t> m_pendingTx;
    /// Per device: uid -> its hops (in time order).
    std::vector<std::unordered_map<uint64_t, std::vector<Hop>>> m_hops;
    /// Per channel: uid -> the devices that transmitted it on the channel.
    std::vector<std::unordered_map<uint64_t, std::vector<uint32_t>>> m_senders;
    /// Every reception, in time order; per node a list from its newest back (Rx::older).
    /// Receptions are most of the breakdown's memory at a million clients: a record is
    /// 32 bytes, and a node that received few packets has no index.
    std::deque<Rx> m_rx;
    std::vector<uint32_t> m_rxNewest;          //!< per node id: its newest reception (kNone: none)
    std::vector<uint32_t> m_rxCount;           //!< per node id: its receptions
    std::unordered_map<uint32_t, Busy> m_busy; //!< per node id, for nodes past kSmall
    /// (node id, uid) -> when the node's IP sent the packet (locally generated), and its
    /// GroupMessageTag (-1: none).
    std::map<std::pair<uint32_t, uint64_t>, std::pair<int64_t, int64_t>> m_sent;
};

} // namespace gcsim
} // namespace ns3

#endif
