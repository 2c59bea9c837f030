// Closed forms beside the simulated values (SEMANTICS.md, "Closed forms the simulator must
// match exactly"): what theory predicts for each run, computed from the scenario alone, and
// the reason wherever the simulation differs.
#include "theory.h"

#include "gossip-report.h"
#include "models/network/network-constants.h"
#include "models/network/wifi-airtime.h"
#include "scratch/gcsim/output/text-format.h"
#include "scratch/gcsim/plot/plot-csv.h"
#include "scratch/gcsim/scenario.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

namespace gcsim
{
namespace
{

using ns3::gcsim::MulticastRouting;

/// Ethernet: header 14 + FCS 4, the IP packet padded to 46 bytes; the interframe gap is 96
/// bit times. Point-to-point: 2 bytes of PPP.
constexpr int64_t kIpUdp = ns3::gcsim::kIpv4UdpHeaderBytes;
constexpr int64_t kCsmaOverhead = 18;
constexpr int64_t kCsmaMinFrame = 64;
constexpr int64_t kGapBytes = 12;
constexpr int64_t kPppOverhead = 2;
/// 802.11: MAC header 24, LLC/SNAP 8, FCS 4.
constexpr uint32_t kWifiOverhead = 36;

int64_t
TxNs(int64_t bytes, const ns3::DataRate& rate)
{
    return rate.CalculateBytesTxTime(bytes).GetNanoSeconds();
}

/// "100 Mbit/s", "1 Gbit/s".
std::string
Rate(const ns3::DataRate& rate)
{
    double bps = double(rate.GetBitRate());
    return bps >= 1e9 ? FixedShort(bps / 1e9, 3) + " Gbit/s" : FixedShort(bps / 1e6, 3) + " Mbit/s";
}

/// One link a copy crosses: its transmit time, propagation delay and (CSMA) gap.
struct Hop
{
    std::string link; //!< which link: copies on the same one queue behind each other
    int64_t tx{0};
    int64_t delay{0};
    int64_t gap{0}; //!< idle time after each frame before the next may start
};

/**
 * Copies sent back to back at time 0, each along its path of FIFO store-and-forward links:
 * when each arrives (ns after the send). A link starts a frame when it has arrived and the
 * previous frame on it, and its gap, are done.
 */
std::vector<int64_t>
StoreAndForward(const std::vector<std::vector<Hop>>& paths)
{
    std::map<std::string, int64_t> free;
    std::vector<int64_t> arrivals;
    for (const auto& path : paths)
    {
        int64_t t = 0;
        for (const Hop& hop : path)
        {
            int64_t& at = free[hop.link];
            int64_t start = std::max(t, at);
            at = start + hop.tx + hop.gap;
            t = start + hop.tx + hop.delay;
        }
        arrivals.push_back(t);
    }
    return arrivals;
}

double
Mean(const std::vector<int64_t>& v)
{
    double sum = 0;
    for (int64_t x : v)
    {
        sum += double(x);
    }
    return v.empty() ? 0 : sum / double(v.size());
}

/// What may keep a run from its closed forms, found in the scenario and the run.
struct Conditions
{
    std::vector<std::string> general; //!< break every figure's assumptions
    std::string backoff;              //!< CSMA back-off between back-to-back copies
    std::string rates;                //!< a Wi-Fi rate manager's choices
};

Conditions
ConditionsOf(const Scenario& s, const ModeResult& r, int64_t completion)
{
    Conditions c;
    const auto& t = s.topology;
    if (t.loss > 0 || t.coreLoss > 0)
    {
        c.general.push_back("frames are lost at random (loss " + FixedShort(t.loss, 6) +
                            "): the figures count what arrived");
    }
    if (r.Drops() > 0)
    {
        c.general.push_back(Plural(r.Drops(), "frame") + " dropped");
    }
    if (!s.background.flows.empty())
    {
        c.general.push_back("cross traffic shares the links");
    }
    if (!t.staticArp)
    {
        c.general.push_back("ARP resolves each address before its first frame (arp = dynamic)");
    }
    if (!s.failures.empty())
    {
        c.general.push_back("links or routers fail during the run");
    }
    if (s.traffic.pattern == "poisson")
    {
        c.general.push_back("Poisson sends: a message can queue behind the one before it");
    }
    else if (s.traffic.messages > 1 && s.traffic.interval.GetNanoSeconds() < completion)
    {
        c.general.push_back("messages overlap: the interval (" +
                            Us(s.traffic.interval.GetNanoSeconds()) +
                            " us) is shorter than one message's completion (" + Us(completion) +
                            " us), so copies queue behind the previous message's");
    }
    return c;
}

/// Adds checks to \p out, each marked against \p conditions.
class Checker
{
public:
    Checker(std::vector<ClosedFormCheck>& out, const ModeResult& r, Conditions conditions)
      : m_out(out)
      , m_r(r)
      , m_conditions(std::move(conditions))
    {
    }

    /// A time in ns, shown in us; agrees to the nanosecond (a mean: to 0.5 ns).
    void Time(const std::string& figure, double predicted, double simulated,
              const std::string& formula, const std::string& specific = "")
    {
        Add(figure, predicted / 1000.0, simulated / 1000.0, 3,
            std::fabs(predicted - simulated) <= 0.5, formula, specific);
    }

    /// An expected count with its standard deviation over independent messages: agrees when
    /// the simulated count lies in the 95 % prediction interval, mean +- 1.96 sd.
    void Expected(const std::string& figure, double mean, double sd, double simulated,
                  const std::string& formula)
    {
        double low = mean - 1.96 * sd;
        double high = mean + 1.96 * sd;
        std::string interval = FixedShort(low, 1) + "-" + FixedShort(high, 1);
        Add(figure, mean, simulated, 1, simulated >= low && simulated <= high,
            formula + "; 95 % prediction interval " + interval,
            "outside the 95 % prediction interval " + interval +
                ": one run in 20 falls outside by chance");
    }

    /// A time in ns, shown in us, that the simulation must not exceed.
    void TimeAtMost(const std::string& figure, double bound, double simulated,
                    const std::string& formula)
    {
        Add(figure, bound / 1000.0, simulated / 1000.0, 3, simulated <= bound + 0.5, formula, "");
        m_out.back().atMost = true;
    }

    /// A count (per message, or in total); agrees exactly (to 1e-9 for a ratio).
    void Count(const std::string& figure, double predicted, double simulated, int decimals,
               const std::string& formula, const std::string& specific = "")
    {
        Add(figure, predicted, simulated, decimals,
            std::fabs(predicted - simulated) <= 1e-9 * std::max(1.0, std::fabs(predicted)), formula,
            specific);
    }

    double PerMessage(uint64_t total) const
    {
        return m_r.delivery.messages ? double(total) / double(m_r.delivery.messages) : 0;
    }

    const ModeResult& Result() const
    {
        return m_r;
    }

private:
    void Add(const std::string& figure, double predicted, double simulated, int decimals,
             bool agrees, const std::string& formula, const std::string& specific)
    {
        ClosedFormCheck c;
        c.mode = m_r.mode;
        c.figure = figure;
        c.predicted = predicted;
        c.simulated = simulated;
        c.decimals = decimals;
        c.formula = formula;
        c.agrees = agrees;
        if (!agrees)
        {
            std::vector<std::string> why;
            if (!specific.empty())
            {
                why.push_back(specific);
            }
            why.insert(why.end(), m_conditions.general.begin(), m_conditions.general.end());
            c.reason = why.empty() ? kUnexplained : Join(why, "; ");
        }
        m_out.push_back(c);
    }

    std::vector<ClosedFormCheck>& m_out;
    const ModeResult& m_r;
    Conditions m_conditions;
};

/// The modes whose closed forms these are, and runs without layers that change them.
bool
PlainRun(const Scenario& s, const Scenario::RunSpec& spec)
{
    static const std::set<std::string> modes = {"unicast", "replicated-unicast", "multicast",
                                                "broadcast", "multicast-to-unicast"};
    return modes.count(spec.mode) && spec.repair == Repair::NONE && !spec.order &&
           (s.traffic.pattern == "group" || s.traffic.pattern == "poisson") && !s.groups.Many() &&
           !s.membership.given;
}

/// Copies P1 sends per message: one per destination for replicated unicast, else one.
uint64_t
Copies(const std::string& mode, uint64_t destinations)
{
    return mode == "replicated-unicast" ? destinations : 1;
}

/// The latency rows of copies that arrive at \p arrivals (ns after the send).
void
LatencyChecks(Checker& check, const std::vector<int64_t>& arrivals, const std::string& formula,
              const std::string& backoff)
{
    const auto& d = check.Result().delivery;
    int64_t last = *std::max_element(arrivals.begin(), arrivals.end());
    check.Time("latency mean (us)", Mean(arrivals), d.latency.mean, formula, backoff);
    check.Time("latency max (us)", double(last), double(d.latency.max), formula, backoff);
    check.Time("completion mean (us)", double(last), d.completion.mean, formula, backoff);
}

/// Counts every host run shares: filtered frames at non-members, receptions of broadcast.
void
HostChecks(Checker& check, const std::string& mode, uint64_t reached, uint64_t clients,
           uint64_t members, const std::string& reachedText)
{
    const ModeResult& r = check.Result();
    uint64_t messages = r.delivery.messages;
    if (mode == "broadcast")
    {
        check.Count("non-member receptions", double(messages * (clients - members)),
                    double(r.hosts.nonmemberReceptions), 0,
                    "messages x (clients - members) = " + std::to_string(messages) + " x (" +
                        std::to_string(clients) + " - " + std::to_string(members) + ")");
    }
    else if (mode == "multicast")
    {
        check.Count("NIC-filtered frames", double(messages * (reached - r.destinations)),
                    double(r.hosts.nicFiltered), 0,
                    "messages x (" + reachedText + " - members) = " + std::to_string(messages) +
                        " x (" + std::to_string(reached) + " - " + std::to_string(r.destinations) +
                        ")");
    }
}

/// Kind lan: P1 and the clients on one CSMA segment.
void
LanChecks(const Scenario& s, const ModeResult& r, const Scenario::RunSpec& spec,
          std::vector<ClosedFormCheck>& out)
{
    const auto& t = s.topology;
    const int64_t frame = std::max<int64_t>(kCsmaMinFrame, s.traffic.size + kIpUdp + kCsmaOverhead);
    const int64_t tx = TxNs(frame, t.dataRate);
    const int64_t gap = TxNs(kGapBytes, t.dataRate);
    const int64_t d = t.delay.GetNanoSeconds();
    const uint64_t g = r.destinations;
    const uint64_t copies = Copies(spec.mode, g);
    std::vector<std::vector<Hop>> paths(copies, {Hop{"lan", tx, d, gap}});
    std::vector<int64_t> arrivals = StoreAndForward(paths);
    Conditions c = ConditionsOf(s, r, arrivals.back());
    std::string terms = "T = " + std::to_string(frame) + "-byte frame at " + Rate(t.dataRate) +
                        " = " + Us(tx) + " us, d = " + Us(d) + " us";
    std::string formula = "T + d; " + terms;
    std::string backoff;
    if (copies > 1)
    {
        formula = "copy k at k T + (k - 1) gap + d; " + terms + ", gap (96 bits) = " + Us(gap) +
                  " us, k = 1.." + std::to_string(copies);
        if (d > gap)
        {
            backoff = "CSMA back-off: the delay d (" + Us(d) + " us) exceeds the interframe gap (" +
                      Us(gap) +
                      " us), so each copy finds the channel still busy and backs off at random";
        }
    }
    Checker check(out, r, c);
    LatencyChecks(check, arrivals, formula, backoff);
    check.Count("P1 packets / message", double(copies), check.PerMessage(r.links.serverFrames), 2,
                copies > 1 ? "one copy per member, g = " + std::to_string(copies) : "one frame");
    check.Count("P1 bytes / message", double(copies * frame), check.PerMessage(r.links.serverBytes),
                1,
                (copies > 1 ? "g x frame = " + std::to_string(copies) + " x " : "frame = ") +
                    std::to_string(frame));
    check.Count("link transmissions / message", double(copies), check.PerMessage(r.links.frames), 2,
                copies > 1 ? "g frames on the one segment" : "one frame on the one segment");
    HostChecks(check, spec.mode, t.clients, t.clients, s.group.members.size(), "clients");
}

/// A complete fanout-ary router tree as kind tree builds it: routers numbered breadth first
/// (root 0), P1 on a point-to-point link to the root, clients perLeaf to a leaf LAN in order.
struct KaryTree
{
    uint64_t k{2};
    uint64_t h{1};
    uint64_t leaves{1};
    uint64_t routers{1};
    uint64_t perLeaf{0};
    uint64_t firstLeaf{0};
    int64_t A{0}; //!< P1's hop: transmit time and delay
    int64_t C{0}; //!< one core hop
    int64_t L{0}; //!< the leaf LAN's hop

    uint64_t Parent(uint64_t x) const
    {
        return (x - 1) / k;
    }
    uint64_t Depth(uint64_t x) const
    {
        uint64_t n = 0;
        for (; x != 0; x = Parent(x))
        {
            ++n;
        }
        return n;
    }
    uint64_t LeafOf(uint32_t client) const
    {
        return firstLeaf + (client - 1) / perLeaf;
    }
    /// The core links (each named by its lower router) between routers a and b.
    std::vector<uint64_t> Between(uint64_t a, uint64_t b) const
    {
        std::vector<uint64_t> links;
        uint64_t da = Depth(a);
        uint64_t db = Depth(b);
        for (; da > db; --da, a = Parent(a))
        {
            links.push_back(a);
        }
        for (; db > da; --db, b = Parent(b))
        {
            links.push_back(b);
        }
        for (; a != b; a = Parent(a), b = Parent(b))
        {
            links.push_back(a);
            links.push_back(b);
        }
        return links;
    }
};

/// Shared tree: up from P1 to the rendezvous router, then down its tree to the members.
void
SharedTreeChecks(const Scenario& s, const ModeResult& r, const KaryTree& tree,
                 std::vector<ClosedFormCheck>& out)
{
    const auto& members = s.group.members;
    if (s.topology.routingMetric != ns3::gcsim::RoutingMetric::HOPS)
    {
        return;
    }
    // The scenario's router, or the 1-median of P1 and the members (lowest index on a tie).
    uint64_t rp = 0;
    std::string chosen = "delivery.rendezvous";
    if (s.delivery.rendezvous >= 0)
    {
        rp = uint64_t(s.delivery.rendezvous);
    }
    else
    {
        chosen = "the 1-median of P1 and the members";
        uint64_t best = UINT64_MAX;
        for (uint64_t x = 0; x < tree.routers; ++x)
        {
            uint64_t sum = tree.Depth(x);
            for (uint32_t m : members)
            {
                sum += tree.Between(x, tree.LeafOf(m)).size();
            }
            if (sum < best)
            {
                best = sum;
                rp = x;
            }
        }
    }
    const int64_t direct = tree.A + int64_t(tree.h) * tree.C + tree.L;
    std::vector<int64_t> arrivals;
    double stretchSum = 0;
    double stretchMax = 0;
    std::set<uint64_t> down;
    std::set<uint64_t> lans;
    for (uint32_t m : members)
    {
        auto links = tree.Between(rp, tree.LeafOf(m));
        down.insert(links.begin(), links.end());
        lans.insert(tree.LeafOf(m));
        int64_t at = tree.A + int64_t(tree.Depth(rp) + links.size()) * tree.C + tree.L;
        arrivals.push_back(at);
        stretchSum += double(at) / double(direct);
        stretchMax = std::max(stretchMax, double(at) / double(direct));
    }
    Conditions c = ConditionsOf(s, r, *std::max_element(arrivals.begin(), arrivals.end()));
    std::string rpText = "RP = R" + std::to_string(rp) + " (" + chosen + ")";
    std::string formula = "A + (depth(RP) + hops from RP to the leaf) C + L; " + rpText +
                          ", A = " + Us(tree.A) + ", C = " + Us(tree.C) + ", L = " + Us(tree.L) +
                          " us";
    Checker check(out, r, c);
    LatencyChecks(check, arrivals, formula, "");
    std::string stretch =
        "each member's latency over A + h C + L = " + Us(direct) + " us; " + rpText;
    check.Count("stretch mean", stretchSum / double(members.size()), r.delivery.stretchMean, 3,
                stretch);
    check.Count("stretch max", stretchMax, r.delivery.stretchMax, 3, stretch);
    uint64_t up = tree.Depth(rp);
    check.Count("link transmissions / message", double(1 + up + down.size() + lans.size()),
                check.PerMessage(r.links.frames), 2,
                "1 + core links up to the RP + the RP's tree to the members + member LANs = 1 + " +
                    std::to_string(up) + " + " + std::to_string(down.size()) + " + " +
                    std::to_string(lans.size()));
    HostChecks(check, "multicast", lans.size() * tree.perLeaf, s.topology.clients, members.size(),
               "clients on the members' LANs");
}

/// Dense mode: the first message floods every core link and the member LANs; each router
/// with nothing below prunes its link, which floods again for the first message to reach
/// it after prune_lifetime. Predicted only where every pruned link floods again at the same
/// message (otherwise the subtrees' timing interleaves and no single period holds).
void
DenseChecks(const Scenario& s, const ModeResult& r, const KaryTree& tree,
            const std::set<uint64_t>& treeLinks, const std::set<uint64_t>& memberLeaves,
            std::vector<ClosedFormCheck>& out)
{
    // A Prune: IPv4 20 + 34 bytes, PPP 2, one core hop.
    const int64_t prune =
        TxNs(20 + 34 + kPppOverhead, s.topology.coreRate) + s.topology.coreDelay.GetNanoSeconds();
    const int64_t lifetime = s.delivery.pruneLifetime.GetNanoSeconds();
    const int64_t interval = s.traffic.interval.GetNanoSeconds();
    // When each pruned link's Prune reaches its upper router (ns after a flooding send): a
    // leaf router prunes when the message reaches it; a router above, when its last child's
    // Prune has arrived.
    std::map<uint64_t, int64_t> installed;
    for (uint64_t x = tree.routers - 1; x >= 1; --x)
    {
        if (treeLinks.count(x))
        {
            continue;
        }
        int64_t decide = tree.A + int64_t(tree.Depth(x)) * tree.C;
        if (x < tree.firstLeaf)
        {
            decide = 0;
            for (uint64_t child = x * tree.k + 1; child <= x * tree.k + tree.k; ++child)
            {
                decide = std::max(decide, installed.at(child));
            }
        }
        installed[x] = decide + prune;
    }
    if (installed.empty() || interval <= 0)
    {
        return;
    }
    // Messages from one flood to the next: the first whose arrival at the upper router comes
    // after the prune expired.
    std::set<int64_t> periods;
    for (const auto& [x, at] : installed)
    {
        int64_t wait = at + lifetime - (tree.A + int64_t(tree.Depth(tree.Parent(x))) * tree.C);
        if (wait <= 0 || wait % interval == 0)
        {
            return; // expiry and arrival at the same instant: the event order decides
        }
        periods.insert(wait / interval + 1);
    }
    if (periods.size() != 1)
    {
        return;
    }
    const uint64_t messages = r.delivery.messages;
    const uint64_t period = uint64_t(*periods.begin());
    const uint64_t floods = (messages + period - 1) / period;
    const uint64_t pruned = installed.size();
    const uint64_t treeCopies = 1 + treeLinks.size() + memberLeaves.size();
    Conditions c = ConditionsOf(s, r, 0);
    Checker check(out, r, c);
    std::string copies = "(M S + floods x pruned links) / M, S = " + std::to_string(treeCopies) +
                         " (the source tree), " + std::to_string(floods) + " floods (one every " +
                         std::to_string(period) + " messages: prune_lifetime " +
                         FixedShort(double(lifetime) / 1e6, 3) + " ms), " + std::to_string(pruned) +
                         " pruned links";
    double copyCount = double(messages * treeCopies + floods * pruned);
    check.Count("message copies on links / message", copyCount / double(messages),
                check.PerMessage(r.links.messageFrames), 2, copies);
    check.Count("link transmissions / message",
                (copyCount + double(floods * pruned)) / double(messages),
                check.PerMessage(r.links.frames), 2,
                "message copies and one Prune per pruned link a flood");
    check.Count("prunes / grafts", double(floods * pruned), double(r.dense.prunes), 0,
                "floods x pruned links = " + std::to_string(floods) + " x " +
                    std::to_string(pruned) + " Prunes, no Grafts");
}

/// Kind tree: P1 on a point-to-point link to the root of a complete fanout-ary tree of
/// point-to-point links, depth h, and one CSMA LAN of clients per leaf.
void
TreeChecks(const Scenario& s, const ModeResult& r, const Scenario::RunSpec& spec,
           std::vector<ClosedFormCheck>& out)
{
    const auto& t = s.topology;
    const uint64_t k = t.fanout;
    const uint64_t h = t.depth;
    uint64_t leaves = 1;
    for (uint64_t i = 0; i < h; ++i)
    {
        leaves *= k;
    }
    const uint64_t routers = k == 1 ? h + 1 : (leaves * k - 1) / (k - 1);
    const uint64_t perLeaf = t.clients / leaves;
    const uint64_t firstLeaf = routers - leaves;
    const bool multicast = spec.mode == "multicast";
    if (spec.mode == "multicast-to-unicast" || perLeaf == 0 ||
        (multicast && spec.routing == MulticastRouting::PROBABILISTIC))
    {
        return;
    }
    const int64_t S = s.traffic.size;
    const int64_t ppp = S + kIpUdp + kPppOverhead;
    const int64_t frame = std::max<int64_t>(kCsmaMinFrame, S + kIpUdp + kCsmaOverhead);
    const int64_t d = t.delay.GetNanoSeconds();
    const Hop access{"P1", TxNs(ppp, t.dataRate), d, 0};
    const int64_t coreTx = TxNs(ppp, t.coreRate);
    const int64_t coreD = t.coreDelay.GetNanoSeconds();
    const int64_t lanTx = TxNs(frame, t.dataRate);
    const int64_t gap = TxNs(kGapBytes, t.dataRate);
    KaryTree shape{k,        h, leaves, routers, perLeaf, firstLeaf, access.tx + d, coreTx + coreD,
                   lanTx + d};
    if (multicast && spec.routing == MulticastRouting::SHARED_TREE)
    {
        if (!s.group.members.empty() && s.group.members.size() == r.destinations)
        {
            SharedTreeChecks(s, r, shape, out);
        }
        return;
    }

    // The path to leaf router `leaf` (numbered breadth first, root 0): P1's link, the core
    // links from the root down (named by their lower router), the leaf's LAN.
    auto path = [&](uint64_t leaf)
    {
        std::vector<uint64_t> down;
        for (uint64_t x = leaf; x != 0; x = (x - 1) / k)
        {
            down.push_back(x);
        }
        std::vector<Hop> hops{access};
        for (auto it = down.rbegin(); it != down.rend(); ++it)
        {
            hops.push_back(Hop{"R" + std::to_string(*it), coreTx, coreD, 0});
        }
        hops.push_back(Hop{"lan" + std::to_string(leaf), lanTx, d, gap});
        return hops;
    };
    auto leafOf = [&](uint32_t client) { return firstLeaf + (client - 1) / perLeaf; };

    std::vector<uint32_t> destinations;
    if (spec.mode == "unicast")
    {
        destinations = {s.group.target};
    }
    else if (spec.mode == "broadcast")
    {
        for (uint32_t c = 1; c <= t.clients; ++c)
        {
            destinations.push_back(c);
        }
    }
    else
    {
        destinations = s.group.members;
    }
    if (destinations.empty() || destinations.size() != r.destinations)
    {
        return;
    }
    const bool replicated = spec.mode == "replicated-unicast";
    std::vector<std::vector<Hop>> paths;
    for (uint32_t c : replicated ? destinations : std::vector<uint32_t>{destinations.front()})
    {
        paths.push_back(path(leafOf(c)));
    }
    std::vector<int64_t> arrivals = StoreAndForward(paths);
    if (!replicated)
    {
        arrivals.assign(destinations.size(), arrivals.front()); // one copy, every leaf alike
    }
    Conditions c = ConditionsOf(s, r, *std::max_element(arrivals.begin(), arrivals.end()));
    std::string terms = "A = " + Us(access.tx + d) + ", C = " + Us(coreTx + coreD) +
                        ", L = " + Us(lanTx + d) + " us, h = " + std::to_string(h);
    std::string formula = "A + h C + L; " + terms;
    std::string backoff;
    if (replicated)
    {
        formula = "store and forward, copies in member order through FIFO queues; " + terms +
                  ", P1's link " + Us(access.tx) + " us a copy";
        std::set<uint64_t> seen;
        bool shared = false;
        for (uint32_t m : destinations)
        {
            shared = shared || !seen.insert(leafOf(m)).second;
        }
        if (shared && d > gap)
        {
            backoff = "CSMA back-off on a leaf LAN with several members: the delay exceeds the "
                      "interframe gap";
        }
    }
    Checker check(out, r, c);
    LatencyChecks(check, arrivals, formula, backoff);

    // Links a message crosses: P1's, the core links below each router on the paths, the LANs.
    std::set<uint64_t> memberLeaves;
    for (uint32_t m : destinations)
    {
        memberLeaves.insert(leafOf(m));
    }
    std::set<uint64_t> coreLinks;
    for (uint64_t leaf : memberLeaves)
    {
        for (uint64_t x = leaf; x != 0; x = (x - 1) / k)
        {
            coreLinks.insert(x);
        }
    }
    const uint64_t g = destinations.size();
    double links = 0;
    std::string why;
    if (spec.mode == "unicast")
    {
        links = double(h + 2);
        why = "h + 2 = " + std::to_string(h) + " + 2";
    }
    else if (replicated)
    {
        links = double(g * (h + 2));
        why = "g (h + 2) = " + std::to_string(g) + " x " + std::to_string(h + 2);
    }
    else if (spec.mode == "broadcast" || spec.routing == MulticastRouting::FLOOD)
    {
        links = double(1 + (routers - 1) + leaves);
        why = "every link: 1 + (routers - 1) + leaves = 1 + " + std::to_string(routers - 1) +
              " + " + std::to_string(leaves);
    }
    else
    {
        links = double(1 + coreLinks.size() + memberLeaves.size());
        why = "the tree to the members' leaves: 1 + core links + member LANs = 1 + " +
              std::to_string(coreLinks.size()) + " + " + std::to_string(memberLeaves.size());
    }
    check.Count("P1 packets / message", double(replicated ? g : 1),
                check.PerMessage(r.links.serverFrames), 2,
                replicated ? "one copy per member, g = " + std::to_string(g) : "one packet");
    const bool dense = multicast && spec.routing == MulticastRouting::DENSE;
    if (dense)
    {
        DenseChecks(s, r, shape, coreLinks, memberLeaves, out);
    }
    else
    {
        check.Count("link transmissions / message", links, check.PerMessage(r.links.frames), 2,
                    why);
    }
    if (spec.mode == "multicast")
    {
        bool flood = spec.routing == MulticastRouting::FLOOD;
        uint64_t reached = flood ? t.clients : memberLeaves.size() * perLeaf;
        HostChecks(check, spec.mode, reached, t.clients, s.group.members.size(),
                   flood ? "clients" : "clients on the members' LANs");
    }
    else
    {
        HostChecks(check, spec.mode, t.clients, t.clients, s.group.members.size(), "clients");
    }
}

/// "54Mbps" -> "OfdmRate54Mbps" (802.11a's names); "" if \p rate is not one.
std::string
OfdmMode(const std::string& rate)
{
    std::string mode = "OfdmRate" + rate;
    return ns3::gcsim::WifiAirtime::Covers(mode) ? mode : "";
}

/// Kind wifi, 802.11a, P1 on the access point's cable: airtime per message.
void
WifiChecks(const Scenario& s, const ModeResult& r, const Scenario::RunSpec& spec,
           std::vector<ClosedFormCheck>& out)
{
    using ns3::gcsim::WifiAirtime;
    const auto& t = s.topology;
    if (t.wifiStandard != "80211a" || t.serverStation ||
        (spec.mode == "multicast" && t.multicastToUnicast))
    {
        return;
    }
    const std::string group = t.multicastRate.empty() ? "OfdmRate6Mbps" : OfdmMode(t.multicastRate);
    const bool constant = t.rateManager == "constant";
    const std::string unicast =
        constant ? OfdmMode(t.unicastRate.empty() ? "54Mbps" : t.unicastRate) : "OfdmRate54Mbps";
    if (group.empty() || unicast.empty())
    {
        return;
    }
    const uint32_t mpdu = s.traffic.size + kIpUdp + kWifiOverhead;
    const bool copies = spec.mode != "multicast" && spec.mode != "broadcast";
    const uint64_t n = spec.mode == "unicast" || !copies ? 1 : r.destinations;
    int64_t each = copies ? WifiAirtime::Unicast(mpdu, unicast).GetNanoSeconds()
                          : WifiAirtime::Frame(mpdu, group).GetNanoSeconds();
    Conditions c = ConditionsOf(s, r, 0);
    std::string specific;
    if (copies && !constant)
    {
        specific = "the rate manager (" + t.rateManager +
                   ") chooses each frame's rate: the closed form takes the fastest, 54 Mbit/s";
    }
    if (r.wifi.retries > 0)
    {
        specific +=
            std::string(specific.empty() ? "" : "; ") + Plural(r.wifi.retries, "retry", "retries");
    }
    std::string formula =
        copies ? "n x (frame + SIFS + ACK) at " + unicast + ", n = " + std::to_string(n) +
                     ", MPDU " + std::to_string(mpdu) + " bytes: " + Us(each) + " us each"
               : "one group frame at " + group + ", MPDU " + std::to_string(mpdu) +
                     " bytes: 20 + 4 ceil((16 + 8 MPDU + 6) / bits per symbol) us";
    Checker check(out, r, c);
    check.Time("airtime / message (us)", double(n * each),
               check.PerMessage(r.wifi.messageAirtimeNs), formula, specific);
}

/// First transmissions lost ([reliability], loss on the access links only, kind lan or
/// tree): a member misses a copy when one of its path's lossy receptions loses it, q = 1 -
/// (1 - p)^n (n = 1 on a LAN; 2 on a tree: the root on P1's link, the member on its LAN).
/// Replicated unicast's copies are independent; a tree's multicast frame shares the root's
/// reception, so one loss there costs every member: per message X = g with probability p,
/// else Binomial(g, p).
void
LossChecks(const Scenario& s, const ModeResult& r, const Scenario::RunSpec& spec,
           std::vector<ClosedFormCheck>& out)
{
    const auto& t = s.topology;
    const double p = t.loss;
    const bool tree = t.kind == "tree";
    if (p <= 0 || t.coreLoss > 0 || (t.kind != "lan" && !tree) || r.reliability.expected == 0 ||
        (spec.mode != "multicast" && spec.mode != "replicated-unicast"))
    {
        return;
    }
    const double messages = double(r.delivery.messages);
    const double g = double(r.destinations);
    const double n = tree ? 2 : 1;
    const double q = 1 - std::pow(1 - p, n);
    double mean = messages * g * q;
    double variance = messages * g * q * (1 - q); // independent copies
    std::string model = "M g q, q = 1 - (1 - p)^" + FixedShort(n, 0) + " = " + FixedShort(q, 6) +
                        ", M = " + FixedShort(messages, 0) + ", g = " + FixedShort(g, 0);
    if (tree && spec.mode == "multicast")
    {
        // E[X^2] = p g^2 + (1 - p)(g p (1 - p) + g^2 p^2)
        double ex = g * q;
        double ex2 = p * g * g + (1 - p) * (g * p * (1 - p) + g * g * p * p);
        variance = messages * (ex2 - ex * ex);
        model += "; the root's loss is every member's";
    }
    Checker check(out, r, ConditionsOf(s, r, 0));
    check.Expected("losses (first transmission)", mean, std::sqrt(variance),
                   double(r.reliability.losses), model);
}

/// Leaves ([membership]) on a lan or a tree: a member that left gets no multicast copy (its
/// NIC filter changes at once); a replicated-unicast or overlay copy reaches it only if sent
/// before P1's directory drops it: at once (instant), or once the querier's last-member
/// queries end, Robustness x LastMemberQueryInterval after the Leave reached it (igmp); the
/// copy then takes at most the run's longest latency.
void
LeaveChecks(const Scenario& s, const ModeResult& r, const Scenario::RunSpec& spec,
            std::vector<ClosedFormCheck>& out)
{
    const auto& t = s.topology;
    if ((t.kind != "lan" && t.kind != "tree") || r.membership.leaves == 0 ||
        (spec.mode != "multicast" && spec.mode != "replicated-unicast" && spec.mode != "overlay"))
    {
        return;
    }
    Checker check(out, r, ConditionsOf(s, r, 0));
    const double simulated = double(r.membership.leaveLatency.max);
    if (spec.mode == "multicast")
    {
        check.Time(
            "leave latency max (us)", 0, simulated,
            "0: the member's NIC filter drops the group's frames from the instant it leaves");
        return;
    }
    const auto& igmp = s.membership.igmp;
    const bool queried = spec.membership == MembershipKind::IGMP;
    // The Leave Group message: IPv4 20 + IGMP 8 bytes, a 64-byte Ethernet frame on the segment.
    const int64_t hop = TxNs(kCsmaMinFrame, t.dataRate) + t.delay.GetNanoSeconds();
    const int64_t queries =
        int64_t(igmp.robustness) * igmp.lastMemberQueryInterval.GetNanoSeconds();
    const int64_t latest = r.delivery.latency.max;
    std::string formula =
        queried ? "Leave's hop + Robustness x LastMemberQueryInterval + the run's latency max = " +
                      Us(hop) + " + " + std::to_string(igmp.robustness) + " x " +
                      Us(igmp.lastMemberQueryInterval.GetNanoSeconds()) + " + " + Us(latest) + " us"
                : "the run's latency max: a copy in flight at the leave (" + Us(latest) + " us)";
    check.TimeAtMost("leave latency max (us)", double((queried ? hop + queries : 0) + latest),
                     simulated, formula);
}

} // namespace

std::vector<ClosedFormCheck>
ClosedFormChecks(const Scenario& s, const std::vector<ModeResult>& results)
{
    std::vector<ClosedFormCheck> out;
    for (const ModeResult& r : results)
    {
        if (auto g = r.gossip.used ? GossipTheory(s, r) : std::nullopt)
        {
            ClosedFormCheck c;
            c.mode = r.mode;
            c.figure = "closed form (simulated 95 % CI)";
            c.predicted = g->predicted;
            c.simulated = g->simulated;
            c.decimals = 4;
            c.formula = g->figure + ": " + g->formula + ", within the simulated 95 % interval " +
                        FixedShort(g->low, 4) + "-" + FixedShort(g->high, 4);
            c.agrees = g->within;
            if (!c.agrees)
            {
                c.reason = "outside the simulated 95 % interval " + FixedShort(g->low, 4) + "-" +
                           FixedShort(g->high, 4) + ": the closed form is a large-population limit";
            }
            out.push_back(c);
            continue;
        }
        Scenario::RunSpec spec = s.RunOf(r.mode);
        if (s.membership.given && spec.repair == Repair::NONE && !s.groups.Many())
        {
            LeaveChecks(s, r, spec, out);
        }
        if (spec.repair != Repair::NONE && !s.membership.given && !s.groups.Many())
        {
            LossChecks(s, r, spec, out);
        }
        if (!PlainRun(s, spec) || r.delivery.messages == 0)
        {
            continue;
        }
        if (s.topology.kind == "lan" && spec.mode != "multicast-to-unicast")
        {
            LanChecks(s, r, spec, out);
        }
        else if (s.topology.kind == "tree")
        {
            TreeChecks(s, r, spec, out);
        }
        else if (s.topology.kind == "wifi")
        {
            WifiChecks(s, r, spec, out);
        }
    }
    return out;
}

std::string
Verdict(const ClosedFormCheck& c)
{
    if (c.atMost)
    {
        return c.agrees ? "within" : "EXCEEDS";
    }
    return c.agrees ? "agrees" : "DIFFERS";
}

std::string
Predicted(const ClosedFormCheck& c)
{
    return (c.atMost ? "<= " : "") + Fixed(c.predicted, c.decimals);
}

namespace
{

/// The console's form: a run's name on a line of its own, its figures indented below it, a
/// reason wrapped under its figure, the formulas left to table.txt, theory.csv and the report.
std::string
NarrowTheoryText(const std::vector<ClosedFormCheck>& checks, std::size_t width)
{
    std::size_t figure = 0;
    std::size_t value = std::string("closed form").size();
    for (const auto& c : checks)
    {
        figure = std::max(figure, c.figure.size());
        value = std::max(
            {value, Fixed(c.predicted, c.decimals).size(), Fixed(c.simulated, c.decimals).size()});
    }
    auto row = [&](const std::string& f, const std::string& a, const std::string& b,
                   const std::string& verdict)
    {
        std::string line = "  " + f + std::string(figure - f.size() + 2, ' ') +
                           std::string(value - a.size(), ' ') + a + "  " +
                           std::string(value - b.size(), ' ') + b + "  " + verdict;
        line.erase(line.find_last_not_of(' ') + 1);
        return line + "\n";
    };
    std::string out = row("", "closed form", "simulated", "");
    std::string mode;
    for (const auto& c : checks)
    {
        if (c.mode != mode)
        {
            mode = c.mode;
            out += mode + "\n";
        }
        out += row(c.figure, Predicted(c), Fixed(c.simulated, c.decimals), Verdict(c));
        if (!c.agrees)
        {
            std::istringstream lines(WrapWords(c.reason, width > 12 ? width - 6 : width));
            for (std::string line; std::getline(lines, line);)
            {
                out += "      " + line + "\n";
            }
        }
    }
    return out;
}

} // namespace

std::string
TheoryText(const std::vector<ClosedFormCheck>& checks, std::size_t width)
{
    if (checks.empty())
    {
        return "";
    }
    if (width > 0)
    {
        uint64_t agree = std::count_if(checks.begin(), checks.end(),
                                       [](const ClosedFormCheck& c) { return c.agrees; });
        return WrapWords("closed forms beside the simulation: " + std::to_string(agree) + " of " +
                             std::to_string(checks.size()) +
                             " agree (times to the nanosecond, counts exactly; the formulas are "
                             "in table.txt, theory.csv and the report)",
                         width) +
               "\n\n" + NarrowTheoryText(checks, width);
    }
    // Run and figure left-aligned, the two values right-aligned, then the verdict and the
    // formula (or the reason) as text.
    std::vector<std::array<std::string, 5>> lines = {{"", "", "closed form", "simulated", ""}};
    std::array<std::size_t, 4> widths{};
    uint64_t agree = 0;
    for (const auto& c : checks)
    {
        agree += c.agrees;
        lines.push_back({c.mode, c.figure, Predicted(c), Fixed(c.simulated, c.decimals),
                         Verdict(c) + std::string(9 - Verdict(c).size(), ' ') +
                             (c.agrees ? c.formula : c.reason)});
    }
    for (const auto& l : lines)
    {
        for (std::size_t i = 0; i < widths.size(); ++i)
        {
            widths[i] = std::max(widths[i], l[i].size());
        }
    }
    std::ostringstream out;
    out << "closed forms beside the simulation: " << agree << " of " << checks.size()
        << " agree (times to the nanosecond, counts exactly"
        << (std::any_of(checks.begin(), checks.end(),
                        [](const ClosedFormCheck& c) { return c.atMost; })
                ? "; a bound, <=, not exceeded"
                : "")
        << ")\n\n";
    for (const auto& l : lines)
    {
        std::string line = l[0] + std::string(widths[0] - l[0].size() + 2, ' ') + l[1] +
                           std::string(widths[1] - l[1].size() + 2, ' ') +
                           std::string(widths[2] - l[2].size(), ' ') + l[2] + "  " +
                           std::string(widths[3] - l[3].size(), ' ') + l[3] + "  " + l[4];
        line.erase(line.find_last_not_of(' ') + 1);
        out << line << "\n";
    }
    return out.str();
}

std::string
TheoryCsv(const std::vector<ClosedFormCheck>& checks)
{
    std::ostringstream csv;
    csv << "mode,figure,relation,closed_form,simulated,agrees,formula,reason\n";
    for (const auto& c : checks)
    {
        csv << CsvField(c.mode) << ',' << CsvField(c.figure) << ',' << (c.atMost ? "<=" : "=")
            << ',' << Fixed(c.predicted, c.decimals) << ',' << Fixed(c.simulated, c.decimals) << ','
            << (c.agrees ? "yes" : "no") << ',' << CsvField(c.formula) << ',' << CsvField(c.reason)
            << '\n';
    }
    return csv.str();
}

std::vector<ClosedFormCheck>
ReadTheoryCsv(const std::string& text)
{
    std::vector<ClosedFormCheck> out;
    auto rows = plotting::ParseCsv(text);
    for (std::size_t i = 1; i < rows.size(); ++i)
    {
        const auto& f = rows[i];
        std::string line = "theory.csv line " + std::to_string(i + 1) + ": ";
        if (f.size() != 8)
        {
            throw std::runtime_error(line + std::to_string(f.size()) + " fields, not 8");
        }
        ClosedFormCheck c;
        c.mode = f[0];
        c.figure = f[1];
        c.atMost = f[2] == "<=";
        std::size_t point = f[3].find('.');
        c.decimals = point == std::string::npos ? 0 : int(f[3].size() - point - 1);
        if ((f[2] != "=" && !c.atMost) || !plotting::ParseNumber(f[3], c.predicted) ||
            !plotting::ParseNumber(f[4], c.simulated))
        {
            throw std::runtime_error(line + "not a relation and two numbers");
        }
        c.agrees = f[5] == "yes";
        c.formula = f[6];
        c.reason = f[7];
        out.push_back(c);
    }
    return out;
}

} // namespace gcsim
