// [ordering]: several senders, the delivery orders to run, and when each sender sends.

#include "models/network/run-seed.h"
#include "models/ordering/send-times.h"
#include "section.h"

#include <algorithm>

namespace gcsim
{
namespace sections
{
namespace
{

/// Refuses [ordering] with what it cannot be combined with.
void
CheckCombination(const Reader& r, const Scenario& s)
{
    if (s.traffic.pattern != "group")
    {
        r.Fail("ordering", "the senders send traffic.messages messages each, as the group "
                           "pattern does; this scenario's pattern is \"" +
                               s.traffic.pattern + "\"");
    }
    if (s.membership.given)
    {
        r.Fail("ordering", "ordering runs keep the group of group.members throughout; leave out "
                           "[membership] or [ordering]");
    }
    if (s.reliability.given)
    {
        r.Fail("ordering", "ordered delivery assumes lossless links and the repair protocol "
                           "shares its port with the sequencer; leave out [reliability] or "
                           "[ordering]");
    }
    if (s.topology.loss > 0 || s.topology.coreLoss > 0)
    {
        r.Fail("ordering", "a lost message would block every hold-back queue behind it; ordering "
                           "scenarios need lossless links (topology.loss and core_loss 0)");
    }
    if (std::find(s.delivery.modes.begin(), s.delivery.modes.end(), "multicast") ==
        s.delivery.modes.end())
    {
        r.Fail("ordering", "the senders multicast to the group: delivery.modes must list "
                           "\"multicast\"");
    }
    if (s.traffic.size < 20)
    {
        r.Fail("traffic.size", "ordering messages carry a 16-byte header and a 4-byte sequence "
                               "stamp: at least 20 bytes (got " +
                                   std::to_string(s.traffic.size) + ")");
    }
}

void
Read(const Reader& r, Scenario& s, SectionContext&)
{
    auto& o = s.ordering;
    o.given = r.Find("ordering") != nullptr;
    if (!o.given)
    {
        return;
    }
    CheckCombination(r, s);
    uint32_t n = s.topology.clients;
    if (!r.Find("ordering.senders"))
    {
        r.Fail("ordering", "needs senders, the clients that multicast to the group, such as "
                           "senders = [1, 2, 3, 4]");
    }
    o.senders = *r.IntegerList("ordering.senders", 1, n);
    if (o.senders.empty())
    {
        r.Fail("ordering.senders", "the list is empty; list the clients (1 to " +
                                       std::to_string(n) + ") that send to the group");
    }
    o.orders = r.Names("ordering.order", {"none", "fifo", "total"}, {"order"})
                   .value_or(std::vector<std::string>{"none"});
    o.offset = r.Duration("ordering.offset").value_or(ns3::Time(0));
    o.jitter = r.Duration("ordering.jitter").value_or(ns3::Time(0));
    o.seed = static_cast<uint32_t>(
        r.Integer("ordering.seed", 1, 4294967295LL).value_or(ns3::gcsim::RunSeed(s.seed, s.run)));
    if (s.group.port == 65535)
    {
        r.Fail("group.port", "P1's sequencer listens on group.port + 1: at most 65534 with "
                             "[ordering]");
    }
    o.sequencerPort = static_cast<uint16_t>(s.group.port + 1);
    long double lastNs = s.traffic.start.GetNanoSeconds() +
                         (s.traffic.messages + 1.0L) * s.traffic.interval.GetNanoSeconds() +
                         (o.senders.size() - 1.0L) * o.offset.GetNanoSeconds() +
                         o.jitter.GetNanoSeconds() + s.traffic.drain.GetNanoSeconds();
    if (lastNs > kMaxRunNs)
    {
        r.Fail(r.Find("ordering.offset") ? "ordering.offset" : "ordering.jitter",
               "the last sender's last message would leave after " + SimulatedText(lastNs) +
                   " of simulated time (with the drain); a run ends by " +
                   SimulatedText(kMaxRunNs));
    }
    ns3::gcsim::SendSchedule schedule;
    schedule.senders = o.senders.size();
    schedule.messages = s.traffic.messages;
    schedule.start = s.traffic.start;
    schedule.interval = s.traffic.interval;
    schedule.offset = o.offset;
    schedule.jitter = o.jitter;
    schedule.seed = o.seed;
    o.sendTimes = ns3::gcsim::SendTimes(schedule);
}

void
Write(const Scenario& s, toml::table& root)
{
    if (!s.ordering.given)
    {
        return;
    }
    const auto& o = s.ordering;
    root.insert("ordering", toml::table{{"senders", Array<uint32_t, int64_t>(o.senders)},
                                        {"order", Array(o.orders)},
                                        {"offset", TimeText(o.offset)},
                                        {"jitter", TimeText(o.jitter)},
                                        {"seed", static_cast<int64_t>(o.seed)}});
}

} // namespace

const ScenarioSection&
OrderingSection()
{
    static const ScenarioSection section{
        "ordering", {{"senders"}, {"order"}, {"offset"}, {"jitter"}, {"seed"}}, {}, true, Read,
        Write};
    return section;
}

} // namespace sections
} // namespace gcsim
