#ifndef GCSIM_FUZZ_READS_BACK_H
#define GCSIM_FUZZ_READS_BACK_H

// What every scenario a fuzz target gets must do: read back from its resolved form (what a
// run writes as scenario.toml) as the same scenario.
#include "scratch/gcsim/scenario.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <utility>
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
 * A folder laid out as a results folder is beside its scenario.toml: each file \p files names
 * (ScenarioFiles: source, relative path) reachable at its relative path, by a symbolic link to
 * the source. One folder per process, its links replaced at each call.
 */
inline std::string
FilesFolder(const std::vector<std::pair<std::string, std::string>>& files)
{
    namespace fs = std::filesystem;
    // Removed when the process ends normally.
    static const struct Folder
    {
        // The pid in ten digits: paths of one length, whatever the pid (messages quote them).
        fs::path path =
            fs::temp_directory_path() /
            ("gcsim-fuzz-files-" + std::string(10 - std::to_string(::getpid()).size(), '0') +
             std::to_string(::getpid()));
        ~Folder()
        {
            std::error_code ec;
            fs::remove_all(path, ec);
        }
    } owned;
    const fs::path& folder = owned.path;
    for (const auto& [source, relative] : files)
    {
        fs::path link = folder / relative;
        std::error_code ec;
        fs::create_directories(link.parent_path(), ec);
        fs::remove(link, ec);
        fs::create_symlink(fs::absolute(source), link, ec);
    }
    return folder.string();
}

/**
 * Aborts unless \p resolved reads back (relative paths from \p baseDir, \p overrides applied
 * again) as the scenario it was written from.
 */
inline void
ExpectReadsBack(const std::string& resolved, const std::string& baseDir,
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

/// The same, read as a results folder reads it: its files beside it (FilesFolder).
inline void
ExpectReadsBack(const std::string& resolved,
                const std::vector<std::pair<std::string, std::string>>& files)
{
    ExpectReadsBack(resolved, FilesFolder(files));
}

} // namespace gcsim::fuzz

#endif
