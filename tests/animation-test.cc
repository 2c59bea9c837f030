// The animation trace (AnimationTracker, animation.json) against the run's own counters, its
// layout, and the HTML report the command writes from a results folder.
#include "scratch/gcsim/report/html-report.h"
#include "test-utilities.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace gcsim::test
{
namespace
{

using ns3::gcsim::Animation;
using ns3::gcsim::AnimationReception;
using ns3::gcsim::AnimationTrace;

/// A binary router tree of depth 2, 4 leaf LANs of 2 clients, 3 members.
const char* kTree = R"(
[topology]
kind = "tree"
fanout = 2
depth = 2
clients_per_leaf = 2
[group]
members = [1, 4, 6]
[traffic]
messages = 4
interval = "20ms"
size = 512
)";

struct Traced
{
    ModeResult result;
    AnimationTrace trace;
};

Traced
Trace(const Scenario& scenario, const std::string& mode, Animation& animation)
{
    RunSinks sinks;
    sinks.animation = &animation;
    Traced t;
    t.result = RunMode(scenario, mode, sinks);
    t.trace = animation.Traces().back();
    return t;
}

uint64_t
Count(const AnimationTrace& trace, AnimationReception::Kind kind)
{
    uint64_t n = 0;
    for (const auto& r : trace.receptions)
    {
        n += r.kind == kind;
    }
    return n;
}

TEST(Animation, OneMessagesFramesAndReceptionsMatchTheRunsCounters)
{
    // Every message of a group run takes the same way: message 0 accounts for 1/messages of
    // every counter.
    Scenario s = ScenarioFrom(kTree);
    Animation animation;
    for (const std::string mode :
         {"unicast", "replicated-unicast", "multicast", "broadcast", "overlay"})
    {
        SCOPED_TRACE(mode);
        Traced t = Trace(s, mode, animation);
        uint64_t messages = t.result.delivery.messages;
        ASSERT_EQ(messages, 4u);
        EXPECT_EQ(t.trace.mode, mode);
        EXPECT_EQ(t.trace.sendNs, 1000000000);
        EXPECT_EQ(t.trace.destinations.size(), t.result.destinations);
        EXPECT_EQ(t.trace.frames.size() * messages, t.result.links.messageFrames);
        EXPECT_EQ(t.result.delivery.duplicates, 0u);
        EXPECT_EQ(Count(t.trace, AnimationReception::APPLICATION) * messages,
                  t.result.delivery.deliveries + t.result.delivery.unwanted);
        EXPECT_EQ(Count(t.trace, AnimationReception::STACK) * messages, t.result.hosts.receptions);
        EXPECT_EQ(Count(t.trace, AnimationReception::NIC_FILTERED) * messages,
                  t.result.hosts.nicFiltered);
    }
    ASSERT_EQ(animation.Traces().size(), 5u);
    EXPECT_EQ(animation.Skipped(), "");
}

TEST(Animation, MarksTheGroupAsItIsWhenMessageZeroLeaves)
{
    // Client 4 leaves and client 2 joins before message 0 (sent at 1 s), client 8 joins
    // after it: the drawing's members are 1, 2 and 6, and message 0 reaches exactly them.
    Scenario s = ScenarioFrom(std::string(kTree) + R"([membership]
events = [{ at = "500ms", client = 4, action = "leave" },
          { at = "1s", client = 2, action = "join" },
          { at = "1010ms", client = 8, action = "join" }]
)");
    EXPECT_EQ(s.MembersAt(s.traffic.start), (std::vector<uint32_t>{1, 2, 6}));
    Animation animation;
    Traced t = Trace(s, "multicast", animation);
    std::set<std::string> drawn;
    for (const auto& node : animation.Topology().nodes)
    {
        if (node.member)
        {
            drawn.insert(node.name);
        }
    }
    EXPECT_EQ(drawn, (std::set<std::string>{"C1", "C2", "C6"}));
    std::set<std::string> reached;
    for (const auto& r : t.trace.receptions)
    {
        if (r.kind == AnimationReception::APPLICATION)
        {
            reached.insert(animation.Topology().nodes[r.node].name);
        }
    }
    EXPECT_EQ(reached, drawn);
}

TEST(Animation, FramesLastTheirTransmissionTimeAndFollowEachOther)
{
    Scenario s = ScenarioFrom(kTree);
    Animation animation;
    Traced t = Trace(s, "multicast", animation);
    const auto& topology = animation.Topology();
    ASSERT_FALSE(t.trace.frames.empty());
    EXPECT_EQ(t.trace.frames.front().beginNs, t.trace.sendNs);
    EXPECT_EQ(topology.nodes[t.trace.frames.front().from].name, "P1");
    std::map<uint32_t, int64_t> arrived; // node -> when the last bit of a frame reached it
    arrived[0] = t.trace.sendNs;
    for (const auto& f : t.trace.frames)
    {
        const auto& link = topology.links[f.link];
        double txNs = 8.0 * f.bytes * 1e9 / double(link.rateBps);
        EXPECT_NEAR(double(f.endNs - f.beginNs), txNs, 1.0) << link.name;
        // A router sends a copy only once the frame has fully reached it.
        ASSERT_TRUE(arrived.count(f.from)) << topology.nodes[f.from].name;
        EXPECT_GE(f.beginNs, arrived[f.from]);
        for (uint32_t end : link.ends)
        {
            if (end != f.from && !arrived.count(end))
            {
                arrived[end] = f.endNs + link.delayNs;
            }
        }
    }
    // Members' applications get it, non-members' NICs filter it; nothing reaches them.
    for (const auto& r : t.trace.receptions)
    {
        bool member = topology.nodes[r.node].member;
        EXPECT_EQ(member, r.kind != AnimationReception::NIC_FILTERED)
            << topology.nodes[r.node].name;
        EXPECT_EQ(r.atNs, arrived[r.node]) << topology.nodes[r.node].name;
    }
}

TEST(Animation, LayersFollowHopsFromP1)
{
    Scenario s = ScenarioFrom(kTree);
    Animation animation;
    Trace(s, "unicast", animation);
    const auto& topology = animation.Topology();
    EXPECT_EQ(topology.layout, "layered");
    ASSERT_EQ(topology.nodes.size(), 16u); // P1, 8 clients, 7 routers
    std::map<std::string, const ns3::gcsim::AnimationNode*> byName;
    std::set<std::pair<double, double>> places;
    for (const auto& n : topology.nodes)
    {
        byName[n.name] = &n;
        places.insert({n.x, n.y});
    }
    EXPECT_EQ(places.size(), topology.nodes.size()) << "two nodes in one place";
    EXPECT_EQ(byName["P1"]->kind, "host");
    EXPECT_EQ(byName["R0"]->kind, "router");
    EXPECT_TRUE(byName["C4"]->member);
    EXPECT_FALSE(byName["C2"]->member);
    // P1, then the root, the two inner routers, the four leaves, then the clients.
    EXPECT_LT(byName["P1"]->y, byName["R0"]->y);
    EXPECT_LT(byName["R0"]->y, byName["R1"]->y);
    EXPECT_EQ(byName["R1"]->y, byName["R2"]->y);
    EXPECT_LT(byName["R1"]->y, byName["R3"]->y);
    EXPECT_LT(byName["R6"]->y, byName["C8"]->y);
    EXPECT_EQ(byName["C1"]->y, byName["C8"]->y);
    // The root above the middle of its subtree; clients left to right.
    EXPECT_DOUBLE_EQ(byName["R0"]->x, (byName["C1"]->x + byName["C8"]->x) / 2);
    EXPECT_LT(byName["C1"]->x, byName["C2"]->x);
    // Leaf LANs are drawn as hubs between their router and their clients.
    for (const auto& l : topology.links)
    {
        if (l.shared)
        {
            EXPECT_EQ(l.ends.size(), 3u);
            EXPECT_GT(l.y, byName["R3"]->y);
            EXPECT_LT(l.y, byName["C1"]->y);
        }
    }
}

TEST(Animation, OneSegmentIsACircleAndNetworksBeyondTheLimitAreNotAnimated)
{
    Animation lan;
    Trace(ScenarioFrom("[topology]\nclients = 6\n[traffic]\nmessages = 1\n"), "broadcast", lan);
    EXPECT_EQ(lan.Topology().layout, "circle");
    EXPECT_NEAR(lan.Topology().nodes[0].x, 0.0, 1e-9); // P1 at the top
    EXPECT_LT(lan.Topology().nodes[0].y, 0.0);
    ASSERT_EQ(lan.Topology().links.size(), 1u);
    EXPECT_TRUE(lan.Topology().links[0].shared);
    EXPECT_EQ(Count(lan.Traces().back(), AnimationReception::APPLICATION), 6u);

    Animation big;
    Scenario large = ScenarioFrom("[topology]\nclients = " + std::to_string(Animation::kMaxNodes) +
                                  "\n[traffic]\nmessages = 1\n");
    RunSinks sinks;
    sinks.animation = &big;
    RunMode(large, "unicast", sinks);
    EXPECT_TRUE(big.Traces().empty());
    EXPECT_NE(big.Skipped().find(std::to_string(Animation::kMaxNodes + 1) + " nodes"),
              std::string::npos)
        << big.Skipped();
    std::ostringstream json;
    big.WriteJson(json);
    EXPECT_TRUE(nlohmann::json::parse(json.str()).contains("skipped"));
}

TEST(Animation, LargeNetworksAreWrittenCompactlyWithEachLanAtItsHub)
{
    // 7 routers, 4 leaf LANs of 40 clients: 168 nodes, above kCompactNodes.
    Scenario s = ScenarioFrom(R"(
[topology]
kind = "tree"
fanout = 2
depth = 2
clients_per_leaf = 40
[group]
members = [1, 50]
[traffic]
messages = 1
)");
    Animation animation;
    Traced t = Trace(s, "multicast", animation);
    ASSERT_GT(animation.Topology().nodes.size(), Animation::kCompactNodes);
    EXPECT_EQ(animation.Skipped(), "");
    EXPECT_EQ(t.trace.frames.size(), t.result.links.messageFrames);
    // every client of a leaf LAN stands at the LAN's hub
    for (const auto& link : animation.Topology().links)
    {
        if (!link.shared)
        {
            continue;
        }
        for (uint32_t e : link.ends)
        {
            const auto& node = animation.Topology().nodes[e];
            if (node.kind == "host" && e > 0)
            {
                EXPECT_DOUBLE_EQ(node.x, link.x) << node.name;
                EXPECT_DOUBLE_EQ(node.y, link.y) << node.name;
            }
        }
    }

    std::ostringstream out;
    animation.WriteJson(out);
    auto json = nlohmann::json::parse(out.str());
    EXPECT_EQ(json["format"], "compact");
    const auto& nodes = json["nodes"];
    ASSERT_EQ(nodes.size(), animation.Topology().nodes.size());
    EXPECT_EQ(nodes[0][0], "P1");
    EXPECT_EQ(nodes[0][1], "h");
    EXPECT_EQ(nodes[1][2], 1) << "C1 is a member";
    const auto& mode = json["modes"][0];
    ASSERT_EQ(mode["frames"].size(), t.trace.frames.size());
    ASSERT_EQ(mode["frames"][0].size(), 5u) << "[link, from, begin, duration, bytes]";
    const auto& first = t.trace.frames[0];
    EXPECT_EQ(mode["frames"][0][2], first.beginNs - t.trace.sendNs) << "after the send";
    EXPECT_EQ(mode["frames"][0][3], first.endNs - first.beginNs);
    ASSERT_EQ(mode["receptions"].size(), t.trace.receptions.size());
    ASSERT_EQ(mode["receptions"][0].size(), 3u) << "[at, node, kind]";
    EXPECT_EQ(mode["receptions"][0][0], t.trace.receptions[0].atNs - t.trace.sendNs);
    EXPECT_EQ(Count(t.trace, AnimationReception::APPLICATION), 2u);
    EXPECT_EQ(Count(t.trace, AnimationReception::NIC_FILTERED), 78u) << "the 2 LANs' others";
    // the compact file is about a tenth of a byte per ns-3 object a verbose one would spend
    EXPECT_LT(out.str().size(), 200u * nodes.size());
}

TEST(Animation, AReplayRecordsTheRequestThatP1Answers)
{
    Scenario s = ScenarioFrom(R"(
[topology]
kind = "lan"
clients = 3
data_rate = "100Mbps"
delay = "500ns"
[traffic]
pattern = "replay"
transcript = "transcripts/classroom.txt"
start = "1s"
interval = "1s"
)");
    Animation animation;
    Traced t = Trace(s, "unicast", animation);
    const auto& request = t.trace.request;
    ASSERT_EQ(request.client, 1u) << "message 0 answers client 1's Kya re?";
    ASSERT_EQ(request.frames.size(), 1u) << "C1 -> P1 on the LAN";
    const auto& frame = request.frames[0];
    EXPECT_EQ(frame.from, 1u);
    EXPECT_EQ(frame.beginNs, request.sendNs) << "an idle LAN, caches filled";
    EXPECT_LT(frame.endNs, t.trace.sendNs);
    ASSERT_EQ(request.receptions.size(), 2u);
    EXPECT_EQ(request.receptions[0].kind, AnimationReception::STACK);
    EXPECT_EQ(request.receptions[1].kind, AnimationReception::APPLICATION);
    EXPECT_EQ(request.receptions[1].atNs, t.trace.sendNs) << "P1 answers as it reads it";
    EXPECT_EQ(request.receptions[0].atNs, frame.endNs + 500);

    std::vector<std::string> lines;
    for (const auto& line : t.trace.console)
    {
        lines.push_back(std::to_string(line.node) + " " + line.text);
    }
    EXPECT_EQ(lines, (std::vector<std::string>{"1 Enter your message :Kya re?",
                                               "0 Message from Client 1: Kya re?",
                                               "0 Enter your message for client 1: Soja dost",
                                               "1 Message from Server :Soja dost"}));
    EXPECT_EQ(t.trace.console[0].atNs, request.sendNs);
    EXPECT_EQ(t.trace.console[3].atNs, t.trace.receptions.back().atNs);

    std::ostringstream out;
    animation.WriteJson(out);
    auto json = nlohmann::json::parse(out.str());
    EXPECT_FALSE(json.contains("format"));
    EXPECT_EQ(json["modes"][0]["request"]["client"], 1);
    EXPECT_EQ(json["modes"][0]["request"]["frames"][0]["from"], 1);
    EXPECT_EQ(json["modes"][0]["console"][1]["text"], "Message from Client 1: Kya re?");
}

TEST(Animation, AGroupRunHasNoRequest)
{
    Animation animation;
    Traced t = Trace(ScenarioFrom(kTree), "multicast", animation);
    EXPECT_EQ(t.trace.request.client, 0u);
    EXPECT_TRUE(t.trace.console.empty());
    std::ostringstream out;
    animation.WriteJson(out);
    EXPECT_EQ(out.str().find("\"request\""), std::string::npos);
    EXPECT_EQ(out.str().find("\"console\""), std::string::npos);
}

TEST(Report, RunWritesAnimationAndASelfContainedReport)
{
    ScratchFolder dir;
    std::string scenario = dir / "tree.toml";
    WriteFile(scenario, kTree);
    ASSERT_EQ(RunCommand({"run", scenario, "-q", "--out", dir / "r"}).status, 0);
    auto animation = nlohmann::json::parse(ReadFile(dir / "r/animation.json"));
    EXPECT_EQ(animation["message"], 0);
    EXPECT_EQ(animation["nodes"].size(), 16u);
    ASSERT_EQ(animation["modes"].size(), 5u);
    EXPECT_EQ(animation["modes"][2]["mode"], "multicast");

    std::string html = ReadFile(dir / "r/report.html");
    EXPECT_EQ(html.rfind("<!doctype html>", 0), 0u);
    EXPECT_NE(html.find("<title>gcsim: tree</title>"), std::string::npos);
    EXPECT_NE(html.find("\"mode\":\"replicated-unicast\""), std::string::npos);
    EXPECT_NE(html.find("class=\"modes\""), std::string::npos) << "the mode table";
    EXPECT_NE(html.find("clients_per_leaf"), std::string::npos) << "the scenario";
    EXPECT_EQ(html.find("%%"), std::string::npos) << "a slot left unfilled";
    for (const char* remote : {"src=\"http", "href=\"http", "url(http", "@import", "<link "})
    {
        EXPECT_EQ(html.find(remote), std::string::npos) << remote;
    }

    // gcsim report writes the same page again; --no-report writes none.
    std::string first = html;
    CommandResult again = RunCommand({"report", dir / "r"});
    EXPECT_EQ(again.status, 0) << again.err;
    EXPECT_EQ(ReadFile(dir / "r/report.html"), first);
    ASSERT_EQ(RunCommand({"run", scenario, "-q", "--no-report", "--out", dir / "n"}).status, 0);
    EXPECT_FALSE(std::filesystem::exists(dir / "n/report.html"));
    EXPECT_TRUE(std::filesystem::exists(dir / "n/animation.json"));
    EXPECT_EQ(ReadFile(dir / "n/animation.json"), ReadFile(dir / "r/animation.json"));
}

TEST(Report, PlotsAreInlinedWithoutScriptsAndWithTheirOwnIds)
{
    ScratchFolder dir;
    std::string scenario = dir / "tree.toml";
    WriteFile(scenario, kTree);
    ASSERT_EQ(RunCommand({"run", scenario, "-q", "--no-report", "--out", dir / "r"}).status, 0);
    std::filesystem::create_directories(dir / "r/plots");
    const std::string svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<svg onload=\"Init(evt)\" "
                            "xmlns=\"http://www.w3.org/2000/svg\"><script href=\"gnuplot_svg.js\"/>"
                            "<defs><clipPath id=\"clip1\"><rect/></clipPath></defs>"
                            "<g clip-path=\"url(#clip1)\"><text>latency</text></g></svg>\n";
    WriteFile(dir / "r/plots/a-latency.svg", svg);
    WriteFile(dir / "r/plots/b-load.svg", svg);
    ASSERT_EQ(RunCommand({"report", dir / "r"}).status, 0);
    std::string html = ReadFile(dir / "r/report.html");
    EXPECT_NE(html.find("a-latency.svg"), std::string::npos);
    EXPECT_NE(html.find("id=\"plot0-clip1\""), std::string::npos);
    EXPECT_NE(html.find("url(#plot1-clip1)"), std::string::npos);
    EXPECT_EQ(html.find("gnuplot_svg.js"), std::string::npos);
    EXPECT_EQ(html.find("onload"), std::string::npos);
    EXPECT_EQ(html.find("<?xml"), std::string::npos);
}

TEST(Report, RefusesAFolderThatHoldsNoResults)
{
    ScratchFolder dir;
    CommandResult r = RunCommand({"report", dir.Path()});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("neither a gcsim results folder"), std::string::npos) << r.err;
    EXPECT_TRUE(dir.Entries().empty());
}

} // namespace
} // namespace gcsim::test
