// [reliability]: reliable delivery (NAK repair for multicast, ARQ for replicated unicast)
// and the protocols' timers.

#include "section.h"

namespace gcsim
{
namespace sections
{
namespace
{

void
Read(const Reader& r, Scenario& s, SectionContext&)
{
    auto& rel = s.reliability;
    rel.given = r.Find("reliability") != nullptr;
    if (!rel.given)
    {
        return;
    }
    rel.repairs = r.Names("reliability.repair", {"none", "nak", "nak-unsuppressed"}, {"repair"})
                      .value_or(std::vector<std::string>{"nak"});
    rel.requestC1 = r.Number("reliability.request_c1", 0, 1000).value_or(2);
    rel.requestC2 = r.Number("reliability.request_c2", 0, 1000).value_or(2);
    rel.repairD1 = r.Number("reliability.repair_d1", 0, 1000).value_or(1);
    rel.repairD2 = r.Number("reliability.repair_d2", 0, 1000).value_or(1);
    if (rel.requestC1 + rel.requestC2 <= 0)
    {
        r.Fail("reliability.request_c2", "request_c1 + request_c2 must be above 0: a request "
                                         "back-off of zero leaves no time to hear another's NAK");
    }
    auto positive = [&r](const std::string& key, ns3::Time fallback)
    {
        ns3::Time t = r.Duration(key).value_or(fallback);
        if (t <= ns3::Time(0))
        {
            r.Fail(key, "must be above 0");
        }
        return t;
    };
    rel.sessionInterval = positive("reliability.session_interval", ns3::MilliSeconds(10));
    rel.sessionMessages =
        static_cast<uint32_t>(r.Integer("reliability.session_messages", 0, 1000).value_or(3));
    rel.arqTimeout = positive("reliability.arq_timeout", ns3::MilliSeconds(10));
    rel.arqMaxTries =
        static_cast<uint32_t>(r.Integer("reliability.arq_max_tries", 1, 1000).value_or(10));
    if (s.traffic.pattern != "group")
    {
        r.Fail("reliability", "reliable delivery numbers P1's group messages; it needs the group "
                              "pattern (got '" +
                                  s.traffic.pattern + "')");
    }
    if (s.membership.given)
    {
        r.Fail("reliability", "reliable delivery keeps a fixed group; it cannot be combined with "
                              "[membership] yet");
    }
    if (s.group.port == 65535)
    {
        r.Fail("group.port", "reliable delivery uses the group's port + 1 for its own datagrams; "
                             "use a port below 65535");
    }
}

void
Write(const Scenario& s, toml::table& root)
{
    if (!s.reliability.given)
    {
        return;
    }
    const auto& rel = s.reliability;
    root.insert("reliability",
                toml::table{{"repair", Array(rel.repairs)},
                            {"request_c1", rel.requestC1},
                            {"request_c2", rel.requestC2},
                            {"repair_d1", rel.repairD1},
                            {"repair_d2", rel.repairD2},
                            {"session_interval", TimeText(rel.sessionInterval)},
                            {"session_messages", static_cast<int64_t>(rel.sessionMessages)},
                            {"arq_timeout", TimeText(rel.arqTimeout)},
                            {"arq_max_tries", static_cast<int64_t>(rel.arqMaxTries)}});
}

} // namespace

const ScenarioSection&
ReliabilitySection()
{
    static const ScenarioSection section{"reliability",
                                         {{"repair"},
                                          {"request_c1"},
                                          {"request_c2"},
                                          {"repair_d1"},
                                          {"repair_d2"},
                                          {"session_interval"},
                                          {"session_messages"},
                                          {"arq_timeout"},
                                          {"arq_max_tries"}},
                                         {},
                                         true,
                                         Read,
                                         Write};
    return section;
}

} // namespace sections
} // namespace gcsim
