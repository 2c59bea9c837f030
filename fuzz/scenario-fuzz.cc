// libFuzzer target: TOML text -> Scenario, as `gcsim run` and `gcsim validate` read a
// scenario file. Every input must be a scenario or bad input (InputError, exit status 2);
// any other exception, a crash or a sanitizer report is a bug. A scenario that loads must
// also read back from its resolved form (what a run writes as scenario.toml) as the same
// scenario, and every time it holds must lie in [0, 1e18 ns], the end of the longest run
// gcsim accepts (ns-3's Time holds 292 years): no time arithmetic may overflow or go negative.
#include "reads-back.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace
{

/// Aborts (a finding) when \p ns is not a time a run can reach: negative or past 1e18 ns.
void
ExpectRunTime(long double ns, const char* what)
{
    if (ns < 0 || ns > 1e18L)
    {
        std::fprintf(stderr, "an accepted scenario's %s is %Lg ns, outside [0, 1e18]\n", what, ns);
        std::abort();
    }
}

/// Every instant of \p s, computed apart from the checks in scenario.cc (long double).
void
ExpectTimesInRange(const gcsim::Scenario& s)
{
    const auto& tr = s.traffic;
    long double start = tr.start.GetNanoSeconds();
    long double sending =
        tr.pattern == "throughput"
            ? tr.messages * (1e9L / static_cast<long double>(tr.rateMin))
            : tr.messages * static_cast<long double>(tr.interval.GetNanoSeconds());
    ExpectRunTime(start, "traffic.start");
    ExpectRunTime(tr.interval.GetNanoSeconds(), "traffic.interval");
    ExpectRunTime(tr.drain.GetNanoSeconds(), "traffic.drain");
    ExpectRunTime(start + sending + tr.drain.GetNanoSeconds(), "end (start + sending + drain)");
    for (const auto& event : s.membership.schedule)
    {
        ExpectRunTime(event.at.GetNanoSeconds(), "membership event");
    }
    for (const auto& sender : s.ordering.sendTimes)
    {
        for (ns3::Time at : sender)
        {
            ExpectRunTime(at.GetNanoSeconds() + tr.drain.GetNanoSeconds(), "ordering send + drain");
        }
    }
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::string text(reinterpret_cast<const char*>(data), size);
    gcsim::Scenario scenario;
    try
    {
        // Relative transcripts and maps are looked up beside the shipped scenarios.
        scenario = gcsim::ParseScenario(text, "fuzz.toml", GCSIM_SOURCE_DIR "/scenarios", {});
    }
    catch (const gcsim::InputError&)
    {
        return 0;
    }
    ExpectTimesInRange(scenario);
    gcsim::fuzz::ExpectReadsBack(gcsim::ResolvedToml(scenario), gcsim::ScenarioFiles(scenario));
    return 0;
}
