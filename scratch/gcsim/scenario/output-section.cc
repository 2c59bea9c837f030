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
}

void
Write(const Scenario& s, toml::table& root)
{
    root.insert("output", toml::table{{"pcap", s.output.pcap},
                                      {"netanim", s.output.netanim},
                                      {"latency_breakdown", s.output.latencyBreakdown}});
}

} // namespace

const ScenarioSection&
OutputSection()
{
    static const ScenarioSection section{
        "output", {{"pcap"}, {"netanim"}, {"latency_breakdown"}}, {}, true, Read, Write};
    return section;
}

} // namespace sections
} // namespace gcsim
