// Bad input: exit status 2, a message naming the file, line and key and what is accepted,
// and nothing written. The hostile corpus (tests/hostile/) runs through the real program,
// each file under a limit of CPU time.
#include "test-utilities.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <set>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace gcsim::test
{
namespace
{

const char* kValid = R"(name = "bad-input"
[topology]
kind = "lan"
clients = 4
data_rate = "100Mbps"
delay = "500ns"
[group]
members = [1, 2]
[traffic]
messages = 2
size = 100
[delivery]
modes = ["unicast", "multicast"]
)";

struct Case
{
    const char* title;
    std::string scenario;               //!< file contents
    std::vector<std::string> extraArgs; //!< more command-line arguments
    std::vector<std::string> mustSay;   //!< substrings of the error message ("@" = the file)
};

void
PrintTo(const Case& c, std::ostream* os)
{
    *os << c.title;
}

/// A ring of four routers (R0-R1-R2-R3-R0), then \p more (its line 4 on).
std::string
Ring4(const std::string& more)
{
    return "[topology]\nkind = \"ring\"\nrouters = 4\n" + more;
}

/// kValid with line \p line (1-based) replaced by \p text.
std::string
WithLine(int line, const std::string& text)
{
    std::istringstream in(kValid);
    std::string out;
    int n = 1;
    for (std::string l; std::getline(in, l); ++n)
    {
        out += (n == line ? text : l) + "\n";
    }
    return out;
}

/// A ring of 4 clients, group [1, 2], multicast only, with \p lines from line 6 of [group].
std::string
ManyGroups(const std::string& lines, const std::string& kind = "ring")
{
    return "[topology]\nkind = \"" + kind + "\"\nclients = 4\n[group]\nmembers = [1, 2]\n" + lines +
           "\n[traffic]\nmessages = 2\n[delivery]\nmodes = [\"multicast\"]\n";
}

class BadInput : public ::testing::TestWithParam<Case>
{
};

TEST_P(BadInput, ExitsWithTwoNamesTheKeyAndWritesNothing)
{
    const Case& c = GetParam();
    ScratchFolder dir;
    std::string file = dir / "scenario.toml";
    WriteFile(file, c.scenario);
    std::vector<std::string> args = {"run", file, "--out", dir / "results"};
    args.insert(args.end(), c.extraArgs.begin(), c.extraArgs.end());
    CommandResult r = RunCommand(args);
    EXPECT_EQ(r.status, 2) << r.err;
    for (std::string s : c.mustSay)
    {
        if (s.rfind("@", 0) == 0)
        {
            s = file + s.substr(1);
        }
        EXPECT_NE(r.err.find(s), std::string::npos) << "expected '" << s << "' in: " << r.err;
    }
    EXPECT_EQ(dir.Entries(), std::vector<std::string>{file}) << "something was written";
    EXPECT_TRUE(r.out.empty()) << r.out;
}

INSTANTIATE_TEST_SUITE_P(
    Scenarios, BadInput,
    ::testing::Values(
        Case{"MalformedToml", WithLine(4, "clients = "), {}, {"@:4:", "not valid TOML"}},
        Case{"UnknownKeyWithDidYouMean",
             WithLine(4, "client = 4"),
             {},
             {"@:4:", "topology.client", "did you mean 'topology.clients'"}},
        Case{"UnknownTable",
             WithLine(7, "[groups]"),
             {},
             {"@:7:", "groups", "did you mean 'group'"}},
        Case{"UnknownMode",
             WithLine(13, "modes = [\"unicast\", \"multicats\"]"),
             {},
             {"@:13:", "delivery.modes", "unknown mode 'multicats'", "did you mean 'multicast'",
              "broadcast"}},
        Case{"UnknownKind",
             WithLine(3, "kind = \"lna\""),
             {},
             {"@:3:", "topology.kind", "did you mean 'lan'", "accepted: p2p, lan"}},
        Case{"MemberOutsideTheNetwork",
             WithLine(8, "members = [1, 9]"),
             {},
             {"@:8:", "group.members", "client 9 is not in the network", "1 to 4"}},
        Case{"MemberZero",
             WithLine(8, "members = [0, 2]"),
             {},
             {"@:8:", "group.members", "client 0"}},
        Case{"GroupBiggerThanTheNetwork",
             WithLine(8, "members = 9"),
             {},
             {"@:8:", "group.members", "does not fit a network of 4 clients"}},
        Case{"FractionAboveOne",
             WithLine(8, "members = 1.5"),
             {},
             {"@:8:", "group.members", "at most 1"}},
        Case{"DuplicateMember", WithLine(8, "members = [2, 2]"), {}, {"@:8:", "listed twice"}},
        Case{"NegativeRate",
             WithLine(5, "data_rate = \"-5Mbps\""),
             {},
             {"@:5:", "topology.data_rate", "between 1bps"}},
        Case{"UnparsableRate",
             WithLine(5, "data_rate = \"fast\""),
             {},
             {"@:5:", "topology.data_rate", "cannot read 'fast'", "Mbps"}},
        Case{"RateWithoutUnit",
             WithLine(5, "data_rate = 100"),
             {},
             {"@:5:", "topology.data_rate", "expected a rate with a unit"}},
        Case{"NegativeDelay",
             WithLine(6, "delay = \"-2ms\""),
             {},
             {"@:6:", "topology.delay", "must not be negative"}},
        Case{"UnparsableDelay",
             WithLine(6, "delay = \"2 parsecs\""),
             {},
             {"@:6:", "topology.delay", "cannot read '2 parsecs'"}},
        Case{"NegativeSize",
             WithLine(11, "size = -1"),
             {},
             {"@:11:", "traffic.size", "between 16 and 65507"}},
        Case{"SizeOverTheUdpMaximum",
             WithLine(11, "size = 70000"),
             {},
             {"@:11:", "traffic.size", "65507"}},
        Case{"ClientsAsText",
             WithLine(4, "clients = \"many\""),
             {},
             {"@:4:", "topology.clients", "expected an integer, got a string"}},
        Case{"ZeroClients",
             WithLine(4, "clients = 0"),
             {},
             {"@:4:", "topology.clients", "between 1"}},
        Case{"NegativeInterval",
             WithLine(10, "messages = 2\ninterval = \"-1s\""),
             {},
             {"@:11:", "traffic.interval", "must not be negative"}},
        Case{"NameWithPathTraversal",
             WithLine(1, "name = \"../../etc\""),
             {},
             {"@:1:", "name", "cannot name a results folder"}},
        Case{"BadSetValue",
             kValid,
             {"--set", "topology.clients=abc"},
             {"--set topology.clients=abc", "topology.clients", "expected an integer"}},
        Case{"UnknownSetKey",
             kValid,
             {"--set", "traffic.mesages=5"},
             {"--set traffic.mesages=5", "did you mean 'traffic.messages'"}},
        Case{"MissingTranscript",
             WithLine(10, "pattern = \"replay\"\ntranscript = \"nowhere.txt\""),
             {},
             {"@:11:", "traffic.transcript", "nowhere.txt"}},
        Case{"PruneLifetimeWithoutDense",
             WithLine(13, "modes = [\"multicast\"]\nprune_lifetime = \"3s\""),
             {},
             {"@:14:", "delivery.prune_lifetime", "applies to multicast_routing \"dense\" only"}},
        Case{"ZeroPruneLifetime",
             WithLine(13, "modes = [\"multicast\"]\nmulticast_routing = [\"source-tree\", "
                          "\"dense\"]\nprune_lifetime = \"0s\""),
             {},
             {"@:15:", "delivery.prune_lifetime", "must be above 0"}},
        Case{"PruneLifetimeUnreadable",
             WithLine(13, "modes = [\"multicast\"]\nmulticast_routing = \"dense\"\n"
                          "prune_lifetime = \"20h\""),
             {},
             {"@:15:", "delivery.prune_lifetime", "cannot read '20h'"}},
        Case{"PruneLifetimeTooLong",
             WithLine(13, "modes = [\"multicast\"]\nmulticast_routing = \"dense\"\n"
                          "prune_lifetime = \"1100min\""),
             {},
             {"@:15:", "delivery.prune_lifetime", "at most 65535s"}},
        Case{"PruneLifetimeAsNumber",
             WithLine(13, "modes = [\"multicast\"]\nmulticast_routing = \"dense\"\n"
                          "prune_lifetime = 3"),
             {},
             {"@:15:", "delivery.prune_lifetime", "expected a duration"}},
        Case{"MisspeltRoutingInAList",
             WithLine(13, "modes = [\"multicast\"]\nmulticast_routing = [\"source-tree\", "
                          "\"flod\"]"),
             {},
             {"@:14:", "delivery.multicast_routing", "unknown variant 'flod'",
              "(did you mean 'flood'?)", "accepted: source-tree"}},
        Case{"MisspeltRepairInAList",
             std::string(kValid) + "[reliability]\nrepair = [\"none\", \"nack\"]\n",
             {},
             {"@:15:", "reliability.repair", "unknown repair 'nack' (did you mean 'nak'?)"}},
        Case{"OrderingWithReliability",
             std::string(kValid) + "[reliability]\nrepair = \"nak\"\n[ordering]\nsenders = [1]\n",
             {},
             {"@:16:", "ordering", "leave out [reliability] or [ordering]"}},
        Case{"UnwritableOut", kValid, {"--out", "/dev/null/results"}, {"--out /dev/null/results"}},
        Case{"FailureOfALinkThatIsNot",
             Ring4("[[failures]]\nat = \"1s\"\nlink = \"R0-R2\"\n"),
             {},
             {"@:6:", "failures[0].link", "there is no link between R0 and R2",
              "R0 has links to: R1, R3"}},
        Case{"FailureOfARouterThatIsNot",
             Ring4("[[failures]]\nat = \"1s\"\nrouter = 4\n"),
             {},
             {"@:6:", "failures[0].router", "must be between 0 and 3"}},
        Case{"FailureOnALan",
             std::string(kValid) + "[[failures]]\nat = \"1s\"\nlink = \"R0-R1\"\n",
             {},
             {"failures", "a lan topology has no router"}},
        Case{"FailureWithoutAt",
             Ring4("[[failures]]\nlink = \"R0-R1\"\n"),
             {},
             {"@:4:", "failures[0]", "a failure needs 'at'"}},
        Case{"FailureOfALinkAndARouter",
             Ring4("[[failures]]\nat = \"1s\"\nlink = \"R0-R1\"\nrouter = 1\n"),
             {},
             {"failures[0]", "a link or of a router, not both"}},
        Case{"FailureUpBeforeDown",
             Ring4("[[failures]]\nat = \"1s\"\nlink = \"R0-R1\"\naction = \"up\"\n"),
             {},
             {"@:7:", "failures[0].action", "link R0-R1 is not down at 1s"}},
        Case{"FailureOfAMisspeltLink",
             Ring4("[[failures]]\nat = \"1s\"\nlink = \"R0R1\"\n"),
             {},
             {"@:6:", "failures[0].link", "expected two routers such as \"R3-R7\""}},
        Case{"FailureWithUnknownKey",
             Ring4("[[failures]]\nat = \"1s\"\nlink = \"R0-R1\"\nreconverge = \"1s\"\n"),
             {},
             {"@:7:", "failures[0].reconverge", "did you mean 'reconvergence'"}},
        Case{"FailuresWithGroups",
             Ring4("[group]\ncount = 2\n[delivery]\nmodes = [\"multicast\"]\n[[failures]]\nat = "
                   "\"1s\"\nlink = \"R0-R1\"\n"),
             {},
             {"failures", "not simulated with several groups or senders yet"}},
        Case{"FailuresWithMembership",
             Ring4("[membership]\nevents = []\n[[failures]]\nat = \"1s\"\nlink = \"R0-R1\"\n"),
             {},
             {"failures", "not simulated with [membership] yet"}},
        Case{"UnknownRoutingMetric",
             "[topology]\nkind = \"ring\"\nrouting_metric = \"hop\"\n",
             {},
             {"@:3:", "topology.routing_metric", "unknown value 'hop' (did you mean 'hops'?)",
              "accepted: hops, weight, delay"}},
        Case{"RoutingMetricOnALan",
             WithLine(3, "kind = \"lan\"\nrouting_metric = \"delay\""),
             {},
             {"@:4:", "topology.routing_metric", "does not apply to a lan topology"}},
        Case{"WeightOnARing",
             "[topology]\nkind = \"ring\"\nrouting_metric = \"weight\"\n",
             {},
             {"@:3:", "topology.routing_metric", "a ring has none"}},
        Case{"DistanceOnARing",
             "[topology]\nkind = \"ring\"\ncore_delay = \"distance\"\n",
             {},
             {"@:3:", "topology.core_delay", "a ring places none",
              "only waxman graphs and Inet maps"}},
        Case{"DistanceOnAGrid",
             "[topology]\nkind = \"grid\"\ncore_delay = \"distance\"\n",
             {},
             {"@:3:", "topology.core_delay", "a grid places none"}},
        Case{"DistanceOnATree",
             "[topology]\nkind = \"tree\"\ncore_delay = \"distance\"\n",
             {},
             {"@:3:", "topology.core_delay", "a tree places none"}},
        Case{"MisspeltDistance",
             "[topology]\nkind = \"waxman\"\ncore_delay = \"distanse\"\n",
             {},
             {"@:3:", "topology.core_delay", "(did you mean 'distance'?)",
              "or a duration such as \"1ms\""}},
        Case{"GroupsWithOtherModes",
             WithLine(8, "members = [1, 2]\ncount = 2"),
             {},
             {"@:9:", "group.count", "multicast runs only", "delivery.modes must be"}},
        Case{"ZeroGroups", ManyGroups("count = 0"), {}, {"@:6:", "group.count", "between 1"}},
        Case{"GroupsPastTheLastAddress",
             ManyGroups("address = \"239.255.255.250\"\ncount = 10"),
             {},
             {"@:7:", "group.count", "10 groups from 239.255.255.250", "239.255.255.254"}},
        Case{"MoreSendersThanMembers",
             ManyGroups("senders_per_group = 4"),
             {},
             {"@:6:", "group.senders_per_group", "3 members send", "a group has 2 members"}},
        Case{"MisspeltPlacement",
             ManyGroups("count = 2\nplacement = \"sane\""),
             {},
             {"@:7:", "group.placement", "(did you mean 'same'?)", "random, same"}},
        Case{"GroupsOnAStar",
             ManyGroups("count = 2", "star"),
             {},
             {"@:6:", "group.count", "snoops one group only"}},
        Case{"SendersWithOrdering",
             ManyGroups("senders_per_group = 2") + "[ordering]\nsenders = [1]\n",
             {},
             {"@:6:", "group.senders_per_group",
              "leave out [membership], [reliability] and "
              "[ordering]"}},
        Case{"GroupsOnTheLastPort",
             ManyGroups("port = 65535\ncount = 2"),
             {},
             {"@:6:", "group.port", "group.port + 1", "at most 65534"}}),
    [](const ::testing::TestParamInfo<Case>& p) { return std::string(p.param.title); });

TEST(BadInputFiles, AMissingScenarioFileIsBadInput)
{
    CommandResult r = RunCommand({"validate", "/nonexistent/scenario.toml"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("/nonexistent/scenario.toml"), std::string::npos);
}

TEST(BadInputFiles, AnUnknownOptionIsBadInput)
{
    CommandResult r = RunCommand({"run", "--frobnicate"});
    EXPECT_EQ(r.status, 2);
}

TEST(ResultsFolders, AFolderThatIsNotGcsimsIsNeverWrittenOver)
{
    ScratchFolder dir;
    WriteFile(dir / "thesis.tex", "precious");
    std::string scenario = dir / "s.toml";
    WriteFile(scenario, kValid);
    CommandResult r = RunCommand({"run", scenario, "--out", dir.Path()});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("no gcsim results"), std::string::npos) << r.err;
    EXPECT_EQ(ReadFile(dir / "thesis.tex"), "precious");
    EXPECT_EQ(dir.Entries().size(), 2u);
}

TEST(ResultsFolders, ARerunKeepsThePreviousResults)
{
    ScratchFolder dir;
    std::string scenario = dir / "s.toml";
    WriteFile(scenario, kValid);
    ASSERT_EQ(RunCommand({"run", scenario, "-q", "--out", dir / "r"}).status, 0);
    std::string first = ReadFile(dir / "r/summary.json");
    CommandResult second =
        RunCommand({"run", scenario, "-q", "--set", "traffic.messages=3", "--out", dir / "r"});
    ASSERT_EQ(second.status, 0) << second.err;
    EXPECT_NE(second.out.find("kept in"), std::string::npos);
    EXPECT_EQ(ReadFile(dir / "r.1/summary.json"), first);
    EXPECT_NE(ReadFile(dir / "r/summary.json"), first);
}

// --- The hostile corpus --------------------------------------------------------------------

const std::string kCorpus = SourcePath("tests/hostile");
/// The CPU time one hostile input may cost the program, past which the kernel stops it
/// (SIGXCPU): CPU time, which a loaded machine does not stretch as it does the wall clock.
/// A program that waits without computing is left to ctest's timeout.
constexpr rlim_t kCpuLimitSeconds = 60;

/// What the program did with one input.
struct ProgramRun
{
    int signal{0}; //!< the signal that ended it, or 0
    int status{-1};
    std::string out;
    std::string err;
};

/// Runs the gcsim program with \p args in folder \p cwd, within kCpuLimitSeconds of CPU time.
ProgramRun
RunProgram(const std::vector<std::string>& args, const std::string& cwd, const ScratchFolder& logs)
{
    std::string outFile = logs / "stdout";
    std::string errFile = logs / "stderr";
    pid_t pid = ::fork();
    if (pid == 0)
    {
        int out = ::open(outFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int err = ::open(errFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        struct rlimit cpu = {kCpuLimitSeconds, kCpuLimitSeconds + 5}; // SIGXCPU, then SIGKILL
        if (out < 0 || err < 0 || ::chdir(cwd.c_str()) != 0 || ::setrlimit(RLIMIT_CPU, &cpu) != 0)
        {
            ::_exit(127);
        }
        ::dup2(out, STDOUT_FILENO);
        ::dup2(err, STDERR_FILENO);
        std::vector<char*> argv;
        std::string program = GCSIM_BINARY;
        argv.push_back(program.data());
        std::vector<std::string> copy = args;
        for (auto& a : copy)
        {
            argv.push_back(a.data());
        }
        argv.push_back(nullptr);
        ::execv(program.c_str(), argv.data());
        ::_exit(127);
    }
    ProgramRun run;
    int wstatus = 0;
    while (::waitpid(pid, &wstatus, 0) < 0 && errno == EINTR)
    {
    }
    run.signal = WIFSIGNALED(wstatus) ? WTERMSIG(wstatus) : 0;
    run.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
    run.out = ReadFile(outFile);
    run.err = ReadFile(errFile);
    return run;
}

/// The scenario files of the corpus; their maps and transcripts sit beside them.
std::vector<std::string>
CorpusScenarios()
{
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(kCorpus))
    {
        if (e.path().extension() == ".toml")
        {
            files.push_back(e.path().filename().string());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

/// The lines of \p file that start with "# PREFIX: ", without it.
std::vector<std::string>
Directives(const std::string& file, const std::string& prefix)
{
    std::vector<std::string> found;
    std::istringstream in(ReadFile(file));
    std::string tag = "# " + prefix + ": ";
    for (std::string line; std::getline(in, line);)
    {
        if (line.rfind(tag, 0) == 0)
        {
            found.push_back(line.substr(tag.size()));
        }
    }
    return found;
}

/// Every entry below \p folder, sorted.
std::vector<std::string>
Listing(const std::string& folder)
{
    std::vector<std::string> entries;
    for (const auto& e : std::filesystem::recursive_directory_iterator(folder))
    {
        entries.push_back(e.path().string());
    }
    std::sort(entries.begin(), entries.end());
    return entries;
}

class HostileFiles : public ::testing::TestWithParam<std::string>
{
};

/**
 * Each corpus file, run as `gcsim run FILE [ARGS]` (and `gcsim validate FILE` when ARGS do
 * not name a results folder) from a folder two levels down in a scratch folder, so that
 * results/<name> and any `..` in a name would land inside it: exit status 2 within the time
 * limit, every "# expect:" text in the message ("@" is the file), nothing on standard
 * output, and nothing written anywhere in the scratch folder or the corpus.
 */
TEST_P(HostileFiles, ExitTwoNamingTheProblemAndWriteNothing)
{
    std::string file = kCorpus + "/" + GetParam();
    std::vector<std::string> expected = Directives(file, "expect");
    ASSERT_FALSE(expected.empty()) << file << " has no '# expect:' line";
    std::vector<std::string> args;
    for (const auto& line : Directives(file, "args"))
    {
        std::istringstream words(line);
        for (std::string w; words >> w;)
        {
            if (w.rfind("{corpus}", 0) == 0)
            {
                w = kCorpus + w.substr(8); // a folder of the corpus, wherever the test runs
            }
            args.push_back(w);
        }
    }
    bool namesOut = std::find(args.begin(), args.end(), "--out") != args.end();

    ScratchFolder dir;
    ScratchFolder logs;
    std::string cwd = dir / "work/here";
    std::filesystem::create_directories(cwd);
    std::vector<std::string> corpusBefore = Listing(kCorpus);
    std::vector<std::vector<std::string>> commands;
    std::vector<std::string> subcommand = Directives(file, "command");
    commands.push_back({subcommand.empty() ? "run" : subcommand.front(), file});
    commands.back().insert(commands.back().end(), args.begin(), args.end());
    if (!namesOut && subcommand.empty())
    {
        commands.push_back({"validate", file});
        commands.back().insert(commands.back().end(), args.begin(), args.end());
    }
    for (const auto& command : commands)
    {
        SCOPED_TRACE("gcsim " + command[0]);
        ProgramRun r = RunProgram(command, cwd, logs);
        ASSERT_NE(r.signal, SIGXCPU) << "used more than " << kCpuLimitSeconds << " s of CPU time";
        ASSERT_EQ(r.signal, 0) << "killed by signal " << r.signal << ": " << r.err;
        EXPECT_EQ(r.status, 2) << r.err;
        EXPECT_EQ(r.err.rfind("gcsim: error: ", 0), 0U) << r.err;
        for (std::string s : expected)
        {
            if (s.rfind("@", 0) == 0)
            {
                s = file + s.substr(1);
            }
            EXPECT_NE(r.err.find(s), std::string::npos) << "expected '" << s << "' in: " << r.err;
        }
        EXPECT_EQ(r.out, "");
        EXPECT_EQ(Listing(dir.Path()), (std::vector<std::string>{dir / "work", dir / "work/here"}))
            << "something was written";
        EXPECT_EQ(Listing(kCorpus), corpusBefore) << "something was written into the corpus";
    }
}

INSTANTIATE_TEST_SUITE_P(Corpus, HostileFiles, ::testing::ValuesIn(CorpusScenarios()),
                         [](const ::testing::TestParamInfo<std::string>& p)
                         {
                             std::string name = p.param.substr(0, p.param.size() - 5);
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

TEST(HostileCorpus, HoldsFortyFilesEachDescribedInItsReadme)
{
    std::string readme = ReadFile(kCorpus + "/README.md");
    std::set<std::string> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(kCorpus))
    {
        std::string relative = std::filesystem::relative(e.path(), kCorpus).string();
        if (e.is_regular_file() && relative != "README.md")
        {
            files.insert(relative);
        }
    }
    EXPECT_GE(files.size(), 40U);
    EXPECT_GE(CorpusScenarios().size(), 40U);
    for (const auto& f : files)
    {
        EXPECT_NE(readme.find("`" + f + "`"), std::string::npos) << f << " is not in README.md";
    }
}

// Two overrides of which one sets a key inside the other: the second would replace the table
// the first made, and the resolved scenario could not take both again. Refused, naming both;
// a key given twice means the last.
TEST(BadInputFiles, OverridesThatNestInEachOtherAreRefused)
{
    ScratchFolder dir;
    WriteFile(dir / "s.toml", "[topology]\nclients = 2\n");
    CommandResult r =
        RunCommand({"validate", dir / "s.toml", "--set", "run.x=1", "--set", "run=3"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("--set run=3"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("conflicts with --set run.x=1"), std::string::npos) << r.err;
    r = RunCommand({"validate", dir / "s.toml", "--set", "run=2", "--set", "run=3"});
    EXPECT_EQ(r.status, 0) << r.err;
}

} // namespace
} // namespace gcsim::test
