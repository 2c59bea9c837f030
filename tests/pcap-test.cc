// The pcap files of `output.pcap`, read back with Wireshark's tshark and checked against
// links.csv: per mode, the frames and bytes each device put on its link.
//
// What each file holds: a CSMA device's file (its Sniffer trace) has the frames it sent and
// the frames it received that were addressed to it (its own address, broadcast, or a group
// its NIC accepts), so the frames it sent are the ones with its own Ethernet source address.
// A point-to-point device's file (PromiscSniffer) has every frame it sent and received, with
// no addresses in the PPP header: each frame is in both ends' files, at the sender when its
// transmission starts and at the receiver when its last bit arrives, one transmission time
// plus the link's delay later. So of the two copies of a frame, the earlier one is the
// sender's.
#include "models/network/network.h"
#include "scratch/gcsim/sweep/sweep.h"
#include "test-utilities.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <ns3/csma-net-device.h>
#include <ns3/mac48-address.h>
#include <ns3/simulator.h>
#include <set>
#include <sstream>

namespace gcsim::test
{
namespace
{

bool
TsharkAvailable()
{
    return std::system("command -v tshark >/dev/null 2>&1") == 0;
}

/// One frame as tshark reads it.
struct PcapFrame
{
    uint64_t length{0};    //!< frame.len: bytes on the wire
    std::string ethSource; //!< eth.src (empty on point-to-point links)
    int64_t timeNs{0};     //!< frame.time_epoch
    std::string ipKey;     //!< source, destination, identification, TTL of the IPv4 packet
};

/// What tshark made of one file.
struct PcapRead
{
    bool opened{false};
    std::vector<PcapFrame> frames;
};

int64_t
EpochNs(const std::string& text)
{
    auto dot = text.find('.');
    int64_t seconds = std::stoll(text.substr(0, dot));
    std::string fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
    fraction = (fraction + "000000000").substr(0, 9);
    return seconds * 1000000000 + std::stoll(fraction);
}

/**
 * Reads every file with one tshark: mergecap concatenates them into \p merged (pcapng, one
 * interface per input file, in order, also for files without frames), so a frame's
 * frame.interface_id is the index of its file. (A tshark per file cost half a second each.)
 */
std::map<std::string, PcapRead>
TsharkAll(const std::vector<std::string>& files, const std::string& merged)
{
    std::map<std::string, PcapRead> reads;
    std::string command = "mergecap -a -I none -w " + ShellQuote(merged);
    for (const auto& file : files)
    {
        command += " " + ShellQuote(file);
    }
    if (std::system((command + " 2>/dev/null").c_str()) != 0)
    {
        return reads;
    }
    command = "tshark -n -r " + ShellQuote(merged) +
              " -T fields -E separator=/t -E occurrence=f -e frame.interface_id -e frame.len"
              " -e eth.src -e frame.time_epoch -e ip.src -e ip.dst -e ip.id -e ip.ttl"
              " 2>/dev/null";
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe)
    {
        return reads;
    }
    std::string text;
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe))
    {
        text.append(buf, n);
    }
    if (::pclose(pipe) != 0)
    {
        return reads;
    }
    for (const auto& file : files)
    {
        reads[file].opened = true;
    }
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
    {
        std::vector<std::string> f;
        std::istringstream fields(line);
        for (std::string field; std::getline(fields, field, '\t');)
        {
            f.push_back(field);
        }
        f.resize(8);
        PcapFrame frame;
        frame.length = std::stoull(f[1]);
        frame.ethSource = f[2];
        frame.timeNs = EpochNs(f[3]);
        frame.ipKey = f[4].empty() ? "" : f[4] + ">" + f[5] + "#" + f[6] + "/" + f[7];
        reads[files.at(std::stoull(f[0]))].frames.push_back(frame);
    }
    return reads;
}

/// One device of the network, as the pcap file names and links.csv name it.
struct Device
{
    bool csma{false};
    std::string mac;  //!< its Ethernet address (CSMA)
    std::string peer; //!< the other end (point-to-point)
    double rateBps{0};
    int64_t delayNs{0};
};

/// (link, node) -> device: the scenario's network built as a run builds it.
std::map<std::pair<std::string, std::string>, Device>
Devices(const Scenario& s)
{
    ns3::Simulator::Destroy();
    ns3::Mac48Address::ResetAllocationIndex();
    ns3::gcsim::TopologyConfig topology = s.topology;
    topology.members = s.group.members;
    topology.group = s.group.address;
    ns3::gcsim::Network network = ns3::gcsim::BuildNetwork(topology);
    std::map<std::pair<std::string, std::string>, Device> devices;
    for (const auto& link : network.links)
    {
        for (std::size_t e = 0; e < link.ends.size(); ++e)
        {
            Device d;
            d.csma = ns3::DynamicCast<ns3::CsmaNetDevice>(link.ends[e]) != nullptr;
            std::ostringstream mac;
            mac << ns3::Mac48Address::ConvertFrom(link.ends[e]->GetAddress());
            d.mac = mac.str();
            if (link.ends.size() == 2)
            {
                d.peer = network.NodeName(link.ends[1 - e]->GetNode()->GetId());
            }
            d.rateBps = static_cast<double>(link.rate.GetBitRate());
            d.delayNs = link.delay.GetNanoSeconds();
            devices[{link.name, network.NodeName(link.ends[e]->GetNode()->GetId())}] = d;
        }
    }
    ns3::Simulator::Destroy();
    return devices;
}

std::string
PcapName(const std::string& folder, std::string mode, const std::string& link,
         const std::string& node)
{
    std::replace(mode.begin(), mode.end(), '/', '-');
    return folder + "/pcap-" + mode + "-" + link + "-" + node + ".pcap";
}

/**
 * Runs \p scenarioText with pcap output and checks every links.csv row against the frames
 * tshark reads from that device's file. Returns how many frames were checked.
 */
uint64_t
CheckPcapAgainstLinks(const std::string& scenarioText)
{
    ScratchFolder scratch;
    WriteFile(scratch / "scenario.toml", scenarioText);
    Scenario scenario = LoadScenario(scratch / "scenario.toml", {});
    auto devices = Devices(scenario);
    std::string out = scratch / "out";
    CommandResult r = RunCommand(
        {"run", scratch / "scenario.toml", "--set", "output.pcap=true", "--out", out, "-q"});
    EXPECT_EQ(r.status, 0) << r.err;

    auto rows = ReadCsv(ReadFile(out + "/links.csv"));
    EXPECT_GT(rows.size(), 1U);
    std::vector<std::string> files;
    for (std::size_t i = 1; i < rows.size(); ++i)
    {
        files.push_back(PcapName(out, rows[i][0], rows[i][1], rows[i][2]));
    }
    // One file per links.csv row, nothing else.
    std::size_t pcapFiles = 0;
    for (const auto& e : std::filesystem::directory_iterator(out))
    {
        pcapFiles += e.path().extension() == ".pcap";
    }
    EXPECT_EQ(pcapFiles, files.size());
    auto reads = TsharkAll(files, scratch / "all.pcapng");

    // Point-to-point links: the earlier copy of each frame is the sender's.
    // (mode, link) -> ip key -> copies: (time, node, length)
    std::map<std::pair<std::string, std::string>,
             std::map<std::string, std::vector<std::tuple<int64_t, std::string, uint64_t>>>>
        copies;
    for (std::size_t i = 1; i < rows.size(); ++i)
    {
        const auto& row = rows[i];
        const Device& device = devices.at({row[1], row[2]});
        const PcapRead& read = reads[files[i - 1]];
        EXPECT_TRUE(read.opened) << "tshark cannot read " << files[i - 1];
        if (device.csma)
        {
            continue;
        }
        for (const auto& frame : read.frames)
        {
            EXPECT_FALSE(frame.ipKey.empty()) << files[i - 1] << ": a frame that is not IPv4";
            copies[{row[0], row[1]}][frame.ipKey].emplace_back(frame.timeNs, row[2], frame.length);
        }
    }
    std::map<std::pair<std::string, std::string>, std::pair<uint64_t, uint64_t>> sentP2p;
    for (const auto& [modeLink, byKey] : copies)
    {
        for (const auto& [key, list] : byKey)
        {
            EXPECT_EQ(list.size(), 2U) << modeLink.first << " " << modeLink.second << " " << key
                                       << ": a frame should be in both ends' files once";
            if (list.size() != 2)
            {
                continue;
            }
            auto [t0, node0, len0] = list[0];
            auto [t1, node1, len1] = list[1];
            EXPECT_NE(node0, node1);
            EXPECT_EQ(len0, len1);
            const auto& sender = t0 < t1 ? node0 : node1;
            const Device& d = devices.at({modeLink.second, sender});
            // The receiver's copy is one transmission time plus the delay later (pcap
            // timestamps are whole microseconds).
            double expected = 8e9 * double(len0) / d.rateBps + double(d.delayNs);
            EXPECT_NEAR(double(std::abs(t1 - t0)), expected, 1000.0)
                << modeLink.first << " " << modeLink.second << " " << key;
            auto& sent = sentP2p[{modeLink.first + "," + modeLink.second, sender}];
            ++sent.first;
            sent.second += len0;
        }
    }

    uint64_t checked = 0;
    for (std::size_t i = 1; i < rows.size(); ++i)
    {
        const auto& row = rows[i];
        uint64_t frames = std::stoull(row[4]);
        uint64_t bytes = std::stoull(row[5]);
        const Device& device = devices.at({row[1], row[2]});
        uint64_t pcapFrames = 0;
        uint64_t pcapBytes = 0;
        if (device.csma)
        {
            std::set<std::string> linkMacs;
            for (const auto& [key, d] : devices)
            {
                if (key.first == row[1])
                {
                    linkMacs.insert(d.mac);
                }
            }
            for (const auto& frame : reads[files[i - 1]].frames)
            {
                EXPECT_TRUE(linkMacs.count(frame.ethSource))
                    << files[i - 1] << ": a frame from " << frame.ethSource << ", no device of "
                    << row[1];
                if (frame.ethSource == device.mac)
                {
                    ++pcapFrames;
                    pcapBytes += frame.length;
                }
            }
        }
        else
        {
            auto sent = sentP2p[{row[0] + "," + row[1], row[2]}];
            pcapFrames = sent.first;
            pcapBytes = sent.second;
        }
        EXPECT_EQ(pcapFrames, frames) << row[0] << " " << row[1] << " from " << row[2];
        EXPECT_EQ(pcapBytes, bytes) << row[0] << " " << row[1] << " from " << row[2];
        checked += frames;
    }
    return checked;
}

TEST(Pcap, LanFilesMatchLinksCsv)
{
    if (!TsharkAvailable())
    {
        GTEST_SKIP() << "tshark is not installed (scripts/setup.sh --test installs it)";
    }
    // Dynamic ARP: the files and links.csv also hold the ARP requests and replies; overlay:
    // members send too.
    uint64_t frames = CheckPcapAgainstLinks(R"(
name = "pcap-lan"
[topology]
kind = "lan"
clients = 4
[group]
members = [1, 3, 4]
target = 3
[traffic]
messages = 3
size = 300
[delivery]
modes = ["unicast", "replicated-unicast", "multicast", "broadcast", "overlay"]
arp = "dynamic"
)");
    EXPECT_GT(frames, 0U);
}

TEST(Pcap, TreeFilesMatchLinksCsv)
{
    if (!TsharkAvailable())
    {
        GTEST_SKIP() << "tshark is not installed (scripts/setup.sh --test installs it)";
    }
    // Overlay: members relay back up the tree, so point-to-point links carry frames both ways.
    uint64_t frames = CheckPcapAgainstLinks(R"(
name = "pcap-tree"
[topology]
kind = "tree"
fanout = 2
depth = 1
clients_per_leaf = 2
[group]
members = [1, 2, 4]
[traffic]
messages = 2
size = 500
[delivery]
modes = ["unicast", "replicated-unicast", "multicast", "broadcast", "overlay"]
)");
    EXPECT_GT(frames, 0U);
}

} // namespace
} // namespace gcsim::test
