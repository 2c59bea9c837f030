// [output]: the optional capture files a run writes.

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
    s.output.pcap = r.Boolean("output.pcap").value_or(false);
    s.output.netanim = r.Boolean("output.netanim").value_or(false);
    s.output.latencyBreakdown = r.Boolean("output.latency_breakdown").value_or(true);
    s.output.forwardingState = r.Boolean("output.forwarding_state").value_or(s.groups.Many());
}

void
Write(const Scenario& s, toml::table& root)
{
    root.insert("output", toml::table{{"pcap", s.output.pcap},
                                      {"netanim", s.output.netanim},
                                      {"latency_breakdown", s.output.latencyBreakdown}});
    // Written when it may differ from what scenarios before it resolved to.
    if (s.output.forwardingState || s.groups.Many())
    {
        root["output"].as_table()->insert("forwarding_state", s.output.forwardingState);
    }
}

} // namespace

const ScenarioSection&
OutputSection()
{
    static const ScenarioSection section{
        "output", {{"pcap"}, {"netanim"}, {"latency_breakdown"}, {"forwarding_state"}},
        {},       true,
        Read,     Write};
    return section;
}

} // namespace sections
} // namespace gcsim
