// What gcsim reads and what it refuses before anything is simulated: files that are not
// regular files or are too big, runs that would not fit ns-3's time, runs estimated too long
// or too large, and messages that show any bytes a user gave safely.
#include "models/network/map-topology.h"
#include "models/network/text-file.h"
#include "scratch/gcsim/run-estimate.h"
#include "test-utilities.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace gcsim::test
{
namespace
{

const char* kScenario = R"(name = "limits"
[topology]
kind = "lan"
clients = 4
[traffic]
messages = 2
)";

/// A sparse file of \p bytes at \p path (no disk space is used).
void
MakeSparse(const std::string& path, off_t bytes)
{
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::ftruncate(fd, bytes), 0);
    ::close(fd);
}

/// `gcsim validate` and `gcsim run` of \p scenario: exit 2, \p says in the message, nothing
/// on standard output, no results folder.
void
ExpectRefused(const ScratchFolder& dir, const std::string& scenario,
              const std::vector<std::string>& extra, const std::string& says)
{
    for (const char* command : {"validate", "run"})
    {
        std::vector<std::string> args = {command, scenario};
        if (std::string(command) == "run")
        {
            args.insert(args.end(), {"--out", dir / "results"});
        }
        args.insert(args.end(), extra.begin(), extra.end());
        CommandResult r = RunCommand(args);
        EXPECT_EQ(r.status, 2) << command << ": " << r.err;
        EXPECT_NE(r.err.find(says), std::string::npos) << command << ": " << r.err;
        EXPECT_EQ(r.out, "") << command;
        EXPECT_FALSE(std::filesystem::exists(dir / "results")) << command;
    }
}

TEST(InputFiles, AFifoIsRefusedAtOnceAsScenarioTranscriptOrMap)
{
    // Opening a FIFO for reading waits for a writer: without care the command never returns
    // (and ctest's timeout would fail this test).
    ScratchFolder dir;
    ASSERT_EQ(::mkfifo((dir / "fifo").c_str(), 0644), 0);
    ExpectRefused(dir, dir / "fifo", {}, "is a FIFO (named pipe), not a regular file");
    WriteFile(dir / "replay.toml",
              std::string(kScenario) + "pattern = \"replay\"\ntranscript = \"fifo\"\n");
    ExpectRefused(dir, dir / "replay.toml", {},
                  "replay.toml:8: traffic.transcript: cannot read transcript file");
    WriteFile(dir / "map.toml",
              "[topology]\nkind = \"file\"\nformat = \"orbis\"\nmap = \"fifo\"\n");
    ExpectRefused(dir, dir / "map.toml", {}, "is a FIFO (named pipe), not a regular file");
}

TEST(InputFiles, DevicesAreRefusedWithoutReadingThem)
{
    ScratchFolder dir;
    for (const char* device : {"/dev/zero", "/dev/urandom"})
    {
        ExpectRefused(dir, device, {}, "is a character device, not a regular file");
    }
}

TEST(InputFiles, AFileAboveTheCapIsRefusedBeforeItIsRead)
{
    // 5 GiB, sparse: read whole it would take the memory and minutes.
    ScratchFolder dir;
    MakeSparse(dir / "huge.toml", off_t(5) << 30);
    ExpectRefused(dir, dir / "huge.toml", {}, "is 5.0 GiB; gcsim reads at most 64.0 MiB");
    MakeSparse(dir / "huge.txt", off_t(5) << 30);
    WriteFile(dir / "replay.toml",
              std::string(kScenario) + "pattern = \"replay\"\ntranscript = \"huge.txt\"\n");
    ExpectRefused(dir, dir / "replay.toml", {}, "is 5.0 GiB; gcsim reads at most 64.0 MiB");
    MakeSparse(dir / "huge_inet.txt", off_t(5) << 30);
    WriteFile(dir / "map.toml", "[topology]\nkind = \"file\"\nmap = \"huge_inet.txt\"\n");
    ExpectRefused(dir, dir / "map.toml", {}, "is 5.0 GiB; gcsim reads at most 64.0 MiB");
}

TEST(InputFiles, ReadTextFileStopsAtTheCapWhateverTheSizeSays)
{
    // /proc files report size 0 and hold more: the reader stops at the cap.
    EXPECT_THROW(ns3::gcsim::ReadTextFile("/proc/self/maps", 16), std::invalid_argument);
    ScratchFolder dir;
    WriteFile(dir / "exact", std::string(100, 'x'));
    EXPECT_EQ(ns3::gcsim::ReadTextFile(dir / "exact", 100).size(), 100u);
    EXPECT_THROW(ns3::gcsim::ReadTextFile(dir / "exact", 99), std::invalid_argument);
    EXPECT_THROW(ns3::gcsim::ReadTextFile(dir / "nowhere", 99), std::invalid_argument);
}

TEST(InputFiles, AMapOfMoreRoutersThanGcsimBuildsIsRefusedWhileItIsRead)
{
    ScratchFolder dir;
    std::string chain;
    for (uint32_t i = 0; i < ns3::gcsim::kMaxMapRouters; ++i)
    {
        chain += std::to_string(i) + " " + std::to_string(i + 1) + "\n";
    }
    WriteFile(dir / "chain_orbis.txt", chain); // 100,001 routers
    try
    {
        ns3::gcsim::CheckRouterMap(dir / "chain_orbis.txt", "orbis");
        FAIL() << "a map of 100,001 routers was accepted";
    }
    catch (const std::invalid_argument& e)
    {
        EXPECT_NE(std::string(e.what()).find("line 100000: the map has more than 100000 routers"),
                  std::string::npos)
            << e.what();
    }
    // One router fewer is a map like any other.
    chain.erase(chain.rfind('\n', chain.size() - 2) + 1);
    WriteFile(dir / "chain_orbis.txt", chain);
    EXPECT_EQ(ns3::gcsim::CheckRouterMap(dir / "chain_orbis.txt", "orbis").names.size(),
              ns3::gcsim::kMaxMapRouters);
}

/// The end of \p s's run in ns (what RunMode schedules Simulator::Stop at), in long double:
/// exact here, as every accepted term is a whole number below 2^63.
long double
RunEnd(const Scenario& s)
{
    return static_cast<long double>(s.traffic.start.GetNanoSeconds()) +
           static_cast<long double>(s.traffic.interval.GetNanoSeconds()) * s.traffic.messages +
           static_cast<long double>(s.traffic.drain.GetNanoSeconds());
}

TEST(RunLength, EveryAcceptedRunEndsByTheLimitAndEveryOtherIsRefused)
{
    // Around the limit of 1e18 ns: each combination is accepted exactly when its end fits.
    const std::vector<std::string> times = {"1s", "1e8s", "3.3e8s", "5e8s", "1e9s"};
    const std::vector<uint32_t> counts = {1, 2, 3, 10};
    int accepted = 0;
    int refused = 0;
    for (const auto& start : times)
    {
        for (const auto& interval : times)
        {
            for (uint32_t messages : counts)
            {
                for (const auto& drain : {std::string("1s"), std::string("4e8s")})
                {
                    std::vector<std::string> sets = {
                        "traffic.start=\"" + start + "\"", "traffic.interval=\"" + interval + "\"",
                        "traffic.drain=\"" + drain + "\"",
                        "traffic.messages=" + std::to_string(messages)};
                    long double end =
                        std::stold(start) + std::stold(interval) * messages + std::stold(drain);
                    try
                    {
                        Scenario s = ScenarioFrom(kScenario, sets);
                        EXPECT_LE(end, 1e9L);
                        EXPECT_LE(RunEnd(s), 1e18L);
                        EXPECT_GT(RunEnd(s), 0);
                        ++accepted;
                    }
                    catch (const InputError& e)
                    {
                        EXPECT_GT(end, 1e9L) << e.what();
                        EXPECT_NE(std::string(e.what()).find("the run would end after"),
                                  std::string::npos)
                            << e.what();
                        ++refused;
                    }
                }
            }
        }
    }
    EXPECT_GT(accepted, 20);
    EXPECT_GT(refused, 20);
}

TEST(RunLength, AThroughputSearchsSlowestRateMustFitToo)
{
    std::string throughput = std::string(kScenario) + "pattern = \"throughput\"\n";
    EXPECT_NO_THROW(ScenarioFrom(throughput, {"traffic.messages=10", "traffic.rate_min=1e-7"}));
    EXPECT_THROW(ScenarioFrom(throughput, {"traffic.messages=10", "traffic.rate_min=1e-9"}),
                 InputError);
}

TEST(RunCost, ARunEstimatedAboveTheLimitsRunsOnlyWithAllowLarge)
{
    ScratchFolder dir;
    std::string file = SourcePath("tests/hostile/cost-time-too-long.toml");
    CommandResult refused = RunCommand({"validate", file});
    EXPECT_EQ(refused.status, 2);
    EXPECT_NE(refused.err.find("unless --allow-large is given"), std::string::npos);
    CommandResult allowed = RunCommand({"validate", file, "--allow-large"});
    EXPECT_EQ(allowed.status, 0) << allowed.err;
    EXPECT_NE(allowed.out.find("estimated: about"), std::string::npos) << allowed.out;
    EXPECT_NE(allowed.out.find("hours of wall-clock time"), std::string::npos) << allowed.out;
}

TEST(RunCost, TheEstimateCountsDeliveriesExactlyAndGrowsWithTheWork)
{
    // 4 modes on 16 clients, 8 members, 100 messages: 100 x (1 + 8 + 8 + 16) rows.
    Scenario s = ParseScenario(ReadFile(SourcePath("scenarios/lan-modes.toml")), "lan-modes.toml",
                               SourcePath("scenarios"), {});
    RunEstimate e = EstimateRun(s);
    EXPECT_EQ(e.deliveries, 100.0 * (1 + 8 + 8 + 16));
    EXPECT_GT(e.outputBytes, e.deliveries * 40);
    Scenario twice =
        ParseScenario(ReadFile(SourcePath("scenarios/lan-modes.toml")), "lan-modes.toml",
                      SourcePath("scenarios"), {"traffic.messages=200"});
    EXPECT_GT(EstimateRun(twice).seconds, e.seconds);
    EXPECT_EQ(EstimateRun(twice).deliveries, 2 * e.deliveries);
}

TEST(RunCost, ASlurmScriptPassesAllowLargeToItsSweeps)
{
    ScratchFolder dir;
    WriteFile(dir / "s.toml", std::string(kScenario) + "[sweep]\n\"traffic.messages\" = [1, 2]\n");
    CommandResult r =
        RunCommand({"slurm", dir / "s.toml", "--out", dir / "sweep", "--allow-large"});
    ASSERT_EQ(r.status, 0) << r.err;
    std::string script = ReadFile(dir / "sweep/slurm/sweep.sbatch");
    EXPECT_NE(script.find("--no-collect --allow-large"), std::string::npos) << script;
}

TEST(Messages, PrintableEscapesControlsAndShortensLongText)
{
    EXPECT_EQ(Printable("plain text, é and ✓"), "plain text, é and ✓");
    EXPECT_EQ(Printable(std::string("a\0b", 3)), "a\\x00b");
    EXPECT_EQ(Printable("\x1b[31mred\x07"), "\\x1b[31mred\\x07");
    EXPECT_EQ(Printable("tab\tnew\nline"), "tab\\x09new\\x0aline");
    EXPECT_EQ(Printable("\xc2\x9b"
                        "2J"),
              "\\u{009b}2J"); // C1 CSI
    EXPECT_EQ(Printable("abc\xe2\x80\xae"
                        "def"),
              "abc\\u{202e}def");                   // right-to-left override
    EXPECT_EQ(Printable("\xff\xfe"), "\\xff\\xfe"); // not UTF-8
    EXPECT_EQ(Printable("\xc0\xaf"), "\\xc0\\xaf"); // overlong '/'
    std::string longText = "'" + std::string(10000000, 'x') + "' is not a name";
    std::string shown = Printable(longText, 1000);
    EXPECT_LE(shown.size(), 1100u);
    EXPECT_EQ(shown.rfind("'xxx", 0), 0u);
    EXPECT_NE(shown.find("' is not a name"), std::string::npos);
    EXPECT_NE(shown.find("bytes left out"), std::string::npos);
    // Cut only between characters: no half of a multi-byte character, no half of an escape.
    std::string wide;
    for (int i = 0; i < 600; ++i)
    {
        wide += "é\x01";
    }
    std::string cut = Printable(wide, 100);
    EXPECT_EQ(Printable(cut, 100000), cut) << "a cut left a broken character";
    EXPECT_EQ(cut.find("\\x0 "), std::string::npos);
}

TEST(Messages, AnInputErrorHoldsEveryByteAfterANul)
{
    InputError e("file.toml:1", "name", std::string("'a\0b' is bad", 12));
    EXPECT_STREQ(e.what(), "file.toml:1: name: 'a\\x00b' is bad");
}

TEST(Messages, CommandLineMistakesAreShownEscaped)
{
    CommandResult r = RunCommand({"run", "--bogus\x1b]0;title\x07"});
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--bogus\\x1b]0;title\\x07"), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
}

} // namespace
} // namespace gcsim::test
