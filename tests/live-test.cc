// gcsim live beside gcsim run: the same scenario on Linux network namespaces and in the
// simulator must agree exactly on frames per link, P1's packets and bytes, receptions at
// non-members and group frames at non-members' NICs; and gcsim live leaves nothing behind,
// also when it is interrupted or killed. Needs root (namespaces, veth, bridge): skipped
// without it.
#include "scratch/gcsim/live/compare.h"
#include "scratch/gcsim/live/live-network.h"
#include "scratch/gcsim/output/child-process.h"
#include "test-utilities.h"

#include <chrono>
#include <csignal>
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace gcsim::test
{
namespace
{

/// Six clients, members 1, 2 and 4, five messages of each of the four modes.
std::string
LiveScenario(const std::string& kind, bool snooping, uint32_t messages = 5)
{
    return R"(name = "live-test"
seed = 1
[topology]
kind = ")" +
           kind + R"("
clients = 6
data_rate = "100Mbps"
delay = "500ns"
)" +
           (kind == "star" ? std::string("igmp_snooping = ") + (snooping ? "true" : "false") + "\n"
                           : "") +
           R"([group]
members = [1, 2, 4]
target = 4
[traffic]
pattern = "group"
messages = )" +
           std::to_string(messages) +
           R"(
interval = "5ms"
size = 1024
start = "1s"
[delivery]
modes = ["unicast", "replicated-unicast", "multicast", "broadcast"]
arp = "static"
)";
}

/// gcsim \p args, to its end: exit code and what it printed.
std::pair<int, std::string>
Gcsim(const std::vector<std::string>& args)
{
    ChildSpec spec;
    spec.program = GCSIM_BINARY;
    spec.args = {"gcsim"};
    spec.args.insert(spec.args.end(), args.begin(), args.end());
    spec.stdinFromNull = true;
    return RunCapturingOutput(spec, "gcsim");
}

/// The namespaces named for process \p pid.
std::vector<std::string>
NamespacesOf(pid_t pid)
{
    std::string prefix = "gcsim-live-" + std::to_string(pid) + "-";
    std::vector<std::string> mine;
    for (const std::string& name : LiveNetwork::Leftovers())
    {
        if (name.rfind(prefix, 0) == 0)
        {
            mine.push_back(name);
        }
    }
    return mine;
}

#define SKIP_UNLESS_ROOT()                                                                         \
    if (::geteuid() != 0)                                                                          \
    {                                                                                              \
        GTEST_SKIP() << "gcsim live needs root (network namespaces, veth, a bridge)";              \
    }

struct Topology
{
    const char* kind;
    bool snooping;
};

void
PrintTo(const Topology& t, std::ostream* os)
{
    *os << t.kind << (t.snooping ? " with IGMP snooping" : "");
}

class LiveAgreement : public testing::TestWithParam<Topology>
{
};

TEST_P(LiveAgreement, EveryModeAgreesExactlyWithTheSimulation)
{
    SKIP_UNLESS_ROOT();
    ScratchFolder dir;
    WriteFile(dir / "s.toml", LiveScenario(GetParam().kind, GetParam().snooping));
    auto [simCode, simOut] =
        Gcsim({"run", dir / "s.toml", "-q", "--no-report", "--no-plots", "--out", dir / "sim"});
    ASSERT_EQ(simCode, 0) << simOut;
    auto [liveCode, liveOut] = Gcsim({"live", dir / "s.toml", "-q", "--out", dir / "live"});
    ASSERT_EQ(liveCode, 0) << liveOut;

    Comparison c = CompareFolders(dir / "sim", dir / "live");
    ASSERT_EQ(c.modes.size(), 4U);
    // a lan has 7 senders on one segment; a star 7 ports, two directions each
    std::size_t links = std::string(GetParam().kind) == "lan" ? 7 : 14;
    ASSERT_EQ(c.exact.size(), 4 * (links + 4));
    for (const Agreement& a : c.exact)
    {
        EXPECT_EQ(a.sim, a.live) << a.mode << ": " << a.quantity;
    }
    // what the exact quantities are, so that agreeing on zeros cannot pass for agreement
    auto summary = nlohmann::json::parse(ReadFile(dir / "live/summary.json"));
    EXPECT_EQ(summary["modes"]["broadcast"]["nonmember_receptions"], 3 * 5);
    bool flooded = !GetParam().snooping || std::string(GetParam().kind) == "lan";
    EXPECT_EQ(summary["modes"]["multicast"]["nic_filtered"], flooded ? 3 * 5 : 0);
    EXPECT_EQ(summary["modes"]["replicated-unicast"]["source_packets"], 3 * 5);
    for (const char* mode : {"unicast", "replicated-unicast", "multicast", "broadcast"})
    {
        EXPECT_EQ(summary["modes"][mode]["delivery_ratio"], 1.0) << mode;
    }

    auto [compareCode, compareOut] = Gcsim({"compare", dir / "sim", dir / "live"});
    EXPECT_EQ(compareCode, 0) << compareOut;
    EXPECT_NE(compareOut.find("every exact quantity agrees"), std::string::npos);
    EXPECT_NE(compareOut.find("live clock resolution"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Live, LiveAgreement,
    testing::Values(Topology{"lan", false}, Topology{"star", true}, Topology{"star", false}),
    [](const testing::TestParamInfo<Topology>& p)
    { return std::string(p.param.kind) + (p.param.snooping ? "Snooping" : ""); });

TEST(Live, CompareSaysWhereARunDiffers)
{
    ScratchFolder dir;
    WriteFile(dir / "s.toml", LiveScenario("lan", false));
    ASSERT_EQ(
        Gcsim({"run", dir / "s.toml", "-q", "--no-report", "--no-plots", "--out", dir / "a"}).first,
        0);
    ASSERT_EQ(Gcsim({"run", dir / "s.toml", "-q", "--no-report", "--no-plots", "--set",
                     "group.members=[1,2]", "--out", dir / "b"})
                  .first,
              0);
    auto [code, out] = Gcsim({"compare", dir / "a", dir / "b"});
    EXPECT_EQ(code, 1) << out;
    EXPECT_NE(out.find("DIFFER"), std::string::npos) << out;
    auto [bad, message] = Gcsim({"compare", dir / "a", dir.Path()});
    EXPECT_EQ(bad, 2) << message;
    EXPECT_NE(message.find("summary.json"), std::string::npos) << message;
}

TEST(Live, RefusesWhatItDoesNotBuildNamingTheKey)
{
    ScratchFolder dir;
    WriteFile(dir / "s.toml", LiveScenario("lan", false));
    for (const auto& [set, key] : std::vector<std::pair<std::string, std::string>>{
             {"topology.kind=ring", "topology.kind"},
             {"delivery.modes=[\"overlay\"]", "delivery.modes"},
             {"delivery.arp=dynamic", "delivery.arp"},
             {"topology.loss=0.1", "topology.loss"}})
    {
        auto [code, out] = Gcsim({"live", dir / "s.toml", "--set", set, "--out", dir / "r"});
        EXPECT_EQ(code, 2) << set << ": " << out;
        EXPECT_NE(out.find(key), std::string::npos) << set << ": " << out;
        EXPECT_FALSE(std::filesystem::exists(dir / "r"));
    }
}

TEST(Live, WithoutRootItSaysSoAndExitsOne)
{
    SKIP_UNLESS_ROOT(); // to drop to an unprivileged user, the test starts as root
    ScratchFolder dir;
    WriteFile(dir / "s.toml", LiveScenario("lan", false));
    std::filesystem::permissions(dir.Path(), std::filesystem::perms::all);
    std::string setpriv = FindProgram("setpriv");
    if (setpriv.empty())
    {
        GTEST_SKIP() << "setpriv (util-linux) not found";
    }
    ChildSpec spec;
    spec.program = setpriv;
    spec.args = {"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", GCSIM_BINARY,
                 "live",    dir / "s.toml",  "--out",         dir / "r"};
    spec.stdinFromNull = true;
    auto [code, out] = RunCapturingOutput(spec, "setpriv");
    if (code == 126 || code == 127)
    {
        GTEST_SKIP() << "the unprivileged user cannot run the binary here: " << out;
    }
    EXPECT_EQ(code, 1) << out;
    EXPECT_NE(out.find("needs root"), std::string::npos) << out;
    EXPECT_FALSE(std::filesystem::exists(dir / "r"));
}

/// Starts a long gcsim live and waits until its namespaces and a mode's traffic exist.
pid_t
StartLongLive(const ScratchFolder& dir)
{
    WriteFile(dir / "long.toml", LiveScenario("star", true, 2000)); // 10 s per mode
    ChildSpec spec;
    spec.program = GCSIM_BINARY;
    spec.args = {"gcsim", "live", dir / "long.toml", "--out", dir / "out"};
    spec.stdinFromNull = true;
    spec.outputFile = dir / "long.log";
    pid_t pid = StartChild(spec);
    for (int i = 0;
         i < 600 && ReadFile(dir / "long.log").find("live: unicast") == std::string::npos; ++i)
    {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return pid;
}

TEST(Live, AnInterruptRemovesEverythingItMade)
{
    SKIP_UNLESS_ROOT();
    ScratchFolder dir;
    pid_t pid = StartLongLive(dir);
    ASSERT_GT(pid, 0);
    ASSERT_EQ(NamespacesOf(pid).size(), 8U) << ReadFile(dir / "long.log"); // switch, P1, 6
    ::kill(pid, SIGTERM);
    int status = 0;
    WaitForChild(pid, &status);
    EXPECT_EQ(ExitCode(status), 143) << ReadFile(dir / "long.log");
    EXPECT_TRUE(NamespacesOf(pid).empty());
    EXPECT_FALSE(std::filesystem::exists(dir / "out"));
    EXPECT_FALSE(std::filesystem::exists(std::filesystem::temp_directory_path() /
                                         ("gcsim-live-" + std::to_string(pid) + "-batch")));
}

TEST(Live, TheNextStartRemovesWhatAKilledRunLeft)
{
    SKIP_UNLESS_ROOT();
    ScratchFolder dir;
    pid_t pid = StartLongLive(dir);
    ASSERT_GT(pid, 0);
    ASSERT_EQ(NamespacesOf(pid).size(), 8U) << ReadFile(dir / "long.log");
    ::kill(pid, SIGKILL);
    int status = 0;
    WaitForChild(pid, &status);
    EXPECT_EQ(NamespacesOf(pid).size(), 8U); // SIGKILL cannot be caught: the names stay
    WriteFile(dir / "s.toml", LiveScenario("lan", false, 1));
    auto [code, out] = Gcsim({"live", dir / "s.toml", "-q", "--out", dir / "next"});
    EXPECT_EQ(code, 0) << out;
    EXPECT_NE(out.find("network namespaces left by gcsim live processes that are gone"),
              std::string::npos)
        << out;
    EXPECT_TRUE(NamespacesOf(pid).empty());
}

} // namespace
} // namespace gcsim::test
