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
// with which build it ran and not what was simulated: gcsim_version, and the absolute paths
// of scenario.traffic.transcript and scenario.topology.map.
#include "scratch/gcsim/sweep.h"
#include "test-utilities.h"

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
        {"churn.toml", {{}, "c522a627ea1f7a64"}},
        {"dense-tree.toml", {{}, "b47712f531caeb93"}},
        {"group-size-sweep.toml", {{"traffic.messages=5"}, "cb0889f60bfb810b"}},
        {"internet-map.toml", {{"traffic.messages=2"}, "bb8c8f1412d72707"}},
        {"lan-modes.toml", {{"traffic.messages=20"}, "227584f7b533f0df"}},
        {"lan-throughput.toml",
         {{"traffic.messages=20", "traffic.rate_precision=0.25"}, "e798cbd1c8ad9bf6"}},
        {"lossy-lan.toml", {{"traffic.messages=50"}, "f3d033fe20f6c2f4"}},
        {"reliable-lossy.toml", {{"traffic.messages=50"}, "f3d9182a9681608a"}},
        {"ordering.toml", {{"traffic.messages=20"}, "9eb79bf4cf7d8b04"}},
        {"seed-replay.toml", {{}, "54e0ec4f2422ef37"}},
        {"tree-modes.toml", {{"traffic.messages=5"}, "34f38d9fb621a93c"}},
    };
    return pinned;
}

/// The fingerprint of \p scenario run with \p overrides.
std::string
Fingerprint(const std::string& scenario, const std::vector<std::string>& overrides)
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
    auto summary = nlohmann::ordered_json::parse(ReadFile(dir / "out/summary.json"));
    summary.erase("gcsim_version");
    summary["scenario"]["traffic"].erase("transcript");
    summary["scenario"]["topology"].erase("map");
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

TEST(Fingerprint, FixedSeedSummariesMatchThePinnedHashes)
{
    for (const auto& [name, pinned] : PinnedFingerprints())
    {
        std::string path = SourcePath("scenarios/" + name);
        if (!std::filesystem::exists(path))
        {
            continue; // EveryShippedScenarioIsPinned says so
        }
        std::string now = Fingerprint(path, pinned.overrides);
        EXPECT_EQ(now, pinned.fingerprint)
            << "the simulated behaviour of scenarios/" << name << " changed (fingerprint now "
            << now << "). If the change is meant, explain it in the commit message and pin the "
            << "new value in tests/fingerprint-test.cc (see the comment at its top).";
    }
}

} // namespace
} // namespace gcsim::test
