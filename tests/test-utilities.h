// Shared fixtures for gcsim's tests: scenarios from text, runs of one mode, the command
// in-process, and scratch folders.
#ifndef GCSIM_TEST_UTILITIES_H
#define GCSIM_TEST_UTILITIES_H

#include "scratch/gcsim/command.h"
#include "scratch/gcsim/experiment.h"
#include "scratch/gcsim/scenario.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <string>
#include <vector>

namespace gcsim::test
{

/// The source tree, for shipped scenarios.
inline std::string
SourcePath(const std::string& relative)
{
    return std::string(GCSIM_SOURCE_DIR) + "/" + relative;
}

/// A scenario from TOML text (named "test.toml" in messages), with overrides.
inline Scenario
ScenarioFrom(const std::string& toml, const std::vector<std::string>& overrides = {})
{
    return ParseScenario(toml, "test.toml", SourcePath("scenarios"), overrides);
}

/// One mode of \p scenario, simulated; deliveries.csv rows go to \p csv if given.
inline ModeResult
Simulate(const Scenario& scenario, const std::string& mode, std::ostream* csv = nullptr,
         std::ostream* links = nullptr)
{
    RunSinks sinks;
    if (csv)
    {
        *csv << ns3::gcsim::DeliveryTracker::CsvHeader() << '\n';
    }
    if (links)
    {
        *links << ns3::gcsim::LinkTracker::CsvHeader() << '\n';
    }
    sinks.deliveries = csv;
    sinks.links = links;
    return RunMode(scenario, mode, sinks);
}

/// What the gcsim command printed and returned.
struct CommandResult
{
    int status;
    std::string out;
    std::string err;
};

inline CommandResult
RunCommand(std::vector<std::string> args)
{
    args.insert(args.begin(), "gcsim");
    std::vector<char*> argv;
    for (auto& a : args)
    {
        argv.push_back(a.data());
    }
    std::ostringstream out;
    std::ostringstream err;
    int status = Main(static_cast<int>(argv.size()), argv.data(), out, err);
    return {status, out.str(), err.str()};
}

/// A fresh empty folder, removed with the object.
class ScratchFolder
{
public:
    ScratchFolder()
    {
        auto base = std::filesystem::temp_directory_path() / "gcsim-test";
        std::filesystem::create_directories(base);
        std::string pattern = (base / "XXXXXX").string();
        m_path = mkdtemp(pattern.data());
    }
    ~ScratchFolder()
    {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    std::string operator/(const std::string& name) const
    {
        return (std::filesystem::path(m_path) / name).string();
    }
    const std::string& Path() const
    {
        return m_path;
    }
    /// Every entry below the folder, recursively.
    std::vector<std::string> Entries() const
    {
        std::vector<std::string> entries;
        for (const auto& e : std::filesystem::recursive_directory_iterator(m_path))
        {
            entries.push_back(e.path().string());
        }
        return entries;
    }

private:
    std::string m_path;
};

inline std::string
ReadFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void
WriteFile(const std::string& path, const std::string& text)
{
    std::ofstream(path, std::ios::binary) << text;
}

/// Splits CSV text into rows of fields (no quoting: gcsim's CSVs have none).
inline std::vector<std::vector<std::string>>
ReadCsv(const std::string& text)
{
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
    {
        std::vector<std::string> fields;
        std::istringstream l(line);
        for (std::string f; std::getline(l, f, ',');)
        {
            fields.push_back(f);
        }
        rows.push_back(fields);
    }
    return rows;
}

} // namespace gcsim::test

#endif
