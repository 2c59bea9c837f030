#include "animation-tracker.h"

#include "../group/group-client.h"
#include "../group/group-message-tag.h"
#include "../group/group-server.h"
#include "../group/multicast-nic-filter.h"
#include "../network/routing-graph.h"
#include "../network/trace-connect.h"
#include "follow-message.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <ns3/callback.h>
#include <ns3/ipv4-l3-protocol.h>
#include <ns3/log.h>
#include <ns3/mobility-model.h>
#include <ns3/node.h>
#include <ns3/pointer.h>
#include <ns3/simulator.h>
#include <ns3/udp-header.h>
#include <ns3/udp-l4-protocol.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimAnimationTracker");

namespace
{

constexpr double kSlot = 40;          //!< layered: between two neighbouring leaves
constexpr double kLayer = 80;         //!< layered: between two hop layers
constexpr double kCircleSpacing = 48; //!< circle: between two neighbouring hosts
constexpr double kMinRadius = 110;

/// The drawn nodes in their order: P1, the clients, the routers, the switches.
std::vector<Ptr<Node>>
DrawnNodes(const Network& network)
{
    std::vector<Ptr<Node>> nodes;
    for (const NodeContainer* c : {&network.hosts, &network.routers, &network.switches})
    {
        for (uint32_t i = 0; i < c->GetN(); ++i)
        {
            nodes.push_back(c->Get(i));
        }
    }
    return nodes;
}

/// Drawn node index by ns-3 node id (-1: not drawn).
std::vector<int64_t>
IndexById(const std::vector<Ptr<Node>>& nodes)
{
    std::vector<int64_t> index;
    for (std::size_t i = 0; i < nodes.size(); ++i)
    {
        uint32_t id = nodes[i]->GetId();
        if (index.size() <= id)
        {
            index.resize(id + 1, -1);
        }
        index[id] = static_cast<int64_t>(i);
    }
    return index;
}

void
LayOutCircle(const Network& network, bool collapse, AnimationTopology& topology)
{
    topology.layout = "circle";
    uint32_t hosts = network.hosts.GetN();
    double radius = std::max(kMinRadius, hosts * kCircleSpacing / (2 * M_PI));
    // one shared segment drawn as one glyph: P1 above it, the clients at its hub
    bool gather = collapse && network.switches.GetN() == 0;
    for (uint32_t i = 0; i < hosts; ++i)
    {
        double angle = -M_PI / 2 + 2 * M_PI * i / hosts;
        double r = gather ? (i == 0 ? kMinRadius : 0) : radius;
        topology.nodes[i].x = r * std::cos(angle);
        topology.nodes[i].y = r * std::sin(angle);
    }
    // A switch, or a single segment's hub, at the centre.
    for (std::size_t i = hosts; i < topology.nodes.size(); ++i)
    {
        topology.nodes[i].x = 0;
        topology.nodes[i].y = 0;
    }
}

/// Whether the network's nodes have places (a radio network): drawn where they stand.
bool
HasPlaces(const std::vector<Ptr<Node>>& nodes)
{
    return std::any_of(nodes.begin(), nodes.end(),
                       [](const Ptr<Node>& n) { return n->GetObject<MobilityModel>() != nullptr; });
}

void
LayOutRadio(const Network& network, const std::vector<Ptr<Node>>& nodes,
            AnimationTopology& topology)
{
    topology.layout = "radio";
    constexpr double kExtent = 180; // the farthest station from the centre, in drawing units
    double farthest = 1;
    for (const auto& n : nodes)
    {
        if (auto at = n->GetObject<MobilityModel>())
        {
            farthest = std::max(farthest, std::hypot(at->GetPosition().x, at->GetPosition().y));
        }
    }
    double scale = kExtent / farthest;
    for (std::size_t i = 0; i < nodes.size(); ++i)
    {
        auto at = nodes[i]->GetObject<MobilityModel>();
        // A node without a place (P1 on its cable) stands above the stations.
        topology.nodes[i].x = at ? at->GetPosition().x * scale : 0;
        topology.nodes[i].y = at ? -at->GetPosition().y * scale : -kExtent - 50;
    }
    for (std::size_t l = 0; l < network.links.size(); ++l)
    {
        if (network.links[l].framing == Framing::WIFI)
        {
            const AnimationNode& centre = topology.nodes[topology.links[l].ends[0]];
            topology.links[l].x = centre.x;
            topology.links[l].y = centre.y;
            topology.radioRange = network.links[l].range * scale;
            topology.radioRangeMetres = network.links[l].range;
        }
    }
}

void
LayOutLayers(const Network& network, const std::vector<int64_t>& indexById, bool collapse,
             AnimationTopology& topology)
{
    topology.layout = "layered";
    RoutingGraph graph(network);
    uint32_t server = network.Server()->GetId();
    RoutingGraph::Tree tree = graph.FromNodes({server});
    uint64_t vertices = graph.NodeCount() + network.links.size();
    auto shared = [&](uint64_t v)
    { return graph.IsLinkVertex(v) && network.links[graph.LinkOf(v)].ends.size() > 2; };
    auto drawn = [&](uint64_t v)
    { return graph.IsLinkVertex(v) ? shared(v) : v < indexById.size() && indexById[v] >= 0; };

    // The breadth-first tree without point-to-point link vertices: a node hangs off the node
    // across its point-to-point link, or off the hub of its shared segment.
    std::vector<std::vector<uint64_t>> children(vertices);
    for (uint64_t v = 0; v < vertices; ++v)
    {
        if (v == server || !drawn(v) || !tree.reached[v] || tree.parent[v] < 0)
        {
            continue;
        }
        auto parent = static_cast<uint64_t>(tree.parent[v]);
        if (graph.IsLinkVertex(parent) && !shared(parent))
        {
            if (tree.parent[parent] < 0)
            {
                continue;
            }
            parent = static_cast<uint64_t>(tree.parent[parent]);
        }
        children[parent].push_back(v);
    }

    std::vector<double> x(vertices, 0);
    std::vector<double> depth(vertices, 0);
    std::vector<bool> placed(vertices, false);
    double nextSlot = 0;
    double maxDepth = 0;
    uint32_t hosts = network.hosts.GetN();
    // collapse: a segment's clients that lead nowhere stand at its hub
    auto gathered = [&](uint64_t v, uint64_t c)
    {
        return collapse && graph.IsLinkVertex(v) && !graph.IsLinkVertex(c) && children[c].empty() &&
               indexById[c] > 0 && indexById[c] < hosts;
    };
    std::function<void(uint64_t)> place = [&](uint64_t v)
    {
        placed[v] = true;
        maxDepth = std::max(maxDepth, depth[v]);
        std::vector<uint64_t> spread;
        for (uint64_t c : children[v])
        {
            depth[c] = depth[v] + (graph.IsLinkVertex(c) || graph.IsLinkVertex(v) ? 0.5 : 1.0);
            if (!gathered(v, c))
            {
                place(c);
                spread.push_back(c);
            }
        }
        x[v] = spread.empty() ? nextSlot++ : (x[spread.front()] + x[spread.back()]) / 2;
        for (uint64_t c : children[v])
        {
            if (gathered(v, c))
            {
                placed[c] = true;
                x[c] = x[v];
                depth[c] = depth[v];
            }
        }
    };
    place(server);
    for (uint64_t v = 0; v < graph.NodeCount(); ++v)
    {
        if (drawn(v) && !placed[v])
        {
            depth[v] = std::floor(maxDepth) + 1;
            x[v] = nextSlot++;
        }
    }
    for (uint64_t v = 0; v < graph.NodeCount(); ++v)
    {
        if (drawn(v))
        {
            auto& node = topology.nodes[indexById[v]];
            node.x = x[v] * kSlot;
            node.y = depth[v] * kLayer;
        }
    }
    for (uint32_t l = 0; l < network.links.size(); ++l)
    {
        uint64_t v = graph.LinkVertex(l);
        AnimationLink& link = topology.links[l];
        if (link.shared && placed[v])
        {
            link.x = x[v] * kSlot;
            link.y = depth[v] * kLayer;
        }
    }
}

std::string
Quoted(const std::string& text)
{
    std::string out = "\"";
    for (char c : text)
    {
        if (c == '"' || c == '\\')
        {
            out += '\\';
            out += c;
        }
        else if (static_cast<unsigned char>(c) < 0x20)
        {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        }
        else
        {
            out += c;
        }
    }
    return out + "\"";
}

std::string
Coordinate(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", std::abs(v) < 0.05 ? 0.0 : v);
    return buf;
}

const char*
KindName(AnimationReception::Kind kind)
{
    switch (kind)
    {
        case AnimationReception::APPLICATION:
            return "application";
        case AnimationReception::STACK:
            return "stack";
        case AnimationReception::NIC_FILTERED:
            return "nic-filtered";
    }
    return "";
}

} // namespace

AnimationTopology
LayOut(const Network& network, const std::vector<uint32_t>& members, bool collapse)
{
    NS_LOG_FUNCTION_NOARGS();
    AnimationTopology topology;
    std::vector<Ptr<Node>> nodes = DrawnNodes(network);
    std::vector<int64_t> indexById = IndexById(nodes);
    for (std::size_t i = 0; i < nodes.size(); ++i)
    {
        AnimationNode node;
        node.name = network.NodeName(nodes[i]->GetId());
        uint32_t hosts = network.hosts.GetN();
        node.kind = i < hosts ? "host" : i < hosts + network.routers.GetN() ? "router" : "switch";
        node.member = i > 0 && i < hosts &&
                      std::binary_search(members.begin(), members.end(), static_cast<uint32_t>(i));
        topology.nodes.push_back(node);
    }
    for (const Link& l : network.links)
    {
        AnimationLink link;
        link.name = l.name;
        for (const auto& device : l.ends)
        {
            link.ends.push_back(static_cast<uint32_t>(indexById[device->GetNode()->GetId()]));
        }
        link.shared = l.ends.size() > 2;
        link.delayNs = l.delay.GetNanoSeconds();
        link.rateBps = l.rate.GetBitRate();
        topology.links.push_back(link);
    }

    bool singleSegment = network.routers.GetN() == 0 &&
                         ((network.switches.GetN() == 0 && network.links.size() == 1) ||
                          network.switches.GetN() == 1);
    if (HasPlaces(nodes))
    {
        LayOutRadio(network, nodes, topology);
    }
    else if (singleSegment)
    {
        LayOutCircle(network, collapse, topology);
    }
    else
    {
        LayOutLayers(network, indexById, collapse, topology);
    }
    // A segment's hub that the layout did not place: the centre of its ends.
    for (AnimationLink& link : topology.links)
    {
        if (link.shared && topology.layout == "layered" && link.x == 0 && link.y == 0)
        {
            for (uint32_t e : link.ends)
            {
                link.x += topology.nodes[e].x / link.ends.size();
                link.y += topology.nodes[e].y / link.ends.size();
            }
        }
    }
    return topology;
}

AnimationTracker::AnimationTracker(const Network& network, Animation& animation, std::string mode,
                                   uint32_t message)
  : m_animation(animation)
  , m_message(message)
{
    NS_LOG_FUNCTION(this << mode << message);
    m_trace.mode = std::move(mode);
    std::vector<int64_t> indexById = IndexById(DrawnNodes(network));
    for (uint32_t l = 0; l < network.links.size(); ++l)
    {
        for (const auto& device : network.links[l].ends)
        {
            m_ends.push_back({l, static_cast<uint32_t>(indexById[device->GetNode()->GetId()])});
            std::size_t end = m_ends.size() - 1;
            Subscribe(device, "PhyTxBegin",
                      Callback<void, Ptr<const Packet>>([this, end](Ptr<const Packet> p)
                                                        { OnTxBegin(end, p); }));
            Subscribe(device, "PhyTxEnd",
                      Callback<void, Ptr<const Packet>>([this, end](Ptr<const Packet> p)
                                                        { OnTxEnd(end, p); }));
        }
    }
    m_deliveredNs.assign(network.hosts.GetN(), -1);
    FollowMessage(
        network, m_message,
        [this](const std::vector<uint32_t>& destinations) { OnSend(destinations); },
        [this](uint32_t host, uint32_t)
        {
            int64_t now = Simulator::Now().GetNanoSeconds();
            m_trace.receptions.push_back({now, host, AnimationReception::APPLICATION});
            m_deliveredNs[host] = now;
        });
    SubscribeRequests(network);
    for (uint32_t i = 1; i < network.hosts.GetN(); ++i)
    {
        Ptr<Node> node = network.hosts.Get(i);
        Subscribe(node->GetObject<Ipv4L3Protocol>(), "LocalDeliver",
                  Callback<void, const Ipv4Header&, Ptr<const Packet>, uint32_t>(
                      [this, i](const Ipv4Header&, Ptr<const Packet> p, uint32_t)
                      { OnReception(i, AnimationReception::STACK, p); }));
        for (uint32_t d = 0; d < node->GetNDevices(); ++d)
        {
            if (auto filter = MulticastNicFilter::On(node->GetDevice(d)))
            {
                Subscribe(filter, "Filtered",
                          Callback<void, Ptr<const Packet>>(
                              [this, i](Ptr<const Packet> p)
                              { OnReception(i, AnimationReception::NIC_FILTERED, p); }));
            }
        }
    }
}

void
AnimationTracker::SubscribeRequests(const Network& network)
{
    for (uint32_t h = 0; h < network.hosts.GetN(); ++h)
    {
        Ptr<Node> node = network.hosts.Get(h);
        for (uint32_t a = 0; a < node->GetNApplications(); ++a)
        {
            Ptr<Application> app = node->GetApplication(a);
            if (!DynamicCast<GroupServer>(app) && !DynamicCast<GroupClient>(app))
            {
                continue;
            }
            Subscribe(app, "Console",
                      Callback<void, const std::string&>([this, h](const std::string& line)
                                                         { OnConsole(h, line); }));
            if (DynamicCast<GroupServer>(app))
            {
                Subscribe(app, "Rx",
                          Callback<void, Ptr<const Packet>, const GroupHeader&>(
                              [this](Ptr<const Packet> p, const GroupHeader&)
                              {
                                  OnReception(0, AnimationReception::APPLICATION, p);
                                  m_answered = p->GetUid();
                                  m_answeredNs = Simulator::Now().GetNanoSeconds();
                              }));
            }
        }
        auto ipv4 = node->GetObject<Ipv4L3Protocol>();
        if (h == 0)
        {
            // P1's stack: only a request is recorded there (P1's own message is not received)
            Subscribe(ipv4, "LocalDeliver",
                      Callback<void, const Ipv4Header&, Ptr<const Packet>, uint32_t>(
                          [this](const Ipv4Header&, Ptr<const Packet> p, uint32_t)
                          { OnReception(0, AnimationReception::STACK, p); }));
            continue;
        }
        Subscribe(ipv4, "SendOutgoing",
                  Callback<void, const Ipv4Header&, Ptr<const Packet>, uint32_t>(
                      [this, h](const Ipv4Header& ip, Ptr<const Packet> p, uint32_t)
                      {
                          if (ip.GetProtocol() == UdpL4Protocol::PROT_NUMBER)
                          {
                              OnClientSend(h, p); // not IGMP or a routing protocol's packets
                          }
                      }));
    }
}

void
AnimationTracker::OnClientSend(uint32_t client, Ptr<const Packet> segment)
{
    if (m_trace.sendNs >= 0)
    {
        return; // P1 has sent: the request is known
    }
    Ptr<Packet> copy = segment->Copy();
    UdpHeader udp;
    GroupHeader header;
    // A datagram too short for a GroupHeader is not a client's message (and peeking one would
    // read past its end).
    if (copy->GetSize() < 8 + GroupHeader::SERIALIZED_SIZE || copy->RemoveHeader(udp) != 8 ||
        copy->PeekHeader(header) != GroupHeader::SERIALIZED_SIZE ||
        header.GetKind() != GroupHeader::CLIENT_MESSAGE)
    {
        return;
    }
    NS_LOG_FUNCTION(this << client << segment->GetUid());
    AnimationRequest& request = m_requests[segment->GetUid()];
    request.client = client;
    request.sendNs = Simulator::Now().GetNanoSeconds();
}

void
AnimationTracker::OnConsole(uint32_t node, const std::string& line)
{
    int64_t now = Simulator::Now().GetNanoSeconds();
    if (m_trace.sendNs < 0)
    {
        m_lines.push_back({now, node, line});
    }
    else if (node > 0 && m_deliveredNs[node] == now)
    {
        m_trace.console.push_back({now, node, line}); // what the reply made its client print
    }
}

void
AnimationTracker::OnSend(const std::vector<uint32_t>& destinations)
{
    NS_LOG_FUNCTION(this);
    int64_t now = Simulator::Now().GetNanoSeconds();
    m_trace.sendNs = now;
    m_trace.destinations = destinations;
    auto request = m_requests.find(m_answered);
    if (m_answeredNs == now && request != m_requests.end())
    {
        m_trace.request = std::move(request->second);
        // the client's lines as it sent the request, P1's as it took it and answered
        for (const AnimationConsoleLine& line : m_lines)
        {
            if ((line.node == m_trace.request.client && line.atNs == m_trace.request.sendNs) ||
                (line.node == 0 && line.atNs == now))
            {
                m_trace.console.push_back(line);
            }
        }
    }
    m_requests.clear();
    m_lines.clear();
}

bool
AnimationTracker::Traced(Ptr<const Packet> packet) const
{
    GroupMessageTag tag;
    return packet->PeekPacketTag(tag) && tag.GetMessage() == m_message;
}

AnimationRequest*
AnimationTracker::RequestOf(Ptr<const Packet> packet)
{
    if (m_requests.empty())
    {
        return nullptr;
    }
    auto request = m_requests.find(packet->GetUid());
    return request == m_requests.end() ? nullptr : &request->second;
}

void
AnimationTracker::OnTxBegin(std::size_t end, Ptr<const Packet> frame)
{
    NS_LOG_FUNCTION(this << end << frame);
    if (Traced(frame) || RequestOf(frame))
    {
        m_ends[end].pendingBeginNs = Simulator::Now().GetNanoSeconds();
    }
}

void
AnimationTracker::OnTxEnd(std::size_t end, Ptr<const Packet> frame)
{
    NS_LOG_FUNCTION(this << end << frame);
    AnimationRequest* request = Traced(frame) ? nullptr : RequestOf(frame);
    if (!request && !Traced(frame))
    {
        return;
    }
    End& e = m_ends[end];
    int64_t now = Simulator::Now().GetNanoSeconds();
    (request ? request->frames : m_trace.frames)
        .push_back({e.link, e.node, e.pendingBeginNs >= 0 ? e.pendingBeginNs : now, now,
                    frame->GetSize()});
    e.pendingBeginNs = -1;
}

void
AnimationTracker::OnReception(uint32_t node, AnimationReception::Kind kind,
                              Ptr<const Packet> packet)
{
    NS_LOG_FUNCTION(this << node << packet);
    int64_t now = Simulator::Now().GetNanoSeconds();
    if (node > 0 && Traced(packet))
    {
        m_trace.receptions.push_back({now, node, kind});
    }
    else if (AnimationRequest* request = node == 0 ? RequestOf(packet) : nullptr)
    {
        request->receptions.push_back({now, node, kind});
    }
}

void
AnimationTracker::Finish()
{
    NS_LOG_FUNCTION(this);
    m_animation.Add(std::move(m_trace));
    m_trace = AnimationTrace();
    m_requests.clear();
    m_lines.clear();
}

Animation::Animation(uint32_t message)
  : m_message(message)
{
    NS_LOG_FUNCTION(this << message);
}

std::unique_ptr<AnimationTracker>
Animation::Track(const Network& network, const std::vector<uint32_t>& members,
                 const std::string& mode)
{
    NS_LOG_FUNCTION(this << mode);
    uint32_t nodes = network.hosts.GetN() + network.routers.GetN() + network.switches.GetN();
    if (nodes > kMaxNodes)
    {
        m_skipped = "the network has " + std::to_string(nodes) +
                    " nodes; runs are animated up to " + std::to_string(kMaxNodes);
        return nullptr;
    }
    if (!m_laidOut)
    {
        m_compact = nodes > kCompactNodes;
        m_topology = LayOut(network, members, m_compact);
        m_laidOut = true;
    }
    return std::make_unique<AnimationTracker>(network, *this, mode, m_message);
}

void
Animation::Add(AnimationTrace trace)
{
    NS_LOG_FUNCTION(this);
    for (AnimationTrace& t : m_traces)
    {
        if (t.mode == trace.mode)
        {
            t = std::move(trace);
            return;
        }
    }
    m_traces.push_back(std::move(trace));
}

const AnimationTopology&
Animation::Topology() const
{
    return m_topology;
}

const std::vector<AnimationTrace>&
Animation::Traces() const
{
    return m_traces;
}

const std::string&
Animation::Skipped() const
{
    return m_skipped;
}

namespace
{

/// Frames as objects, or compactly as [link, from, begin, duration, bytes] with begin in ns
/// after \p baseNs (the mode's send_ns) and the duration end_ns - begin_ns.
void
WriteFrames(std::ostream& out, const std::vector<AnimationFrame>& frames, bool compact,
            int64_t baseNs)
{
    out << "[";
    for (std::size_t f = 0; f < frames.size(); ++f)
    {
        const AnimationFrame& fr = frames[f];
        if (compact)
        {
            out << (f ? "," : "") << "[" << fr.link << "," << fr.from << "," << fr.beginNs - baseNs
                << "," << fr.endNs - fr.beginNs << "," << fr.bytes << "]";
            continue;
        }
        out << (f ? ",\n" : "\n") << "       {\"link\": " << fr.link << ", \"from\": " << fr.from
            << ", \"begin_ns\": " << fr.beginNs << ", \"end_ns\": " << fr.endNs
            << ", \"bytes\": " << fr.bytes << "}";
    }
    out << "]";
}

/// Receptions as objects, or compactly as [at, node, kind] with at in ns after \p baseNs and
/// kind 0 application, 1 stack, 2 nic-filtered.
void
WriteReceptions(std::ostream& out, const std::vector<AnimationReception>& receptions, bool compact,
                int64_t baseNs)
{
    out << "[";
    for (std::size_t r = 0; r < receptions.size(); ++r)
    {
        const AnimationReception& rx = receptions[r];
        if (compact)
        {
            out << (r ? "," : "") << "[" << rx.atNs - baseNs << "," << rx.node << ","
                << static_cast<int>(rx.kind) << "]";
            continue;
        }
        out << (r ? ",\n" : "\n") << "       {\"at_ns\": " << rx.atNs << ", \"node\": " << rx.node
            << ", \"kind\": " << Quoted(KindName(rx.kind)) << "}";
    }
    out << "]";
}

void
WriteNodes(std::ostream& out, const std::vector<AnimationNode>& nodes, bool compact)
{
    out << "  \"nodes\": [";
    for (std::size_t i = 0; i < nodes.size(); ++i)
    {
        const AnimationNode& n = nodes[i];
        if (compact)
        {
            out << (i ? "," : "") << (i % 8 ? "" : "\n    ") << "[" << Quoted(n.name) << ","
                << Quoted(n.kind.substr(0, 1)) << "," << n.member << "," << Coordinate(n.x) << ","
                << Coordinate(n.y) << "]";
            continue;
        }
        out << (i ? ",\n" : "\n") << "    {\"name\": " << Quoted(n.name)
            << ", \"kind\": " << Quoted(n.kind) << ", \"member\": " << (n.member ? "true" : "false")
            << ", \"x\": " << Coordinate(n.x) << ", \"y\": " << Coordinate(n.y) << "}";
    }
    out << "\n  ],\n";
}

/// Links as objects, or compactly as [name, ends, shared, x, y, delay_ns, rate_bps].
void
WriteLinks(std::ostream& out, const std::vector<AnimationLink>& links, bool compact)
{
    out << "  \"links\": [";
    for (std::size_t l = 0; l < links.size(); ++l)
    {
        const AnimationLink& link = links[l];
        out << (l ? ",\n" : "\n") << (compact ? "    [" : "    {\"name\": ") << Quoted(link.name)
            << (compact ? ",[" : ", \"ends\": [");
        for (std::size_t e = 0; e < link.ends.size(); ++e)
        {
            out << (e ? (compact ? "," : ", ") : "") << link.ends[e];
        }
        if (compact)
        {
            out << "]," << link.shared << "," << Coordinate(link.x) << "," << Coordinate(link.y)
                << "," << link.delayNs << "," << link.rateBps << "]";
            continue;
        }
        out << "], \"shared\": " << (link.shared ? "true" : "false");
        if (link.shared)
        {
            out << ", \"x\": " << Coordinate(link.x) << ", \"y\": " << Coordinate(link.y);
        }
        out << ", \"delay_ns\": " << link.delayNs << ", \"rate_bps\": " << link.rateBps << "}";
    }
    out << "\n  ],\n";
}

/// What a compact file's times count from: the mode's send_ns (0 when it never sent).
int64_t
Base(const AnimationTrace& t)
{
    return std::max<int64_t>(t.sendNs, 0);
}

/// The request a reply answers and the lines printed for them (written only in a replay).
void
WriteExchange(std::ostream& out, const AnimationTrace& t, bool compact)
{
    if (t.request.client > 0)
    {
        out << ",\n     \"request\": {\"client\": " << t.request.client
            << ", \"send_ns\": " << t.request.sendNs << ",\n     \"frames\": ";
        WriteFrames(out, t.request.frames, compact, Base(t));
        out << ",\n     \"receptions\": ";
        WriteReceptions(out, t.request.receptions, compact, Base(t));
        out << "}";
    }
    if (!t.console.empty())
    {
        out << ",\n     \"console\": [";
        for (std::size_t c = 0; c < t.console.size(); ++c)
        {
            const AnimationConsoleLine& line = t.console[c];
            out << (c ? ",\n" : "\n") << "       {\"at_ns\": " << line.atNs
                << ", \"node\": " << line.node << ", \"text\": " << Quoted(line.text) << "}";
        }
        out << "]";
    }
}

} // namespace

void
Animation::WriteJson(std::ostream& out) const
{
    out << "{\n  \"message\": " << m_message << ",\n";
    if (!m_skipped.empty())
    {
        out << "  \"skipped\": " << Quoted(m_skipped) << ",\n";
    }
    if (m_compact)
    {
        out << "  \"format\": \"compact\",\n";
    }
    out << "  \"layout\": " << Quoted(m_topology.layout) << ",\n";
    if (m_topology.radioRange > 0)
    {
        out << "  \"radio_range\": " << Coordinate(m_topology.radioRange)
            << ",\n  \"radio_range_m\": " << Coordinate(m_topology.radioRangeMetres) << ",\n";
    }
    WriteNodes(out, m_topology.nodes, m_compact);
    WriteLinks(out, m_topology.links, m_compact);
    out << "  \"modes\": [";
    for (std::size_t m = 0; m < m_traces.size(); ++m)
    {
        const AnimationTrace& t = m_traces[m];
        out << (m ? ",\n" : "\n") << "    {\"mode\": " << Quoted(t.mode)
            << ", \"send_ns\": " << t.sendNs << ", \"destinations\": [";
        for (std::size_t d = 0; d < t.destinations.size(); ++d)
        {
            out << (d ? ", " : "") << t.destinations[d];
        }
        out << "],\n     \"frames\": ";
        WriteFrames(out, t.frames, m_compact, Base(t));
        out << ",\n     \"receptions\": ";
        WriteReceptions(out, t.receptions, m_compact, Base(t));
        WriteExchange(out, t, m_compact);
        out << "}";
    }
    out << "\n  ]\n}\n";
}

} // namespace gcsim
} // namespace ns3
