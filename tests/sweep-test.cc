// Sweeps: expansion of the [sweep] table, resumption after a kill, --jobs independence,
// shards, and the confidence interval of collect.
#include "scratch/gcsim/collect/collect.h"
#include "scratch/gcsim/collect/columns.h"
#include "scratch/gcsim/sweep/sweep.h"
#include "test-utilities.h"

#include <algorithm>
#include <fcntl.h>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace gcsim::test
{
namespace
{

namespace fs = std::filesystem;

const char* kSweep = R"(name = "sweep-test"
[topology]
kind = "lan"
clients = 16
[traffic]
messages = 20
[delivery]
modes = ["replicated-unicast", "multicast"]
arp = "dynamic"
[sweep]
repetitions = 3
"group.members" = [2, 4, 8, 16]
together = [{ "topology.data_rate" = ["10Mbps", "100Mbps"], "topology.delay" = ["5us", "500ns"] }]
skip = ["group.members == 16"]
)";

std::string
WriteScenario(const ScratchFolder& dir, const std::string& text)
{
    std::string path = dir / "sweep.toml";
    WriteFile(path, text);
    return path;
}

SweepOptions
Options(const std::string& out, uint32_t jobs)
{
    SweepOptions o;
    o.out = out;
    o.jobs = jobs;
    o.executable = GCSIM_BINARY;
    return o;
}

TEST(SweepPlan, AxesMultiplyTogetherAxesZipSkipsRemoveAndRepetitionsRepeat)
{
    ScratchFolder dir;
    Sweep sweep(WriteScenario(dir, kSweep), {});
    // 4 member counts x 2 (rate, delay) pairs, minus the 2 with 16 members, x 3 runs.
    EXPECT_EQ(sweep.Runs().size(), (4u * 2 - 2) * 3);
    EXPECT_EQ(sweep.Skipped(), 2u);
    EXPECT_EQ(sweep.Axes(),
              (std::vector<std::string>{"group.members", "topology.data_rate", "topology.delay"}));
    std::set<std::string> ids;
    for (const auto& run : sweep.Runs())
    {
        ids.insert(run.id);
        EXPECT_GE(run.repetition, 1u);
        EXPECT_LE(run.repetition, 3u);
    }
    EXPECT_EQ(ids.size(), sweep.Runs().size());
    // The first axis varies slowest; the together keys move as one.
    EXPECT_EQ(sweep.Runs()[0].keys[0].second, "2");
    EXPECT_EQ(sweep.Runs()[0].keys[1].second, "'10Mbps'");
    EXPECT_EQ(sweep.Runs()[0].keys[2].second, "'5us'");
    EXPECT_EQ(sweep.Runs()[3].keys[1].second, "'100Mbps'");
    EXPECT_EQ(sweep.Runs()[3].keys[2].second, "'500ns'");
    // Stable: the same plan, the same ids.
    Sweep again(WriteScenario(dir, kSweep), {});
    for (std::size_t i = 0; i < sweep.Runs().size(); ++i)
    {
        EXPECT_EQ(sweep.Runs()[i].id, again.Runs()[i].id);
    }
}

TEST(SweepPlan, ShardsAreDisjointAndCoverThePlan)
{
    ScratchFolder dir;
    Sweep sweep(WriteScenario(dir, kSweep), {});
    std::multiset<std::string> seen;
    for (uint32_t i = 0; i < 4; ++i)
    {
        for (const auto& run : sweep.Shard(i, 4))
        {
            seen.insert(run.id);
        }
    }
    EXPECT_EQ(seen.size(), sweep.Runs().size());
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), sweep.Runs().size());
}

TEST(SweepPlan, BadSweepsAreRefusedBeforeAnyRun)
{
    ScratchFolder dir;
    auto refuse = [&](const std::string& sweepTable, const std::string& says)
    {
        std::string text =
            std::string(kSweep).substr(0, std::string(kSweep).find("[sweep]")) + sweepTable;
        try
        {
            Sweep sweep(WriteScenario(dir, text), {});
            ADD_FAILURE() << "accepted: " << sweepTable;
        }
        catch (const InputError& e)
        {
            EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
        }
    };
    refuse("[sweep]\n\"group.members\" = [2, 40]\n", "does not fit");
    refuse("[sweep]\n\"group.membrs\" = [2, 4]\n", "did you mean");
    refuse("[sweep]\ntogether = [{ \"group.members\" = [2, 4], \"traffic.messages\" = [1] }]\n",
           "one length");
    refuse("[sweep]\n\"group.members\" = [2]\nskip = [\"group.size > 3\"]\n", "is not set");
    refuse("[sweep]\n\"group.members\" = 2\n", "non-empty list");
    refuse("[sweep]\nrepetitions = 0\n", "sweep.repetitions");
    refuse("[sweep]\nprecision = 0.05\nrepetitions = 3\n", "sweep.repetitions");
    refuse("[sweep]\nprecision = 0\n", "sweep.precision");
    refuse("[sweep]\nprecision = \"5%\"\n", "sweep.precision");
    refuse("[sweep]\nmin_repetitions = 3\n", "goes with sweep.precision");
    refuse("[sweep]\nprecision = 0.1\nmin_repetitions = 1\n", "sweep.min_repetitions");
    refuse("[sweep]\nprecision = 0.1\nmin_repetitions = 9\nmax_repetitions = 8\n",
           "below min_repetitions");
    refuse("[sweep]\nprecision = 0.1\nprecision_figure = \"latency p99\"\n",
           "sweep.precision_figure");
    refuse("[sweep]\nprecision = 0.1\nprecision_figure = \"multicats.latency_ns_mean\"\n",
           "did you mean 'multicast'");
}

TEST(SweepRuns, JobsOneAndTwoGiveIdenticalSummaries)
{
    ScratchFolder dir;
    Sweep sweep(WriteScenario(dir, kSweep), {});
    std::ostringstream log;
    SweepOutcome one = RunSweep(sweep, Options(dir / "one", 1), log);
    SweepOutcome two = RunSweep(sweep, Options(dir / "two", 2), log);
    EXPECT_EQ(one.completed, sweep.Runs().size());
    EXPECT_EQ(two.completed, sweep.Runs().size());
    EXPECT_EQ(one.failed + two.failed, 0u) << log.str();
    std::string summary = ReadFile(dir / "one/summary.csv");
    EXPECT_EQ(ReadCsv(summary).size(), 1 + 2 * sweep.Runs().size()); // a row per run and mode
    EXPECT_EQ(summary, ReadFile(dir / "two/summary.csv"));
    EXPECT_EQ(ReadFile(dir / "one/aggregate.csv"), ReadFile(dir / "two/aggregate.csv"));
    // Each run folder holds its results, its rerun command, the version and the commit.
    const auto& run = sweep.Runs().front();
    auto provenance = nlohmann::json::parse(ReadFile(dir / ("one/runs/" + run.id + "/run.json")));
    EXPECT_NE(provenance["command"].get<std::string>().find(run.id + ".toml"), std::string::npos);
    EXPECT_FALSE(provenance["gcsim_version"].get<std::string>().empty());
    EXPECT_FALSE(provenance["git_commit"].get<std::string>().empty());
    // A second sweep over a complete folder runs nothing.
    SweepOutcome again = RunSweep(sweep, Options(dir / "one", 2), log);
    EXPECT_EQ(again.skipped, sweep.Runs().size());
    EXPECT_EQ(again.completed, 0u);
}

TEST(SweepRuns, AKilledSweepResumesWithoutLosingOrRepeatingARun)
{
    ScratchFolder dir;
    std::string scenario = WriteScenario(dir, kSweep);
    Sweep sweep(scenario, {});
    ASSERT_GE(sweep.Runs().size(), 7u);
    std::string out = dir / "killed";
    // The sweep runs in a process group of its own, as `gcsim sweep` does: its runs are
    // forked copies that call the command's Main, two at a time. Runs 0-3 complete; run 4
    // dies at its first write of a byte past the file size limit, leaving its staging folder
    // behind as a killed run does; runs 5 and 6 say so on a pipe and wait. Run 6 starts only
    // once runs 0-4 have ended, so the kill lands with exactly four runs complete, one
    // abandoned and two in flight, however fast or loaded the machine.
    std::vector<std::string> ids;
    for (const auto& run : sweep.Runs())
    {
        ids.push_back(run.id);
    }
    int started[2];
    ASSERT_EQ(::pipe(started), 0);
    pid_t pid = ::fork();
    if (pid == 0)
    {
        ::setpgid(0, 0);
        ::close(started[0]);
        int devnull = ::open("/dev/null", O_WRONLY);
        ::dup2(devnull, 1);
        ::dup2(devnull, 2);
        SweepOptions options = Options(out, 2);
        options.runInProcess = [&](int argc, char** argv)
        {
            // argv: gcsim run DIR/inputs/<id>.toml --out ...
            auto index =
                std::find(ids.begin(), ids.end(), fs::path(argv[2]).stem().string()) - ids.begin();
            if (index == 4)
            {
                struct rlimit size = {1, 1};
                ::setrlimit(RLIMIT_FSIZE, &size); // SIGXFSZ: dead without a word
            }
            else if (index > 4)
            {
                char c = 'r';
                (void)!::write(started[1], &c, 1);
                ::pause();
            }
            return Main(argc, argv, std::cout, std::cerr);
        };
        std::ostringstream log;
        RunSweep(sweep, options, log);
        ::_exit(0);
    }
    ASSERT_GT(pid, 0);
    ::setpgid(pid, pid);
    ::close(started[1]);
    char c = 0;
    for (int inFlight = 0; inFlight < 2; ++inFlight)
    {
        // 0 bytes: every process that could write has ended, the sweep too.
        ASSERT_EQ(::read(started[0], &c, 1), 1) << "the sweep ended before runs 5 and 6 started";
    }
    ::close(started[0]);
    ::kill(-pid, SIGKILL); // the sweep and its runs in flight, at once
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    std::size_t before = 0;
    std::size_t staging = 0;
    for (const auto& e : fs::directory_iterator(out + "/runs"))
    {
        bool dot = e.path().filename().string()[0] == '.';
        before += !dot && fs::exists(e.path() / "summary.json");
        staging += dot;
    }
    ASSERT_EQ(before, 4u);
    ASSERT_EQ(staging, 1u) << "run 4 left no staging folder behind";
    // Nothing half-done is taken for done: every run folder is complete.
    for (const auto& e : fs::directory_iterator(out + "/runs"))
    {
        std::string name = e.path().filename().string();
        if (name[0] != '.')
        {
            EXPECT_TRUE(fs::exists(e.path() / "summary.json")) << name;
        }
    }
    std::ostringstream log;
    SweepOutcome resumed = RunSweep(sweep, Options(out, 2), log);
    EXPECT_EQ(resumed.skipped, before);
    EXPECT_EQ(resumed.completed, sweep.Runs().size() - before);
    EXPECT_EQ(resumed.failed, 0u) << log.str();
    // Exactly one folder per run, no staging left, and the summary of an uninterrupted sweep.
    std::size_t folders = 0;
    for (const auto& e : fs::directory_iterator(out + "/runs"))
    {
        std::string name = e.path().filename().string();
        EXPECT_NE(name[0], '.') << "staging left behind: " << name;
        ++folders;
    }
    EXPECT_EQ(folders, sweep.Runs().size());
    SweepOutcome clean = RunSweep(sweep, Options(dir / "clean", 2), log);
    EXPECT_EQ(clean.failed, 0u);
    EXPECT_EQ(ReadFile(out + "/summary.csv"), ReadFile(dir / "clean/summary.csv"));
}

TEST(Collect, TheConfidenceIntervalIsStudentsT)
{
    // 1..5: mean 3, s = sqrt(2.5), t(0.975, 4) = 2.776445105; half-width 1.963243161.
    MeanCi m = MeanWithCi({1, 2, 3, 4, 5});
    EXPECT_EQ(m.n, 5u);
    EXPECT_DOUBLE_EQ(m.mean, 3.0);
    EXPECT_NEAR(m.ci95, 2.776445105 * std::sqrt(2.5) / std::sqrt(5.0), 1e-8);
    EXPECT_NEAR(m.ci95, 1.963243161, 1e-8);
    EXPECT_TRUE(std::isnan(MeanWithCi({7}).ci95));
    EXPECT_DOUBLE_EQ(MeanWithCi({4, 4, 4}).ci95, 0.0);
}

TEST(Collect, TheBootstrapIntervalIsReproducibleAndInsideTheData)
{
    auto same = BootstrapCi({4, 4, 4});
    EXPECT_DOUBLE_EQ(same.first, 4.0);
    EXPECT_DOUBLE_EQ(same.second, 4.0);
    std::vector<double> skewed = {1, 1, 1, 1, 2, 2, 3, 20};
    auto ci = BootstrapCi(skewed);
    EXPECT_EQ(ci, BootstrapCi(skewed));
    double mean = MeanWithCi(skewed).mean; // 3.875
    EXPECT_LT(ci.first, mean);
    EXPECT_GT(ci.second, mean);
    EXPECT_GE(ci.first, 1.0);
    EXPECT_LE(ci.second, 20.0);
    // Skewed data: the interval is asymmetric about the mean, unlike Student's.
    EXPECT_GT(ci.second - mean, mean - ci.first);
    EXPECT_TRUE(std::isnan(BootstrapCi({7}).first));
}

/// Replicated unicast and multicast to 4 of 16 clients on one LAN; tests add their [sweep].
const char* kPairedLan = R"(name = "paired"
[topology]
clients = 16
[group]
members = 4
[traffic]
messages = 5
[delivery]
modes = ["replicated-unicast", "multicast"]
)";

/// The index of column \p name in CSV \p rows' header.
std::size_t
Column(const std::vector<std::vector<std::string>>& rows, const std::string& name)
{
    auto at = std::find(rows[0].begin(), rows[0].end(), name);
    EXPECT_NE(at, rows[0].end()) << name;
    return static_cast<std::size_t>(at - rows[0].begin());
}

// Paired figures: per run, each mode against replicated unicast on the same members. On one
// LAN replicated unicast puts g frames on the wire per message and multicast one: the ratio is
// 1/g in every repetition, whatever members the repetition draws, so its interval is 0.
TEST(Collect, PairedRatiosAgainstReplicatedUnicastFollowTheClosedForm)
{
    ScratchFolder dir;
    Sweep sweep(WriteScenario(dir, std::string(kPairedLan) + R"([sweep]
repetitions = 3
"group.members" = [2, 4]
)"),
                {});
    std::ostringstream log;
    ASSERT_EQ(RunSweep(sweep, Options(dir / "out", 2), log).failed, 0u) << log.str();
    auto rows = ReadCsv(ReadFile(dir / "out/aggregate.csv"));
    ASSERT_EQ(rows.size(), 5u);
    auto column = [&](const std::string& name) { return Column(rows, name); };
    std::size_t ratio = column("paired_link_transmissions_ratio_mean");
    std::size_t ratioCi = column("paired_link_transmissions_ratio_ci95");
    std::size_t diff = column("paired_source_bytes_diff_mean");
    for (std::size_t i = 1; i < rows.size(); ++i)
    {
        double g = std::stod(rows[i][0]);
        bool multicast = rows[i][1] == "multicast";
        EXPECT_EQ(rows[i][column("baseline")], "replicated-unicast");
        EXPECT_DOUBLE_EQ(std::stod(rows[i][ratio]), multicast ? 1 / g : 1.0) << i;
        EXPECT_DOUBLE_EQ(std::stod(rows[i][ratioCi]), 0.0) << i;
        // P1 sends g frames of 1070 bytes per message less one: (1 - g) x 1070 x 5 messages.
        EXPECT_DOUBLE_EQ(std::stod(rows[i][diff]), multicast ? (1 - g) * 1070 * 5 : 0.0) << i;
    }
}

// [sweep] baseline picks the mode the others are compared with; a name that is not one of the
// scenario's runs is refused naming the key.
TEST(Collect, TheSweepNamesItsBaseline)
{
    ScratchFolder dir;
    const std::string text = std::string(kPairedLan) + R"([sweep]
baseline = "multicast"
repetitions = 2
"traffic.size" = [1024]
)";
    Sweep sweep(WriteScenario(dir, text), {});
    EXPECT_EQ(sweep.Baseline(), "multicast");
    std::ostringstream log;
    ASSERT_EQ(RunSweep(sweep, Options(dir / "out", 2), log).failed, 0u) << log.str();
    auto rows = ReadCsv(ReadFile(dir / "out/aggregate.csv"));
    std::size_t ratio = Column(rows, "paired_link_transmissions_ratio_mean");
    ASSERT_EQ(rows.size(), 3u);
    for (std::size_t i = 1; i < rows.size(); ++i)
    {
        EXPECT_EQ(rows[i][ratio], rows[i][1] == "multicast" ? "1" : "4") << rows[i][1];
    }
    ScratchFolder bad;
    std::string wrong = text;
    wrong.replace(wrong.find("baseline = \"multicast\""), 22, "baseline = \"multicats\"");
    try
    {
        Sweep refused(WriteScenario(bad, wrong), {});
        ADD_FAILURE() << "a baseline that is no run was accepted";
    }
    catch (const InputError& e)
    {
        EXPECT_NE(std::string(e.what()).find("sweep.baseline"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("did you mean 'multicast'"), std::string::npos)
            << e.what();
    }
}

// Three repetitions on a row of routers 1 ms apart, unicast to a member drawn per
// repetition: the mean latency moves by a millisecond a hop between them, and Student's t
// for two degrees of freedom (4.3) makes the interval wider than the mean; collect says so,
// naming the figure and the combination. With the target pinned the runs repeat each other
// and there is no warning.
TEST(Collect, WarnsWhenAnIntervalIsWiderThanItsMean)
{
    const std::string base = R"(name = "wide"
[topology]
kind = "grid"
rows = 1
columns = 8
clients = 8
access_routers = [0, 1, 2, 3, 4, 5, 6, 7]
[traffic]
messages = 5
[delivery]
modes = ["unicast"]
[sweep]
repetitions = 3
"traffic.size" = [100]
)";
    for (bool drawn : {true, false})
    {
        ScratchFolder dir;
        Sweep sweep(WriteScenario(dir, base), {drawn ? "seed=1" : "group.target=1"});
        std::ostringstream log;
        ASSERT_EQ(RunSweep(sweep, Options(dir / "out", 2), log).failed, 0u) << log.str();
        std::ostringstream out;
        CollectSweep(dir / "out", out);
        bool warned = out.str().find("warning: ") != std::string::npos;
        EXPECT_EQ(warned, drawn) << out.str();
        if (drawn)
        {
            EXPECT_NE(out.str().find("latency_ns_mean of unicast at traffic.size=100"),
                      std::string::npos)
                << out.str();
        }
    }
}

/// The entries of folder \p dir.
uint32_t
CountEntries(const std::string& dir)
{
    return static_cast<uint32_t>(
        std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

/// kPairedLan on one LAN and on a router tree (members drawn per repetition), until the
/// paired multicast/replicated-unicast link-transmission ratio is known within 5 %.
const std::string kPrecise = std::string(kPairedLan) + R"([sweep]
precision = 0.05
precision_figure = "paired_link_transmissions_ratio"
min_repetitions = 3
max_repetitions = 12
"topology.kind" = ["lan", "tree"]
)";

// [sweep] precision: on one LAN the ratio is 1/g in every repetition, so the first three settle
// it; on the tree it moves with where the members sit, and the sweep goes on until the interval
// recomputed here from summary.csv's runs is within 5 % of the mean, or stops at the maximum
// saying it was not met. The count is judged on each combination's own results, so --jobs 1,
// --jobs 2 and two shards run the same runs and collect byte-identical files.
TEST(SweepPrecision, EachCombinationRunsUntilItsIntervalIsNarrowEnough)
{
    ScratchFolder dir;
    Sweep sweep(WriteScenario(dir, kPrecise), {});
    EXPECT_EQ(sweep.Runs().size(), 2u * 12); // every repetition the rule may ask for
    std::ostringstream log;
    SweepOutcome one = RunSweep(sweep, Options(dir / "one", 1), log);
    ASSERT_EQ(one.failed, 0u) << log.str();
    auto rows = ReadCsv(ReadFile(dir / "one/aggregate.csv"));
    ASSERT_EQ(rows.size(), 5u);
    std::size_t reps = Column(rows, "repetitions");
    std::size_t met = Column(rows, "precision_met");
    std::size_t relative = Column(rows, "precision_relative_ci95");
    // Each run's ratio, recomputed from summary.csv, per topology.
    auto summary = ReadCsv(ReadFile(dir / "one/summary.csv"));
    std::size_t links = Column(summary, "link_transmissions");
    std::map<std::string, std::map<std::string, double>> byRun; // run id -> mode -> figure
    std::map<std::string, std::vector<std::string>> runsOf;     // topology -> run ids
    for (std::size_t i = 1; i < summary.size(); ++i)
    {
        const auto& r = summary[i];
        if (!byRun.count(r[0]))
        {
            runsOf[r[1]].push_back(r[0]);
        }
        byRun[r[0]][r[3]] = std::stod(r[links]);
    }
    for (std::size_t i = 1; i < rows.size(); ++i)
    {
        const std::string& kind = rows[i][0];
        uint32_t n = std::stoul(rows[i][reps]);
        EXPECT_EQ(runsOf[kind].size(), n) << kind;
        std::vector<double> ratios;
        for (const auto& id : runsOf[kind])
        {
            ratios.push_back(byRun[id]["multicast"] / byRun[id]["replicated-unicast"]);
        }
        MeanCi ci = MeanWithCi(ratios);
        double rel = ci.ci95 / ci.mean;
        if (kind == "lan")
        {
            EXPECT_EQ(n, 3u);
            EXPECT_EQ(rows[i][met], "1");
            EXPECT_DOUBLE_EQ(ci.mean, 0.25);
            continue;
        }
        EXPECT_GT(n, 3u) << "placement on the tree moves the ratio";
        if (rows[i][1] == "multicast")
        {
            EXPECT_NEAR(std::stod(rows[i][relative]), rel, 1e-9);
            EXPECT_EQ(rows[i][met], rel <= 0.05 ? "1" : "0");
            EXPECT_TRUE(rel <= 0.05 || n == 12) << rel << " after " << n;
        }
    }
    SweepOutcome two = RunSweep(sweep, Options(dir / "two", 2), log);
    for (uint32_t shard : {0, 1})
    {
        SweepOptions o = Options(dir / "shards", 2);
        o.shardIndex = shard;
        o.shardCount = 2;
        o.collect = false;
        RunSweep(sweep, o, log);
    }
    std::ostringstream collected;
    CollectSweep(dir / "shards", collected);
    EXPECT_EQ(two.completed, one.completed);
    for (std::string file : {"summary.csv", "aggregate.csv", "sweep.json"})
    {
        EXPECT_EQ(ReadFile(dir / ("one/" + file)), ReadFile(dir / ("two/" + file))) << file;
        EXPECT_EQ(ReadFile(dir / ("one/" + file)), ReadFile(dir / ("shards/" + file))) << file;
    }
    EXPECT_EQ(CountEntries(dir / "one/runs"), one.completed);
    EXPECT_EQ(CountEntries(dir / "shards/runs"), one.completed);
    // Resumed, a finished sweep runs nothing more.
    EXPECT_EQ(RunSweep(sweep, Options(dir / "one", 2), log).completed, 0u);
}

// A figure no mode has is refused on the first run's result, naming the key, not after a
// whole batch of runs.
TEST(SweepPrecision, AFigureNoRunHasIsRefusedAfterTheFirstRun)
{
    ScratchFolder dir;
    std::string text = kPrecise;
    text.replace(text.find("\"paired_link_transmissions_ratio\""), 33, "\"latncy_ns_mean\"");
    Sweep sweep(WriteScenario(dir, text), {});
    std::ostringstream log;
    try
    {
        RunSweep(sweep, Options(dir / "out", 1), log);
        ADD_FAILURE() << "ran with an unknown figure: " << log.str();
    }
    catch (const InputError& e)
    {
        EXPECT_NE(std::string(e.what()).find("sweep.precision_figure"), std::string::npos)
            << e.what();
        EXPECT_NE(std::string(e.what()).find("did you mean 'latency_ns_mean'"), std::string::npos)
            << e.what();
    }
    EXPECT_EQ(CountEntries(dir / "out/runs"), 1u);
}

/// Every numeric leaf of \p j, flattened as collect names it (a.b -> a_b).
void
Leaves(const nlohmann::json& j, const std::string& prefix, std::set<std::string>& out)
{
    for (const auto& [k, v] : j.items())
    {
        std::string name = prefix.empty() ? k : prefix + "_" + k;
        if (v.is_object())
        {
            Leaves(v, name, out);
        }
        else if (v.is_number())
        {
            out.insert(name);
        }
    }
}

/// Sweeps \p scenario (a shipped one) twice over at \p messages and checks that every numeric
/// leaf of every run's summary.json, every mode, is a column of summary.csv and a mean and
/// interval of aggregate.csv, and that columns.md explains every column of both; returns the
/// leaves.
std::set<std::string>
CheckEveryFigureIsAColumnOf(const ScratchFolder& dir, const std::string& text)
{
    Sweep sweep(WriteScenario(dir, text), {});
    std::ostringstream log;
    EXPECT_EQ(RunSweep(sweep, Options(dir / "out", 2), log).failed, 0u) << log.str();
    auto summary = ReadCsv(ReadFile(dir / "out/summary.csv"));
    auto aggregate = ReadCsv(ReadFile(dir / "out/aggregate.csv"));
    std::set<std::string> summaryColumns(summary[0].begin(), summary[0].end());
    std::set<std::string> aggregateColumns(aggregate[0].begin(), aggregate[0].end());
    std::set<std::string> leaves;
    for (const auto& run : sweep.Runs())
    {
        auto result =
            nlohmann::json::parse(ReadFile(dir / ("out/runs/" + run.id + "/summary.json")));
        for (const auto& [mode, figures] : result["modes"].items())
        {
            Leaves(figures, "", leaves);
        }
    }
    for (const auto& leaf : leaves)
    {
        EXPECT_TRUE(summaryColumns.count(leaf)) << leaf;
        EXPECT_TRUE(aggregateColumns.count(leaf + "_mean")) << leaf;
        EXPECT_TRUE(aggregateColumns.count(leaf + "_ci95")) << leaf;
    }
    std::string columns = ReadFile(dir / "out/columns.md");
    for (const auto& header : {summary[0], aggregate[0]})
    {
        for (std::size_t c = 0; c < header.size(); ++c)
        {
            EXPECT_NE(columns.find("| `" + header[c] + "` |"), std::string::npos) << header[c];
            if (header[c].find('.') == std::string::npos) // an axis is a scenario key
            {
                EXPECT_FALSE(ColumnMeaning(header[c]).empty()) << header[c] << " is not explained";
            }
        }
    }
    return leaves;
}

/// The same for shipped scenario \p scenario at \p messages.
std::set<std::string>
CheckEveryFigureIsAColumn(const ScratchFolder& dir, const std::string& scenario, int messages)
{
    return CheckEveryFigureIsAColumnOf(dir,
                                       ReadFile(SourcePath("scenarios/" + scenario + ".toml")) +
                                           "\n[sweep]\nrepetitions = 2\n\"traffic.messages\" = [" +
                                           std::to_string(messages) + "]\n");
}

// Every figure of every mode's summary.json is a column of summary.csv and a mean and
// interval of aggregate.csv, also those only one mode has (dense mode's); counts and times are
// integers; long.csv holds each filled cell once; columns.md explains every column.
TEST(Collect, EveryFigureOfEveryModeIsAColumnAndEveryColumnIsExplained)
{
    ScratchFolder dir;
    EXPECT_TRUE(CheckEveryFigureIsAColumn(dir, "dense-tree", 10).count("dense_prunes"));
    auto summary = ReadCsv(ReadFile(dir / "out/summary.csv"));
    std::size_t prunes = Column(summary, "dense_prunes");
    std::size_t simulated = Column(summary, "simulated_ns");
    std::size_t filled = 0;
    for (std::size_t i = 1; i < summary.size(); ++i)
    {
        EXPECT_EQ(summary[i][prunes].empty(), summary[i][3] != "multicast/dense") << i;
        EXPECT_EQ(summary[i][simulated].find_first_not_of("0123456789"), std::string::npos)
            << summary[i][simulated];
        for (std::size_t c = 4; c < summary[i].size(); ++c)
        {
            filled += !summary[i][c].empty();
        }
    }
    EXPECT_EQ(ReadCsv(ReadFile(dir / "out/long.csv")).size(), 1 + filled);
}

// The same for the figures membership (churn: IGMP's joins, leaves and control traffic) and
// ordering (hold-back, sequencer traffic) add to their modes.
TEST(Collect, MembershipAndOrderingFiguresAreColumnsToo)
{
    for (const auto& [scenario, figure] :
         {std::pair<std::string, std::string>{"churn", "membership_"}, {"ordering", "ordering_"}})
    {
        SCOPED_TRACE(scenario);
        ScratchFolder dir;
        auto leaves = CheckEveryFigureIsAColumn(dir, scenario, 3);
        const std::string prefix = figure; // C++17 lambdas cannot capture a structured binding
        EXPECT_TRUE(std::any_of(leaves.begin(), leaves.end(),
                                [&](const std::string& l) { return l.rfind(prefix, 0) == 0; }))
            << prefix;
    }
}

// The same for the figures several groups and the routers' forwarding state add (a ring,
// 1 or 3 groups, 2 senders each, with dense mode's control per group); their per-group lists
// stay in summary.json.
TEST(Collect, GroupsAndForwardingStateFiguresAreColumnsToo)
{
    ScratchFolder dir;
    auto leaves = CheckEveryFigureIsAColumnOf(dir, R"(name = "groups-columns"
[topology]
kind = "ring"
clients = 8
[group]
members = 3
senders_per_group = 2
[traffic]
messages = 2
[delivery]
modes = ["multicast"]
multicast_routing = ["shared-tree", "dense"]
[sweep]
repetitions = 2
"group.count" = [1, 3]
)");
    for (const char* figure :
         {"forwarding_state_entries", "forwarding_state_interfaces_per_router_max",
          "groups_deliveries", "groups_control_bytes_per_group"})
    {
        EXPECT_TRUE(leaves.count(figure)) << figure;
    }
}

} // namespace
} // namespace gcsim::test
