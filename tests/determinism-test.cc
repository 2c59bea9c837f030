// Same scenario, same seed: byte-identical results, whether run twice, in one process or
// in two, by a sweep with one job or two, or by two shards collected together.
#include "models/network/run-seed.h"
#include "scratch/gcsim/collect/collect.h"
#include "scratch/gcsim/sweep/sweep.h"
#include "test-utilities.h"

#include <cstdlib>
#include <nlohmann/json.hpp>

namespace gcsim::test
{
namespace
{

TEST(Determinism, SameScenarioAndSeedGiveByteIdenticalResults)
{
    ScratchFolder dir;
    for (const char* out : {"a", "b"})
    {
        CommandResult r = RunCommand({"run", SourcePath("scenarios/lan-modes.toml"), "-q", "--set",
                                      "traffic.messages=30", "--set", "delivery.arp=\"dynamic\"",
                                      "--out", dir / out});
        ASSERT_EQ(r.status, 0) << r.err;
    }
    for (const char* file : {"deliveries.csv", "links.csv", "summary.json", "scenario.toml"})
    {
        std::string a = ReadFile(dir / (std::string("a/") + file));
        EXPECT_FALSE(a.empty()) << file;
        EXPECT_EQ(a, ReadFile(dir / (std::string("b/") + file))) << file;
    }
}

/// Every results file a run writes, but the report (it embeds gcsim's version).
const char* kRunFiles[] = {"deliveries.csv", "links.csv",      "summary.json",
                           "scenario.toml",  "animation.json", "table.txt"};

// Lossy links, dynamic ARP, a routed network with cycles, every mode and every multicast
// routing variant: every source of randomness and every table gcsim builds.
const char* kEverything = R"(name = "everything"
[topology]
kind = "grid"
rows = 2
columns = 3
clients = 9
loss = 0.05
core_loss = 0.02
[group]
members = 0.5
[traffic]
messages = 30
interval = "1ms"
[delivery]
modes = ["unicast", "replicated-unicast", "multicast", "broadcast", "overlay"]
multicast_routing = ["source-tree", "shared-tree", "flood"]
arp = "dynamic"
)";

TEST(Determinism, InOneProcessAndInAnotherTheFilesAreTheSame)
{
    ScratchFolder dir;
    std::string scenario = dir / "everything.toml";
    WriteFile(scenario, kEverything);
    // Twice in this process (the simulator and its global state reused), once in a fresh one.
    for (const char* out : {"a", "b"})
    {
        CommandResult r = RunCommand({"run", scenario, "-q", "--no-report", "--out", dir / out});
        ASSERT_EQ(r.status, 0) << r.err;
    }
    std::string command = std::string(GCSIM_BINARY) + " run " + scenario +
                          " -q --no-report --out " + (dir / "c") + " >/dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0);
    for (const char* file : kRunFiles)
    {
        std::string a = ReadFile(dir / (std::string("a/") + file));
        EXPECT_FALSE(a.empty()) << file;
        EXPECT_EQ(a, ReadFile(dir / (std::string("b/") + file))) << file;
        EXPECT_EQ(a, ReadFile(dir / (std::string("c/") + file))) << file;
    }
    auto summary = nlohmann::json::parse(ReadFile(dir / "a/summary.json"));
    EXPECT_GT(summary["modes"]["broadcast"]["drops_by_cause"]["loss"].get<uint64_t>(), 0u)
        << "the scenario was meant to lose frames";
}

TEST(Determinism, JobsAndShardsGiveTheSameFiles)
{
    ScratchFolder dir;
    std::string scenario = dir / "sweep.toml";
    WriteFile(scenario, std::string(kEverything) + R"([sweep]
repetitions = 2
"topology.loss" = [0, 0.1]
"group.members" = [2, 5]
)");
    Sweep sweep(scenario, {"traffic.messages=10"});
    ASSERT_EQ(sweep.Runs().size(), 8u);
    // Repetitions resample: the two repetitions of a combination draw other members, another
    // unicast target among them and another placement of the clients on the grid's routers.
    auto line = [](const std::string& resolved, const std::string& key)
    {
        std::size_t at = resolved.find("\n" + key + " = ");
        return at == std::string::npos ? "" : resolved.substr(at, resolved.find('\n', at + 1) - at);
    };
    for (std::size_t i = 0; i < sweep.Runs().size(); i += 2)
    {
        const SweepRun& first = sweep.Runs()[i];
        const SweepRun& second = sweep.Runs()[i + 1];
        ASSERT_EQ(first.keys, second.keys);
        ASSERT_EQ(first.repetition + 1, second.repetition);
        EXPECT_NE(line(first.resolved, "members"), line(second.resolved, "members"));
        EXPECT_NE(line(first.resolved, "graph_seed"), line(second.resolved, "graph_seed"));
        EXPECT_NE(line(first.resolved, "graph_seed"), "");
    }
    std::ostringstream log;
    auto options = [](const std::string& out, uint32_t jobs, uint32_t shard, uint32_t shards)
    {
        SweepOptions o;
        o.out = out;
        o.jobs = jobs;
        o.shardIndex = shard;
        o.shardCount = shards;
        o.collect = shards == 1;
        o.executable = GCSIM_BINARY;
        return o;
    };
    EXPECT_EQ(RunSweep(sweep, options(dir / "one", 1, 0, 1), log).failed, 0u) << log.str();
    EXPECT_EQ(RunSweep(sweep, options(dir / "two", 2, 0, 1), log).failed, 0u) << log.str();
    EXPECT_EQ(RunSweep(sweep, options(dir / "shards", 1, 0, 2), log).failed, 0u) << log.str();
    EXPECT_EQ(RunSweep(sweep, options(dir / "shards", 2, 1, 2), log).failed, 0u) << log.str();
    std::ostringstream collected;
    CollectSweep(dir / "shards", collected);
    for (const char* file : {"summary.csv", "aggregate.csv", "sweep.json"})
    {
        std::string one = ReadFile(dir / (std::string("one/") + file));
        EXPECT_FALSE(one.empty()) << file;
        EXPECT_EQ(one, ReadFile(dir / (std::string("two/") + file))) << file;
        EXPECT_EQ(one, ReadFile(dir / (std::string("shards/") + file))) << file;
    }
    // A run's scenario.toml opens with the path of the sweep's copy of its input: the one
    // line that names the folder.
    auto results = [&dir](const std::string& folder, const std::string& path)
    {
        std::string text = ReadFile(dir / (folder + path));
        return path.find("scenario.toml") == std::string::npos ? text
                                                               : text.substr(text.find('\n'));
    };
    for (const auto& run : sweep.Runs())
    {
        for (const char* file : kRunFiles)
        {
            std::string path = "/runs/" + run.id + "/" + file;
            std::string one = results("one", path);
            EXPECT_FALSE(one.empty()) << path;
            EXPECT_EQ(one, results("two", path)) << path;
            EXPECT_EQ(one, results("shards", path)) << path;
        }
    }
}

TEST(Determinism, TheSeedChoosesTheGroup)
{
    Scenario one = ScenarioFrom("[topology]\nclients = 64\n[group]\nmembers = 0.25\n");
    Scenario again = ScenarioFrom("[topology]\nclients = 64\n[group]\nmembers = 0.25\n");
    Scenario other = ScenarioFrom("seed = 2\n[topology]\nclients = 64\n[group]\nmembers = 0.25\n");
    EXPECT_EQ(one.group.members.size(), 16u);
    EXPECT_EQ(one.group.members, again.group.members);
    EXPECT_NE(one.group.members, other.group.members);
    // Another run (a sweep's repetition) draws another group; the same run the same one, and
    // run 1 the group a single run of the seed always had.
    Scenario second = ScenarioFrom("run = 2\n[topology]\nclients = 64\n[group]\nmembers = 0.25\n");
    EXPECT_NE(one.group.members, second.group.members);
    EXPECT_EQ(
        second.group.members,
        ScenarioFrom("run = 2\n[topology]\nclients = 64\n[group]\nmembers = 0.25\n").group.members);
    EXPECT_EQ(one.group.members, ns3::gcsim::ChooseDistinct(64, 16, 1));
}

TEST(Summary, HoldsTheContractsKeysAndTheyAddUp)
{
    ScratchFolder dir;
    CommandResult r = RunCommand({"run", "-q", "--set", "traffic.messages=10", "--out", dir / "r"});
    ASSERT_EQ(r.status, 0) << r.err;
    auto summary = nlohmann::json::parse(ReadFile(dir / "r/summary.json"));
    ASSERT_TRUE(summary.contains("scenario"));
    for (const char* mode : {"unicast", "replicated-unicast", "multicast", "broadcast"})
    {
        const auto& m = summary["modes"][mode];
        for (const char* key :
             {"messages", "destinations", "deliveries", "duplicates", "delivery_ratio",
              "latency_ns", "completion_ns", "source_packets", "source_bytes", "link_transmissions",
              "link_bytes", "link_stress", "nonmember_receptions", "nic_filtered", "drops"})
        {
            EXPECT_TRUE(m.contains(key)) << mode << " lacks " << key;
        }
        for (const char* stat : {"mean", "p50", "p95", "p99", "max"})
        {
            EXPECT_TRUE(m["latency_ns"].contains(stat));
            EXPECT_TRUE(m["completion_ns"].contains(stat));
        }
        EXPECT_EQ(m["messages"], 10);
        EXPECT_EQ(m["deliveries"].get<uint64_t>(), 10 * m["destinations"].get<uint64_t>());
        EXPECT_DOUBLE_EQ(m["delivery_ratio"].get<double>(), 1.0);
    }
    // deliveries.csv: a header and one row per delivery of every mode.
    auto rows = ReadCsv(ReadFile(dir / "r/deliveries.csv"));
    uint64_t total = 0;
    for (const auto& [mode, m] : summary["modes"].items())
    {
        total += m["deliveries"].get<uint64_t>();
    }
    EXPECT_EQ(rows.size(), total + 1);
    EXPECT_EQ(rows[0][0], "mode");
}

} // namespace
} // namespace gcsim::test
