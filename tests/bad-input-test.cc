// Bad input: exit status 2, a message naming the file, line and key and what is accepted,
// and nothing written.
#include "test-utilities.h"

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
        Case{"UnwritableOut", kValid, {"--out", "/dev/null/results"}, {"--out /dev/null/results"}}),
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

} // namespace
} // namespace gcsim::test
