// [membership]: joins and leaves over time (listed events, generated churn) and the models
// that carry them to the network.

#include "../text-parse.h"
#include "models/membership/churn.h"
#include "models/network/run-seed.h"
#include "section.h"

#include <algorithm>
#include <iomanip>
#include <map>
#include <numeric>
#include <sstream>

namespace gcsim
{
namespace sections
{
namespace
{

using Event = Scenario::Membership::Event;
/// Listed events with their keys ("membership.events[2]"), for messages.
using Listed = std::vector<std::pair<Event, std::string>>;

/// When the run ends, for the events' checks.
struct RunEnd
{
    ns3::Time lastSend;
    ns3::Time end;
    std::string text; //!< "the run ends at ..." for messages
};

/// Reads the igmp model's timers; InputError for a bad one, or for one without igmp.
void
ParseIgmpTimers(const Reader& r, Scenario::Membership& m)
{
    bool igmp = std::find(m.models.begin(), m.models.end(), "igmp") != m.models.end();
    auto& t = m.igmp;
    auto positive = [&](const std::string& key, ns3::Time fallback)
    {
        if (r.Find(key) && !igmp)
        {
            r.Fail(key, "is a timer of the igmp model; membership.model does not run igmp");
        }
        ns3::Time v = r.Duration(key).value_or(fallback);
        if (v <= ns3::Time())
        {
            r.Fail(key, "must be above zero (got '" + *r.String(key) + "')");
        }
        return v;
    };
    // A query's Max Resp Time field holds 1 to 255 units, of 1 ms here (see IgmpHeader).
    auto responseTime = [&](const std::string& key, ns3::Time fallback)
    {
        ns3::Time v = positive(key, fallback);
        if (v > ns3::MilliSeconds(255) || v.GetNanoSeconds() % 1000000 != 0)
        {
            r.Fail(key, "a query's Max Resp Time is a whole number of milliseconds from 1ms to "
                        "255ms (got '" +
                            *r.String(key) + "')");
        }
        return v;
    };
    t.queryInterval = positive("membership.query_interval", t.queryInterval);
    t.queryResponseInterval =
        responseTime("membership.query_response_interval", t.queryResponseInterval);
    t.lastMemberQueryInterval =
        responseTime("membership.last_member_query_interval", t.lastMemberQueryInterval);
    t.unsolicitedReportInterval =
        positive("membership.unsolicited_report_interval", t.unsolicitedReportInterval);
    if (r.Find("membership.robustness") && !igmp)
    {
        r.Fail("membership.robustness",
               "is a setting of the igmp model; membership.model does not run igmp");
    }
    t.robustness =
        static_cast<uint32_t>(r.Integer("membership.robustness", 1, 10).value_or(t.robustness));
    if (t.queryResponseInterval >= t.queryInterval)
    {
        r.Fail(r.Find("membership.query_response_interval") ? "membership.query_response_interval"
                                                            : "membership.query_interval",
               "the query response interval (" + SecondsText(t.queryResponseInterval) +
                   ") must be shorter than the query interval (" + SecondsText(t.queryInterval) +
                   ")");
    }
}

/// membership.events: each checked on its own; \p listed gets them with their keys.
void
ReadEvents(const Reader& r, uint32_t n, const RunEnd& run, Scenario::Membership& m, Listed& listed)
{
    toml::node* events = r.Find("membership.events");
    if (!events)
    {
        return;
    }
    if (!events->is_array())
    {
        r.Fail("membership.events",
               "expected a list of events such as [{ at = \"2s\", client = 3, action = "
               "\"join\" }], got " +
                   r.TypeName(*events));
    }
    ns3::Time end = run.end;
    const std::string& endText = run.text;
    const std::vector<std::string> eventKeys = {"at", "client", "action"};
    for (std::size_t i = 0; i < events->as_array()->size(); ++i)
    {
        std::string key = "membership.events[" + std::to_string(i) + "]";
        toml::node& e = *events->as_array()->get(i);
        if (!e.is_table())
        {
            r.Fail(key, "expected an event such as { at = \"2s\", client = 3, action = "
                        "\"join\" }, got " +
                            r.TypeName(e));
        }
        CheckEntryKeys(r, key, *e.as_table(), eventKeys, "an event");
        for (const auto& required : eventKeys)
        {
            if (!e.as_table()->get(required))
            {
                r.Fail(key, "an event needs at, client and action; '" + required + "' is missing");
            }
        }
        Event ev;
        ev.at = *r.Duration(key + ".at");
        if (ev.at > end)
        {
            r.Fail(key + ".at",
                   "is after the run: " + endText + "; got '" + *r.String(key + ".at") + "'");
        }
        int64_t client = *r.Integer(key + ".client", INT64_MIN, INT64_MAX);
        if (client < 1 || client > n)
        {
            r.Fail(key + ".client", "client " + std::to_string(client) +
                                        " is not in the network; clients are numbered 1 to " +
                                        std::to_string(n));
        }
        ev.client = static_cast<uint32_t>(client);
        ev.join = *r.Choice(key + ".action", {"join", "leave"}) == "join";
        listed.emplace_back(ev, key);
        m.events.push_back(ev);
    }
}

/// membership.churn's keys (the events are drawn by GenerateChurn).
void
ReadChurn(const Reader& r, const Scenario& s, const RunEnd& run, Scenario::Membership::Churn& c)
{
    uint32_t n = s.topology.clients;
    ns3::Time lastSend = run.lastSend;
    ns3::Time end = run.end;
    const std::string& endText = run.text;
    c.given = true;
    auto text = r.String("membership.churn.rate");
    if (!text)
    {
        r.Fail("membership.churn", "churn needs a rate of events, such as rate = \"2/s\"");
    }
    static const std::map<std::string, long double> perSecond = {
        {"/s", 1}, {"/ms", 1e3}, {"/min", 1.0L / 60}};
    auto q = SplitQuantity(*text);
    if (!q || !perSecond.count(q->second) || !(q->first > 0))
    {
        r.Fail("membership.churn.rate",
               "cannot read '" + *text +
                   "' as a rate of events; give a positive number of events per unit of "
                   "time: /s, /ms, /min (\"2/s\")");
    }
    c.rate = static_cast<double>(q->first * perSecond.at(q->second));
    c.seed = static_cast<uint32_t>(r.Integer("membership.churn.seed", 1, 4294967295LL)
                                       .value_or(ns3::gcsim::RunSeed(s.seed, s.run)));
    c.start = r.Duration("membership.churn.start").value_or(s.traffic.start);
    c.stop = r.Duration("membership.churn.stop").value_or(lastSend);
    if (c.stop > end)
    {
        r.Fail(r.Find("membership.churn.stop") ? "membership.churn.stop" : "membership.churn",
               "churn would go on after the run: " + endText + "; stop is " + SecondsText(c.stop));
    }
    if (c.stop <= c.start)
    {
        r.Fail(r.Find("membership.churn.stop") ? "membership.churn.stop" : "membership.churn",
               "churn stops at " + SecondsText(c.stop) + ", not after it starts at " +
                   SecondsText(c.start));
    }
    if (double events = c.rate * (c.stop - c.start).GetSeconds(); events > 1e6)
    {
        char count[32];
        std::snprintf(count, sizeof count, "%.3g", events); // may exceed any integer
        r.Fail("membership.churn.rate",
               std::string("about ") + count + " events between start and stop; at most 1000000");
    }
    c.clients = r.IntegerList("membership.churn.clients", 1, n).value_or(std::vector<uint32_t>{});
    if (r.Find("membership.churn.clients") && c.clients.empty())
    {
        r.Fail("membership.churn.clients", "the list is empty; leave the key out to let "
                                           "every client churn");
    }
    std::sort(c.clients.begin(), c.clients.end());
}

/// The listed events and the churn merged into m.schedule, each checked against the
/// membership it meets.
void
Merge(const Reader& r, const Scenario& s, Listed listed,
      const std::vector<ns3::gcsim::ChurnEvent>& generated, Scenario::Membership& m)
{
    uint32_t n = s.topology.clients;
    // One timeline: listed events first among events at the same instant, each checked
    // against the membership it meets; a generated event flips its client.
    std::stable_sort(listed.begin(), listed.end(),
                     [](const auto& a, const auto& b) { return a.first.at < b.first.at; });
    std::vector<bool> member(n + 1, false);
    for (uint32_t g : s.group.members)
    {
        member[g] = true;
    }
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < listed.size() || j < generated.size())
    {
        if (i < listed.size() && (j == generated.size() || listed[i].first.at <= generated[j].at))
        {
            const auto& [ev, key] = listed[i++];
            if (ev.join == member[ev.client])
            {
                r.Fail(key + ".action",
                       "client " + std::to_string(ev.client) +
                           (ev.join ? " is already in the group at " : " is not in the group at ") +
                           SecondsText(ev.at) + " (group.members, then the events before it" +
                           (generated.empty() ? "" : " and the churn") + "); a " +
                           (ev.join ? "join needs a non-member" : "leave needs a member"));
            }
            member[ev.client] = ev.join;
            m.schedule.push_back(ev);
        }
        else
        {
            Event ev;
            ev.at = generated[j].at;
            ev.client = generated[j++].client;
            ev.join = !member[ev.client];
            member[ev.client] = ev.join;
            m.schedule.push_back(ev);
        }
    }
}

void
Read(const Reader& r, Scenario& s, SectionContext&)
{
    auto& m = s.membership;
    m.given = r.Find("membership") != nullptr;
    if (!m.given)
    {
        return;
    }
    m.models = r.Names("membership.model", {"instant", "igmp"}, {"model"})
                   .value_or(std::vector<std::string>{"instant"});
    m.model = m.models.front();
    ParseIgmpTimers(r, m);
    if (s.traffic.pattern == "throughput")
    {
        r.Fail("membership", "the throughput pattern runs each rate it tries from the start; "
                             "membership over time needs the group or replay pattern");
    }
    RunEnd run;
    run.lastSend = s.traffic.start + s.traffic.interval * int64_t(s.traffic.messages);
    run.end = run.lastSend + s.traffic.drain;
    run.text = "the run ends at " + SecondsText(run.end) +
               " (traffic.start + messages x interval + drain)";
    Listed listed;
    ReadEvents(r, s.topology.clients, run, m, listed);
    std::vector<ns3::gcsim::ChurnEvent> generated;
    if (r.Find("membership.churn"))
    {
        ReadChurn(r, s, run, m.churn);
        std::vector<uint32_t> pool = m.churn.clients;
        if (pool.empty())
        {
            pool.resize(s.topology.clients);
            std::iota(pool.begin(), pool.end(), 1U);
        }
        generated = ns3::gcsim::GenerateChurn(m.churn.rate, m.churn.seed, m.churn.start,
                                              m.churn.stop, pool);
    }
    Merge(r, s, std::move(listed), generated, m);
}

toml::table
ChurnTable(const Scenario::Membership::Churn& c)
{
    std::ostringstream churnRate;
    churnRate << std::setprecision(17) << c.rate << "/s";
    toml::table churn{{"rate", churnRate.str()},
                      {"seed", static_cast<int64_t>(c.seed)},
                      {"start", TimeText(c.start)},
                      {"stop", TimeText(c.stop)}};
    if (!c.clients.empty())
    {
        churn.insert("clients", Array<uint32_t, int64_t>(c.clients));
    }
    return churn;
}

void
Write(const Scenario& s, toml::table& root)
{
    if (!s.membership.given)
    {
        return;
    }
    const auto& m = s.membership;
    toml::array events;
    for (const auto& e : m.events)
    {
        events.push_back(toml::table{{"at", TimeText(e.at)},
                                     {"client", static_cast<int64_t>(e.client)},
                                     {"action", e.join ? "join" : "leave"}});
    }
    toml::table membership{{"model", m.model}, {"events", events}};
    if (m.models.size() > 1)
    {
        membership.insert_or_assign("model", Array(m.models));
    }
    if (std::find(m.models.begin(), m.models.end(), "igmp") != m.models.end())
    {
        membership.insert("query_interval", TimeText(m.igmp.queryInterval));
        membership.insert("query_response_interval", TimeText(m.igmp.queryResponseInterval));
        membership.insert("last_member_query_interval", TimeText(m.igmp.lastMemberQueryInterval));
        membership.insert("robustness", static_cast<int64_t>(m.igmp.robustness));
        membership.insert("unsolicited_report_interval",
                          TimeText(m.igmp.unsolicitedReportInterval));
    }
    if (m.churn.given)
    {
        membership.insert("churn", ChurnTable(m.churn));
    }
    root.insert("membership", membership);
}

} // namespace

const ScenarioSection&
MembershipSection()
{
    static const ScenarioSection section{
        "membership",
        {{"model"},
         {"events"},
         {"churn"},
         {"query_interval"},
         {"query_response_interval"},
         {"last_member_query_interval"},
         {"robustness"},
         {"unsolicited_report_interval"}},
        {{"churn", {{"rate"}, {"seed"}, {"start"}, {"stop"}, {"clients"}}}},
        true,
        Read,
        Write};
    return section;
}

} // namespace sections
} // namespace gcsim
