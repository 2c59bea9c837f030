// The star: every host on its own cable to one Ethernet switch, with and without IGMP
// snooping. Who gets each message, what each cable carried, what non-members' NICs saw,
// and latency against the store-and-forward closed form 2 x (T + d).
#include "models/network/network.h"
#include "models/network/snooping-switch.h"
#include "test-utilities.h"

#include <algorithm>
#include <map>
#include <ns3/boolean.h>
#include <ns3/bridge-helper.h>
#include <ns3/csma-helper.h>
#include <ns3/inet-socket-address.h>
#include <ns3/internet-stack-helper.h>
#include <ns3/ipv4-address-helper.h>
#include <ns3/ipv4-static-routing-helper.h>
#include <ns3/node.h>
#include <ns3/simulator.h>
#include <ns3/udp-socket-factory.h>
#include <set>

namespace gcsim::test
{
namespace
{

const char* kStar = R"(
[topology]
kind = "star"
clients = 8
data_rate = "100Mbps"
delay = "500ns"
[group]
members = [1, 2, 5]
target = 1
[traffic]
messages = 10
size = 1024
)";

constexpr uint64_t kMessages = 10;
constexpr uint64_t kClients = 8;
const std::set<int> kMembers = {1, 2, 5};
constexpr uint64_t kNonMembers = kClients - 3;

// A 1024-byte payload is a max(64, S + 46) = 1070-byte frame; T = 8 x frame / 100 Mbit/s.
constexpr int64_t kFrame = std::max<int64_t>(64, 1024 + 46);
constexpr int64_t kT = 8 * kFrame * 1000000000 / 100000000;
static_assert(kT == 85600);
constexpr int64_t kD = 500;
constexpr int64_t kGap = 960; // CSMA interframe gap: 96 bit times
constexpr int64_t kTwoHops = 2 * (kT + kD);

const std::vector<std::string> kSnooping = {"topology.igmp_snooping=true"};
const std::vector<std::string> kFlooding = {"topology.igmp_snooping=false"};

struct Observed
{
    ModeResult result;
    std::map<std::pair<int, int>, int> copies;      //!< (message, receiver) -> receptions
    std::map<std::pair<int, int>, int64_t> latency; //!< (message, receiver) -> ns
    std::map<std::pair<std::string, std::string>, uint64_t> frames; //!< (from, to) -> frames
    std::vector<std::vector<std::string>> linkRows;                 //!< links.csv, no header
};

Observed
Observe(const std::string& mode, const std::vector<std::string>& overrides)
{
    Observed o;
    std::ostringstream csv;
    std::ostringstream links;
    o.result = Simulate(ScenarioFrom(kStar, overrides), mode, &csv, &links);
    auto rows = ReadCsv(csv.str());
    for (std::size_t i = 1; i < rows.size(); ++i)
    {
        std::pair<int, int> key{std::stoi(rows[i][1]), std::stoi(rows[i][2])};
        ++o.copies[key];
        o.latency[key] = std::stoll(rows[i][8]);
    }
    auto linkRows = ReadCsv(links.str());
    for (std::size_t i = 1; i < linkRows.size(); ++i)
    {
        o.frames[{linkRows[i][2], linkRows[i][3]}] += std::stoull(linkRows[i][4]);
        o.linkRows.push_back(linkRows[i]);
    }
    return o;
}

std::set<int>
AllClients()
{
    std::set<int> all;
    for (uint64_t c = 1; c <= kClients; ++c)
    {
        all.insert(int(c));
    }
    return all;
}

void
ExpectExactlyOnce(const Observed& o, const std::set<int>& destinations)
{
    for (uint64_t m = 0; m < kMessages; ++m)
    {
        for (uint64_t c = 1; c <= kClients; ++c)
        {
            auto it = o.copies.find({int(m), int(c)});
            int got = it == o.copies.end() ? 0 : it->second;
            EXPECT_EQ(got, destinations.count(int(c)) ? 1 : 0)
                << "message " << m << " client " << c;
        }
    }
    EXPECT_EQ(o.result.delivery.deliveries, kMessages * destinations.size());
    EXPECT_EQ(o.result.delivery.expected, kMessages * destinations.size());
    EXPECT_EQ(o.result.delivery.duplicates, 0u);
    EXPECT_EQ(o.result.delivery.unwanted, 0u);
    const auto& l = o.result.links;
    EXPECT_EQ(l.queueDrops + l.linkDrops + l.queueDiscDrops, 0u);
    EXPECT_EQ(o.result.hosts.ipDrops + o.result.hosts.arpDrops, 0u);
}

/// Frames \p from put on its cable to \p to.
uint64_t
Frames(const Observed& o, const std::string& from, const std::string& to)
{
    auto it = o.frames.find({from, to});
    return it == o.frames.end() ? 0 : it->second;
}

/// Frames the switch sent to each client, by client number.
std::map<int, uint64_t>
SwitchToClients(const Observed& o)
{
    std::map<int, uint64_t> out;
    for (uint64_t c = 1; c <= kClients; ++c)
    {
        out[int(c)] = Frames(o, "S0", "C" + std::to_string(c));
    }
    return out;
}

TEST(Star, EveryModeDeliversEachMessageOnceToEachDestination)
{
    for (const auto& snooping : {kSnooping, kFlooding})
    {
        SCOPED_TRACE(snooping[0]);
        ExpectExactlyOnce(Observe("unicast", snooping), {1});
        ExpectExactlyOnce(Observe("replicated-unicast", snooping), kMembers);
        ExpectExactlyOnce(Observe("multicast", snooping), kMembers);
        ExpectExactlyOnce(Observe("broadcast", snooping), AllClients());
    }
}

TEST(Star, LinksCsvHasBothEndsOfEveryCable)
{
    Observed o = Observe("multicast", kSnooping);
    ASSERT_EQ(o.linkRows.size(), 2 * (kClients + 1));
    for (uint64_t h = 0; h <= kClients; ++h)
    {
        std::string host = h == 0 ? "P1" : "C" + std::to_string(h);
        const auto& up = o.linkRows[2 * h];
        const auto& down = o.linkRows[2 * h + 1];
        EXPECT_EQ(up[1], "port" + std::to_string(h));
        EXPECT_EQ(down[1], up[1]);
        EXPECT_EQ(up[2], host);
        EXPECT_EQ(up[3], "S0");
        EXPECT_EQ(down[2], "S0");
        EXPECT_EQ(down[3], host);
    }
}

TEST(Star, MulticastWithSnoopingGoesOnlyToMembersCables)
{
    Observed o = Observe("multicast", kSnooping);
    ExpectExactlyOnce(o, kMembers);
    const auto& l = o.result.links;
    EXPECT_EQ(l.frames, kMessages * (1 + 3));
    EXPECT_EQ(l.serverFrames, kMessages);
    EXPECT_EQ(l.bytes, l.frames * 1070);
    EXPECT_EQ(l.stressMax, 1u);
    EXPECT_EQ(Frames(o, "P1", "S0"), kMessages);
    for (const auto& [client, frames] : SwitchToClients(o))
    {
        EXPECT_EQ(frames, kMembers.count(client) ? kMessages : 0u) << "C" << client;
    }
    EXPECT_EQ(Frames(o, "S0", "P1"), 0u) << "never back out of the incoming port";
    // Non-members' NICs never see the frame, so there is nothing to filter.
    EXPECT_EQ(o.result.hosts.nicFiltered, 0u);
    EXPECT_EQ(o.result.hosts.nonmemberReceptions, 0u);
    EXPECT_EQ(o.result.hosts.receptions, kMessages * 3);
}

TEST(Star, MulticastWithoutSnoopingFloodsAndNonMembersNicsFilter)
{
    Observed o = Observe("multicast", kFlooding);
    ExpectExactlyOnce(o, kMembers);
    const auto& l = o.result.links;
    EXPECT_EQ(l.frames, kMessages * (1 + kClients));
    EXPECT_EQ(l.serverFrames, kMessages);
    EXPECT_EQ(l.stressMax, 1u);
    for (const auto& [client, frames] : SwitchToClients(o))
    {
        EXPECT_EQ(frames, kMessages) << "C" << client;
    }
    EXPECT_EQ(Frames(o, "S0", "P1"), 0u);
    EXPECT_EQ(o.result.hosts.nicFiltered, kMessages * kNonMembers);
    EXPECT_EQ(o.result.hosts.nonmemberReceptions, 0u);
}

TEST(Star, BroadcastIsFloodedWithOrWithoutSnooping)
{
    for (const auto& snooping : {kSnooping, kFlooding})
    {
        SCOPED_TRACE(snooping[0]);
        Observed o = Observe("broadcast", snooping);
        EXPECT_EQ(o.result.links.frames, kMessages * (1 + kClients));
        EXPECT_EQ(o.result.hosts.nonmemberReceptions, kMessages * kNonMembers);
        EXPECT_EQ(o.result.hosts.receptions, kMessages * kClients);
        EXPECT_EQ(o.result.hosts.nicFiltered, 0u);
    }
}

TEST(Star, ReplicatedUnicastCrossesP1sCableOncePerMember)
{
    for (const auto& snooping : {kSnooping, kFlooding})
    {
        SCOPED_TRACE(snooping[0]);
        Observed o = Observe("replicated-unicast", snooping);
        const auto& l = o.result.links;
        EXPECT_EQ(l.frames, kMessages * (3 + 3));
        EXPECT_EQ(l.serverFrames, kMessages * 3);
        EXPECT_EQ(l.stressMax, 3u);
        for (const auto& [client, frames] : SwitchToClients(o))
        {
            EXPECT_EQ(frames, kMembers.count(client) ? kMessages : 0u) << "C" << client;
        }
        EXPECT_EQ(o.result.hosts.nicFiltered, 0u);
        EXPECT_EQ(o.result.hosts.nonmemberReceptions, 0u);
    }
}

TEST(Star, UnicastCrossesTwoCables)
{
    Observed o = Observe("unicast", kSnooping);
    EXPECT_EQ(o.result.links.frames, kMessages * 2);
    EXPECT_EQ(Frames(o, "S0", "C1"), kMessages);
}

TEST(Star, LatencyIsTwoStoreAndForwardHops)
{
    ASSERT_EQ(kTwoHops, 172200);
    for (const auto& snooping : {kSnooping, kFlooding})
    {
        SCOPED_TRACE(snooping[0]);
        for (const char* mode : {"unicast", "multicast", "broadcast"})
        {
            Observed o = Observe(mode, snooping);
            ASSERT_FALSE(o.latency.empty());
            for (const auto& [key, ns] : o.latency)
            {
                EXPECT_EQ(ns, kTwoHops) << mode << " message " << key.first << " C" << key.second;
            }
            EXPECT_EQ(o.result.delivery.latency.max, kTwoHops) << mode;
        }
        // Copy k leaves P1 after the k - 1 ahead of it, each T plus the interframe gap;
        // the switch sends each copy on a different cable, so none waits there.
        Observed o = Observe("replicated-unicast", snooping);
        for (const auto& [key, ns] : o.latency)
        {
            int64_t k = std::map<int, int64_t>{{1, 1}, {2, 2}, {5, 3}}.at(key.second);
            EXPECT_EQ(ns, (k - 1) * (kT + kGap) + kTwoHops) << "C" << key.second;
        }
        EXPECT_EQ(o.result.delivery.latency.max, 2 * (kT + kGap) + kTwoHops);
        EXPECT_EQ(o.result.delivery.latency.max, 345320);
    }
}

TEST(Star, ColdNetworkFloodsOneArpRequestPerMemberAndLearnsFromTheReply)
{
    // P1 resolves each member once: the request is a broadcast (P1 to the switch, then out
    // of all 8 client ports), the reply a unicast the switch sends only to P1's port, and
    // the switch learns the member's port from it. The data frames then cross only P1's
    // cable and the member's.
    Observed o = Observe("replicated-unicast", {"delivery.arp=\"dynamic\""});
    ExpectExactlyOnce(o, kMembers);
    const auto& l = o.result.links;
    EXPECT_EQ(l.messageFrames, kMessages * (3 + 3));
    EXPECT_EQ(l.frames, kMessages * (3 + 3) + 3 * ((1 + kClients) + 2));
    for (const auto& [client, frames] : SwitchToClients(o))
    {
        EXPECT_EQ(frames, 3 + (kMembers.count(client) ? kMessages : 0u)) << "C" << client;
    }
}

/// What every port and every host saw on a four-host switch: frames per switch port, and
/// the times each host's NIC took a frame in.
struct SwitchTrace
{
    std::vector<uint64_t> portFrames;
    std::vector<std::vector<int64_t>> received;

    bool operator==(const SwitchTrace& o) const
    {
        return portFrames == o.portFrames && received == o.received;
    }
};

/**
 * Host 0 sends a multicast datagram, unicasts to hosts 2 and 3 (ARP first: a broadcast
 * request, a unicast reply the switch learns from) and a broadcast, through ns-3's
 * BridgeNetDevice (\p bridge) or a SnoopingSwitch with snooping off.
 */
SwitchTrace
RunFourHostSwitch(bool bridge)
{
    using namespace ns3;
    Simulator::Destroy();
    Mac48Address::ResetAllocationIndex();
    NodeContainer hosts;
    hosts.Create(4);
    Ptr<Node> node = CreateObject<Node>();
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", DataRateValue(DataRate("100Mbps")));
    csma.SetChannelAttribute("Delay", TimeValue(NanoSeconds(500)));
    NetDeviceContainer hostDevices;
    NetDeviceContainer ports;
    for (uint32_t h = 0; h < hosts.GetN(); ++h)
    {
        NetDeviceContainer cable = csma.Install(NodeContainer(hosts.Get(h), node));
        hostDevices.Add(cable.Get(0));
        ports.Add(cable.Get(1));
    }
    if (bridge)
    {
        BridgeHelper().Install(node, ports);
    }
    else
    {
        Ptr<ns3::gcsim::SnoopingSwitch> sw = CreateObject<ns3::gcsim::SnoopingSwitch>();
        sw->SetAttribute("IgmpSnooping", BooleanValue(false));
        node->AddDevice(sw);
        for (uint32_t p = 0; p < ports.GetN(); ++p)
        {
            sw->AddBridgePort(ports.Get(p));
        }
    }
    InternetStackHelper stack;
    stack.SetIpv6StackInstall(false);
    stack.Install(hosts);
    Ipv4AddressHelper addresses("10.1.0.0", "255.255.255.0");
    Ipv4InterfaceContainer interfaces = addresses.Assign(hostDevices);
    Ipv4StaticRoutingHelper().SetDefaultMulticastRoute(hosts.Get(0), hostDevices.Get(0));
    // The same random draws (ARP jitter, CSMA backoff) in both runs.
    stack.AssignStreams(hosts, 0);
    csma.AssignStreams(hostDevices, 100);
    csma.AssignStreams(ports, 200);
    // Receivers on every host, so that no datagram draws an ICMP error.
    std::vector<Ptr<Socket>> receivers;
    for (uint32_t h = 1; h < hosts.GetN(); ++h)
    {
        receivers.push_back(Socket::CreateSocket(hosts.Get(h), UdpSocketFactory::GetTypeId()));
        receivers.back()->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
    }

    SwitchTrace trace;
    trace.portFrames.assign(ports.GetN(), 0);
    trace.received.resize(hosts.GetN());
    for (uint32_t p = 0; p < ports.GetN(); ++p)
    {
        ports.Get(p)->TraceConnectWithoutContext(
            "PhyTxEnd", Callback<void, Ptr<const Packet>>([&trace, p](Ptr<const Packet>)
                                                          { ++trace.portFrames[p]; }));
        hostDevices.Get(p)->TraceConnectWithoutContext(
            "MacRx", Callback<void, Ptr<const Packet>>(
                         [&trace, p](Ptr<const Packet>)
                         { trace.received[p].push_back(Simulator::Now().GetNanoSeconds()); }));
    }
    Ptr<Socket> socket = Socket::CreateSocket(hosts.Get(0), UdpSocketFactory::GetTypeId());
    socket->SetAllowBroadcast(true);
    auto send = [socket](Ipv4Address to)
    { socket->SendTo(Create<Packet>(100), 0, InetSocketAddress(to, 9)); };
    const std::vector<std::pair<double, Ipv4Address>> sends = {
        {1.0, Ipv4Address("239.255.0.1")},     {1.1, interfaces.GetAddress(2)},
        {1.2, interfaces.GetAddress(3)},       {1.3, interfaces.GetAddress(2)},
        {1.4, Ipv4Address("255.255.255.255")},
    };
    for (const auto& [at, to] : sends)
    {
        Simulator::Schedule(Seconds(at), [send, destination = to]() { send(destination); });
    }
    Simulator::Run();
    Simulator::Destroy();
    return trace;
}

TEST(Star, WithoutSnoopingTheSwitchForwardsAsBridgeNetDevice)
{
    SwitchTrace bridge = RunFourHostSwitch(true);
    SwitchTrace snoopingOff = RunFourHostSwitch(false);
    EXPECT_TRUE(bridge == snoopingOff);
    // Port 0 (host 0's): the two ARP replies. Ports 1-3: the multicast, the two ARP
    // requests and the broadcast; ports 2 and 3 also their unicasts.
    EXPECT_EQ(bridge.portFrames, (std::vector<uint64_t>{2, 4, 6, 5}));
    EXPECT_EQ(snoopingOff.portFrames, bridge.portFrames);
}

TEST(Star, TheSwitchBridgesEveryCableAndListsTheMembersPorts)
{
    Scenario s = ScenarioFrom(kStar);
    ns3::gcsim::TopologyConfig config = s.topology;
    config.members = s.group.members;
    ns3::Simulator::Destroy();
    ns3::gcsim::Network network = ns3::gcsim::BuildNetwork(config);
    ASSERT_EQ(network.switches.GetN(), 1u);
    ASSERT_EQ(network.links.size(), kClients + 1);
    ns3::Ptr<ns3::Node> node = network.switches.Get(0);
    ns3::Ptr<ns3::gcsim::SnoopingSwitch> sw;
    for (uint32_t d = 0; d < node->GetNDevices() && !sw; ++d)
    {
        sw = ns3::DynamicCast<ns3::gcsim::SnoopingSwitch>(node->GetDevice(d));
    }
    ASSERT_TRUE(sw);
    ASSERT_EQ(sw->GetNBridgePorts(), kClients + 1);
    ns3::BooleanValue snooping;
    sw->GetAttribute("IgmpSnooping", snooping);
    EXPECT_TRUE(snooping.Get());
    auto ports = sw->GetGroupPorts(s.group.address);
    ASSERT_EQ(ports.size(), 3u);
    EXPECT_EQ(ports[0], network.links[1].ends[1]);
    EXPECT_EQ(ports[1], network.links[2].ends[1]);
    EXPECT_EQ(ports[2], network.links[5].ends[1]);
    sw->RemoveGroupMember(s.group.address, network.links[2].ends[1]);
    EXPECT_EQ(sw->GetGroupPorts(s.group.address).size(), 2u);
    // Another group has its own ports.
    sw->AddGroupMember(ns3::Ipv4Address("239.1.2.3"), network.links[7].ends[1]);
    EXPECT_EQ(sw->GetGroupPorts(ns3::Ipv4Address("239.1.2.3")).size(), 1u);
    EXPECT_EQ(sw->GetGroupPorts(s.group.address).size(), 2u);
    ns3::Simulator::Destroy();
}

} // namespace
} // namespace gcsim::test
