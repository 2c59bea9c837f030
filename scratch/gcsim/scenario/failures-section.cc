// [[failures]]: links and routers that fail or come back while the group's messages flow.
// Each entry is { at, link = "R3-R7" | router = 3, action = "down" | "up", reconvergence };
// whether a listed link exists is checked once the network is built (CheckFailures).

#include "section.h"

#include <algorithm>
#include <map>

namespace gcsim
{
namespace sections
{
namespace
{

/// The router index of "R<n>" in \p name, or -1.
int64_t
RouterIndex(const std::string& name)
{
    if (name.size() < 2 || name[0] != 'R' || name.size() > 11 ||
        !std::all_of(name.begin() + 1, name.end(), [](char c) { return c >= '0' && c <= '9'; }))
    {
        return -1;
    }
    return std::stoll(name.substr(1));
}

/// failures[i].link: two routers of the network, "R3-R7", in either order.
std::string
ReadLink(const Reader& r, const std::string& key, uint64_t routers)
{
    std::string link = *r.String(key);
    auto dash = link.find('-');
    int64_t a = dash == std::string::npos ? -1 : RouterIndex(link.substr(0, dash));
    int64_t b = dash == std::string::npos ? -1 : RouterIndex(link.substr(dash + 1));
    if (a < 0 || b < 0)
    {
        r.Fail(key, "expected two routers such as \"R3-R7\", got \"" + Printable(link, 60) + "\"");
    }
    for (int64_t end : {a, b})
    {
        if (end >= static_cast<int64_t>(routers))
        {
            r.Fail(key, "there is no router R" + std::to_string(end) +
                            "; this network has R0 to R" + std::to_string(routers - 1));
        }
    }
    if (a == b)
    {
        r.Fail(key, "a link joins two routers; both ends are R" + std::to_string(a));
    }
    return "R" + std::to_string(std::min(a, b)) + "-R" + std::to_string(std::max(a, b));
}

Scenario::Failure
ReadEntry(const Reader& r, const std::string& key, const toml::node& entry, uint64_t routers)
{
    if (!entry.is_table())
    {
        r.Fail(key, "expected a failure such as { at = \"1.05s\", link = \"R3-R4\" }, got " +
                        r.TypeName(entry));
    }
    const auto& table = *entry.as_table();
    CheckEntryKeys(r, key, table, {"at", "link", "router", "action", "reconvergence"}, "a failure");
    if (!table.get("at"))
    {
        r.Fail(key, "a failure needs 'at', the time it happens");
    }
    bool link = table.get("link") != nullptr;
    bool router = table.get("router") != nullptr;
    if (link == router)
    {
        r.Fail(key, link ? "a failure is of a link or of a router, not both"
                         : "a failure needs a link (link = \"R3-R4\") or a router (router = 3)");
    }
    Scenario::Failure f;
    f.at = *r.Duration(key + ".at");
    f.key = key + (link ? ".link" : ".router");
    f.where = r.Where(f.key, table.get(link ? "link" : "router"));
    if (link)
    {
        f.link = ReadLink(r, f.key, routers);
    }
    else
    {
        f.router = *r.Integer(f.key, 0, static_cast<int64_t>(routers) - 1);
    }
    f.down = r.Choice(key + ".action", {"down", "up"}).value_or("down") == "down";
    f.reconvergence = r.Duration(key + ".reconvergence").value_or(f.reconvergence);
    return f;
}

void
Read(const Reader& r, Scenario& s, SectionContext& context)
{
    toml::node* failures = r.Find("failures");
    if (!failures)
    {
        return;
    }
    const std::string& kind = s.topology.kind;
    if (context.routers.count == 0)
    {
        r.Fail("failures", "links and routers fail on a routed network (tree, dumbbell, ring, "
                           "grid, waxman, file); a " +
                               kind + " topology has no router");
    }
    if (!failures->is_array())
    {
        r.Fail("failures",
               "expected a list of failures ([[failures]] tables), got " + r.TypeName(*failures));
    }
    if (s.groups.Many())
    {
        r.Fail("failures", "failures are not simulated with several groups or senders yet "
                           "(group.count, group.senders_per_group): leave one of them out");
    }
    if (s.membership.given || s.ordering.given)
    {
        r.Fail("failures", std::string("failures are not simulated with [") +
                               (s.membership.given ? "membership" : "ordering") +
                               "] yet: leave one of them out");
    }
    std::vector<std::pair<std::string, Scenario::Failure>> read;
    for (std::size_t i = 0; i < failures->as_array()->size(); ++i)
    {
        std::string key = "failures[" + std::to_string(i) + "]";
        read.push_back(
            {key, ReadEntry(r, key, *failures->as_array()->get(i), context.routers.count)});
    }
    std::stable_sort(read.begin(), read.end(),
                     [](const auto& a, const auto& b) { return a.second.at < b.second.at; });
    // Each link or router goes down before it comes up, and not twice in a row.
    std::map<std::string, bool> down;
    for (const auto& [key, f] : read)
    {
        std::string what =
            f.link.empty() ? "router R" + std::to_string(f.router) : "link " + f.link;
        if (down[what] == f.down)
        {
            r.Fail(key + ".action",
                   what + (f.down ? " is down already at " : " is not down at ") + TimeText(f.at));
        }
        down[what] = f.down;
        s.failures.push_back(f);
    }
}

void
Write(const Scenario& s, toml::table& root)
{
    if (s.failures.empty())
    {
        return;
    }
    toml::array entries;
    for (const auto& f : s.failures)
    {
        toml::table t{{"at", TimeText(f.at)},
                      {"action", f.down ? "down" : "up"},
                      {"reconvergence", TimeText(f.reconvergence)}};
        if (f.link.empty())
        {
            t.insert("router", f.router);
        }
        else
        {
            t.insert("link", f.link);
        }
        entries.push_back(std::move(t));
    }
    root.insert("failures", std::move(entries));
}

} // namespace

const ScenarioSection&
FailuresSection()
{
    // A list of tables: its entries' keys are checked here, not by CheckKeys.
    static const ScenarioSection section{"failures", {}, {}, false, Read, Write};
    return section;
}

} // namespace sections
} // namespace gcsim
