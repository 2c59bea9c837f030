// Plain answers to plain mistakes: a run of a sweep file says what it runs, validate describes
// a sweep, a sweep of a file without one is refused, a bare name is a list of one, an unknown
// command gets a did-you-mean, a wide table fits the terminal, counts agree with their nouns,
// and the demo script reads paths from the folder it was called from.
#include "scratch/gcsim/sweep/sweep.h"
#include "test-utilities.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <sstream>

namespace gcsim::test
{
namespace
{

namespace fs = std::filesystem;

const char* kSmall = R"(name = "answers"
[topology]
kind = "lan"
clients = 8
[group]
members = [1, 2, 3]
[traffic]
messages = 2
size = 100
[delivery]
modes = ["unicast", "multicast"]
)";

std::vector<std::string>
Lines(const std::string& text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
    {
        lines.push_back(line);
    }
    return lines;
}

std::size_t
Count(const std::string& text, const std::string& what)
{
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    {
        ++n;
    }
    return n;
}

TEST(PlainAnswers, ARunOfASweepFileSaysItRunsTheBaseScenarioAndHowToSweep)
{
    ScratchFolder dir;
    std::string file = dir / "s.toml";
    WriteFile(file, std::string(kSmall) + "[sweep]\nrepetitions = 3\n");
    CommandResult r =
        RunCommand({"run", file, "--out", dir / "r", "--no-report", "--set", "traffic.messages=3"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(Lines(r.out).front(),
              "note: " + file +
                  " has a [sweep] table; gcsim run runs its base scenario once, without the sweep "
                  "(gcsim sweep " +
                  file + " --set traffic.messages=3 runs the sweep)")
        << r.out;
    EXPECT_EQ(Count(r.out, "note:"), 1U) << r.out;
    EXPECT_TRUE(fs::exists(dir / "r/summary.json")); // the base scenario, once

    CommandResult quiet = RunCommand({"run", file, "-q", "--out", dir / "q", "--no-report"});
    ASSERT_EQ(quiet.status, 0) << quiet.err;
    EXPECT_EQ(quiet.out.find("note:"), std::string::npos) << quiet.out;

    WriteFile(dir / "plain.toml", kSmall);
    CommandResult plain =
        RunCommand({"run", dir / "plain.toml", "--out", dir / "p", "--no-report"});
    ASSERT_EQ(plain.status, 0) << plain.err;
    EXPECT_EQ(plain.out.find("note:"), std::string::npos) << plain.out;
}

TEST(PlainAnswers, ValidateDescribesTheSweepAndWritesNothing)
{
    ScratchFolder dir;
    std::string fixed = dir / "fixed.toml";
    WriteFile(fixed, std::string(kSmall) + R"([sweep]
repetitions = 3
"group.members" = [2, 4, 8]
"topology.data_rate" = ["10Mbps", "100Mbps"]
skip = ["group.members > 4"]
)");
    std::string precise = dir / "precise.toml";
    WriteFile(precise, std::string(kSmall) + R"([sweep]
precision = 0.05
max_repetitions = 20
"group.members" = [2, 4]
)");
    auto before = dir.Entries();
    CommandResult f = RunCommand({"validate", fixed});
    ASSERT_EQ(f.status, 0) << f.err;
    EXPECT_EQ(Lines(f.out).back(),
              "sweep: group.members (3 values), topology.data_rate (2 values); "
              "4 combinations (2 skipped), 3 repetitions each: 12 runs "
              "(gcsim sweep " +
                  fixed + " runs them)")
        << f.out;
    CommandResult p = RunCommand({"validate", precise, "--set", "traffic.messages=4"});
    ASSERT_EQ(p.status, 0) << p.err;
    EXPECT_EQ(Lines(p.out).back(),
              "sweep: group.members (2 values); 2 combinations, each 5..20 repetitions until the "
              "95 % interval of latency_ns_mean is within 5 % of its mean: 10 to 40 runs (gcsim "
              "sweep " +
                  precise + " --set traffic.messages=4 runs them)")
        << p.out;
    EXPECT_NE(p.out.find("of results per run"), std::string::npos) << p.out;
    EXPECT_EQ(dir.Entries(), before);

    // A plain file: no sweep line; one client is "1 client".
    WriteFile(dir / "one.toml", "[topology]\nkind = \"p2p\"\n[traffic]\nmessages = 1\n");
    CommandResult one = RunCommand({"validate", dir / "one.toml"});
    ASSERT_EQ(one.status, 0) << one.err;
    EXPECT_NE(one.out.find("1 client on a p2p"), std::string::npos) << one.out;
    EXPECT_NE(one.out.find("1 group message,"), std::string::npos) << one.out;
    EXPECT_EQ(one.out.find("sweep:"), std::string::npos) << one.out;
}

TEST(PlainAnswers, SweepAndSlurmRefuseAFileWithoutASweepTable)
{
    ScratchFolder dir;
    std::string file = dir / "plain.toml";
    WriteFile(file, kSmall);
    auto before = dir.Entries();
    for (const std::string command : {"sweep", "slurm"})
    {
        SCOPED_TRACE(command);
        CommandResult r = RunCommand({command, file, "--out", dir / "out"});
        EXPECT_EQ(r.status, 2);
        EXPECT_EQ(r.out, "");
        EXPECT_EQ(r.err, "gcsim: error: " + file +
                             ": has no [sweep] table, so there is nothing to sweep; `gcsim run " +
                             file +
                             "` runs it once, and a [sweep] table with e.g. `repetitions = 5` "
                             "repeats it (see the README's Sweeps)\n");
        EXPECT_EQ(dir.Entries(), before);
    }
}

TEST(PlainAnswers, SweepAndSlurmCountInTheSingularForOne)
{
    ScratchFolder dir;
    WriteFile(dir / "s.toml", std::string(kSmall) + "[sweep]\nrepetitions = 1\n");
    CommandResult slurm =
        RunCommand({"slurm", dir / "s.toml", "--out", dir / "slurm", "--array-size", "1"});
    ASSERT_EQ(slurm.status, 0) << slurm.err;
    EXPECT_NE(slurm.out.find("(1 run in 1 array task)"), std::string::npos) << slurm.out;
    CommandResult sweep = RunCommand({"sweep", dir / "s.toml", "--out", dir / "sweep", "-j", "1"});
    ASSERT_EQ(sweep.status, 0) << sweep.err;
    EXPECT_NE(sweep.out.find("sweep answers: 1 run, 0 already complete"), std::string::npos)
        << sweep.out;
    EXPECT_NE(sweep.out.find("collected 2 rows from 1 of 1 run into"), std::string::npos)
        << sweep.out;
    EXPECT_EQ(sweep.out.find("1 runs"), std::string::npos) << sweep.out;
}

TEST(PlainAnswers, ABareNameIsAListOfOne)
{
    const std::string lan = "[topology]\nkind = \"lan\"\nclients = 4\n";
    Scenario listed = ScenarioFrom(lan + "[delivery]\nmodes = [\"multicast\"]\n");
    Scenario bare = ScenarioFrom(lan + "[delivery]\nmodes = \"multicast\"\n");
    Scenario set = ScenarioFrom(lan, {"delivery.modes=multicast"});
    EXPECT_EQ(bare.delivery.modes, std::vector<std::string>{"multicast"});
    EXPECT_EQ(set.delivery.modes, std::vector<std::string>{"multicast"});
    // The resolved scenario still writes a list: the same text either way.
    EXPECT_EQ(ResolvedToml(bare), ResolvedToml(listed));
    EXPECT_EQ(ResolvedToml(set), ResolvedToml(listed));
    EXPECT_NE(ResolvedToml(bare).find("modes = [ 'multicast' ]"), std::string::npos)
        << ResolvedToml(bare);

    // The other name lists took a bare name already.
    Scenario model = ScenarioFrom(lan + "[group]\nmembers = [1]\n[membership]\nmodel = \"igmp\"\n"
                                        "events = [{ at = \"2s\", client = 4, action = "
                                        "\"join\" }]\n");
    EXPECT_EQ(model.membership.models, std::vector<std::string>{"igmp"});

    auto refusal = [&lan](const std::string& modes)
    {
        try
        {
            ScenarioFrom(lan + "[delivery]\nmodes = " + modes + "\n");
        }
        catch (const InputError& e)
        {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    EXPECT_EQ(refusal("\"multicats\"")
                  .rfind("test.toml:5: delivery.modes: unknown mode "
                         "'multicats' (did you mean 'multicast'?); accepted: ",
                         0),
              0U)
        << refusal("\"multicats\"");
    EXPECT_NE(refusal("3").find("expected a mode name or a list of them, got an integer"),
              std::string::npos);
    EXPECT_NE(refusal("[]").find("the list is empty"), std::string::npos);
}

TEST(PlainAnswers, AnUnknownCommandIsNamedWithADidYouMean)
{
    CommandResult r = RunCommand({"frobnicate"});
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "gcsim: error: unknown command 'frobnicate'; the commands are: run, sweep, "
                     "collect, plot, slurm, report, validate, live, compare, chat, serve\nRun "
                     "with --help for more information.\n");
    CommandResult near = RunCommand({"swep", "s.toml"});
    EXPECT_EQ(near.status, 2);
    EXPECT_EQ(near.err.rfind("gcsim: error: unknown command 'swep' (did you mean 'sweep'?); the "
                             "commands are: run, sweep,",
                             0),
              0U)
        << near.err;
    EXPECT_NE(RunCommand({"valdiate"}).err.find("(did you mean 'validate'?)"), std::string::npos);
}

/// The table a run prints (from its first mode's header to "results in").
std::vector<std::string>
PrintedTable(const std::string& out)
{
    std::vector<std::string> lines = Lines(out);
    auto end = std::find_if(lines.begin(), lines.end(),
                            [](const std::string& l) {
                                return l.rfind("results in ", 0) == 0 ||
                                       l.rfind("closed forms beside", 0) == 0;
                            });
    return {lines.begin(), end};
}

TEST(PlainAnswers, AWideTableWrapsIntoBlocksOfWholeColumnsThatFitColumns)
{
    ScratchFolder dir;
    WriteFile(dir / "wide.toml", R"(name = "wide"
[topology]
kind = "tree"
clients = 8
[traffic]
messages = 2
[delivery]
multicast_routing = ["source-tree", "shared-tree", "flood", "dense"]
)");
    CommandResult whole =
        RunCommand({"run", dir / "wide.toml", "-q", "--no-report", "--out", dir / "whole"});
    ASSERT_EQ(whole.status, 0) << whole.err;
    setenv("COLUMNS", "80", 1);
    CommandResult wrapped =
        RunCommand({"run", dir / "wide.toml", "-q", "--no-report", "--out", dir / "wrapped"});
    unsetenv("COLUMNS");
    ASSERT_EQ(wrapped.status, 0) << wrapped.err;

    // table.txt is the one wide table either way, and so is the unwrapped console's.
    std::string table = ReadFile(dir / "whole/table.txt");
    EXPECT_EQ(ReadFile(dir / "wrapped/table.txt"), table);
    EXPECT_NE(whole.out.find(table), std::string::npos);
    std::vector<std::string> rows = Lines(table);
    // The modes' table only: the closed forms' block after it has its own layout.
    rows.erase(std::find_if(rows.begin(), rows.end(),
                            [](const std::string& l)
                            { return l.rfind("closed forms beside", 0) == 0; }),
               rows.end());
    while (!rows.empty() && rows.back().empty())
    {
        rows.pop_back();
    }
    ASSERT_GT(rows.size(), 4U);
    EXPECT_GT(rows[2].size(), 160U) << "not a wide table";

    for (const auto& line : Lines(wrapped.out))
    {
        EXPECT_LE(line.size(), 80U) << line;
    }
    // Blocks a blank line apart after the title: each a header and every row, its label first.
    std::vector<std::string> printed = PrintedTable(wrapped.out);
    std::size_t title = 0;
    while (title < printed.size() && printed[title].empty())
    {
        ++title;
    }
    while (title < printed.size() && !printed[title].empty())
    {
        ++title; // the title's lines, wrapped too
    }
    std::vector<std::string> labels;
    for (std::size_t i = 3; i < rows.size(); ++i)
    {
        labels.push_back(rows[i].substr(0, rows[i].find("  ")));
    }
    std::size_t blocks = 0;
    std::string headers;
    for (std::size_t at = title + 1; at < printed.size(); at += labels.size() + 2)
    {
        ++blocks;
        headers += printed[at];
        ASSERT_LE(at + labels.size(), printed.size());
        for (std::size_t i = 0; i < labels.size(); ++i)
        {
            EXPECT_EQ(printed[at + 1 + i].rfind(labels[i], 0), 0U) << printed[at + 1 + i];
        }
        if (at + labels.size() + 1 < printed.size())
        {
            EXPECT_EQ(printed[at + labels.size() + 1], "");
        }
    }
    EXPECT_GE(blocks, 3U);
    std::istringstream in(headers);
    std::istringstream all(rows[2]);
    std::vector<std::string> seen{std::istream_iterator<std::string>(in), {}};
    std::vector<std::string> modes{std::istream_iterator<std::string>(all), {}};
    EXPECT_EQ(seen, modes); // every column once, in order
}

TEST(PlainAnswers, TheDemoReadsAScenarioAndOutFromTheFolderItWasCalledFrom)
{
    ScratchFolder dir;
    fs::create_directories(dir / "mine");
    WriteFile(dir / "mine/tiny.toml", kSmall);
    std::string command = "cd " + ShellQuote(dir.Path()) + " && GCSIM=" + GCSIM_BINARY + " " +
                          ShellQuote(SourcePath("scripts/demo.sh")) +
                          " mine/tiny.toml --out here -q --no-report >" + ShellQuote(dir / "log") +
                          " 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0) << ReadFile(dir / "log");
    EXPECT_TRUE(fs::exists(dir / "here/summary.json")) << ReadFile(dir / "log");
    EXPECT_NE(ReadFile(dir / "log").find("results in " + dir / "here"), std::string::npos)
        << ReadFile(dir / "log");
}

} // namespace
} // namespace gcsim::test
