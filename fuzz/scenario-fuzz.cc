// libFuzzer target: TOML text -> Scenario, as `gcsim run` and `gcsim validate` read a
// scenario file. Every input must be a scenario or bad input (InputError, exit status 2);
// any other exception, a crash or a sanitizer report is a bug. A scenario that loads must
// also read back from its resolved form (what a run writes as scenario.toml) as the same
// scenario.
#include "reads-back.h"

#include <cstdint>
#include <string>

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
    gcsim::fuzz::ExpectReadsBack(gcsim::ResolvedToml(scenario));
    return 0;
}
