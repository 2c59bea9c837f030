#ifndef GCSIM_ANIMATION_TRACKER_H
#define GCSIM_ANIMATION_TRACKER_H

#include "../group/group-header.h"
#include "../network/network.h"

#include <cstdint>
#include <map>
#include <memory>
#include <ns3/ipv4-header.h>
#include <ns3/packet.h>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{
namespace gcsim
{

/// One node of the drawing, at its place in the layout (SVG user units).
struct AnimationNode
{
    std::string name; //!< "P1", "C3", "R0", "S0"
    std::string kind; //!< "host", "router" or "switch"
    bool member{false};
    double x{0};
    double y{0};
};

/// One link of the drawing: a line between two nodes, or a segment drawn as a hub with spokes.
struct AnimationLink
{
    std::string name;           //!< as links.csv names it
    std::vector<uint32_t> ends; //!< node indices, in the order of Link::ends
    bool shared{false};         //!< more than two ends: drawn as a hub at (x, y)
    double x{0};
    double y{0};
    int64_t delayNs{0};
    uint64_t rateBps{0};
};

/// The network as drawn: the same for every mode of a run.
struct AnimationTopology
{
    std::string layout;         //!< "circle", "layered" or "radio" (stations at their places)
    double radioRange{0};       //!< radio: the access point's range in drawing units (0: none)
    double radioRangeMetres{0}; //!< the same in metres
    std::vector<AnimationNode> nodes;
    std::vector<AnimationLink> links;
};

/// One frame of the traced message on one link.
struct AnimationFrame
{
    uint32_t link;   //!< index into AnimationTopology::links
    uint32_t from;   //!< the transmitting node's index
    int64_t beginNs; //!< PhyTxBegin
    int64_t endNs;   //!< PhyTxEnd; the last bit arrives delayNs later
    uint32_t bytes;  //!< on the wire
};

/// The traced message reached a node.
struct AnimationReception
{
    enum Kind
    {
        APPLICATION,  //!< the client application got it (GroupClient Rx)
        STACK,        //!< the host's IP stack took it in (Ipv4L3Protocol LocalDeliver)
        NIC_FILTERED, //!< the host's NIC dropped it (MulticastNicFilter Filtered)
    };
    int64_t atNs;
    uint32_t node;
    Kind kind;
};

/// A replay's client message that made P1 send the traced message (its reply).
struct AnimationRequest
{
    uint32_t client{0};                         //!< the client that sent it (0: no request)
    int64_t sendNs{-1};                         //!< when the client's application sent it
    std::vector<AnimationFrame> frames;         //!< in order of their end
    std::vector<AnimationReception> receptions; //!< at P1: its IP stack, then its application
};

/// A line a process printed (GroupServer and GroupClient Console) as the traced exchange went.
struct AnimationConsoleLine
{
    int64_t atNs;
    uint32_t node; //!< 0 for P1, n for client n
    std::string text;
};

/// What one mode did with the traced message.
struct AnimationTrace
{
    std::string mode;
    int64_t sendNs{-1};                         //!< when P1's application sent it (-1: never)
    std::vector<uint32_t> destinations;         //!< client numbers
    std::vector<AnimationFrame> frames;         //!< in order of their end
    std::vector<AnimationReception> receptions; //!< in time order
    AnimationRequest request;                   //!< the request it answers (replay)
    std::vector<AnimationConsoleLine> console;  //!< the request's and the reply's lines
};

/**
 * \brief Lays out \p network for drawing.
 *
 * A network without routers on one segment (p2p, lan) or one switch (star): the hosts on a
 * circle, P1 at the top, clockwise by client number, the segment's hub or the switch at the
 * centre. Any other network: layers by hop count from P1 along RoutingGraph's breadth-first
 * tree (P1 at the top, a shared segment's hub half a layer below the node it is reached from);
 * the tree's leaves one slot apart in depth-first order (children by node id), each parent
 * centred over its children. Nodes the search does not reach go in a last layer.
 *
 * \param network the network to draw, as built
 * \param members the group's client numbers, ascending
 * \param collapse layered: a shared segment's clients that lead nowhere stand at its hub and
 *        take one slot together (a large network drawn with one glyph per LAN)
 */
AnimationTopology LayOut(const Network& network, const std::vector<uint32_t>& members,
                         bool collapse = false);

class Animation;

/**
 * \brief Records one message's way through the network in one mode: every frame of it on
 * every link (PhyTxBegin to PhyTxEnd of each link end), every reception at a client
 * application, at a host's IP stack, and every frame a host's NIC filtered.
 *
 * Frames are recognised by their GroupMessageTag, receptions by the message number.
 * In a replay P1 sends the message in answer to a client's message: every client message
 * is followed by its packet's uid until P1 sends, and the one P1's application received at
 * that instant is kept as the request, with the lines the two processes printed for it.
 */
class AnimationTracker
{
public:
    /**
     * Subscribes to the trace sources of \p network's devices, hosts and applications (install
     * the applications first).
     */
    AnimationTracker(const Network& network, Animation& animation, std::string mode,
                     uint32_t message);
    AnimationTracker(const AnimationTracker&) = delete;
    AnimationTracker& operator=(const AnimationTracker&) = delete;

    /// Hands what was recorded to the Animation.
    void Finish();

private:
    void OnTxBegin(std::size_t end, Ptr<const Packet> frame);
    void OnTxEnd(std::size_t end, Ptr<const Packet> frame);
    void OnReception(uint32_t node, AnimationReception::Kind kind, Ptr<const Packet> packet);
    bool Traced(Ptr<const Packet> packet) const;
    /// The request \p packet is a frame or datagram of (null: none followed).
    AnimationRequest* RequestOf(Ptr<const Packet> packet);
    void SubscribeRequests(const Network& network);
    void OnClientSend(uint32_t client, Ptr<const Packet> segment);
    void OnConsole(uint32_t node, const std::string& line);
    void OnSend(const std::vector<uint32_t>& destinations);

    struct End
    {
        uint32_t link;
        uint32_t node;
        int64_t pendingBeginNs{-1}; //!< PhyTxBegin of the traced frame in transmission
    };

    Animation& m_animation;
    uint32_t m_message;
    std::vector<End> m_ends;
    AnimationTrace m_trace;
    std::map<uint64_t, AnimationRequest> m_requests; //!< by packet uid, until P1 sends
    uint64_t m_answered{0};                          //!< uid of the last request P1 received
    int64_t m_answeredNs{-1};                        //!< when P1's application received it
    std::vector<AnimationConsoleLine> m_lines;       //!< printed before P1 sends
    std::vector<int64_t> m_deliveredNs;              //!< per host: its application got it
};

/**
 * \brief The animation file of a run: the network as drawn and, per mode, one message's
 * frames and receptions (animation.json).
 *
 * Networks of more than kMaxNodes nodes are not animated: the file then says so. Networks of
 * more than kCompactNodes nodes are written compactly (nodes, links, frames and receptions as
 * arrays, "format": "compact", times in ns after the mode's send_ns), and laid out with each shared
 * segment's hosts at its hub, as the page draws them (one glyph per LAN).
 */
class Animation
{
public:
    static constexpr uint32_t kMaxNodes = 5000;
    static constexpr uint32_t kCompactNodes = 150;

    /// \param message the message traced in every mode
    explicit Animation(uint32_t message = 0);

    /**
     * A tracker for one mode on \p network, or null when the network is too large to draw.
     * The first call lays the network out.
     */
    std::unique_ptr<AnimationTracker> Track(const Network& network,
                                            const std::vector<uint32_t>& members,
                                            const std::string& mode);
    /// Adds one mode's trace (AnimationTracker::Finish calls it); a mode run again replaces
    /// its earlier trace.
    void Add(AnimationTrace trace);

    /// Writes animation.json.
    void WriteJson(std::ostream& out) const;

    const AnimationTopology& Topology() const;
    const std::vector<AnimationTrace>& Traces() const;
    /// Why the run is not animated ("" when it is).
    const std::string& Skipped() const;

private:
    uint32_t m_message;
    bool m_laidOut{false};
    bool m_compact{false}; //!< more than kCompactNodes nodes
    AnimationTopology m_topology;
    std::vector<AnimationTrace> m_traces;
    std::string m_skipped;
};

} // namespace gcsim
} // namespace ns3

#endif
