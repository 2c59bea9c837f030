// Shared fixtures for gcsim's tests: scenarios from text, runs of one mode, the command
// in-process, and scratch folders.
#ifndef GCSIM_TEST_UTILITIES_H
#define GCSIM_TEST_UTILITIES_H

#include "scratch/gcsim/cli/command.h"
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
/// Transmission time of a \p frame of bytes at \p bps, in ns (exact for the rates tests use).
inline int64_t
TxNs(int64_t frame, int64_t bps)
{
    return 8 * frame * 1000000000 / bps;
}

/**
 * A binary router tree of depth 2 (R0; R1, R2; leaves R3..R6), 2 clients per leaf LAN: leaf
 * l holds clients 2l + 1 and 2l + 2. P1 hangs off R0 by a 100 Mbit/s point-to-point link,
 * routers are joined by 1 Gbit/s, 1 ms links, leaf LANs run at 100 Mbit/s with 500 ns of
 * cable. Twelve 1000-byte messages, one every 50 ms from 1 s, then 1 s of drain: the run ends
 * at 2.6 s. Fifteen lines of TOML, with no [group]; a test appends its own tables.
 */
inline std::string
DepthTwoTree(const std::string& name)
{
    return "name = \"" + name + R"("
[topology]
kind = "tree"
fanout = 2
depth = 2
clients_per_leaf = 2
data_rate = "100Mbps"
delay = "500ns"
core_rate = "1Gbps"
core_delay = "1ms"
[traffic]
messages = 12
size = 1000
interval = "50ms"
drain = "1s"
)";
}

// The hop times of a 1000-byte datagram on DepthTwoTree's links: P1's point-to-point link, a
// router link, a leaf LAN (the same rates serve a tree of depth 1).
inline const int64_t kAccessHop = TxNs(1000 + 30, 100000000) + 500;
inline const int64_t kCoreHop = TxNs(1000 + 30, 1000000000) + 1000000;
inline const int64_t kLanHop = TxNs(1000 + 46, 100000000) + 500;

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
