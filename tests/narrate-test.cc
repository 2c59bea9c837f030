// `gcsim run --narrate`: the account of message 0 in each mode. On a LAN each mode's key
// sentence, with its addresses, counts and times checked against the run's own results
// (deliveries.csv, links.csv); on a router tree, the hops in order of time, and long accounts
// summarised.
#include "scratch/gcsim/narration/narrate.h"
#include "test-utilities.h"

#include <algorithm>
#include <map>

namespace gcsim::test
{
namespace
{

/// The line of \p out that starts with "<mode>: ", or "".
std::string
LineOf(const std::string& out, const std::string& mode)
{
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);)
    {
        if (line.rfind(mode + ": ", 0) == 0)
        {
            return line;
        }
    }
    return "";
}

/// The block of \p out under "<mode>:", one entry per line, indentation removed.
std::vector<std::string>
BlockOf(const std::string& out, const std::string& mode)
{
    std::istringstream lines(out);
    std::vector<std::string> block;
    bool in = false;
    for (std::string line; std::getline(lines, line);)
    {
        if (line == mode + ":")
        {
            in = true;
            continue;
        }
        if (in && line.rfind("  ", 0) != 0)
        {
            break;
        }
        if (in)
        {
            block.push_back(line.substr(2));
        }
    }
    return block;
}

/// Message 0's latencies (ns) per receiver from deliveries.csv rows of \p mode.
std::map<std::string, int64_t>
Latencies(const std::vector<std::vector<std::string>>& rows, const std::string& mode)
{
    // mode,message,receiver,member,destination,duplicate,send_ns,recv_ns,latency_ns,bytes,hops
    std::map<std::string, int64_t> latency;
    for (std::size_t i = 1; i < rows.size(); ++i)
    {
        if (rows[i][0] == mode && rows[i][1] == "0" && rows[i][5] == "0")
        {
            latency[rows[i][2]] = std::stoll(rows[i][8]);
        }
    }
    return latency;
}

/// Frames \p from put on \p link in \p mode, per links.csv.
uint64_t
Frames(const std::vector<std::vector<std::string>>& rows, const std::string& mode,
       const std::string& link, const std::string& from)
{
    for (const auto& row : rows)
    {
        if (row.size() >= 5 && row[0] == mode && row[1] == link && row[2] == from)
        {
            return std::stoull(row[4]);
        }
    }
    return 0;
}

TEST(Narrate, LanKeySentencesCarryTheRunsNumbers)
{
    ScratchFolder dir;
    // 6 clients, members 1, 2 and 4, a group address of its own: every address and count
    // in the narration has to come from this run.
    WriteFile(dir / "lan.toml", R"(
name = "narrate-lan"
[topology]
kind = "lan"
clients = 6
[group]
address = "239.1.2.3"
members = [1, 2, 4]
target = 2
[traffic]
messages = 2
size = 500
[delivery]
modes = ["unicast", "replicated-unicast", "multicast", "broadcast"]
)");
    CommandResult r =
        RunCommand({"run", dir / "lan.toml", "--narrate", "-q", "--out", dir / "out"});
    ASSERT_EQ(r.status, 0) << r.err;
    auto deliveries = ReadCsv(ReadFile(dir / "out/deliveries.csv"));
    auto links = ReadCsv(ReadFile(dir / "out/links.csv"));
    // The narration comes after the table.
    EXPECT_LT(r.out.find("delivery ratio"), r.out.find("What happened to message 0"));

    // One message of 500 bytes: one frame for unicast, multicast, broadcast; one per member.
    EXPECT_EQ(Frames(links, "unicast", "lan0", "P1"), 2U);
    EXPECT_EQ(Frames(links, "replicated-unicast", "lan0", "P1"), 6U);

    std::string unicast = LineOf(r.out, "unicast");
    auto u = Latencies(deliveries, "unicast");
    ASSERT_EQ(u.size(), 1U);
    EXPECT_EQ(unicast, "unicast: P1 sends one frame to 00:00:00:00:00:03 (C2) on lan0; 6 NICs see "
                       "it; C2 takes it in; the other 5 drop it (not their address); C2 has it " +
                           NarrationDuration(u.at("2")) + " after P1 sent it.");

    std::string replicated = LineOf(r.out, "replicated-unicast");
    auto ru = Latencies(deliveries, "replicated-unicast");
    ASSERT_EQ(ru.size(), 3U);
    int64_t last = 0;
    for (const auto& [client, ns] : ru)
    {
        last = std::max(last, ns);
    }
    EXPECT_EQ(replicated,
              "replicated-unicast: P1 sends 3 frames back to back on lan0, one per member; each "
              "of the 6 NICs sees all 3; each member takes in its own; the other 15 receptions "
              "are dropped (not their address); the last arrives " +
                  NarrationDuration(last) + " after the first was sent.");
    // Copy k of 3 waits for the k-1 before it: the last takes longer than one copy.
    EXPECT_GT(last, u.at("2"));

    std::string multicast = LineOf(r.out, "multicast");
    auto m = Latencies(deliveries, "multicast");
    ASSERT_EQ(m.size(), 3U);
    EXPECT_EQ(multicast, "multicast: P1 sends one frame to 01:00:5e:01:02:03 (group 239.1.2.3) on "
                         "lan0; 6 NICs see it; 3 members take it in; 3 non-members' NICs filter "
                         "it; all 3 destinations have it " +
                             NarrationDuration(m.at("1")) + " after P1 sent it.");

    std::string broadcast = LineOf(r.out, "broadcast");
    auto b = Latencies(deliveries, "broadcast");
    ASSERT_EQ(b.size(), 6U);
    EXPECT_EQ(broadcast, "broadcast: P1 sends one frame to ff:ff:ff:ff:ff:ff on lan0; all 6 "
                         "clients' NICs receive it; 3 are members; 3 processed a message they "
                         "did not want; all 6 destinations have it " +
                             NarrationDuration(b.at("1")) + " after P1 sent it.");

    // Without --narrate, no account.
    CommandResult quiet = RunCommand({"run", dir / "lan.toml", "-q", "--out", dir / "out2"});
    ASSERT_EQ(quiet.status, 0) << quiet.err;
    EXPECT_EQ(quiet.out.find("What happened"), std::string::npos);
}

TEST(Narrate, DurationsInMicrosecondsThenMilliseconds)
{
    EXPECT_EQ(NarrationDuration(0), "0 us");
    EXPECT_EQ(NarrationDuration(86100), "86.1 us");
    EXPECT_EQ(NarrationDuration(692020), "692.02 us");
    EXPECT_EQ(NarrationDuration(2187780), "2187.78 us");
    EXPECT_EQ(NarrationDuration(13713000), "13.713 ms");
}

/// Runs \p mode of \p scenario and returns its narration.
ns3::gcsim::Narration
NarrationOf(const Scenario& scenario, const std::string& mode)
{
    std::vector<ns3::gcsim::Narration> narrations;
    RunSinks sinks;
    sinks.narrations = &narrations;
    RunMode(scenario, mode, sinks);
    EXPECT_EQ(narrations.size(), 1U);
    return narrations.at(0);
}

/// The "+T" times of a narration block, in ns.
std::vector<double>
Times(const std::vector<std::string>& block)
{
    std::vector<double> times;
    for (const auto& line : block)
    {
        if (line.empty() || line[0] != '+')
        {
            continue;
        }
        double value = std::stod(line.substr(1));
        times.push_back(line.find(" ms ") < line.find("  ") ? value * 1e6 : value * 1e3);
    }
    return times;
}

TEST(Narrate, RoutedHopsInOrderOfTime)
{
    // A binary tree of depth 2: P1 - R0, R0 - R1 and R2, a LAN of 2 clients under each of R3..R6.
    Scenario s = ScenarioFrom(R"(
[topology]
kind = "tree"
fanout = 2
depth = 2
clients_per_leaf = 2
[group]
members = [1, 3, 4]
[traffic]
messages = 1
size = 500
[delivery]
modes = ["multicast", "broadcast"]
)");
    std::string text = Narrate(NarrationOf(s, "multicast"));
    auto block = BlockOf(text, "multicast");
    ASSERT_GE(block.size(), 5U) << text;
    EXPECT_NE(block[0].find("P1 sends one frame to R0 (for group 239.255.0.1) on p2p0"),
              std::string::npos)
        << text;
    // The source tree reaches members 1, 3 and 4, all below R1 (leaves R3 and R4).
    EXPECT_NE(text.find("R0 forwards 1 copy: to R1\n"), std::string::npos) << text;
    EXPECT_NE(text.find("R1 forwards 2 copies: to R3, R4\n"), std::string::npos) << text;
    EXPECT_NE(text.find("R3 forwards 1 copy: onto lan7 for 01:00:5e:7f:00:01 (group "
                        "239.255.0.1); 2 NICs see it; 1 member takes it in; 1 non-member's NIC "
                        "filters it"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("all 3 destinations have it"), std::string::npos) << text;
    auto times = Times(block);
    EXPECT_TRUE(std::is_sorted(times.begin(), times.end())) << text;

    // The network-wide broadcast flood reaches every leaf.
    std::string flood = Narrate(NarrationOf(s, "broadcast"));
    EXPECT_NE(flood.find("R0 forwards 2 copies: to R1, R2\n"), std::string::npos) << flood;
    EXPECT_NE(flood.find("R2 forwards 2 copies: to R5, R6\n"), std::string::npos) << flood;
    EXPECT_NE(flood.find("all 8 destinations have it"), std::string::npos) << flood;
}

TEST(Narrate, LongAccountsAreGroupedByNode)
{
    // Replicated unicast to 12 members across a tree of 15 routers: more steps than lines.
    Scenario s = ScenarioFrom(R"(
[topology]
kind = "tree"
fanout = 2
depth = 3
clients_per_leaf = 3
[group]
members = 12
[traffic]
messages = 1
size = 200
[delivery]
modes = ["replicated-unicast"]
)");
    ns3::gcsim::Narration n = NarrationOf(s, "replicated-unicast");
    EXPECT_GT(n.frames.size(), kMaxNarrationLines);
    std::string text = Narrate(n);
    auto block = BlockOf(text, "replicated-unicast");
    EXPECT_LE(block.size(), kMaxNarrationLines + 1) << text;
    EXPECT_NE(block[0].find("P1 sends 12 frames back to back on p2p0, one per member"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("R0 forwards 12 copies in 12 bursts"), std::string::npos) << text;
    EXPECT_NE(block.back().find("the last of the 12 destinations has it"), std::string::npos)
        << text;
}

} // namespace
} // namespace gcsim::test

namespace gcsim::test
{
namespace
{

TEST(Narrate, BroadcastAcrossRoutersIsCalledWhatItIs)
{
    ScratchFolder dir;
    CommandResult r =
        RunCommand({"run", SourcePath("scenarios/tree-modes.toml"), "-q", "--no-report",
                    "--no-plots", "--narrate", "--set", "traffic.messages=1", "--set",
                    "delivery.modes=[\"broadcast\"]", "--out", dir / "run"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("(Routers never forward a broadcast to 255.255.255.255, so across "
                         "routers gcsim sends it to 239.255.255.255"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("P1 sends one frame to R0 (the network-wide broadcast) on p2p0"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("onto lan15 for 01:00:5e:7f:ff:ff (the network-wide broadcast)"),
              std::string::npos)
        << r.out;
    EXPECT_EQ(r.out.find("(for group 239.255.255.255)"), std::string::npos) << r.out;
}

} // namespace
} // namespace gcsim::test
