#include "latency-breakdown.h"

#include "../group/group-message-tag.h"
#include "../network/trace-connect.h"

#include <ns3/abort.h>
#include <ns3/ipv4-header.h>
#include <ns3/ipv4-l3-protocol.h>
#include <ns3/log.h>
#include <ns3/node-list.h>
#include <ns3/pointer.h>
#include <ns3/queue-disc.h>
#include <ns3/queue.h>
#include <ns3/simulator.h>
#include <ns3/traffic-control-layer.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimLatencyBreakdown");

const std::array<const char*, LatencyParts::COUNT> kLatencyPartNames = {
    "transmission", "propagation", "queueing", "access", "resolution", "relay", "other"};

namespace
{

int64_t
Now()
{
    return Simulator::Now().GetNanoSeconds();
}

} // namespace

LatencyBreakdown::LatencyBreakdown(const Network& network)
{
    NS_LOG_FUNCTION(this);
    std::vector<uint8_t> devices; // per node id: its devices on links, up to 2
    for (const auto& link : network.links)
    {
        for (const auto& device : link.ends)
        {
            uint32_t id = device->GetNode()->GetId();
            devices.resize(std::max<std::size_t>(devices.size(), id + 1), 0);
            devices[id] = std::min(devices[id] + 1, 2);
        }
    }
    auto nodes = static_cast<uint32_t>(devices.size());
    m_rxNewest.assign(nodes, kNone);
    m_rxCount.assign(nodes, 0);
    m_senders.resize(network.links.size());
    // A host whose IP can send (SendOutgoing below) and that has one device gets its
    // device's transmit sinks when its IP first sends: most hosts of a large network only
    // receive. Its device transmits nothing a walk follows before that: ARP and the like are
    // other packets, and hosts forward nothing (network.cc).
    std::vector<bool> deferTx(nodes, false);
    for (uint32_t h = 0; h < network.hosts.GetN(); ++h)
    {
        Ptr<Node> node = network.hosts.Get(h);
        uint32_t id = node->GetId();
        if (id < nodes)
        {
            deferTx[id] = devices[id] == 1 && node->GetObject<Ipv4L3Protocol>();
        }
    }
    m_pendingTx.assign(nodes, kNone);
    for (std::size_t l = 0; l < network.links.size(); ++l)
    {
        for (const auto& device : network.links[l].ends)
        {
            uint32_t index = Connect(device, l);
            uint32_t id = device->GetNode()->GetId();
            if (deferTx[id])
            {
                m_pendingTx[id] = index;
            }
            else
            {
                ConnectTx(device, index);
            }
        }
    }
    for (uint32_t h = 0; h < network.hosts.GetN(); ++h)
    {
        Ptr<Node> node = network.hosts.Get(h);
        m_hostNode.push_back(node->GetId());
        if (Ptr<Ipv4L3Protocol> ip = node->GetObject<Ipv4L3Protocol>())
        {
            uint32_t id = node->GetId();
            Subscribe(ip, "SendOutgoing",
                      LeanCallback<void, const Ipv4Header&, Ptr<const Packet>, uint32_t>(
                          [this, id](const Ipv4Header& header, Ptr<const Packet> p, uint32_t i)
                          { OnSendOutgoing(id, header, p, i); }));
        }
    }
}

uint32_t
LatencyBreakdown::Connect(const Ptr<NetDevice>& device, std::size_t channel)
{
    auto index = static_cast<uint32_t>(m_hops.size());
    m_hops.emplace_back();
    m_deviceChannel.push_back(static_cast<uint32_t>(channel));
    m_deviceNode.push_back(device->GetNode()->GetId());
    m_deviceIfIndex.push_back(device->GetIfIndex());
    auto received = LeanCallback<void, Ptr<const Packet>>(
        [this, index](Ptr<const Packet> p) { Received(m_deviceNode[index], index, p); });
    Subscribe(device, "MacRx", received);
    Subscribe(device, "MacPromiscRx", received);
    return index;
}

void
LatencyBreakdown::ConnectTx(const Ptr<NetDevice>& device, uint32_t index)
{
    // Lean sinks that capture 16 bytes or less: one allocation each (a collector's sinks are
    // most of a large network's trace memory).
    auto sink = [](auto f) { return LeanCallback<void, Ptr<const Packet>>(f); };
    Subscribe(device, "MacTx",
              sink([this, index](Ptr<const Packet> p)
                   { Open(index, p->GetUid(), false).macTx = Now(); }));
    Subscribe(device, "PhyTxBegin",
              sink(
                  [this, index](Ptr<const Packet> p)
                  {
                      if (Hop* hop = Next(index, p->GetUid(), &Hop::txBegin, &Hop::dequeue))
                      {
                          hop->txBegin = Now();
                      }
                  }));
    Subscribe(device, "PhyTxEnd",
              sink(
                  [this, index](Ptr<const Packet> p)
                  {
                      if (Hop* hop = Next(index, p->GetUid(), &Hop::txEnd, &Hop::txBegin))
                      {
                          hop->txEnd = Now();
                          m_senders[m_deviceChannel[index]][p->GetUid()].push_back(index);
                      }
                  }));
    PointerValue queue;
    if (device->GetAttributeFailSafe("TxQueue", queue))
    {
        Subscribe(queue.Get<Queue<Packet>>(), "Dequeue",
                  sink(
                      [this, index](Ptr<const Packet> p)
                      {
                          if (Hop* hop = Next(index, p->GetUid(), &Hop::dequeue, &Hop::macTx))
                          {
                              hop->dequeue = Now();
                          }
                      }));
    }
    ConnectQueueDisc(device, index);
}

void
LatencyBreakdown::ConnectQueueDisc(const Ptr<NetDevice>& device, uint32_t index)
{
    auto tc = device->GetNode()->GetObject<TrafficControlLayer>();
    Ptr<QueueDisc> qd = tc ? tc->GetRootQueueDiscOnDevice(device) : nullptr;
    if (!qd)
    {
        return;
    }
    using ItemSink = Callback<void, Ptr<const QueueDiscItem>>;
    Subscribe(qd, "Enqueue",
              ItemSink([this, index](Ptr<const QueueDiscItem> item)
                       { Open(index, item->GetPacket()->GetUid(), true).queueDiscIn = Now(); }));
    Subscribe(qd, "Dequeue",
              ItemSink(
                  [this, index](Ptr<const QueueDiscItem> item)
                  {
                      if (Hop* hop = Next(index, item->GetPacket()->GetUid(), &Hop::queueDiscOut,
                                          &Hop::queueDiscIn))
                      {
                          hop->queueDiscOut = Now();
                      }
                  }));
}

LatencyBreakdown::Hop&
LatencyBreakdown::Open(uint32_t device, uint64_t uid, bool queueDisc)
{
    auto& hops = m_hops[device][uid];
    // The device's MacTx completes the oldest hop its queue disc let through; anything else
    // opens one.
    for (Hop& hop : hops)
    {
        if (!queueDisc && hop.queueDiscOut >= 0 && hop.macTx < 0)
        {
            return hop;
        }
    }
    hops.push_back(Hop{});
    hops.back().node = m_deviceNode[device];
    return hops.back();
}

LatencyBreakdown::Hop*
LatencyBreakdown::Next(uint32_t device, uint64_t uid, int64_t Hop::*stage, int64_t Hop::*before)
{
    // Copies of one packet (replicated unicast's, a router's) share its uid and go through a
    // device's queue in order: a stage belongs to the oldest copy that has not reached it.
    auto it = m_hops[device].find(uid);
    if (it == m_hops[device].end())
    {
        return nullptr;
    }
    for (Hop& hop : it->second)
    {
        if (hop.*stage < 0 && hop.*before >= 0)
        {
            return &hop;
        }
    }
    return nullptr;
}

void
LatencyBreakdown::OnSendOutgoing(uint32_t node, const Ipv4Header&, Ptr<const Packet> packet,
                                 uint32_t)
{
    if (uint32_t device = m_pendingTx[node]; device != kNone)
    {
        m_pendingTx[node] = kNone;
        ConnectTx(NodeList::GetNode(node)->GetDevice(m_deviceIfIndex[device]), device);
    }
    GroupMessageTag tag;
    m_sent.emplace(std::make_pair(node, packet->GetUid()),
                   std::make_pair(Now(), packet->PeekPacketTag(tag) ? int64_t(tag.GetMessage())
                                                                    : int64_t(-1)));
}

namespace
{

/// A node with more receptions than this gets an index (Busy).
constexpr uint32_t kSmall = 16;

} // namespace

void
LatencyBreakdown::Received(uint32_t node, uint32_t device, Ptr<const Packet> packet)
{
    GroupMessageTag tag;
    bool tagged = packet->PeekPacketTag(tag);
    auto record = static_cast<uint32_t>(m_rx.size());
    NS_ABORT_MSG_IF(record == kNone, "more receptions than the latency breakdown can hold");
    m_rx.push_back(Rx{packet->GetUid(), Now(), device, m_rxNewest[node],
                      tagged ? tag.GetMessage() : 0, tagged});
    m_rxNewest[node] = record;
    if (++m_rxCount[node] <= kSmall)
    {
        return;
    }
    auto [busy, fresh] = m_busy.try_emplace(node);
    if (!fresh)
    {
        Index(busy->second, record);
        return;
    }
    std::vector<uint32_t> all; // the node's receptions so far, oldest first
    for (uint32_t r = record; r != kNone; r = m_rx[r].older)
    {
        all.push_back(r);
    }
    for (auto r = all.rbegin(); r != all.rend(); ++r)
    {
        Index(busy->second, *r);
    }
}

void
LatencyBreakdown::Index(Busy& busy, uint32_t record)
{
    const Rx& rx = m_rx[record];
    auto [uid, fresh] = busy.uid.try_emplace(rx.uid, record, record);
    if (!fresh)
    {
        uid->second.first = record;
    }
    if (rx.hasTag)
    {
        busy.tag.try_emplace(rx.tag, record);
    }
}

const LatencyBreakdown::Busy*
LatencyBreakdown::BusyOf(uint32_t node) const
{
    // Most nodes have few receptions: their count says so without a hash lookup.
    return m_rxCount[node] > kSmall ? &m_busy.at(node) : nullptr;
}

const LatencyBreakdown::Rx*
LatencyBreakdown::FindRx(uint32_t node, uint64_t uid, int64_t atMost) const
{
    if (node >= m_rxNewest.size())
    {
        return nullptr;
    }
    uint32_t r = m_rxNewest[node];
    if (const Busy* busy = BusyOf(node))
    {
        auto it = busy->uid.find(uid);
        r = it == busy->uid.end() ? kNone : it->second.first;
    }
    // The newest reception of the packet at or before atMost.
    for (; r != kNone; r = m_rx[r].older)
    {
        if (m_rx[r].uid == uid && m_rx[r].ns <= atMost)
        {
            return &m_rx[r];
        }
    }
    return nullptr;
}

const LatencyBreakdown::Rx*
LatencyBreakdown::FirstHeard(uint32_t node, uint64_t uid, int64_t before) const
{
    if (node >= m_rxNewest.size())
    {
        return nullptr;
    }
    const Rx* first = nullptr;
    if (const Busy* busy = BusyOf(node))
    {
        auto it = busy->uid.find(uid);
        first = it == busy->uid.end() ? nullptr : &m_rx[it->second.second];
    }
    else
    {
        for (uint32_t r = m_rxNewest[node]; r != kNone; r = m_rx[r].older)
        {
            first = m_rx[r].uid == uid ? &m_rx[r] : first;
        }
    }
    return first && first->ns <= before ? first : nullptr;
}

const LatencyBreakdown::Rx*
LatencyBreakdown::FirstTagged(uint32_t node, uint32_t tag) const
{
    if (node >= m_rxNewest.size())
    {
        return nullptr;
    }
    if (const Busy* busy = BusyOf(node))
    {
        auto it = busy->tag.find(tag);
        return it == busy->tag.end() ? nullptr : &m_rx[it->second];
    }
    const Rx* first = nullptr;
    for (uint32_t r = m_rxNewest[node]; r != kNone; r = m_rx[r].older)
    {
        first = m_rx[r].hasTag && m_rx[r].tag == tag ? &m_rx[r] : first;
    }
    return first;
}

const LatencyBreakdown::Hop*
LatencyBreakdown::FindTx(std::size_t channel, uint32_t receiver, uint64_t uid, int64_t atMost) const
{
    auto it = m_senders[channel].find(uid);
    if (it == m_senders[channel].end())
    {
        return nullptr;
    }
    const Hop* found = nullptr;
    for (uint32_t device : it->second)
    {
        if (device == receiver)
        {
            continue;
        }
        for (const Hop& hop : m_hops[device].at(uid))
        {
            if (hop.txEnd >= 0 && hop.txEnd <= atMost && (!found || hop.txEnd > found->txEnd))
            {
                found = &hop;
            }
        }
    }
    return found;
}

LatencyParts
LatencyBreakdown::Explain(uint32_t client, Ptr<const Packet> copy, int64_t sendNs,
                          int64_t recvNs) const
{
    uint32_t node = client < m_hostNode.size() ? m_hostNode[client] : UINT32_MAX;
    LatencyParts parts;
    auto& ns = parts.ns;
    uint64_t uid = copy->GetUid();
    int64_t at = recvNs; // when the packet was at `node`, walking back
    for (int guard = 0; guard < 4096; ++guard)
    {
        const Rx* rx = FindRx(node, uid, at);
        const Hop* hop = rx ? FindTx(ChannelOf(*rx), rx->device, uid, rx->ns) : nullptr;
        if (!hop || hop->txBegin < 0 || hop->dequeue < 0 || hop->macTx < 0)
        {
            break;
        }
        ns[LatencyParts::PROPAGATION] += rx->ns - hop->txEnd;
        ns[LatencyParts::TRANSMISSION] += hop->txEnd - hop->txBegin;
        ns[LatencyParts::ACCESS] += hop->txBegin - hop->dequeue;
        ns[LatencyParts::QUEUEING] += hop->dequeue - hop->macTx;
        int64_t entered = hop->macTx;
        if (hop->queueDiscIn >= 0 && hop->queueDiscOut >= 0)
        {
            ns[LatencyParts::QUEUEING] += hop->queueDiscOut - hop->queueDiscIn;
            ns[LatencyParts::RESOLUTION] += hop->macTx - hop->queueDiscOut;
            entered = hop->queueDiscIn;
        }
        node = hop->node;
        auto sent = m_sent.find({node, uid});
        if (sent != m_sent.end() && sent->second.first <= entered)
        {
            // Its IP sent it: the origin, or a relay that received it before (the same
            // packet, or one with the same message tag: the sequencer's).
            int64_t sentNs = sent->second.first;
            ns[LatencyParts::RESOLUTION] += entered - sentNs;
            at = sentNs;
            std::pair<uint64_t, int64_t> heard{uid, -1};
            if (const Rx* same = FirstHeard(node, uid, sentNs))
            {
                heard.second = same->ns;
            }
            else if (const Rx* tagged =
                         sent->second.second >= 0
                             ? FirstTagged(node, static_cast<uint32_t>(sent->second.second))
                             : nullptr;
                     tagged && tagged->ns <= sentNs)
            {
                heard = {tagged->uid, tagged->ns};
            }
            if (heard.second < 0)
            {
                break;
            }
            ns[LatencyParts::RELAY] += sentNs - heard.second;
            uid = heard.first;
            at = heard.second;
            continue;
        }
        const Rx* arrival = FindRx(node, uid, entered);
        if (!arrival)
        {
            at = entered;
            break;
        }
        ns[LatencyParts::RESOLUTION] += entered - arrival->ns;
        at = arrival->ns;
    }
    int64_t explained = 0;
    for (int64_t part : ns)
    {
        explained += part;
    }
    ns[LatencyParts::OTHER] = (recvNs - sendNs) - explained;
    return parts;
}

} // namespace gcsim
} // namespace ns3
