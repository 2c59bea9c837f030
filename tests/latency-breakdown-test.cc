// The latency breakdown: each copy's latency split into transmission, propagation, queueing,
// channel access, address resolution and relay time, which add up to it to the nanosecond.
#include "test-utilities.h"

#include <map>
#include <nlohmann/json.hpp>

namespace gcsim::test
{
namespace
{

/// The deliveries.csv columns of the parts, in kLatencyPartNames' order.
const std::vector<std::string> kPartColumns = {"transmission_ns", "propagation_ns", "queueing_ns",
                                               "access_ns",       "resolution_ns",  "relay_ns",
                                               "other_ns"};

/// Each row of \p csv as column -> value, the parts checked to add up to the latency.
std::vector<std::map<std::string, int64_t>>
Rows(const std::string& csv)
{
    auto rows = ReadCsv(csv);
    std::vector<std::map<std::string, int64_t>> out;
    for (std::size_t i = 1; i < rows.size(); ++i)
    {
        std::map<std::string, int64_t> row;
        for (std::size_t c = 1; c < rows[0].size(); ++c)
        {
            row[rows[0][c]] = rows[i][c].empty() ? -1 : std::stoll(rows[i][c]);
        }
        int64_t sum = 0;
        for (const auto& part : kPartColumns)
        {
            sum += row[part];
        }
        EXPECT_EQ(sum, row["latency_ns"]) << "row " << i;
        EXPECT_EQ(row["other_ns"], 0) << "row " << i << " has latency the frames do not explain";
        out.push_back(row);
    }
    return out;
}

// On a 16-client LAN, an overlay copy arrives 850.2 us after P1 sent it although the two
// frames before it took 2 x 86.1 us: the rest is CSMA back-off at the relaying member
// (678 us). Replicated unicast's copies wait in P1's device queue instead.
TEST(LatencyBreakdown, OnALanThePartsAddUpAndTheOverlaysWaitIsChannelAccess)
{
    Scenario s =
        ScenarioFrom(ReadFile(SourcePath("scenarios/lan-modes.toml")), {"traffic.messages=5"});
    std::ostringstream overlay;
    Simulate(s, "overlay", &overlay);
    bool found = false;
    for (const auto& row : Rows(overlay.str()))
    {
        if (row.at("message") == 0 && row.at("latency_ns") == 850200)
        {
            found = true;
            EXPECT_EQ(row.at("transmission_ns"), 2 * 85600); // two frames of 1070 bytes
            EXPECT_EQ(row.at("propagation_ns"), 2 * 500);
            EXPECT_EQ(row.at("access_ns"), 678000);
            EXPECT_EQ(row.at("queueing_ns"), 0);
        }
    }
    EXPECT_TRUE(found) << overlay.str();
    std::ostringstream replicated;
    Simulate(s, "replicated-unicast", &replicated);
    for (const auto& row : Rows(replicated.str()))
    {
        // One frame each, after those queued before it (each 85.6 us and a 0.96 us gap).
        EXPECT_EQ(row.at("transmission_ns"), 85600);
        EXPECT_EQ(row.at("queueing_ns") % 86560, 0) << row.at("queueing_ns");
        EXPECT_EQ(row.at("access_ns"), 0);
    }
}

// On a router tree every mode's copies are explained hop by hop, the overlay's relays too.
TEST(LatencyBreakdown, OnATreeEveryModesPartsAddUp)
{
    Scenario s =
        ScenarioFrom(ReadFile(SourcePath("scenarios/tree-modes.toml")), {"traffic.messages=3"});
    for (const auto& mode : s.Runs())
    {
        SCOPED_TRACE(mode);
        std::ostringstream csv;
        Simulate(s, mode, &csv);
        EXPECT_FALSE(Rows(csv.str()).empty());
    }
}

// An idle point-to-point path: no queueing, no channel access; transmission and propagation
// are the closed forms, hop by hop.
TEST(LatencyBreakdown, OnAnIdlePointToPointPathOnlyTheWireCounts)
{
    Scenario s = ScenarioFrom(R"(
[topology]
kind = "tree"
clients = 4
depth = 1
fanout = 2
[traffic]
messages = 3
size = 1000
interval = "10ms"
[delivery]
modes = ["unicast"]
[group]
members = 1
target = 1
)");
    std::ostringstream csv;
    Simulate(s, "unicast", &csv);
    auto rows = Rows(csv.str());
    ASSERT_EQ(rows.size(), 3u);
    for (const auto& row : rows)
    {
        EXPECT_EQ(row.at("queueing_ns"), 0);
        EXPECT_EQ(row.at("access_ns"), 0);
        EXPECT_EQ(row.at("resolution_ns"), 0);
        // P1's point-to-point link, one router link, the leaf LAN (kAccessHop and the others).
        EXPECT_EQ(row.at("transmission_ns"),
                  TxNs(1030, 100000000) + TxNs(1030, 1000000000) + TxNs(1046, 100000000));
        EXPECT_EQ(row.at("propagation_ns"), 500 + 1000000 + 500);
        EXPECT_EQ(row.at("latency_ns"), kAccessHop + kCoreHop + kLanHop);
    }
}

// summary.json's means add up to the mean latency; output.latency_breakdown = false leaves
// the columns empty and summary.json without them.
TEST(LatencyBreakdown, SummaryMeansAddUpAndTheKeyTurnsItOff)
{
    ScratchFolder dir;
    auto r = RunCommand({"run", SourcePath("scenarios/lan-modes.toml"), "--out", dir / "on", "-q",
                         "--no-report", "--set", "traffic.messages=5"});
    ASSERT_EQ(r.status, 0) << r.err;
    auto summary = nlohmann::json::parse(ReadFile(dir / "on/summary.json"));
    for (const auto& [mode, figures] : summary["modes"].items())
    {
        double sum = 0;
        for (const auto& [part, value] : figures["latency_parts_ns"].items())
        {
            sum += value["mean"].get<double>();
        }
        EXPECT_NEAR(sum, figures["latency_ns"]["mean"].get<double>(), 1e-6) << mode;
    }
    r = RunCommand({"run", SourcePath("scenarios/lan-modes.toml"), "--out", dir / "off", "-q",
                    "--no-report", "--set", "traffic.messages=5", "--set",
                    "output.latency_breakdown=false"});
    ASSERT_EQ(r.status, 0) << r.err;
    summary = nlohmann::json::parse(ReadFile(dir / "off/summary.json"));
    EXPECT_FALSE(summary["modes"]["multicast"].contains("latency_parts_ns"));
    auto rows = ReadCsv(ReadFile(dir / "off/deliveries.csv"));
    ASSERT_GT(rows.size(), 1u);
    EXPECT_EQ(rows[1].back(), "");
}

} // namespace
} // namespace gcsim::test
