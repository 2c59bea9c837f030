// A results folder's scenario.toml reruns from anywhere and gives the same results byte for
// byte: the files it names are copied beside it, and times and rates are written exactly, in
// readable units.
#include "scratch/gcsim/sweep/sweep.h"
#include "test-utilities.h"

#include <filesystem>

namespace gcsim::test
{
namespace
{

namespace fs = std::filesystem;

// seed-replay names a transcript, internet-map a map (here the small Inet sample, to keep the
// test short; the full map was checked the same way by hand): both run, the results folder is
// copied to another place, and its scenario.toml, run from there, reproduces summary.json and
// deliveries.csv.
TEST(Rerun, AResultsFoldersScenarioRerunsFromACopyByteForByte)
{
    for (const char* name : {"seed-replay", "internet-map"})
    {
        SCOPED_TRACE(name);
        ScratchFolder dir;
        std::string first = dir / "first";
        // internet-map on the small Inet sample: the same file handling, a fraction of the work.
        std::vector<std::string> args = {
            "run",   SourcePath(std::string("scenarios/") + name + ".toml"),
            "--out", first,
            "-q",    "--no-report",
            "--set", "traffic.messages=2"};
        if (std::string(name) == "internet-map")
        {
            args.insert(args.end(), {"--set", "topology.map=maps/Inet_small_toposample.txt",
                                     "--set", "topology.clients=4"});
        }
        auto r = RunCommand(args);
        ASSERT_EQ(r.status, 0) << r.err;
        std::string moved = dir / "elsewhere/copy";
        fs::create_directories(dir / "elsewhere");
        fs::copy(first, moved, fs::copy_options::recursive);
        fs::remove_all(first); // nothing of the first folder is left to lean on
        r = RunCommand(
            {"run", moved + "/scenario.toml", "--out", dir / "again", "-q", "--no-report"});
        ASSERT_EQ(r.status, 0) << r.err;
        for (const char* file : {"summary.json", "deliveries.csv"})
        {
            EXPECT_EQ(ReadFile(moved + "/" + file), ReadFile(dir / (std::string("again/") + file)))
                << file;
        }
        // The scenario too, but for its first line: the comment naming where it was read.
        auto body = [](const std::string& t) { return t.substr(t.find('\n')); };
        EXPECT_EQ(body(ReadFile(moved + "/scenario.toml")),
                  body(ReadFile(dir / "again/scenario.toml")));
    }
}

// Times and rates come back in the largest unit that holds them exactly.
TEST(Rerun, TimesAndRatesAreWrittenInReadableExactUnits)
{
    Scenario s = ScenarioFrom(R"(
[topology]
kind = "tree"
clients = 4
data_rate = "100Mbps"
core_rate = "1500kbps"
delay = "1500us"
core_delay = "0.25ms"
[traffic]
interval = "1s"
)");
    std::string resolved = ResolvedToml(s);
    for (const char* text : {"data_rate = '100Mbps'", "core_rate = '1500kbps'", "delay = '1500us'",
                             "core_delay = '250us'", "interval = '1s'", "drain = '10s'"})
    {
        EXPECT_NE(resolved.find(text), std::string::npos) << text << "\n" << resolved;
    }
    EXPECT_EQ(ResolvedToml(ScenarioFrom(resolved)), resolved);
}

// A sweep over two maps of one file name in different folders (a/x.txt, b/x.txt) is refused
// before any run, naming both and the copy name they share: copied as maps/x.txt, both
// combinations would read alike and silently run one map. Two paths to the same bytes are
// one scenario and share their runs. The runs of a sweep link its one copy in inputs/ rather
// than copy it again (the same file on one file system). A sweep resumed after its map
// changed is refused: its runs done read the copy in inputs/.
TEST(Rerun, ASweepKeepsOneCopyOfAFileAndRefusesTwoFilesOfOneName)
{
    ScratchFolder dir;
    std::string map = ReadFile(SourcePath("scenarios/maps/Inet_small_toposample.txt"));
    std::string other = map;
    other.replace(other.rfind("3\t4\t"), 4, "2\t4\t"); // router 4 hangs on 2, not 3
    for (const char* folder : {"a", "b", "c"})
    {
        fs::create_directories(dir / folder);
    }
    WriteFile(dir / "a/x.txt", map);
    WriteFile(dir / "b/x.txt", other);
    WriteFile(dir / "c/x.txt", map);
    auto scenario = [&](const std::string& maps)
    {
        std::string path = dir / "sweep.toml";
        WriteFile(path, "[topology]\nkind = \"file\"\nmap = \"a/x.txt\"\nformat = \"inet\"\n"
                        "clients = 4\n[traffic]\nmessages = 2\n[sweep]\n\"topology.map\" = [" +
                            maps + "]\n");
        return path;
    };
    auto r = RunCommand({"sweep", scenario("\"a/x.txt\", \"b/x.txt\""), "--out", dir / "out"});
    EXPECT_EQ(r.status, 2);
    for (const char* part : {"sweep.toml:", "a/x.txt", "b/x.txt", "as maps/x.txt"})
    {
        EXPECT_NE(r.err.find(part), std::string::npos) << part << "\n" << r.err;
    }
    EXPECT_FALSE(fs::exists(dir / "out"));
    EXPECT_EQ(Sweep(scenario("\"a/x.txt\", \"c/x.txt\""), {}).Runs().size(), 1u);

    std::vector<std::string> sweep = {"sweep", scenario("\"a/x.txt\""), "--out", dir / "out",
                                      "--no-plots"};
    r = RunCommand(sweep);
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(ReadFile(dir / "out/inputs/maps/x.txt"), map);
    for (const auto& run : fs::directory_iterator(dir / "out/runs"))
    {
        EXPECT_TRUE(fs::equivalent(run.path() / "maps/x.txt", dir / "out/inputs/maps/x.txt"));
    }
    WriteFile(dir / "a/x.txt", other);
    std::string plan = ReadFile(dir / "out/sweep.json");
    r = RunCommand(sweep);
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("differs from"), std::string::npos) << r.err;
    EXPECT_EQ(ReadFile(dir / "out/inputs/maps/x.txt"), map);
    EXPECT_EQ(ReadFile(dir / "out/sweep.json"), plan);
}

} // namespace
} // namespace gcsim::test
