// Same scenario, same seed: byte-identical results.
#include "test-utilities.h"

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

TEST(Determinism, TheSeedChoosesTheGroup)
{
    Scenario one = ScenarioFrom("[topology]\nclients = 64\n[group]\nmembers = 0.25\n");
    Scenario again = ScenarioFrom("[topology]\nclients = 64\n[group]\nmembers = 0.25\n");
    Scenario other = ScenarioFrom("seed = 2\n[topology]\nclients = 64\n[group]\nmembers = 0.25\n");
    EXPECT_EQ(one.group.members.size(), 16u);
    EXPECT_EQ(one.group.members, again.group.members);
    EXPECT_NE(one.group.members, other.group.members);
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
