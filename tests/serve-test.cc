// gcsim serve's pieces that need no browser: which files it serves, what a submitted run must
// pass before it runs (the command line's own message when it fails), and the queue's limit.
// The page itself is tested in Chromium (report/serve-test.mjs).

#include "scratch/gcsim/serve/playground-catalogue.h"
#include "scratch/gcsim/serve/playground-run.h"
#include "scratch/gcsim/serve/results-path.h"
#include "scratch/gcsim/serve/run-queue.h"
#include "test-utilities.h"

#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <mutex>

namespace gcsim
{
namespace
{

namespace fs = std::filesystem;
using test::CommandResult;
using test::ScratchFolder;

const std::string kLanModes = std::string(GCSIM_SOURCE_DIR) + "/scenarios/lan-modes.toml";

TEST(Serve, ServesOnlyFilesInsideTheResultsFolder)
{
    ScratchFolder scratch;
    const std::string root = scratch / "results";
    fs::create_directories(root + "/run-0001-lan-modes");
    std::ofstream(root + "/run-0001-lan-modes/table.txt") << "table\n";
    std::ofstream(scratch / "secret.txt") << "not a result\n";
    fs::create_symlink(scratch / "secret.txt", root + "/run-0001-lan-modes/out.txt");
    fs::create_directory_symlink(scratch.Path(), root + "/up");

    auto inside = PathInside(root, "run-0001-lan-modes/table.txt");
    ASSERT_TRUE(inside.has_value());
    EXPECT_EQ(*inside, (fs::canonical(root) / "run-0001-lan-modes" / "table.txt").string());
    for (const std::string& refused : std::vector<std::string>{
             "../secret.txt", "run-0001-lan-modes/../../secret.txt", "/etc/passwd",
             "run-0001-lan-modes/out.txt", "up/secret.txt", ".hidden", "run-0001-lan-modes/.x", "",
             "run-0001-lan-modes/..", std::string("a\0b", 3)})
    {
        EXPECT_FALSE(PathInside(root, refused).has_value()) << Printable(refused);
    }
    // A sibling whose name starts with the root's is not inside it.
    fs::create_directories(root + "-other");
    EXPECT_FALSE(PathInside(root, "../results-other").has_value());
}

TEST(Serve, OverridesPassOnlyAsKeyValueStringsWithinTheLimits)
{
    PlaygroundLimits limits;
    limits.maxOverrides = 2;
    EXPECT_EQ(OverridesRefusal({"topology.clients=6", "traffic.messages=1"}, limits), "");
    EXPECT_NE(OverridesRefusal({"a=1", "b=2", "c=3"}, limits).find("at most 2"), std::string::npos);
    EXPECT_NE(OverridesRefusal({"topology.clients"}, limits).find("KEY=VALUE"), std::string::npos);
    EXPECT_NE(OverridesRefusal({std::string("x=\0", 3)}, limits).find("NUL"), std::string::npos);
    EXPECT_NE(OverridesRefusal({"x=" + std::string(3000, 'a')}, limits).find("at most"),
              std::string::npos);
}

TEST(Serve, ARefusedScenarioGetsTheMessageGcsimValidatePrints)
{
    const std::vector<std::string> bad{"topology.clients=0"};
    std::string message = ValidationMessage(GCSIM_BINARY, kLanModes, bad);
    CommandResult cli = test::RunCommand({"validate", kLanModes, "--set", bad[0]});
    ASSERT_EQ(cli.status, 2);
    EXPECT_EQ(message + "\n", cli.err);
    EXPECT_NE(message.find("topology.clients"), std::string::npos) << message;
    // An option-looking value stays the value of its --set.
    EXPECT_NE(ValidationMessage(GCSIM_BINARY, kLanModes, {"-x=1"}), "");
    EXPECT_EQ(ValidationMessage(GCSIM_BINARY, kLanModes, {"topology.clients=6"}), "");
}

TEST(Serve, AValidRunAboveThePlaygroundsLimitsIsRefusedNamingTheKey)
{
    PlaygroundLimits limits;
    limits.maxClients = 20;
    limits.maxMessages = 100; // lan-modes sends 100
    EXPECT_EQ(LimitMessage(kLanModes, {"topology.clients=20"}, limits), "");
    std::string clients = LimitMessage(kLanModes, {"topology.clients=21"}, limits);
    EXPECT_NE(clients.find("topology.clients = 21"), std::string::npos) << clients;
    EXPECT_NE(clients.find("--max-clients"), std::string::npos) << clients;
    std::string messages = LimitMessage(kLanModes, {"traffic.messages=101"}, limits);
    EXPECT_NE(messages.find("--max-messages"), std::string::npos) << messages;
    limits.runSeconds = 1e-6;
    EXPECT_NE(LimitMessage(kLanModes, {}, limits).find("--run-seconds"), std::string::npos);
}

TEST(Serve, TheQueueRunsJobsAtATimeAndRefusesWhenFull)
{
    std::mutex m;
    std::condition_variable cv;
    bool release = false;
    int started = 0;
    auto blocking = [&]
    {
        std::unique_lock<std::mutex> lock(m);
        ++started;
        cv.notify_all();
        cv.wait(lock, [&] { return release; });
    };
    RunQueue queue(1, 2);
    ASSERT_TRUE(queue.Submit(blocking).has_value());
    {
        std::unique_lock<std::mutex> lock(m);
        cv.wait(lock, [&] { return started == 1; }); // the one job has taken it
    }
    auto second = queue.Submit(blocking);
    auto third = queue.Submit(blocking);
    ASSERT_TRUE(second.has_value());
    ASSERT_TRUE(third.has_value());
    EXPECT_FALSE(queue.Submit(blocking).has_value()); // two wait already
    EXPECT_EQ(queue.Position(*second), 1U);
    EXPECT_EQ(queue.Position(*third), 2U);
    EXPECT_EQ(queue.Waiting(), 2U);
    {
        std::lock_guard<std::mutex> lock(m);
        EXPECT_EQ(started, 1); // one job: the others wait
        release = true;
    }
    cv.notify_all();
    {
        std::unique_lock<std::mutex> lock(m);
        cv.wait(lock, [&] { return started == 3; });
    }
    queue.Stop();
    EXPECT_EQ(started, 3);
}

TEST(Serve, TheWorksheetsAndTheFormComeFromTheDocsAndTheKeyTable)
{
    auto sheets = Worksheets();
    ASSERT_GE(sheets.size(), 6U);
    EXPECT_EQ(sheets[0].file, "01-eight-copies.md");
    EXPECT_EQ(sheets[0].title, "Worksheet 1: eight copies on one wire");
    EXPECT_EQ(sheets[0].scenario, "lan-modes");
    EXPECT_EQ(sheets[0].sets, std::vector<std::string>{"traffic.messages=1"});
    EXPECT_EQ(sheets[2].scenario, "tree-modes");
    EXPECT_EQ(sheets[2].sets.size(), 3U);
    EXPECT_EQ(sheets[2].sets[1], "group.members=[3,7,9,18,21,23,30,31]");
    EXPECT_EQ(ShellWords("a 'b c' \"d\"\\\n  e\\ f"),
              (std::vector<std::string>{"a", "b c", "d", "e f"}));

    auto keys = ScenarioKeyNames();
    for (const std::string key :
         {"name", "topology.clients", "delivery.modes", "topology.loss", "membership.robustness"})
    {
        EXPECT_NE(std::find(keys.begin(), keys.end(), key), keys.end()) << key;
    }
    nlohmann::json values =
        FormValues(ReadScenarioText(kLanModes), ResolvedScenarioText(kLanModes));
    EXPECT_EQ(values["topology.clients"]["text"], "16");
    EXPECT_EQ(values["group.members"]["text"], "0.5"); // the file's rule, not its 8 clients
    EXPECT_EQ(values["topology.kind"]["value"], "lan");
    EXPECT_FALSE(values.contains("topology.loss")); // lossless: neither file nor resolved has it
    EXPECT_EQ(values["topology.kind"]["text"], "lan");
    EXPECT_TRUE(values["delivery.modes"]["value"].is_array());
}

} // namespace
} // namespace gcsim
