// [group]: the multicast group's address and port, its members at the start, the target.

#include "../text-parse.h"
#include "models/network/network.h"
#include "models/network/run-seed.h"
#include "section.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <set>
#include <sstream>

namespace gcsim
{
namespace sections
{
namespace
{

/// The seed purpose of the unicast target's draw (ns3::gcsim::PurposeSeed).
constexpr uint32_t kTargetPurpose = 2;

/**
 * group.target: a client number, "nearest" or "farthest" (a rule applied to the built
 * network), or "random" (the default): a member drawn from the run's seed, so that
 * the target does not depend on the group's size and repetitions draw it afresh.
 */
void
ReadTarget(const Reader& r, Scenario& s)
{
    auto& g = s.group;
    uint32_t n = s.topology.clients;
    toml::node* node = r.Find("group.target");
    if (node && node->is_string())
    {
        std::string rule = *r.Choice("group.target", {"random", "nearest", "farthest"});
        if (rule != "random")
        {
            g.targetRule = rule;
            g.target = g.members.empty() ? 1 : g.members.front(); // replaced at build time
            return;
        }
    }
    else if (node)
    {
        if (!node->is_integer())
        {
            r.Fail("group.target", "expected a client number, \"random\", \"nearest\" or "
                                   "\"farthest\", got " +
                                       r.TypeName(*node));
        }
        g.target = static_cast<uint32_t>(*r.Integer("group.target", 1, n));
        return;
    }
    if (g.members.empty())
    {
        g.target = 1;
        return;
    }
    std::mt19937_64 rng(
        ns3::gcsim::PurposeSeed(ns3::gcsim::RunSeed(s.seed, s.run), kTargetPurpose));
    g.target = g.members[rng() % g.members.size()];
}

/// group.address: a multicast group gcsim does not reserve.
void
ReadAddress(const Reader& r, Scenario::Group& g)
{
    if (auto a = r.String("group.address"))
    {
        ns3::Ipv4Address addr;
        std::vector<std::string> octets;
        std::stringstream parts(*a);
        for (std::string octet; std::getline(parts, octet, '.');)
        {
            octets.push_back(octet);
        }
        bool ok = octets.size() == 4 && a->back() != '.';
        for (const auto& octet : octets)
        {
            ok = ok && IsDigits(octet, 3) && std::stoi(octet) <= 255;
        }
        if (ok)
        {
            addr = ns3::Ipv4Address(a->c_str());
        }
        if (!ok || !addr.IsMulticast() || addr.IsLocalMulticast())
        {
            r.Fail("group.address",
                   "'" + *a +
                       "' is not an IPv4 multicast group address; use 224.0.1.0 to 239.255.255.254 "
                       "(224.0.0.x is link-local and reaches every host)");
        }
        if (addr == ns3::gcsim::NetworkBroadcastGroup())
        {
            r.Fail("group.address", "'" + *a +
                                        "' is reserved: gcsim floods its network-wide broadcast "
                                        "to this group; use 224.0.1.0 to 239.255.255.254");
        }
        g.address = addr;
    }
}

/// group.members as a list of client numbers, ascending.
std::vector<uint32_t>
MemberList(const Reader& r, toml::array& list, uint32_t n)
{
    std::vector<uint32_t> members;
    std::set<int64_t> seen;
    for (auto& m : list)
    {
        if (!m.is_integer())
        {
            r.Fail("group.members", "expected client numbers, got " + r.TypeName(m));
        }
        int64_t c = *m.value<int64_t>();
        if (c < 1 || c > n)
        {
            r.Fail("group.members", "client " + std::to_string(c) +
                                        " is not in the network; clients are numbered 1 to " +
                                        std::to_string(n));
        }
        if (!seen.insert(c).second)
        {
            r.Fail("group.members", "client " + std::to_string(c) + " is listed twice");
        }
        members.push_back(static_cast<uint32_t>(c));
    }
    // An empty group at the start is a group that churn or events fill.
    if (members.empty() && !r.Find("membership"))
    {
        r.Fail("group.members", "the group is empty (a group that starts empty needs "
                                "[membership] events or churn to fill it)");
    }
    std::sort(members.begin(), members.end());
    return members;
}

void
Read(const Reader& r, Scenario& s, SectionContext&)
{
    auto& g = s.group;
    ReadAddress(r, g);
    g.port = static_cast<uint16_t>(r.Integer("group.port", 1, 65535).value_or(20001));
    uint32_t n = s.topology.clients;
    if (toml::node* members = r.Find("group.members"))
    {
        if (members->is_string())
        {
            if (*members->value<std::string>() != "all")
            {
                r.Fail("group.members", "expected \"all\", a fraction such as 0.5, a count, or a "
                                        "list of client numbers");
            }
            for (uint32_t i = 1; i <= n; ++i)
            {
                g.members.push_back(i);
            }
        }
        else if (members->is_floating_point())
        {
            double f = *members->value<double>();
            if (!(f > 0.0 && f <= 1.0))
            {
                r.Fail("group.members",
                       "a fraction of the clients must be above 0 and at most 1 (got " +
                           std::to_string(f) + ")");
            }
            auto k = static_cast<uint32_t>(std::max(1.0, std::round(f * n)));
            g.members = ns3::gcsim::ChooseDistinct(n, k, ns3::gcsim::RunSeed(s.seed, s.run));
        }
        else if (members->is_integer())
        {
            int64_t k = *members->value<int64_t>();
            if (k < 1 || k > n)
            {
                r.Fail("group.members", "a group of " + std::to_string(k) +
                                            " clients does not fit a network of " +
                                            std::to_string(n) + " clients");
            }
            g.members = ns3::gcsim::ChooseDistinct(n, static_cast<uint32_t>(k),
                                                   ns3::gcsim::RunSeed(s.seed, s.run));
        }
        else if (members->is_array())
        {
            g.members = MemberList(r, *members->as_array(), n);
        }
        else
        {
            r.Fail("group.members",
                   "expected \"all\", a fraction, a count or a list, got " + r.TypeName(*members));
        }
    }
    else
    {
        for (uint32_t i = 1; i <= n; ++i)
        {
            g.members.push_back(i);
        }
    }
    ReadTarget(r, s);
}

void
Write(const Scenario& s, toml::table& root)
{
    std::ostringstream address;
    address << s.group.address;
    root.insert("group", toml::table{
                             {"address", address.str()},
                             {"port", static_cast<int64_t>(s.group.port)},
                             {"members", Array<uint32_t, int64_t>(s.group.members)},
                         });
    auto& group = *root["group"].as_table();
    if (s.group.targetRule.empty())
    {
        group.insert("target", static_cast<int64_t>(s.group.target));
    }
    else
    {
        group.insert("target", s.group.targetRule);
    }
}

} // namespace

const ScenarioSection&
GroupSection()
{
    static const ScenarioSection section{
        "group", {{"address"}, {"port"}, {"members"}, {"target"}}, {}, true, Read, Write};
    return section;
}

} // namespace sections
} // namespace gcsim
