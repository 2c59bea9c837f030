#ifndef GCSIM_GOSSIP_TRACKER_H
#define GCSIM_GOSSIP_TRACKER_H

#include "../gossip/gossip-agent.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ns3
{
namespace gcsim
{

/// What the gossip of one run did (GossipTracker::Finish).
struct GossipCounts
{
    bool used{false};
    std::string protocol;   //!< the mode's name
    uint32_t population{0}; //!< nodes that gossip: P1 and the members
    uint32_t live{0};       //!< members that did not crash
    /// Per message: the live members it was for (members when P1 sent it; all live members
    /// without membership changes). Reach, residue and curves count these.
    std::vector<uint32_t> liveByMessage;
    uint32_t crashed{0}; //!< members that crashed
    uint64_t messages{0};
    /// Messages that reached every live member, and the rounds and time that took (means
    /// over those messages; 0 when none did).
    uint64_t reachedAll{0};
    double roundsToAllMean{0};
    uint32_t roundsToAllMax{0};
    double timeToAllMeanNs{0};
    /// Messages that reached 99 % of the live members (at least), with rounds and time.
    uint64_t reached99{0};
    double roundsTo99Mean{0};
    double timeTo99MeanNs{0};
    /// Over messages: the fraction of live members the message never reached.
    double residueMean{0};
    double residueMax{0};
    /// Datagrams the agents sent: DATA (message copies) and the rest (pulls, announcements,
    /// grafts, prunes, feedback), with their UDP payload bytes.
    uint64_t data{0};
    uint64_t control{0};
    uint64_t dataBytes{0};
    uint64_t controlBytes{0};
    uint64_t duplicates{0}; //!< DATA copies that reached a node that had the message
    /// Per message, per round r (index r, from 0 = P1 alone): live members that had the
    /// message by the end of round r.
    std::vector<std::vector<uint32_t>> curves;

    /// DATA datagrams per gossiping node per message (rumour mongering's "traffic").
    double DataPerNode() const;
    /// The mean over messages of the infected fraction of live members after round r.
    std::vector<double> MeanCurve() const;
};

/**
 * \brief Follows the gossip of one run: when each node learned each message and in which
 * round, and what the agents sent.
 */
class GossipTracker
{
public:
    /// \p shared: the run's agents' shared state; \p protocol: the mode's name.
    GossipTracker(Ptr<GossipShared> shared, std::string protocol);
    /// Whether node \p node was a member when P1 sent \p message.
    typedef std::function<bool(uint32_t message, uint32_t node)> Expected;

    /**
     * The counts; \p crashed: per node (index as the view's), crashed by the end; \p expected:
     * whether a message was for a node (empty: every message for every node).
     */
    GossipCounts Finish(const std::vector<bool>& crashed, const Expected& expected = {});

private:
    /// One node's learning of one message.
    struct Learned
    {
        uint32_t node;
        uint32_t round;
        int64_t ns; //!< after P1 sent the message
    };

    void OnInfected(uint32_t message, uint32_t node, uint32_t round, Time at);
    /// Adds one message's curve, reach, rounds and times to \p g, from the \p live members it
    /// was for and those of them that learned it (\p alive).
    void CountMessage(std::vector<Learned> alive, uint32_t live, GossipCounts& g) const;

    Ptr<GossipShared> m_shared;
    std::string m_protocol;
    std::vector<std::vector<Learned>> m_learned; //!< by message, members only
    std::vector<int64_t> m_sendNs;               //!< by message: P1's send
};

} // namespace gcsim
} // namespace ns3

#endif
