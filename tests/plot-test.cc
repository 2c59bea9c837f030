// gcsim plot: the figures of a run folder and of a sweep folder, their scripts re-rendering
// with gnuplot, and the folders and programs it refuses.
#include "scratch/gcsim/plot/plot.h"
#include "scratch/gcsim/sweep/sweep.h"
#include "test-utilities.h"

#include <cstdlib>
#include <sys/wait.h>

namespace gcsim::test
{
namespace
{

namespace fs = std::filesystem;

bool
HaveGnuplot()
{
    return std::system("gnuplot --version >/dev/null 2>&1") == 0;
}

/// A small run: the built-in scenario, 20 messages.
std::string
SmallRun(const ScratchFolder& dir)
{
    std::string out = dir / "run";
    auto r = RunCommand({"run", "--out", out, "-q", "--set", "traffic.messages=20"});
    EXPECT_EQ(r.status, 0) << r.err;
    return out;
}

/// The figures of a sweep folder.
std::vector<std::string>
SweepFigureNames()
{
    return {
        "latency-mean", "latency-p99",        "completion-mean",           "delivery-ratio",
        "source-bytes", "link-transmissions", "paired-link-transmissions", "paired-latency-mean"};
}

/// Sets an environment variable for the scope, and puts it back.
class ScopedEnv
{
public:
    ScopedEnv(const char* name, const char* value)
      : m_name(name)
    {
        if (const char* old = std::getenv(name))
        {
            m_old = old;
            m_had = true;
        }
        value ? setenv(name, value, 1) : unsetenv(name);
    }
    ~ScopedEnv()
    {
        m_had ? setenv(m_name.c_str(), m_old.c_str(), 1) : unsetenv(m_name.c_str());
    }

private:
    std::string m_name;
    std::string m_old;
    bool m_had{false};
};

/// A small sweep: 2 group sizes, 2 repetitions, run by the gcsim binary.
std::string
SmallSweep(const ScratchFolder& dir)
{
    std::string scenario = dir / "sweep.toml";
    WriteFile(scenario, R"(name = "plot-test-sweep"
[topology]
kind = "lan"
clients = 8
[traffic]
messages = 10
[delivery]
modes = ["unicast", "replicated-unicast", "multicast", "broadcast"]
arp = "dynamic"
[sweep]
repetitions = 2
"group.members" = [2, 8]
)");
    SweepOptions options;
    options.out = dir / "sweep";
    options.jobs = 2;
    options.executable = GCSIM_BINARY;
    std::ostringstream log;
    SweepOutcome outcome = RunSweep(Sweep(scenario, {}), options, log);
    EXPECT_EQ(outcome.failed, 0u) << log.str();
    return options.out;
}

/// Every figure in DIR/plots is a real PNG and SVG, with its script and data beside it.
void
ExpectFigures(const std::string& folder, const std::vector<std::string>& names)
{
    fs::path plots = fs::path(folder) / "plots";
    for (const auto& name : names)
    {
        SCOPED_TRACE(name);
        std::string png = ReadFile((plots / (name + ".png")).string());
        ASSERT_GT(png.size(), 4096u);
        EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
        std::string svg = ReadFile((plots / (name + ".svg")).string());
        EXPECT_NE(svg.find("<?xml"), std::string::npos);
        EXPECT_NE(svg.find("<svg"), std::string::npos);
        EXPECT_NE(svg.find("</svg>"), std::string::npos);
        EXPECT_TRUE(fs::is_regular_file(plots / (name + ".gp")));
        EXPECT_GT(fs::file_size(plots / (name + ".dat")), 0u);
    }
    // Nothing else: no staging folder, no temporary file.
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(plots))
    {
        ++entries;
    }
    EXPECT_EQ(entries, names.size() * 4);
}

/// Each script renders its figures again, from another folder, beside itself.
void
ExpectScriptsRerender(const std::string& folder, const std::vector<std::string>& names)
{
    fs::path plots = fs::absolute(fs::path(folder) / "plots");
    for (const auto& name : names)
    {
        SCOPED_TRACE(name);
        fs::remove(plots / (name + ".png"));
        fs::remove(plots / (name + ".svg"));
        std::string command =
            "cd / && gnuplot " + ShellQuote((plots / (name + ".gp")).string()) + " >/dev/null 2>&1";
        int status = std::system(command.c_str());
        ASSERT_TRUE(WIFEXITED(status));
        EXPECT_EQ(WEXITSTATUS(status), 0);
        EXPECT_GT(fs::file_size(plots / (name + ".png")), 4096u);
        EXPECT_NE(ReadFile((plots / (name + ".svg")).string()).find("<svg"), std::string::npos);
    }
}

TEST(Plot, RunFolderGivesLatencyCdfLinkStressAndPerMessageCost)
{
    if (!HaveGnuplot())
    {
        GTEST_SKIP() << "gnuplot is not installed";
    }
    ScratchFolder dir;
    std::string run = SmallRun(dir);
    auto r = RunCommand({"plot", run});
    ASSERT_EQ(r.status, 0) << r.err;
    std::vector<std::string> names = {"latency-cdf", "link-stress", "per-message-cost",
                                      "latency-parts"};
    ExpectFigures(run, names);
    // The scenario names the figures; every mode has a curve or bars.
    std::string cdf = ReadFile(run + "/plots/latency-cdf.gp");
    EXPECT_NE(cdf.find("lan-modes"), std::string::npos);
    for (const char* mode : {"unicast", "replicated-unicast", "multicast", "broadcast"})
    {
        EXPECT_NE(cdf.find(std::string("\"") + mode), std::string::npos) << mode;
        EXPECT_NE(ReadFile(run + "/plots/link-stress.dat").find(mode), std::string::npos);
    }
    ExpectScriptsRerender(run, names);
    // Plotting again replaces the figures.
    EXPECT_EQ(RunCommand({"plot", run}).status, 0);
    ExpectFigures(run, names);
}

TEST(Plot, SweepFolderGivesCurvesAgainstGroupSize)
{
    if (!HaveGnuplot())
    {
        GTEST_SKIP() << "gnuplot is not installed";
    }
    ScratchFolder dir;
    std::string sweep = SmallSweep(dir);
    auto r = RunCommand({"plot", sweep});
    ASSERT_EQ(r.status, 0) << r.err;
    std::vector<std::string> names = SweepFigureNames();
    ExpectFigures(sweep, names);
    std::string bytes = ReadFile(sweep + "/plots/source-bytes.gp");
    EXPECT_NE(bytes.find("plot-test-sweep"), std::string::npos);
    EXPECT_NE(bytes.find("set logscale x"), std::string::npos);
    EXPECT_NE(bytes.find("set logscale y"), std::string::npos);
    EXPECT_NE(bytes.find("group size (members)"), std::string::npos);
    // Replicated unicast: one copy per member, the x value, from P1.
    std::string data = ReadFile(sweep + "/plots/source-bytes.dat");
    auto at = data.find("# replicated-unicast");
    ASSERT_NE(at, std::string::npos);
    std::istringstream block(data.substr(data.find('\n', at) + 1));
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    block >> x1 >> y1;
    block.ignore(1000, '\n');
    block >> x2 >> y2;
    EXPECT_EQ(x1, 2);
    EXPECT_EQ(x2, 8);
    EXPECT_NEAR(y2 / y1, 4.0, 0.1);
    // Paired against replicated unicast in the same run, whose 10 messages put 10 g frames on
    // the LAN plus dynamic ARP's request and reply per member: multicast's 10 frames are
    // 10 / 12 g of that, replicated unicast's own curve 1.
    std::string paired = ReadFile(sweep + "/plots/paired-link-transmissions.dat");
    EXPECT_NE(paired.find("# multicast\n2 0.4166666667 0 0.4166666667 0.4166666667\n"
                          "8 0.1041666667 0 0.1041666667 0.1041666667\n"),
              std::string::npos)
        << paired;
    EXPECT_NE(paired.find("# replicated-unicast\n2 1 0 1 1\n8 1 0 1 1\n"), std::string::npos);
    EXPECT_NE(ReadFile(sweep + "/plots/paired-link-transmissions.gp")
                  .find("/ replicated-unicast in the same run"),
              std::string::npos);
    // The latency figure carries 95 % confidence bars.
    EXPECT_NE(ReadFile(sweep + "/plots/latency-mean.gp").find("yerrorlines"), std::string::npos);
    ExpectScriptsRerender(sweep, names);
}

// One step: `gcsim run` draws its figures into the results folder and shows them in
// report.html, unless --no-plots; without gnuplot it says so in one line and succeeds.
TEST(Plot, RunDrawsItsFiguresIntoTheReportUnlessToldNot)
{
    if (!HaveGnuplot())
    {
        GTEST_SKIP() << "gnuplot is not installed";
    }
    ScopedEnv plots("GCSIM_NO_PLOTS", nullptr);
    ScratchFolder dir;
    auto r = RunCommand({"run", "--out", dir / "run", "-q", "--set", "traffic.messages=5"});
    ASSERT_EQ(r.status, 0) << r.err;
    std::vector<std::string> names = {"latency-cdf", "link-stress", "per-message-cost",
                                      "latency-parts"};
    ExpectFigures(dir / "run", names);
    EXPECT_NE(r.out.find("plots in " + dir / "run" + "/plots: latency-cdf"), std::string::npos)
        << r.out;
    std::string report = ReadFile(dir / "run/report.html");
    for (const auto& name : names)
    {
        EXPECT_NE(report.find(name + ".svg"), std::string::npos) << name;
    }
    r = RunCommand(
        {"run", "--out", dir / "bare", "-q", "--no-plots", "--set", "traffic.messages=5"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_FALSE(fs::exists(dir / "bare/plots"));
    {
        ScopedEnv path("PATH", (dir / "nowhere").c_str());
        r = RunCommand({"run", "--out", dir / "nognuplot", "-q", "--set", "traffic.messages=5"});
    }
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_FALSE(fs::exists(dir / "nognuplot/plots"));
    EXPECT_EQ(r.err,
              "gcsim: note: no plots: gnuplot is not installed (apt-get install gnuplot-nox, or "
              "scripts/setup.sh; --no-plots skips them)\n");
    EXPECT_TRUE(fs::exists(dir / "nognuplot/report.html"));
}

// `gcsim sweep` alone: runs, collects, draws the sweep's figures and writes the report that
// shows them; its runs draw none (`gcsim plot DIR/runs/<id>` does).
TEST(Plot, SweepDrawsItsFiguresAfterCollecting)
{
    if (!HaveGnuplot())
    {
        GTEST_SKIP() << "gnuplot is not installed";
    }
    ScopedEnv plots("GCSIM_NO_PLOTS", nullptr);
    ScratchFolder dir;
    std::string scenario = dir / "sweep.toml";
    WriteFile(scenario, R"(name = "one-step"
[topology]
clients = 8
[traffic]
messages = 5
[delivery]
modes = ["replicated-unicast", "multicast"]
[sweep]
repetitions = 2
"group.members" = [2, 4]
)");
    auto r = RunCommand({"sweep", scenario, "--out", dir / "sweep", "--jobs", "2"});
    ASSERT_EQ(r.status, 0) << r.err;
    ExpectFigures(dir / "sweep", SweepFigureNames());
    std::string report = ReadFile(dir / "sweep/report.html");
    EXPECT_NE(report.find("paired-link-transmissions.svg"), std::string::npos);
    for (const auto& run : fs::directory_iterator(dir / "sweep/runs"))
    {
        EXPECT_FALSE(fs::exists(run.path() / "plots")) << run.path();
    }
}

TEST(Plot, AThroughputRunAlsoGivesDeliveryRatioAndLatencyAgainstOfferedLoad)
{
    ScratchFolder dir;
    std::string scenario = dir / "tput.toml";
    WriteFile(scenario, R"(name = "tput"
[topology]
kind = "lan"
clients = 4
queue_size = "4p"
[group]
members = [1, 3]
[traffic]
pattern = "throughput"
messages = 200
size = 1024
rate_min = 1000
[delivery]
modes = ["replicated-unicast", "multicast"]
)");
    CommandResult run = RunCommand({"run", scenario, "-q", "--no-report", "--out", dir / "run"});
    ASSERT_EQ(run.status, 0) << run.err;
    CommandResult plot = RunCommand({"plot", dir / "run"});
    ASSERT_EQ(plot.status, 0) << plot.err;
    ExpectFigures(dir / "run", {"latency-cdf", "link-stress", "per-message-cost", "latency-parts",
                                "offered-load"});
    // One block per mode, each as many rows as that mode's search tried rates.
    std::string data = ReadFile(dir / "run/plots/offered-load.dat");
    auto rows = ReadCsv(ReadFile(dir / "run/throughput.csv"));
    std::size_t points = 0;
    std::istringstream lines(data);
    for (std::string line; std::getline(lines, line);)
    {
        points += !line.empty() && line[0] != '#';
    }
    EXPECT_EQ(points, rows.size() - 1);
}

TEST(Plot, NeitherRunNorSweepFolderIsBadInput)
{
    ScratchFolder dir;
    WriteFile(dir / "notes.txt", "not results\n");
    auto r = RunCommand({"plot", dir.Path()});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("neither a run folder nor a sweep folder"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir / "plots"));
    EXPECT_EQ(RunCommand({"plot", dir / "missing"}).status, 2);
    EXPECT_EQ(RunCommand({"plot"}).status, 2);
}

TEST(Plot, MissingOrFailingGnuplotLeavesNoFigure)
{
    ScratchFolder dir;
    std::string run = SmallRun(dir);
    std::ostringstream out;
    std::ostringstream err;
    EXPECT_EQ(PlotCommand(run, out, err, {"/nonexistent/gnuplot"}), 1);
    EXPECT_NE(err.str().find("gnuplot not found"), std::string::npos) << err.str();
    EXPECT_FALSE(fs::exists(fs::path(run) / "plots"));

    // gnuplot that fails: an error, and no plots/ left behind (no partial figure, no staging).
    EXPECT_THROW(PlotFolder(run, out, {"/bin/false"}), std::runtime_error);
    EXPECT_FALSE(fs::exists(fs::path(run) / "plots"));
    // A plots/ that was there stays, with nothing new in it.
    fs::create_directories(fs::path(run) / "plots");
    EXPECT_THROW(PlotFolder(run, out, {"/bin/false"}), std::runtime_error);
    ASSERT_TRUE(fs::is_directory(fs::path(run) / "plots"));
    EXPECT_TRUE(fs::is_empty(fs::path(run) / "plots"));
}

} // namespace
} // namespace gcsim::test
