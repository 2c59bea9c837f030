// ns-3 logging: with the models' log statements compiled in (-DGCSIM_NS_LOG=ON), a run with
// NS_LOG naming some components prints their lines on standard error, and only theirs, and
// writes the same results as a run without NS_LOG.
#include "test-utilities.h"

#include <cstdlib>
#include <filesystem>
#include <regex>

namespace gcsim::test
{
namespace
{

#ifdef NS3_LOG_ENABLE
constexpr bool kLogCompiledIn = true;
#else
constexpr bool kLogCompiledIn = false;
#endif

/// How many lines of \p text match \p pattern.
std::size_t
MatchingLines(const std::string& text, const std::string& pattern)
{
    std::regex re(pattern);
    std::istringstream lines(text);
    std::size_t count = 0;
    for (std::string line; std::getline(lines, line);)
    {
        count += std::regex_search(line, re) ? 1 : 0;
    }
    return count;
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
    const std::string time = R"(^\+[0-9]+\.[0-9]+s )";
    // Two runs (source tree, dense mode): P1 starts in each, and sends 3 messages in each.
    EXPECT_EQ(MatchingLines(err, time + R"(GcsimGroupServer:StartApplication\(0x[0-9a-f]+\)$)"), 2u)
        << err.substr(0, 2000);
    EXPECT_EQ(
        MatchingLines(err, time + R"(GcsimGroupServer:SendGroupMessage\(\): group message [0-2] )"),
        6u);
    EXPECT_GT(MatchingLines(
                  err, time + R"(GcsimGroupClient:Deliver\(\): client [0-9]+ takes message 0 )"),
              0u);
    EXPECT_GT(MatchingLines(err, time + R"(GcsimDenseMode:SendPrune\(\): router [0-9]+ prunes \()"),
              0u);
    EXPECT_GT(MatchingLines(err, time + R"(GcsimDenseMode:RouteInput\(0x[0-9a-f]+, )"), 0u);
    // Components NS_LOG does not name stay silent.
    EXPECT_EQ(MatchingLines(err, "GcsimNetwork|GcsimMembershipModel|GcsimDeliveryTracker"), 0u);

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
