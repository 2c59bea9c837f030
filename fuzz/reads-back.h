#ifndef GCSIM_FUZZ_READS_BACK_H
#define GCSIM_FUZZ_READS_BACK_H

// What every scenario a fuzz target gets must do: read back from its resolved form (what a
// run writes as scenario.toml) as the same scenario.
#include "scratch/gcsim/scenario.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace gcsim::fuzz
{

/// The resolved TOML without its first line (a comment naming the source file).
inline std::string
Body(const std::string& resolved)
{
    return resolved.substr(resolved.find('\n') + 1);
}

/// Stops the fuzzer with \p what and the texts involved.
[[noreturn]] inline void
Finding(const std::string& what, const std::string& first, const std::string& second = "")
{
    std::fprintf(stderr, "%s\n%s\n%s\n", what.c_str(), first.c_str(), second.c_str());
    std::abort();
}

/**
 * Aborts unless \p resolved reads back (relative paths from \p baseDir, \p overrides applied
 * again) as the scenario it was written from.
 */
inline void
ExpectReadsBack(const std::string& resolved, const std::string& baseDir = "/",
                const std::vector<std::string>& overrides = {})
{
    std::string again;
    try
    {
        again = ResolvedToml(ParseScenario(resolved, "resolved.toml", baseDir, overrides));
    }
    catch (const InputError& e)
    {
        Finding(std::string("the resolved scenario is refused: ") + e.what(), resolved);
    }
    if (Body(again) != Body(resolved))
    {
        Finding("the resolved scenario reads back differently:", resolved, again);
    }
}

} // namespace gcsim::fuzz

#endif
