// `output.netanim`: one NetAnim XML per mode, with the nodes placed, named, and the packets
// recorded; networks too large for it refused as bad input.
#include "scratch/gcsim/netanim.h"
#include "test-utilities.h"

#include <map>
#include <set>

namespace gcsim::test
{
namespace
{

/// The value of attribute \p name in \p element ("" if absent).
std::string
Attribute(const std::string& element, const std::string& name)
{
    auto at = element.find(" " + name + "=\"");
    if (at == std::string::npos)
    {
        return "";
    }
    at += name.size() + 3;
    return element.substr(at, element.find('"', at) - at);
}

/// Node id -> (x, y) from the <node .../> records.
std::map<int, std::pair<double, double>>
Positions(const std::string& xml)
{
    std::map<int, std::pair<double, double>> positions;
    for (auto at = xml.find("<node "); at != std::string::npos; at = xml.find("<node ", at + 1))
    {
        std::string element = xml.substr(at, xml.find("/>", at) - at);
        positions[std::stoi(Attribute(element, "id"))] = {std::stod(Attribute(element, "locX")),
                                                          std::stod(Attribute(element, "locY"))};
    }
    return positions;
}

std::size_t
Occurrences(const std::string& text, const std::string& what)
{
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    {
        ++n;
    }
    return n;
}

void
CheckXml(const std::string& path, const std::vector<std::string>& names)
{
    ASSERT_TRUE(std::filesystem::exists(path)) << path;
    std::string xml = ReadFile(path);
    EXPECT_TRUE(xml.rfind("<?xml", 0) == 0 || xml.rfind("<anim", 0) == 0) << path;
    EXPECT_NE(xml.find("<anim ver=\"netanim-"), std::string::npos) << path;
    // Closed: the interface was destroyed before the simulator.
    EXPECT_NE(xml.find("</anim>"), std::string::npos) << path;
    for (const auto& name : names)
    {
        EXPECT_EQ(Occurrences(xml, "descr=\"" + name + "\""), 1U) << path << " " << name;
    }
    // Packet records: <p .../> on point-to-point links and LANs.
    EXPECT_GT(Occurrences(xml, "<p "), 0U) << path;
    // Every node placed, no two on the same spot.
    auto positions = Positions(xml);
    EXPECT_EQ(positions.size(), names.size()) << path;
    std::set<std::pair<double, double>> spots;
    for (const auto& [id, xy] : positions)
    {
        spots.insert(xy);
    }
    EXPECT_EQ(spots.size(), positions.size()) << path;
}

TEST(NetAnim, OneXmlPerModeWithNamedPlacedNodesAndPackets)
{
    ScratchFolder dir;
    WriteFile(dir / "lan.toml", R"(
name = "netanim-lan"
[topology]
kind = "lan"
clients = 4
[group]
members = [1, 3]
[traffic]
messages = 2
size = 200
[delivery]
modes = ["unicast", "replicated-unicast", "multicast", "broadcast", "overlay"]
[output]
netanim = true
)");
    CommandResult r = RunCommand({"run", dir / "lan.toml", "-q", "--out", dir / "lan"});
    ASSERT_EQ(r.status, 0) << r.err;
    std::vector<std::string> names = {"P1", "C1", "C2", "C3", "C4"};
    for (const char* mode : {"unicast", "replicated-unicast", "multicast", "broadcast", "overlay"})
    {
        CheckXml(dir / ("lan/netanim-" + std::string(mode) + ".xml"), names);
    }
    // One segment: a circle, P1 at the top (NetAnim's y grows downwards).
    auto positions = Positions(ReadFile(dir / "lan/netanim-multicast.xml"));
    for (const auto& [id, xy] : positions)
    {
        EXPECT_LE(positions.at(0).second, xy.second);
    }
    // The same run writes the same files.
    CommandResult again = RunCommand({"run", dir / "lan.toml", "-q", "--out", dir / "again"});
    ASSERT_EQ(again.status, 0) << again.err;
    EXPECT_EQ(ReadFile(dir / "lan/netanim-overlay.xml"),
              ReadFile(dir / "again/netanim-overlay.xml"));
}

TEST(NetAnim, TreeInLayersByHopCount)
{
    ScratchFolder dir;
    WriteFile(dir / "tree.toml", R"(
name = "netanim-tree"
[topology]
kind = "tree"
fanout = 2
depth = 1
clients_per_leaf = 2
[group]
members = [1, 4]
[traffic]
messages = 1
size = 200
[delivery]
modes = ["multicast"]
multicast_routing = ["source-tree", "flood"]
[output]
netanim = true
)");
    CommandResult r = RunCommand({"run", dir / "tree.toml", "-q", "--out", dir / "tree"});
    ASSERT_EQ(r.status, 0) << r.err;
    std::vector<std::string> names = {"P1", "C1", "C2", "C3", "C4", "R0", "R1", "R2"};
    CheckXml(dir / "tree/netanim-multicast-source-tree.xml", names);
    CheckXml(dir / "tree/netanim-multicast-flood.xml", names);
    // Node ids: P1 0, clients 1-4, R0 5, R1 6, R2 7. Layers: P1, R0, R1 and R2, the clients.
    auto p = Positions(ReadFile(dir / "tree/netanim-multicast-flood.xml"));
    EXPECT_LT(p.at(0).second, p.at(5).second);
    EXPECT_LT(p.at(5).second, p.at(6).second);
    EXPECT_EQ(p.at(6).second, p.at(7).second);
    for (int c = 1; c <= 4; ++c)
    {
        EXPECT_LT(p.at(6).second, p.at(c).second);
    }
    // R0 above the middle of R1 and R2, each leaf router above the middle of its clients.
    EXPECT_DOUBLE_EQ(p.at(5).first, (p.at(6).first + p.at(7).first) / 2);
    EXPECT_DOUBLE_EQ(p.at(6).first, (p.at(1).first + p.at(2).first) / 2);
}

TEST(NetAnim, RefusedForLargeNetworks)
{
    ScratchFolder dir;
    std::string nodes = "topology.clients=" + std::to_string(kMaxNetAnimNodes); // + P1
    CommandResult r = RunCommand({"validate", "--set", nodes, "--set", "output.netanim=true"});
    EXPECT_EQ(r.status, EXIT_BAD_INPUT);
    EXPECT_NE(r.err.find("output.netanim"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(std::to_string(kMaxNetAnimNodes + 1)), std::string::npos) << r.err;
    CommandResult run = RunCommand({"run", "--set", nodes, "--set", "output.netanim=true", "--set",
                                    "traffic.messages=1", "--out", dir / "big", "-q"});
    EXPECT_EQ(run.status, EXIT_BAD_INPUT);
    EXPECT_NE(run.err.find("output.netanim"), std::string::npos) << run.err;
    EXPECT_FALSE(std::filesystem::exists(dir / "big"));
    // Without NetAnim the same network is fine; one node fewer is fine with it.
    EXPECT_EQ(RunCommand({"validate", "--set", nodes}).status, EXIT_OK);
    EXPECT_EQ(
        RunCommand({"validate", "--set", "topology.clients=" + std::to_string(kMaxNetAnimNodes - 1),
                    "--set", "output.netanim=true"})
            .status,
        EXIT_OK);
}

} // namespace
} // namespace gcsim::test
