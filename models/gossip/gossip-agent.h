#ifndef GCSIM_GOSSIP_AGENT_H
#define GCSIM_GOSSIP_AGENT_H

#include "../group/group-client.h"
#include "gossip-header.h"
#include "gossip-view.h"

#include <functional>
#include <memory>
#include <ns3/application.h>
#include <ns3/callback.h>
#include <ns3/event-id.h>
#include <ns3/ipv4-address.h>
#include <ns3/nstime.h>
#include <ns3/packet.h>
#include <ns3/simple-ref-count.h>
#include <ns3/socket.h>
#include <random>
#include <unordered_map>
#include <vector>

namespace ns3
{
namespace gcsim
{

/// The gossip protocols, one delivery mode each.
enum class GossipProtocol
{
    PUSH,      //!< informed nodes push to `fanout` peers per round (or once, event-driven)
    PULL,      //!< every node asks a peer per round for what it lacks
    PUSH_PULL, //!< every node exchanges with a peer per round, both ways
    RUMOUR,    //!< Demers' rumour mongering: push while hot, lose interest (feedback or blind)
    LAZY_PUSH, //!< Plumtree: eager push on a tree, announcements to the rest, grafts
};

/// How every agent of a run gossips.
struct GossipConfig
{
    GossipProtocol protocol{GossipProtocol::PUSH};
    double fanout{1};     //!< peers per push; a fraction: floor or ceil, drawn per push
    uint32_t rounds{0};   //!< a message is gossiped in rounds 1..rounds (0: no limit)
    uint32_t k{0};        //!< push: stop after k copies (0: never); rumour: counter or 1/k
    Time round;           //!< round length; 0: event-driven (push); lazy push's graft timeout
    bool blind{false};    //!< rumour: blind coin (lose interest with 1/k per push)
    Time pullStart;       //!< pull, push-pull: the first round starts here
    Time pullEnd;         //!< ... and the last starts before this
    uint16_t port{20002}; //!< the agents' port
};

/**
 * \brief What the agents of one run share: the configuration, the peer sampling graph, the
 * population's addresses, the messages' bodies, one random generator and the counters.
 *
 * One generator for the whole run keeps a 100,000-node run small and is deterministic:
 * events run in the same order every time.
 */
class GossipShared : public SimpleRefCount<GossipShared>
{
public:
    GossipShared(GossipConfig config, GossipView view, std::vector<Ipv4Address> addresses,
                 uint64_t seed);

    const GossipConfig config;
    const GossipView view;
    const std::vector<Ipv4Address> addresses; //!< node i's address (0: P1)
    std::mt19937_64 rng;
    std::vector<Ptr<const Packet>> messages; //!< P1's message m as P1 sent it
    std::vector<Time> origins;               //!< when P1 sent message m

    /// The node at \p address; Size() of the view if none.
    uint32_t IndexOf(Ipv4Address address) const;

    /// Datagrams sent, by GossipHeader::Type (index = type), and their UDP payload bytes.
    std::vector<uint64_t> sent = std::vector<uint64_t>(8, 0);
    std::vector<uint64_t> sentBytes = std::vector<uint64_t>(8, 0);
    uint64_t duplicates{0}; //!< DATA copies of messages the receiver had

    /// Called before node `from` sends to node `to` (warm ARP caches for the pair); may be
    /// empty.
    std::function<void(uint32_t from, uint32_t to)> beforeSend;

    /// A node learned a message: (message, node, round, time).
    Callback<void, uint32_t, uint32_t, uint32_t, Time> infected;

    /// How many peers one push goes to: floor(fanout), plus one with the fraction's odds.
    uint32_t DrawFanout();
    /// A uniform draw in [0, 1).
    double Uniform();

private:
    std::unordered_map<uint32_t, uint32_t> m_index; //!< address -> node
};

/**
 * \brief One node's gossip: P1's (node 0) or a member's, on the group's port + 1.
 *
 * DATA datagrams carry P1's message; the first copy a member gets goes to its GroupClient
 * (as if it had arrived on the client's socket), later copies are counted as duplicates and
 * dropped, as a gossip layer does. What the node sends and when depends on the protocol
 * (GossipProtocol): timed protocols act at the starts of rounds, round r of message m being
 * [s + (r - 1) x round, s + r x round) with s the time P1 sent m.
 */
class GossipAgent : public Application
{
public:
    static TypeId GetTypeId();

    /// Node \p index of \p shared's population; \p client its GroupClient (null for P1).
    void Setup(Ptr<GossipShared> shared, uint32_t index, Ptr<GroupClient> client);
    /// P1 starts gossiping \p message (the complete UDP payload P1 would send).
    void Originate(Ptr<const Packet> message);
    /// From now on the node neither receives nor sends (a crash).
    void Crash();
    bool Crashed() const;
    /**
     * The node takes part only while its host is a member of \p group (its GroupMembership
     * says so): a member that leaves neither receives nor sends until it joins again ([membership]
     * churn). Without this call it always takes part (until a crash).
     */
    void FollowMembership(Ipv4Address group);

private:
    /// What the node knows of one message.
    struct State
    {
        bool have{false};
        bool active{false};    //!< push, rumour: still pushing
        uint16_t round{0};     //!< the round it learned the message in
        uint32_t copies{0};    //!< DATA copies received
        uint32_t counter{0};   //!< rumour: unnecessary pushes heard of
        bool announced{false}; //!< lazy push: an IHAVE came in while missing
    };

    void StartApplication() override;
    void StopApplication() override;
    void DoDispose() override;

    /// Crashed, or following membership and not a member now.
    bool Offline() const;
    State& At(uint32_t message);
    /// The round of \p message at \p t (timed protocols).
    uint32_t RoundAt(uint32_t message, Time t) const;
    /// When round \p r of \p message starts.
    Time RoundStart(uint32_t message, uint32_t r) const;
    bool Live(uint32_t message, Time t) const;

    void HandleRead(Ptr<Socket> socket);
    void OnData(Ptr<Packet> packet, const GossipHeader& gossip, uint32_t from, uint32_t hops);
    void Learn(uint32_t message, uint32_t round, uint32_t from);
    void OnPull(const GossipHeader& gossip, uint32_t from);
    void OnGraft(const GossipHeader& gossip, uint32_t from);
    void OnIhave(const GossipHeader& gossip, uint32_t from);

    void PushTick(uint32_t message);
    void PullTick();
    void GraftTimeout(uint32_t message);
    void EagerPush(uint32_t message, uint32_t round, int64_t except);

    void SendData(uint32_t message, uint32_t peer, uint32_t round);
    void SendControl(GossipHeader::Type type, std::vector<uint32_t> ids, uint32_t peer,
                     uint8_t flags = 0);
    void Send(Ptr<Packet> packet, GossipHeader::Type type, uint32_t peer);
    void MoveTo(std::vector<uint32_t>& to, std::vector<uint32_t>& from, uint32_t peer);

    Ptr<GossipShared> m_shared;
    uint32_t m_index{0};
    Ptr<GroupClient> m_client;
    Ptr<Socket> m_socket;
    bool m_crashed{false};
    bool m_follow{false};                            //!< FollowMembership was called
    Ipv4Address m_group;                             //!< the group it follows
    std::vector<State> m_state;                      //!< by message number
    std::vector<uint32_t> m_eager;                   //!< lazy push: peers pushed to eagerly
    std::vector<uint32_t> m_lazy;                    //!< lazy push: peers sent announcements
    std::vector<std::vector<uint32_t>> m_announcers; //!< lazy push: by message, in order heard
    std::vector<EventId> m_graftTimers;              //!< lazy push: by message
    std::vector<uint32_t> m_picked;                  //!< scratch: peers drawn
    EventId m_pullEvent;
};

} // namespace gcsim
} // namespace ns3

#endif
