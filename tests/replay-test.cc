// The classroom replay: the same console lines the original run showed, in order.
#include "models/group/group-header.h"
#include "test-utilities.h"

namespace gcsim::test
{
namespace
{

/// The console lines without their time stamps, and the time stamps in ns.
struct Console
{
    std::vector<std::string> lines;
    std::vector<int64_t> times;
};

Console
Parse(const std::string& out)
{
    Console c;
    // "+1.000006100s  P1  Message from Client 1: Kya re?"
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);)
    {
        auto dot = line.find('.');
        auto stamp = line.find("s  ");
        if (line.empty() || line[0] != '+' || dot == std::string::npos || stamp != dot + 10)
        {
            continue;
        }
        c.lines.push_back(line.substr(stamp + 3));
        c.times.push_back(std::stoll(line.substr(1, dot - 1)) * 1000000000 +
                          std::stoll(line.substr(dot + 1, 9)));
    }
    return c;
}

TEST(SeedReplay, PrintsTheClassroomConsoleLinesInOrder)
{
    ScratchFolder dir;
    CommandResult r =
        RunCommand({"run", SourcePath("scenarios/seed-replay.toml"), "--out", dir / "out"});
    ASSERT_EQ(r.status, 0) << r.err;
    std::vector<std::string> expected = {
        "P1  UDP server up and listening",
        "C1  Enter your message :Kya re?",
        "P1  Message from Client 1: Kya re?",
        "P1  Enter your message for client 1: Soja dost",
        "C1  Message from Server :Soja dost",
        "C2  Enter your message :Hello",
        "P1  Message from Client 2: Hello",
        "P1  Enter your message for client 2: Hello dost",
        "C2  Message from Server :Hello dost",
        "C3  Enter your message :Sojata hu mai",
        "P1  Message from Client 3: Sojata hu mai",
        "P1  Enter your message for client 3: Haa Soja",
        "C3  Message from Server :Haa Soja",
    };
    Console console = Parse(r.out);
    EXPECT_EQ(console.lines, expected);
    EXPECT_TRUE(std::is_sorted(console.times.begin(), console.times.end()));
    // The transcript file holds the same lines.
    EXPECT_EQ(Parse(ReadFile(dir / "out/transcript.txt")).lines, expected);
    // Client 1's "Kya re?1" is 24 bytes of UDP payload with the header: a 70-byte frame,
    // 5.6 us on the wire plus 0.5 us of cable.
    EXPECT_EQ(console.times[2] - console.times[1], 6100);
}

TEST(SeedReplay, BroadcastAnswersReachEveryClient)
{
    ScratchFolder dir;
    CommandResult r = RunCommand({"run", SourcePath("scenarios/seed-replay.toml"), "--set",
                                  "delivery.modes=[\"broadcast\"]", "--out", dir / "out"});
    ASSERT_EQ(r.status, 0) << r.err;
    Console console = Parse(r.out);
    int heard = 0;
    for (const auto& line : console.lines)
    {
        heard += line.find("Message from Server :Soja dost") != std::string::npos;
    }
    EXPECT_EQ(heard, 3);
}

TEST(ClientTag, OneCharacterUpToNineThenTheDecimalNumber)
{
    using ns3::gcsim::AppendClientTag;
    using ns3::gcsim::StripClientTag;
    EXPECT_EQ(AppendClientTag("Kya re?", 1), "Kya re?1");
    EXPECT_EQ(AppendClientTag("Hello", 9), "Hello9");
    EXPECT_EQ(AppendClientTag("Hello", 12), "Hello12");
    EXPECT_EQ(StripClientTag("Kya re?1", 1), "Kya re?");
    EXPECT_EQ(StripClientTag("Hello12", 12), "Hello");
    EXPECT_EQ(StripClientTag("Room 101", 12), "Room 101");
}

} // namespace
} // namespace gcsim::test
