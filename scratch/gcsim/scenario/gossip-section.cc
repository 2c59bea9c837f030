// [gossip]: the epidemic delivery modes' protocol choices (fanout, rounds, the peer sampling
// view, rumour mongering's variant) and their faults (members that crash).

#include "models/gossip/gossip-delivery.h"
#include "models/gossip/gossip-view.h"
#include "models/network/run-seed.h"
#include "section.h"

#include <algorithm>
#include <cmath>

namespace gcsim
{

uint32_t
Scenario::Gossip::RoundsFor(const std::string& mode, uint32_t n) const
{
    if (rounds > 0)
    {
        return rounds;
    }
    auto protocol = ns3::gcsim::GossipDelivery::ProtocolOf(mode);
    bool bounded = protocol == ns3::gcsim::GossipProtocol::PUSH ||
                   protocol == ns3::gcsim::GossipProtocol::PULL ||
                   protocol == ns3::gcsim::GossipProtocol::PUSH_PULL;
    if (!bounded || round.IsZero())
    {
        return 0; // rumours and lazy push end by themselves; event-driven push once per node
    }
    // Push from one node reaches n in about log2 n + ln n rounds (Pittel 1987); five more
    // leave a miss to chance about once in several hundred messages at n = 1,000.
    double ln = std::log(double(std::max<uint32_t>(n, 2)));
    return static_cast<uint32_t>(std::ceil(ln / std::log(2.0) + ln)) + 5;
}

uint32_t
Scenario::Gossip::KFor(const std::string& mode) const
{
    if (k > 0 || mode != "rumour")
    {
        return k;
    }
    return 2;
}

namespace sections
{
namespace
{

constexpr uint32_t kCrashPurpose = 9;

std::vector<std::string>
GossipModes(const Scenario& s)
{
    std::vector<std::string> modes;
    for (const auto& m : s.delivery.modes)
    {
        if (ns3::gcsim::GossipDelivery::ProtocolOf(m))
        {
            modes.push_back(m);
        }
    }
    return modes;
}

bool
Runs(const std::vector<std::string>& modes, const std::string& mode)
{
    return std::find(modes.begin(), modes.end(), mode) != modes.end();
}

/// What gossip cannot be combined with yet, and what it needs.
void
CheckCompanions(const Reader& r, const Scenario& s)
{
    if (s.traffic.pattern != "group")
    {
        r.Fail("delivery.modes", "the gossip modes spread P1's group messages; they need "
                                 "traffic.pattern = \"group\" (got '" +
                                     s.traffic.pattern + "')");
    }
    if (s.reliability.given || s.ordering.given || s.groups.count > 1 ||
        s.groups.sendersPerGroup > 1)
    {
        r.Fail("delivery.modes", "the gossip modes cannot be combined with [reliability], "
                                 "[ordering], several groups or senders yet: gossip is its own "
                                 "reliability, and its agents use group.port + 1");
    }
    if (s.group.port == 65535)
    {
        r.Fail("group.port", "the gossip agents use the group's port + 1; use a port below "
                             "65535");
    }
    if (s.EverMembers().empty())
    {
        r.Fail("group.members", "the gossip modes need at least one member to gossip with");
    }
}

void
ReadRound(const Reader& r, Scenario::Gossip& g, const std::vector<std::string>& modes)
{
    auto* node = r.Find("gossip.round");
    if (node && node->is_string() && node->as_string()->get() == "event")
    {
        g.round = ns3::Time(0);
        for (const auto& m : modes)
        {
            if (m != "push")
            {
                r.Fail("gossip.round", "\"event\" (pass a message on once, on receipt) is push's "
                                       "only; " +
                                           m +
                                           " works in rounds: give a duration such as \"10ms\"");
            }
        }
        return;
    }
    g.round = r.Duration("gossip.round").value_or(ns3::MilliSeconds(10));
    if (g.round <= ns3::Time(0))
    {
        r.Fail("gossip.round", "must be above 0, or \"event\" (push only)");
    }
}

void
ReadView(const Reader& r, Scenario::Gossip& g, const std::vector<std::string>& modes)
{
    std::vector<std::string> names;
    for (const auto& [name, kind] : ns3::gcsim::GossipView::Names())
    {
        names.push_back(name);
    }
    g.view = r.Choice("gossip.view", names).value_or("full");
    auto kind = *ns3::gcsim::GossipView::Parse(g.view);
    if (auto size = r.Integer("gossip.view_size", 1, 65535))
    {
        if (kind != ns3::gcsim::GossipView::PARTIAL && kind != ns3::gcsim::GossipView::REGULAR)
        {
            r.Fail("gossip.view_size",
                   "applies to view = \"partial\" or \"regular\", not \"" + g.view + "\"");
        }
        g.viewSize = static_cast<uint32_t>(*size);
    }
    if (Runs(modes, "lazy-push") &&
        (kind == ns3::gcsim::GossipView::FULL || !ns3::gcsim::GossipView::Symmetric(kind)))
    {
        r.Fail("gossip.view", "lazy-push prunes and grafts links of a bounded, symmetric view: "
                              "give \"regular\", \"line\", \"ring\", \"grid\" or \"torus\", "
                              "not \"" +
                                  g.view + "\"");
    }
}

void
ReadCrashes(const Reader& r, Scenario& s)
{
    auto& g = s.gossip;
    g.crashed = r.Number("gossip.crashed", 0, 0.99).value_or(0);
    g.crashAt = r.Duration("gossip.crash_at").value_or(s.traffic.start);
    if (r.Find("gossip.crash_at") && g.crashed == 0)
    {
        r.Fail("gossip.crash_at", "says when gossip.crashed's members crash; give "
                                  "gossip.crashed too");
    }
    // Drawn from every client that gossips: the members, and with [membership] those that
    // join later.
    std::vector<uint32_t> population = s.EverMembers();
    auto count = static_cast<uint32_t>(std::lround(g.crashed * population.size()));
    g.crashedClients.clear();
    for (uint32_t i : ns3::gcsim::ChooseDistinct(
             static_cast<uint32_t>(population.size()), count,
             ns3::gcsim::PurposeSeed(ns3::gcsim::RunSeed(s.seed, s.run), kCrashPurpose)))
    {
        g.crashedClients.push_back(population[i - 1]);
    }
    std::sort(g.crashedClients.begin(), g.crashedClients.end());
}

void
Read(const Reader& r, Scenario& s, SectionContext&)
{
    auto& g = s.gossip;
    g.given = r.Find("gossip") != nullptr;
    std::vector<std::string> modes = GossipModes(s);
    g.used = !modes.empty();
    if (!g.used)
    {
        // Read by the gossip modes only: a scenario may keep its [gossip] while
        // --set delivery.modes=... runs other modes (its keys' names are still checked).
        return;
    }
    CheckCompanions(r, s);
    g.fanout = r.Number("gossip.fanout", 0.01, 1000).value_or(1);
    g.rounds = static_cast<uint32_t>(r.Integer("gossip.rounds", 1, 65535).value_or(0));
    g.k = static_cast<uint32_t>(r.Integer("gossip.k", 1, 1000).value_or(0));
    ReadRound(r, g, modes);
    ReadView(r, g, modes);
    g.rumour = r.Choice("gossip.rumour", {"feedback", "blind"}).value_or("feedback");
    ReadCrashes(r, s);
}

void
Write(const Scenario& s, toml::table& root)
{
    const auto& g = s.gossip;
    if (!g.used)
    {
        return;
    }
    toml::table gossip{
        {"fanout", g.fanout},
        {"round", g.round.IsZero() ? std::string("event") : TimeText(g.round)},
        {"view", g.view},
        {"rumour", g.rumour},
    };
    if (g.rounds > 0)
    {
        gossip.insert("rounds", static_cast<int64_t>(g.rounds));
    }
    if (g.k > 0)
    {
        gossip.insert("k", static_cast<int64_t>(g.k));
    }
    if (g.view == "partial" || g.view == "regular")
    {
        gossip.insert("view_size", static_cast<int64_t>(g.viewSize));
    }
    if (g.crashed > 0)
    {
        gossip.insert("crashed", g.crashed);
        gossip.insert("crash_at", TimeText(g.crashAt));
    }
    root.insert("gossip", gossip);
}

} // namespace

const ScenarioSection&
GossipSection()
{
    static const ScenarioSection section{"gossip",
                                         {{"fanout"},
                                          {"rounds"},
                                          {"k"},
                                          {"round"},
                                          {"view"},
                                          {"view_size"},
                                          {"rumour"},
                                          {"crashed"},
                                          {"crash_at"}},
                                         {},
                                         true,
                                         Read,
                                         Write};
    return section;
}

} // namespace sections
} // namespace gcsim
