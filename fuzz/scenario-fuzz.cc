// libFuzzer target: TOML text -> Scenario, as `gcsim run` and `gcsim validate` read a
// scenario file. Every input must be a scenario or bad input (InputError, exit status 2);
// any other exception, a crash or a sanitizer report is a bug. A scenario that loads must
// also read back from its resolved form (what a run writes as scenario.toml) as the same
// scenario.
#include "scratch/gcsim/scenario.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace
{

/// The resolved TOML without its first line (a comment naming the source file).
std::string
Body(const std::string& resolved)
{
    return resolved.substr(resolved.find('\n') + 1);
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
    std::string resolved = gcsim::ResolvedToml(scenario);
    try
    {
        gcsim::Scenario again = gcsim::ParseScenario(resolved, "resolved.toml", "/", {});
        if (Body(gcsim::ResolvedToml(again)) != Body(resolved))
        {
            std::fprintf(stderr, "the resolved scenario reads back differently:\n%s\n%s\n",
                         resolved.c_str(), gcsim::ResolvedToml(again).c_str());
            std::abort();
        }
    }
    catch (const gcsim::InputError& e)
    {
        std::fprintf(stderr, "the resolved scenario is refused: %s\n%s\n", e.what(),
                     resolved.c_str());
        std::abort();
    }
    return 0;
}
