// libFuzzer target: scenario text with a [sweep] table -> the runs `gcsim sweep` plans
// (gcsim::Sweep, read from text). Every input must expand to runs or be bad input
// (InputError, exit status 2); any other exception, a crash or a sanitizer report is a bug.
// The runs must be distinct, each named by the hash of its resolved scenario and carrying a
// value for every swept key, and each resolved scenario must read back as itself.
#include "reads-back.h"
#include "scratch/gcsim/sweep/sweep.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using gcsim::fuzz::Finding;
    std::string text(reinterpret_cast<const char*>(data), size);
    std::optional<gcsim::Sweep> sweep;
    try
    {
        sweep.emplace(text, "fuzz.toml", GCSIM_SOURCE_DIR "/scenarios", std::vector<std::string>{});
    }
    catch (const gcsim::InputError&)
    {
        return 0;
    }
    std::set<std::string> ids;
    for (const auto& run : sweep->Runs())
    {
        if (!ids.insert(run.id).second ||
            run.id != gcsim::StableHash(gcsim::fuzz::Body(run.resolved)))
        {
            Finding("run " + run.id + " is named twice, or not by its resolved scenario's hash",
                    run.resolved);
        }
        bool everyAxis = run.keys.size() == sweep->Axes().size();
        for (std::size_t k = 0; everyAxis && k < run.keys.size(); ++k)
        {
            everyAxis = run.keys[k].first == sweep->Axes()[k];
        }
        if (!everyAxis)
        {
            Finding("run " + run.id + " does not give each swept key a value", run.resolved);
        }
        gcsim::fuzz::ExpectReadsBack(run.resolved, run.files);
    }
    // With a precision, every combination holds repetitions 1..max_repetitions, each once.
    if (sweep->Precision().precision > 0)
    {
        std::map<uint32_t, std::set<uint32_t>> repetitions;
        for (const auto& run : sweep->Runs())
        {
            repetitions[run.combination].insert(run.repetition);
        }
        for (const auto& [combination, of] : repetitions)
        {
            if (of.size() != sweep->Precision().maxRuns || *of.begin() != 1 ||
                *of.rbegin() != sweep->Precision().maxRuns)
            {
                Finding("combination " + std::to_string(combination) +
                            " does not hold repetitions 1..max_repetitions",
                        text);
            }
        }
    }
    return 0;
}
