// Fingerprints: a hash of each shipped scenario's summary.json at its fixed seed, pinned
// here, so that any change in what gcsim simulates shows.
//
// When this test fails, the simulated behaviour of that scenario changed: its deliveries,
// latencies, frames, drops, or the scenario as resolved. If the change is meant (a model
// fixed or refined, a figure added to summary.json), say in the commit message what changed
// and why, and replace the pinned value by the one the failure prints. If it is not meant,
// it is a regression: find it. A new scenario in scenarios/ needs its own line below.
//
// What is hashed: summary.json as `gcsim run SCENARIO --set ...` writes it (with the
// overrides listed below, to keep slow scenarios short), less the fields that say where or
// with which build it ran and not what was simulated: gcsim_version. (A transcript or map is
// named as `transcripts/NAME`, `maps/NAME`, the copy in the results folder: no path of the
// source tree is in it.)
//
// Every other file of those run folders (less run.json, the provenance), what --narrate
// prints, one pcap file and the run ids of the group-size sweep are pinned in tests/pins.txt,
// one line each, with the source tree's path written as "<source>". When a change is meant,
// rerun this test with GCSIM_WRITE_PINS=FILE, check the difference and copy FILE over
// tests/pins.txt.
#include "scratch/gcsim/report/glossary.h"
#include "scratch/gcsim/report/theory.h"
#include "scratch/gcsim/sweep/sweep.h"
#include "test-utilities.h"

#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace gcsim::test
{
namespace
{

struct Pinned
{
    std::vector<std::string> overrides; //!< --set values that keep the run short
    std::string fingerprint;            //!< StableHash of the summary, less what varies
};

/// Every scenario in scenarios/, by file name.
const std::map<std::string, Pinned>&
PinnedFingerprints()
{
    static const std::map<std::string, Pinned> pinned = {
        {"adhoc-flooding.toml", {{"traffic.messages=5"}, "06004703267d8089"}},
        {"churn.toml", {{}, "f320b5ce58ba9488"}},
        {"cross-traffic.toml", {{"traffic.messages=10"}, "90341df8d5f47b77"}},
        {"dense-tree.toml", {{}, "16afd775126d89c6"}},
        {"group-size-sweep.toml", {{"traffic.messages=5"}, "70896f6c365121cc"}},
        {"gossip-course.toml", {{"traffic.messages=1", "gossip.rounds=40"}, "b63a38b585ee60a3"}},
        {"gossip-theory.toml", {{"traffic.messages=1"}, "38cac98b03f1a54e"}},
        {"gossip-vs-multicast.toml", {{"traffic.messages=1"}, "ca08f49328a01d2f"}},
        {"groups-state.toml", {{}, "b717e909bd3047a7"}},
        {"internet-map.toml", {{"traffic.messages=2"}, "f09080c78a8d06cd"}},
        {"lan-modes.toml", {{"traffic.messages=20"}, "39cc42589817f28e"}},
        {"live-classroom.toml", {{"traffic.messages=20"}, "5e8227e93bf917be"}},
        {"lan-throughput.toml",
         {{"traffic.messages=20", "traffic.rate_precision=0.25"}, "2074c5fd4cc2b6d3"}},
        {"lossy-lan.toml", {{"traffic.messages=50"}, "16fbcc5f92c228b8"}},
        {"reliable-lossy.toml", {{"traffic.messages=50"}, "74a89397796178fb"}},
        {"ordering.toml", {{"traffic.messages=20"}, "fe5b952687898803"}},
        {"ring-failure.toml", {{}, "28bd22747114ac50"}},
        {"seed-replay.toml", {{}, "28156f7a9a022d41"}},
        {"tree-modes.toml", {{"traffic.messages=5"}, "75e495e203e9ead1"}},
        {"wifi-classroom.toml", {{"traffic.messages=20"}, "5566b77c08d7f734"}},
        {"wifi-group-size-sweep.toml", {{"traffic.messages=5"}, "428aeaf72e7754fb"}},
    };
    return pinned;
}

/// \p text with the source tree's path replaced by "<source>": files that name a map or a
/// transcript pin the same wherever the tree is.
std::string
Portable(std::string text)
{
    const std::string source = SourcePath("");
    for (std::size_t at = text.find(source); at != std::string::npos; at = text.find(source, at))
    {
        text.replace(at, source.size(), "<source>/");
    }
    return text;
}

/// "scenario file hash" lines, one per file of each run folder: tests/pins.txt.
using Pins = std::map<std::string, std::string>; // "scenario file" -> hash

/// Every file of the results folder \p out of \p scenario, hashed, less run.json (where, when
/// and with which build it ran).
void
PinFolder(const std::string& scenario, const std::string& out, Pins& pins)
{
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(out))
    {
        if (e.is_regular_file() && e.path().filename() != "run.json")
        {
            files.push_back(std::filesystem::relative(e.path(), out).string());
        }
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files)
    {
        pins[scenario + " " + f] = StableHash(Portable(ReadFile(out + "/" + f)));
    }
}

/// The pinned lines of tests/pins.txt.
Pins
PinnedFiles()
{
    Pins pins;
    std::istringstream in(ReadFile(SourcePath("tests/pins.txt")));
    for (std::string line; std::getline(in, line);)
    {
        if (line.empty() || line[0] == '#')
        {
            continue;
        }
        auto last = line.rfind(' ');
        pins[line.substr(0, last)] = line.substr(last + 1);
    }
    return pins;
}

/// Every row label of the table in \p tableFile has a meaning in the glossary (the report's
/// tooltips): the pinned runs print every row family the shipped scenarios have.
void
ExpectRowsExplained(const std::string& tableFile)
{
    std::istringstream in(ReadFile(tableFile));
    std::string line;
    std::getline(in, line); // the scenario's sentence
    while (std::getline(in, line))
    {
        if (line.rfind("closed forms beside the simulation", 0) == 0)
        {
            break; // the theory block: its rows name runs, and the figures above
        }
        if (line.empty() || line[0] == ' ')
        {
            continue; // the blank line, the modes' header
        }
        std::string label = line.substr(0, line.find("  "));
        EXPECT_FALSE(RowMeaning(label).empty())
            << tableFile << ": the row \"" << label
            << "\" has no meaning in scratch/gcsim/report/glossary.cc";
    }
}

/// Where a closed form differs from the simulation in \p theoryFile (if the run wrote one),
/// it says why: a difference without a broken assumption is a fault of model or formula.
void
ExpectTheoryExplained(const std::filesystem::path& theoryFile)
{
    if (!std::filesystem::exists(theoryFile))
    {
        return;
    }
    for (const ClosedFormCheck& c : ReadTheoryCsv(ReadFile(theoryFile)))
    {
        EXPECT_TRUE(c.agrees || (!c.reason.empty() && c.reason != kUnexplained))
            << theoryFile << ": " << c.mode << ", " << c.figure << ": closed form " << c.predicted
            << ", simulated " << c.simulated << ", " << c.reason;
    }
}

/// The fingerprint of \p scenario run with \p overrides; every file it wrote into \p pins.
std::string
Fingerprint(const std::string& scenario, const std::vector<std::string>& overrides, Pins& pins)
{
    ScratchFolder dir;
    std::vector<std::string> args = {"run", scenario, "-q", "--no-report"};
    for (const auto& o : overrides)
    {
        args.push_back("--set");
        args.push_back(o);
    }
    args.push_back("--out");
    args.push_back(dir / "out");
    CommandResult r = RunCommand(args);
    EXPECT_EQ(r.status, 0) << r.err;
    PinFolder(std::filesystem::path(scenario).filename().string(), dir / "out", pins);
    ExpectRowsExplained(dir / "out/table.txt");
    ExpectTheoryExplained(dir / "out/theory.csv");
    auto summary = nlohmann::ordered_json::parse(ReadFile(dir / "out/summary.json"));
    summary.erase("gcsim_version");
    return StableHash(summary.dump());
}

TEST(Fingerprint, EveryShippedScenarioIsPinned)
{
    std::set<std::string> shipped;
    for (const auto& entry : std::filesystem::directory_iterator(SourcePath("scenarios")))
    {
        if (entry.path().extension() == ".toml")
        {
            shipped.insert(entry.path().filename().string());
        }
    }
    for (const auto& name : shipped)
    {
        EXPECT_TRUE(PinnedFingerprints().count(name))
            << "scenarios/" << name << " has no pinned fingerprint: add it to "
            << "tests/fingerprint-test.cc with the value FixedSeedSummariesMatchThePinnedHashes "
               "prints";
    }
    for (const auto& [name, pinned] : PinnedFingerprints())
    {
        EXPECT_TRUE(shipped.count(name)) << name << " is pinned but not in scenarios/";
    }
}

/// What --narrate prints, a pcap file of a run, and a sweep's run ids, hashed into \p pins.
void
PinOutputs(Pins& pins)
{
    ScratchFolder dir;
    std::string tree = SourcePath("scenarios/tree-modes.toml");
    CommandResult narrated = RunCommand({"run", tree, "-q", "--no-report", "--narrate", "--set",
                                         "traffic.messages=2", "--out", dir / "narrated"});
    EXPECT_EQ(narrated.status, 0) << narrated.err;
    auto text = narrated.out.substr(0, narrated.out.rfind("results in "));
    pins["tree-modes.toml --narrate"] = StableHash(Portable(text));
    CommandResult captured =
        RunCommand({"run", SourcePath("scenarios/lan-modes.toml"), "-q", "--no-report", "--set",
                    "traffic.messages=3", "--set", "output.pcap=true", "--out", dir / "captured"});
    EXPECT_EQ(captured.status, 0) << captured.err;
    pins["lan-modes.toml pcap-multicast-lan0-P1.pcap"] =
        StableHash(ReadFile(dir / "captured/pcap-multicast-lan0-P1.pcap"));
    std::string ids;
    Sweep sweep(SourcePath("scenarios/group-size-sweep.toml"), {});
    for (const auto& run : sweep.Runs())
    {
        ids += run.id + "\n";
    }
    pins["group-size-sweep.toml sweep run ids"] = StableHash(ids);
}

TEST(Fingerprint, FixedSeedSummariesMatchThePinnedHashes)
{
    Pins files;
    for (const auto& [name, pinned] : PinnedFingerprints())
    {
        std::string path = SourcePath("scenarios/" + name);
        if (!std::filesystem::exists(path))
        {
            continue; // EveryShippedScenarioIsPinned says so
        }
        std::string now = Fingerprint(path, pinned.overrides, files);
        EXPECT_EQ(now, pinned.fingerprint)
            << "the simulated behaviour of scenarios/" << name << " changed (fingerprint now "
            << now << "). If the change is meant, explain it in the commit message and pin the "
            << "new value in tests/fingerprint-test.cc (see the comment at its top).";
    }
    PinOutputs(files);

    // Every file of every run folder, byte for byte (tests/pins.txt): what the summary's
    // fingerprint does not see (a CSV's order, a table's layout, the animation) is pinned too.
    Pins pinned = PinnedFiles();
    std::string lines;
    for (const auto& [what, hash] : files)
    {
        lines += what + " " + hash + "\n";
        auto it = pinned.find(what);
        EXPECT_TRUE(it != pinned.end() && it->second == hash)
            << what << " changed or is new: now " << hash;
    }
    for (const auto& [what, hash] : pinned)
    {
        EXPECT_TRUE(files.count(what)) << what << " is pinned but no run wrote it";
    }
    if (const char* write = std::getenv("GCSIM_WRITE_PINS"))
    {
        WriteFile(write, lines); // the current pins, to replace tests/pins.txt when meant
    }
}

} // namespace
} // namespace gcsim::test
