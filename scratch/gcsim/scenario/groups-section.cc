// [group] count, placement, senders_per_group: G groups at once, each with its members and
// senders (IPTV channels, many conferences). Read after the tables they combine with; the
// group's own keys (group-section.cc) are read first.

#include "models/network/network.h"
#include "models/network/run-seed.h"
#include "section.h"

#include <random>

namespace gcsim
{
namespace sections
{
namespace
{

/// The seed purpose of the groups' members and senders (ns3::gcsim::PurposeSeed).
constexpr uint32_t kGroupsPurpose = 5;

/// The key that makes the scenario one of many groups or senders, for messages.
std::string
ManyKey(const Scenario& s)
{
    return s.groups.count > 1 ? "group.count" : "group.senders_per_group";
}

/// Refuses many groups or senders with what they cannot be combined with.
void
CheckCombination(const Reader& r, const Scenario& s)
{
    const std::string key = ManyKey(s);
    auto refuse = [&r, &key](const std::string& why) { r.Fail(key, why); };
    if (s.delivery.modes != std::vector<std::string>{"multicast"})
    {
        refuse("groups beyond the first and their senders run in multicast runs only: "
               "delivery.modes must be [\"multicast\"]");
    }
    if (s.traffic.pattern != "group")
    {
        refuse("every sender sends traffic.messages messages, one every interval, as the group "
               "pattern does; this scenario's pattern is \"" +
               s.traffic.pattern + "\"");
    }
    if (s.membership.given || s.reliability.given || s.ordering.given)
    {
        refuse("the groups keep their members throughout and send without repair or order: "
               "leave out [membership], [reliability] and [ordering]");
    }
    if (s.topology.kind == "star")
    {
        refuse("the star's switch snoops one group only; use a lan or a routed kind");
    }
    if (s.group.port == 65535)
    {
        r.Fail("group.port", "the groups' own traffic uses group.port + 1: at most 65534 with "
                             "several groups or senders");
    }
    if (s.groups.sendersPerGroup - 1 > s.group.members.size())
    {
        r.Fail("group.senders_per_group", "P1 and " + std::to_string(s.groups.sendersPerGroup - 1) +
                                              " members send to each group, but a group has " +
                                              std::to_string(s.group.members.size()) + " members");
    }
}

/// Group k's address: group.address + k, below the network-wide broadcast group.
ns3::Ipv4Address
AddressOf(const Reader& r, const Scenario& s, uint32_t k)
{
    uint64_t first = s.group.address.Get();
    uint64_t last = first + s.groups.count - 1;
    if (last >= ns3::gcsim::NetworkBroadcastGroup().Get())
    {
        r.Fail("group.count",
               std::to_string(s.groups.count) + " groups from " + std::to_string(first >> 24) +
                   "." + std::to_string((first >> 16) & 255) + "." +
                   std::to_string((first >> 8) & 255) + "." + std::to_string(first & 255) +
                   " would pass 239.255.255.254, the last group gcsim does not "
                   "reserve; lower group.address or group.count");
    }
    return ns3::Ipv4Address(static_cast<uint32_t>(first + k));
}

/// \p count of \p members drawn by \p rng, ascending.
std::vector<uint32_t>
DrawAmong(const std::vector<uint32_t>& members, uint32_t count, std::mt19937_64& rng)
{
    std::vector<uint32_t> drawn;
    auto picks = ns3::gcsim::ChooseDistinct(static_cast<uint32_t>(members.size()), count,
                                            static_cast<uint32_t>(rng()));
    for (uint32_t i : picks)
    {
        drawn.push_back(members[i - 1]);
    }
    return drawn;
}

/// Every group's members and senders: the first's members are group.members; "same" gives
/// the others those members and senders, "random" draws both afresh for each group.
void
DrawGroups(const Reader& r, Scenario& s)
{
    auto& g = s.groups;
    std::mt19937_64 rng(
        ns3::gcsim::PurposeSeed(ns3::gcsim::RunSeed(s.seed, s.run), kGroupsPurpose));
    uint32_t clients = s.topology.clients;
    auto size = static_cast<uint32_t>(s.group.members.size());
    g.all.clear();
    for (uint32_t k = 0; k < g.count; ++k)
    {
        Scenario::Groups::One one;
        one.address = AddressOf(r, s, k);
        if (k > 0 && g.placement == "same")
        {
            one.members = g.all.front().members;
            one.senders = g.all.front().senders;
        }
        else
        {
            one.members =
                k == 0 ? s.group.members
                       : ns3::gcsim::ChooseDistinct(clients, size, static_cast<uint32_t>(rng()));
            one.senders = DrawAmong(one.members, g.sendersPerGroup - 1, rng);
        }
        g.all.push_back(one);
    }
}

void
Read(const Reader& r, Scenario& s, SectionContext&)
{
    auto& g = s.groups;
    g.given =
        r.Find("group.count") || r.Find("group.placement") || r.Find("group.senders_per_group");
    g.count = static_cast<uint32_t>(r.Integer("group.count", 1, 65534).value_or(1));
    g.placement = r.Choice("group.placement", {"random", "same"}).value_or("random");
    g.sendersPerGroup = static_cast<uint32_t>(
        r.Integer("group.senders_per_group", 1, int64_t(s.topology.clients) + 1).value_or(1));
    g.port = static_cast<uint16_t>(s.group.port == 65535 ? 0 : s.group.port + 1);
    if (g.Many())
    {
        CheckCombination(r, s);
    }
    DrawGroups(r, s);
}

void
Write(const Scenario& s, toml::table& root)
{
    // Written when given: a scenario that leaves them out resolves as it always did.
    if (!s.groups.given)
    {
        return;
    }
    auto& group = *root["group"].as_table();
    group.insert("count", static_cast<int64_t>(s.groups.count));
    group.insert("placement", s.groups.placement);
    group.insert("senders_per_group", static_cast<int64_t>(s.groups.sendersPerGroup));
}

} // namespace

const ScenarioSection&
GroupsSection()
{
    static const ScenarioSection section{
        "group", {{"count"}, {"placement"}, {"senders_per_group"}}, {}, true, Read, Write};
    return section;
}

} // namespace sections
} // namespace gcsim
