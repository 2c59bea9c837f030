#include "narration-tracker.h"

#include "../group/group-client.h"
#include "../group/group-message-tag.h"
#include "../group/group-server.h"
#include "../group/multicast-nic-filter.h"
#include "../network/trace-connect.h"
#include "follow-message.h"

#include <algorithm>
#include <ns3/callback.h>
#include <ns3/ethernet-header.h>
#include <ns3/ipv4-header.h>
#include <ns3/ipv4-l3-protocol.h>
#include <ns3/llc-snap-header.h>
#include <ns3/log.h>
#include <ns3/mac48-address.h>
#include <ns3/node.h>
#include <ns3/pointer.h>
#include <ns3/ppp-header.h>
#include <ns3/queue-disc.h>
#include <ns3/simulator.h>
#include <ns3/traffic-control-layer.h>
#include <ns3/wifi-mac-header.h>
#include <set>
#include <sstream>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimNarrationTracker");

namespace
{

const char*
DropReasonText(Ipv4L3Protocol::DropReason reason)
{
    switch (reason)
    {
        case Ipv4L3Protocol::DROP_TTL_EXPIRED:
            return "TTL expired";
        case Ipv4L3Protocol::DROP_NO_ROUTE:
            return "no route";
        case Ipv4L3Protocol::DROP_BAD_CHECKSUM:
            return "bad checksum";
        case Ipv4L3Protocol::DROP_INTERFACE_DOWN:
            return "interface down";
        case Ipv4L3Protocol::DROP_ROUTE_ERROR:
            return "route error";
        case Ipv4L3Protocol::DROP_FRAGMENT_TIMEOUT:
            return "fragment timeout";
        case Ipv4L3Protocol::DROP_DUPLICATE:
            return "already forwarded";
    }
    return "dropped by IPv4";
}

std::string
MacText(const Address& address)
{
    std::ostringstream text;
    text << Mac48Address::ConvertFrom(address);
    return text.str();
}

} // namespace

NarrationTracker::NarrationTracker(const Network& network, const std::vector<uint32_t>& members,
                                   std::string mode, uint32_t message)
  : m_message(message)
{
    NS_LOG_FUNCTION(this << mode << message);
    m_narration.mode = std::move(mode);
    m_narration.message = message;
    DescribeNodes(network, members);
    SubscribeLinks(network);
    SubscribeStacks(network);
    SubscribeApplications(network);
}

void
NarrationTracker::DescribeNodes(const Network& network, const std::vector<uint32_t>& members)
{
    NS_LOG_FUNCTION(this);
    Narration& n = m_narration;
    NodeContainer all(network.hosts, network.routers, network.switches);
    uint32_t maxId = 0;
    for (uint32_t i = 0; i < all.GetN(); ++i)
    {
        maxId = std::max(maxId, all.Get(i)->GetId());
    }
    n.nodes.resize(maxId + 1);
    for (uint32_t i = 0; i < all.GetN(); ++i)
    {
        uint32_t id = all.Get(i)->GetId();
        NarratedNode& node = n.nodes[id];
        node.name = network.NodeName(id);
        if (i == 0)
        {
            node.role = NarratedNode::SERVER;
        }
        else if (i < network.hosts.GetN())
        {
            node.role = NarratedNode::CLIENT;
            node.member = std::binary_search(members.begin(), members.end(), i);
        }
        else
        {
            node.role = i < network.hosts.GetN() + network.routers.GetN() ? NarratedNode::ROUTER
                                                                          : NarratedNode::SWITCH;
        }
    }
    for (uint32_t c = 0; c < network.hosts.GetN(); ++c)
    {
        n.clientNodes.push_back(network.hosts.Get(c)->GetId());
    }
    n.hostAddresses[network.serverAddress] = network.Server()->GetId();
    for (uint32_t c = 1; c <= network.clientAddresses.size(); ++c)
    {
        n.hostAddresses[network.clientAddresses[c - 1]] = network.hosts.Get(c)->GetId();
    }
}

void
NarrationTracker::SubscribeLinks(const Network& network)
{
    NS_LOG_FUNCTION(this);
    Narration& n = m_narration;
    auto dropped = [this](uint32_t node, const char* reason)
    {
        return Callback<void, Ptr<const Packet>>(
            [this, node, reason](Ptr<const Packet> p)
            {
                if (Traced(p))
                {
                    Add(NarratedEvent::DROP, node, 0, reason);
                }
            });
    };
    std::set<uint32_t> tracedNodes;
    for (uint32_t l = 0; l < network.links.size(); ++l)
    {
        const Link& link = network.links[l];
        NarratedLink narrated;
        narrated.name = link.name;
        narrated.ethernet = link.framing != Framing::PPP;
        narrated.delayNs = link.delay.GetNanoSeconds();
        for (const auto& device : link.ends)
        {
            uint32_t node = device->GetNode()->GetId();
            narrated.ends.push_back(node);
            if (narrated.ethernet)
            {
                n.macOwners[MacText(device->GetAddress())] = node;
            }
            m_ends.push_back(
                {l, node, narrated.ethernet, link.framing == Framing::WIFI, {}, false});
            std::size_t end = m_ends.size() - 1;
            Subscribe(device, "PhyTxBegin",
                      Callback<void, Ptr<const Packet>>([this, end](Ptr<const Packet> p)
                                                        { OnTxBegin(end, p); }));
            Subscribe(device, "PhyTxEnd",
                      Callback<void, Ptr<const Packet>>([this, end](Ptr<const Packet> p)
                                                        { OnTxEnd(end, p); }));
            Subscribe(device, "PhyRxEnd",
                      Callback<void, Ptr<const Packet>>(
                          [this, node, l](Ptr<const Packet> p)
                          {
                              if (Traced(p))
                              {
                                  Add(NarratedEvent::NIC, node, l);
                              }
                          }));
            Subscribe(device, "MacTxDrop", dropped(node, "its device queue was full"));
            Subscribe(device, "PhyTxDrop", dropped(node, "the link stayed busy"));
            auto tc = device->GetNode()->GetObject<TrafficControlLayer>();
            if (tc && tracedNodes.insert(node).second)
            {
                Subscribe(tc, "TcDrop", dropped(node, "its device queue was full"));
            }
            if (Ptr<QueueDisc> qd = tc ? tc->GetRootQueueDiscOnDevice(device) : nullptr)
            {
                Subscribe(qd, "Drop",
                          Callback<void, Ptr<const QueueDiscItem>>(
                              [this, node](Ptr<const QueueDiscItem> item)
                              {
                                  if (Traced(item->GetPacket()))
                                  {
                                      Add(NarratedEvent::DROP, node, 0,
                                          "its queue disc dropped it");
                                  }
                              }));
            }
        }
        n.links.push_back(narrated);
    }
}

void
NarrationTracker::SubscribeStacks(const Network& network)
{
    NS_LOG_FUNCTION(this);
    NodeContainer all(network.hosts, network.routers, network.switches);
    for (uint32_t i = 0; i < all.GetN(); ++i)
    {
        Ptr<Node> node = all.Get(i);
        uint32_t id = node->GetId();
        if (auto ipv4 = node->GetObject<Ipv4L3Protocol>())
        {
            Subscribe(ipv4, "Drop",
                      Callback<void, const Ipv4Header&, Ptr<const Packet>,
                               Ipv4L3Protocol::DropReason, Ptr<Ipv4>, uint32_t>(
                          [this, id](const Ipv4Header&, Ptr<const Packet> p,
                                     Ipv4L3Protocol::DropReason reason, Ptr<Ipv4>, uint32_t)
                          {
                              if (Traced(p))
                              {
                                  Add(reason == Ipv4L3Protocol::DROP_DUPLICATE
                                          ? NarratedEvent::DUPLICATE
                                          : NarratedEvent::DROP,
                                      id, 0, DropReasonText(reason));
                              }
                          }));
            if (i > 0 && i < network.hosts.GetN())
            {
                Subscribe(ipv4, "LocalDeliver",
                          Callback<void, const Ipv4Header&, Ptr<const Packet>, uint32_t>(
                              [this, id](const Ipv4Header&, Ptr<const Packet> p, uint32_t)
                              {
                                  if (Traced(p))
                                  {
                                      Add(NarratedEvent::STACK, id);
                                  }
                              }));
            }
        }
        if (i == 0 || i >= network.hosts.GetN())
        {
            continue;
        }
        for (uint32_t d = 0; d < node->GetNDevices(); ++d)
        {
            if (auto filter = MulticastNicFilter::On(node->GetDevice(d)))
            {
                Subscribe(filter, "Filtered",
                          Callback<void, Ptr<const Packet>>(
                              [this, id](Ptr<const Packet> p)
                              {
                                  if (Traced(p))
                                  {
                                      Add(NarratedEvent::FILTERED, id);
                                  }
                              }));
            }
        }
    }
}

void
NarrationTracker::SubscribeApplications(const Network& network)
{
    NS_LOG_FUNCTION(this);
    FollowMessage(
        network, m_message,
        [this](const std::vector<uint32_t>& destinations)
        {
            m_narration.sendNs = Simulator::Now().GetNanoSeconds();
            m_narration.destinations = destinations;
        },
        [this](uint32_t, uint32_t node) { Add(NarratedEvent::APPLICATION, node); });
}

bool
NarrationTracker::Traced(Ptr<const Packet> packet) const
{
    GroupMessageTag tag;
    return packet && packet->PeekPacketTag(tag) && tag.GetMessage() == m_message;
}

void
NarrationTracker::Add(NarratedEvent::Kind kind, uint32_t node, uint32_t link, std::string reason)
{
    NS_LOG_FUNCTION(this << node << link << reason);
    m_narration.events.push_back(
        {kind, Simulator::Now().GetNanoSeconds(), node, link, std::move(reason)});
}

void
NarrationTracker::OnTxBegin(std::size_t index, Ptr<const Packet> frame)
{
    NS_LOG_FUNCTION(this << index << frame);
    if (!Traced(frame))
    {
        return;
    }
    End& end = m_ends[index];
    NarratedFrame& f = end.pending;
    f = NarratedFrame();
    f.link = end.link;
    f.from = end.node;
    f.beginNs = Simulator::Now().GetNanoSeconds();
    Ptr<Packet> copy = frame->Copy();
    if (end.radio)
    {
        WifiMacHeader mac;
        copy->RemoveHeader(mac);
        f.mac = MacText(mac.GetAddr1()); // the radio receiver: a station or the group
        LlcSnapHeader llc;
        copy->RemoveHeader(llc);
    }
    else if (end.ethernet)
    {
        EthernetHeader ethernet(false);
        copy->RemoveHeader(ethernet);
        f.mac = MacText(ethernet.GetDestination());
    }
    else
    {
        PppHeader ppp;
        copy->RemoveHeader(ppp);
    }
    Ipv4Header ip;
    if (copy->PeekHeader(ip))
    {
        f.destination = ip.GetDestination();
    }
    end.busy = true;
}

void
NarrationTracker::OnTxEnd(std::size_t index, Ptr<const Packet> frame)
{
    NS_LOG_FUNCTION(this << index << frame);
    End& end = m_ends[index];
    if (!end.busy || !Traced(frame))
    {
        return;
    }
    end.busy = false;
    end.pending.endNs = Simulator::Now().GetNanoSeconds();
    end.pending.bytes = frame->GetSize();
    m_narration.frames.push_back(end.pending);
}

Narration
NarrationTracker::Finish() const
{
    return m_narration;
}

} // namespace gcsim
} // namespace ns3
