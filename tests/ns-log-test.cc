// ns-3 logging: with the models' log statements compiled in (-DGCSIM_NS_LOG=ON), a run with
// NS_LOG naming some components prints their lines on standard error, and only theirs, and
// writes the same results as a run without NS_LOG.
#include "test-utilities.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace gcsim::test
{
namespace
{

#ifdef NS3_LOG_ENABLE
constexpr bool kLogCompiledIn = true;
#else
constexpr bool kLogCompiledIn = false;
#endif

/// The lines of \p text that ns-3 printed after a time prefix ("+1.000000000s "), without it.
/// (No std::regex here: its instantiations in this program would stand in for those of
/// ns-3's topology-read library, whose static regexes then fail to compile.)
std::vector<std::string>
TimedLines(const std::string& text)
{
    std::vector<std::string> timed;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
    {
        std::size_t end = line.find("s ");
        if (!line.empty() && line[0] == '+' && end != std::string::npos && end > 1 &&
            line.find_first_not_of("0123456789.", 1) == end)
        {
            timed.push_back(line.substr(end + 2));
        }
    }
    return timed;
}

/// How many of \p lines start with \p prefix.
std::size_t
Starting(const std::vector<std::string>& lines, const std::string& prefix)
{
    return static_cast<std::size_t>(std::count_if(lines.begin(), lines.end(),
                                                  [&](const std::string& line)
                                                  { return line.rfind(prefix, 0) == 0; }));
}

TEST(NsLog, NamedComponentsLogAndTheResultsStayTheSame)
{
    if (!kLogCompiledIn)
    {
        GTEST_SKIP() << "built without -DGCSIM_NS_LOG=ON: the models' NS_LOG statements are "
                        "compiled out";
    }
    ScratchFolder dir;
    // Dense mode: its first datagrams flood the tree and the leaves without members prune.
    auto run = [&](const std::string& environment, const std::string& out)
    {
        std::string command = environment + " " + GCSIM_BINARY + " run " +
                              SourcePath("scenarios/dense-tree.toml") +
                              " --set traffic.messages=3 -q --no-report --out " + (dir / out) +
                              " >/dev/null 2>" + (dir / (out + ".err"));
        return std::system(command.c_str());
    };
    const std::string levels = "=level_all|prefix_func|prefix_time";
    ASSERT_EQ(run("env -u NS_LOG", "plain"), 0);
    ASSERT_EQ(run("NS_LOG='GcsimGroupServer" + levels + ":GcsimGroupClient" + levels +
                      ":GcsimDenseMode" + levels + "'",
                  "logged"),
              0);

    EXPECT_EQ(ReadFile(dir / "plain.err"), "");
    std::string err = ReadFile(dir / "logged.err");
    std::vector<std::string> timed = TimedLines(err);
    // Two runs (source tree, dense mode): P1 starts in each, and sends 3 messages in each.
    EXPECT_EQ(Starting(timed, "GcsimGroupServer:StartApplication(0x"), 2u) << err.substr(0, 2000);
    EXPECT_EQ(Starting(timed, "GcsimGroupServer:SendGroupMessage(): group message "), 6u);
    EXPECT_GT(Starting(timed, "GcsimGroupClient:Deliver(): client "), 0u);
    EXPECT_GT(Starting(timed, "GcsimDenseMode:SendPrune(): router "), 0u);
    EXPECT_GT(Starting(timed, "GcsimDenseMode:RouteInput(0x"), 0u);
    // Components NS_LOG does not name stay silent.
    for (const char* silent : {"GcsimNetwork", "GcsimMembershipModel", "GcsimDeliveryTracker"})
    {
        EXPECT_EQ(err.find(silent), std::string::npos) << silent;
    }

    // Logging changes nothing that is simulated or written (run.json says when it ran).
    std::size_t compared = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir / "plain"))
    {
        std::string name = entry.path().filename().string();
        if (name == "run.json")
        {
            continue;
        }
        EXPECT_EQ(ReadFile(entry.path().string()), ReadFile(dir / ("logged/" + name))) << name;
        ++compared;
    }
    EXPECT_GT(compared, 3u);
    EXPECT_FALSE(ReadFile(dir / "plain/summary.json").empty());
}

} // namespace
} // namespace gcsim::test
