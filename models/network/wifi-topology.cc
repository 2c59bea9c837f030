// Topology kind `wifi`: one infrastructure BSS, the access point bridging its cable to P1
// and its radio.
//
//      P1 10.0.0.1 --port0 (data_rate, delay)-- AP ))) wlan1 (((  C1 10.0.0.2
//                                               (0,0)             C2 10.0.0.3 ... at their
//                                                                 places (placement)
//
// The access point is a SnoopingSwitch over two ports, the cable and its ApWifiMac device,
// as an access point bridges its LAN and its BSS: P1 and the stations share one subnet, and
// group frames go out on the radio only when a station is a member (snooping from the
// group list, or learned from IGMP). With multicast_to_unicast the radio port sends a group
// frame as one acknowledged unicast frame per member station, as Linux's bridge does on an
// access point's port with multicast_to_unicast on. With server = "station", P1 is a
// station 1 m from the access point and there is no cable: its group frames go up to the
// access point as unicast and down once as a group frame (ApWifiMac forwards them itself).

#include "wifi-topology.h"

#include "config-error.h"
#include "run-seed.h"
#include "snooping-switch.h"
#include "wifi-airtime.h"

#include <cmath>
#include <ns3/ap-wifi-mac.h>
#include <ns3/boolean.h>
#include <ns3/constant-position-mobility-model.h>
#include <ns3/double.h>
#include <ns3/ipv4-interface.h>
#include <ns3/ipv4-l3-protocol.h>
#include <ns3/ipv4-static-routing-helper.h>
#include <ns3/log.h>
#include <ns3/mobility-helper.h>
#include <ns3/ssid.h>
#include <ns3/string.h>
#include <ns3/uinteger.h>
#include <ns3/wifi-helper.h>
#include <ns3/wifi-net-device.h>
#include <ns3/wifi-remote-station-manager.h>
#include <ns3/yans-wifi-helper.h>
#include <random>
#include <sstream>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimWifiTopology");

namespace
{

/// The seed purpose of the stations' places (PurposeSeed of the topology's seed).
constexpr uint32_t kPlacementPurpose = 6;
/// Speed of light, for the log-distance model's loss at 1 m (free space).
constexpr double kSpeedOfLight = 299792458.0;
/// ns-3's defaults: WifiPhy's transmit power, and the weakest signal whose preamble
/// ThresholdPreambleDetectionModel detects.
constexpr double kTxPowerDbm = 16.0206;
constexpr double kDetectionDbm = -82.0;

std::vector<std::string>
Prefixed(const std::string& prefix, const std::vector<std::string>& rates)
{
    std::vector<std::string> modes;
    for (const auto& r : rates)
    {
        modes.push_back(prefix + r + "Mbps");
    }
    return modes;
}

std::vector<std::string>
Mcs(const std::string& prefix, uint32_t last)
{
    std::vector<std::string> modes;
    for (uint32_t i = 0; i <= last; ++i)
    {
        modes.push_back(prefix + std::to_string(i));
    }
    return modes;
}

std::vector<std::string>
Join(std::vector<std::string> a, const std::vector<std::string>& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

const std::vector<WifiStandardInfo>&
Standards()
{
    static const std::vector<std::string> ofdm = {"6", "9", "12", "18", "24", "36", "48", "54"};
    static const std::vector<std::string> dsss =
        Join(Prefixed("DsssRate", {"1", "2"}), Prefixed("DsssRate", {"5_5", "11"}));
    static const std::vector<WifiStandardInfo> standards = {
        {"80211a", 5.18, 20, Prefixed("OfdmRate", ofdm)},
        {"80211g", 2.412, 20, Join(dsss, Prefixed("ErpOfdmRate", ofdm))},
        {"80211n", 2.412, 20, Join(Join(dsss, Prefixed("ErpOfdmRate", ofdm)), Mcs("HtMcs", 7))},
        {"80211ac", 5.21, 80, Join(Prefixed("OfdmRate", ofdm), Mcs("VhtMcs", 9))},
    };
    return standards;
}

WifiStandard
NsStandard(const std::string& name)
{
    if (name == "80211g")
    {
        return WIFI_STANDARD_80211g;
    }
    if (name == "80211n")
    {
        return WIFI_STANDARD_80211n;
    }
    return name == "80211ac" ? WIFI_STANDARD_80211ac : WIFI_STANDARD_80211a;
}

/// Free space's path loss at 1 m on \p standard's channel, dB: the log-distance reference.
double
FreeSpaceLossAt1m(const WifiStandardInfo& standard)
{
    return 20 * std::log10(4 * M_PI * standard.frequencyGhz * 1e9 / kSpeedOfLight);
}

/// A uniform double in [0, 1) from 53 bits of \p rng (the same on every platform).
double
Uniform(std::mt19937_64& rng)
{
    return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

/// Refuses a station no frame can reach: beyond WifiRange() with a deterministic channel.
void
CheckRange(const TopologyConfig& config, const WifiStandardInfo& standard)
{
    if (config.fading != "none")
    {
        return; // fading reaches any distance, now and then
    }
    double range = WifiRange(config, standard);
    std::vector<Vector> places = WifiPositions(config);
    for (std::size_t i = 0; i < places.size(); ++i)
    {
        double d = std::hypot(places[i].x, places[i].y);
        if (d > range)
        {
            std::ostringstream why;
            why.precision(1);
            why << std::fixed << "places client " << i + 1 << " " << d
                << " m from the access point, beyond the access point's range of " << range
                << " m (" << kDetectionDbm << " dBm received from " << kTxPowerDbm << " dBm sent, "
                << config.propagation << " path loss): it could never "
                << "associate";
            throw ConfigError(config.placement == "list" ? "topology.positions"
                                                         : "topology.placement",
                              why.str());
        }
    }
}

} // namespace

YansWifiChannelHelper
WifiChannelFor(const TopologyConfig& config, const WifiStandardInfo& standard)
{
    YansWifiChannelHelper channel;
    channel.SetPropagationDelay("ns3::ConstantSpeedPropagationDelayModel");
    double hz = standard.frequencyGhz * 1e9;
    if (config.propagation == "friis")
    {
        channel.AddPropagationLoss("ns3::FriisPropagationLossModel", "Frequency", DoubleValue(hz));
    }
    else
    {
        // The loss at the reference distance (1 m) is free space's at the channel's frequency.
        channel.AddPropagationLoss("ns3::LogDistancePropagationLossModel", "Exponent",
                                   DoubleValue(config.lossExponent), "ReferenceLoss",
                                   DoubleValue(FreeSpaceLossAt1m(standard)));
    }
    if (config.fading == "rayleigh")
    {
        channel.AddPropagationLoss("ns3::NakagamiPropagationLossModel", "m0", DoubleValue(1), "m1",
                                   DoubleValue(1), "m2", DoubleValue(1));
    }
    return channel;
}

WifiHelper
WifiHelperFor(const TopologyConfig& config, const WifiStandardInfo& standard)
{
    WifiHelper wifi;
    wifi.SetStandard(NsStandard(config.wifiStandard));
    bool ht = config.wifiStandard == "80211n" || config.wifiStandard == "80211ac";
    std::string manager = config.rateManager == "constant" ? "ns3::ConstantRateWifiManager"
                          : config.rateManager == "ideal"  ? "ns3::IdealWifiManager"
                          : ht                             ? "ns3::MinstrelHtWifiManager"
                                                           : "ns3::MinstrelWifiManager";
    wifi.SetRemoteStationManager(manager, "RtsCtsThreshold", UintegerValue(config.rtsThreshold));
    if (config.rateManager == "constant")
    {
        std::string data = config.unicastRate.empty()
                               ? standard.modes.back()
                               : WifiModeFor(standard, config.unicastRate, "topology.unicast_rate");
        wifi.SetRemoteStationManager(manager, "RtsCtsThreshold", UintegerValue(config.rtsThreshold),
                                     "DataMode", StringValue(data), "ControlMode",
                                     StringValue(data));
    }
    return wifi;
}

YansWifiPhyHelper
WifiPhyFor(const TopologyConfig& config, const WifiStandardInfo& standard)
{
    YansWifiPhyHelper phy;
    phy.SetChannel(WifiChannelFor(config, standard).Create());
    std::ostringstream settings;
    settings << "{0, " << standard.channelWidth << ", "
             << (standard.frequencyGhz < 3 ? "BAND_2_4GHZ" : "BAND_5GHZ") << ", 0}";
    phy.Set("ChannelSettings", StringValue(settings.str()));
    return phy;
}

void
SetMulticastRate(const TopologyConfig& config, const WifiStandardInfo& standard,
                 const NetDeviceContainer& devices)
{
    if (config.multicastRate.empty())
    {
        return;
    }
    std::string mode = WifiModeFor(standard, config.multicastRate, "topology.multicast_rate");
    for (uint32_t i = 0; i < devices.GetN(); ++i)
    {
        DynamicCast<WifiNetDevice>(devices.Get(i))
            ->GetRemoteStationManager()
            ->SetAttribute("NonUnicastMode", StringValue(mode));
    }
}

std::string
LegacyUnicastMode(const TopologyConfig& config, const WifiStandardInfo& standard)
{
    if (config.rateManager == "constant" && !config.unicastRate.empty())
    {
        std::string mode = WifiModeFor(standard, config.unicastRate, "topology.unicast_rate");
        if (WifiAirtime::Covers(mode))
        {
            return mode;
        }
    }
    std::string fastest;
    for (const auto& mode : standard.modes)
    {
        fastest = WifiAirtime::Covers(mode) ? mode : fastest;
    }
    return fastest;
}

namespace
{

void
Place(Ptr<Node> node, const Vector& at)
{
    Ptr<ConstantPositionMobilityModel> mobility = CreateObject<ConstantPositionMobilityModel>();
    mobility->SetPosition(at);
    node->AggregateObject(mobility);
}

/// The IPv4 interface on \p device.
Ptr<Ipv4Interface>
InterfaceOf(Ptr<NetDevice> device)
{
    auto ip = device->GetNode()->GetObject<Ipv4L3Protocol>();
    return ip->GetInterface(ip->GetInterfaceForDevice(device));
}

/// A warm BSS: P1 and every client know each other's MAC address (and the clients each
/// other's, up to 1024), the access point knows every host's port.
void
Warm(Ptr<SnoopingSwitch> ap, const std::vector<Ptr<NetDevice>>& hostDevices,
     const std::vector<Ptr<NetDevice>>& hostPorts, bool clientPairs)
{
    std::vector<Ptr<Ipv4Interface>> clients;
    Ptr<Ipv4Interface> server = InterfaceOf(hostDevices[0]);
    for (std::size_t h = 0; h < hostDevices.size(); ++h)
    {
        ap->AddStaticEntry(Mac48Address::ConvertFrom(hostDevices[h]->GetAddress()), hostPorts[h]);
        if (h > 0)
        {
            Ptr<Ipv4Interface> client = InterfaceOf(hostDevices[h]);
            AddArpEntry(server, client);
            AddArpEntry(client, server);
            clients.push_back(client);
        }
    }
    constexpr std::size_t kAllPairsLimit = 1024;
    if (clientPairs && clients.size() <= kAllPairsLimit)
    {
        for (const auto& a : clients)
        {
            for (const auto& b : clients)
            {
                if (a != b)
                {
                    AddArpEntry(a, b);
                }
            }
        }
    }
}

} // namespace

double
WifiRange(const TopologyConfig& config, const WifiStandardInfo& standard)
{
    double exponent = config.propagation == "friis" ? 2.0 : config.lossExponent;
    return std::pow(10.0,
                    (kTxPowerDbm - kDetectionDbm - FreeSpaceLossAt1m(standard)) / (10 * exponent));
}

const WifiStandardInfo*
FindWifiStandard(const std::string& name)
{
    for (const auto& s : Standards())
    {
        if (name == s.name)
        {
            return &s;
        }
    }
    return nullptr;
}

std::string
WifiStandardNames()
{
    std::string names;
    for (const auto& s : Standards())
    {
        names += (names.empty() ? "" : ", ") + std::string(s.name);
    }
    return names;
}

std::string
WifiModeFor(const WifiStandardInfo& standard, const std::string& rate, const std::string& field)
{
    for (const auto& mode : standard.modes)
    {
        if (mode == rate)
        {
            return mode;
        }
    }
    std::string mbps = rate;
    for (auto& c : mbps)
    {
        c = c == '.' ? '_' : c;
    }
    for (const char* prefix : {"OfdmRate", "ErpOfdmRate", "DsssRate"})
    {
        for (const auto& mode : standard.modes)
        {
            if (mode == prefix + mbps)
            {
                return mode;
            }
        }
    }
    std::string known;
    for (const auto& mode : standard.modes)
    {
        known += (known.empty() ? "" : ", ") + mode;
    }
    throw ConfigError(field, "'" + rate + "' is not a rate of " + standard.name +
                                 "; it has: " + known + " (or a legacy rate as \"24Mbps\")");
}

void
CheckWifiConfig(const TopologyConfig& config)
{
    const WifiStandardInfo* standard = FindWifiStandard(config.wifiStandard);
    if (!standard)
    {
        throw ConfigError("topology.standard", "unknown standard '" + config.wifiStandard +
                                                   "'; known: " + WifiStandardNames());
    }
    if (config.rateManager != "minstrel" && config.rateManager != "ideal" &&
        config.rateManager != "constant")
    {
        throw ConfigError("topology.rate_manager", "unknown rate manager '" + config.rateManager +
                                                       "'; known: minstrel, ideal, constant");
    }
    if (!config.unicastRate.empty() && config.rateManager != "constant")
    {
        throw ConfigError("topology.unicast_rate", "is read by rate_manager = \"constant\" only; "
                                                   "minstrel and ideal choose the rate themselves");
    }
    if (!config.unicastRate.empty())
    {
        WifiModeFor(*standard, config.unicastRate, "topology.unicast_rate");
    }
    if (!config.multicastRate.empty())
    {
        WifiModeFor(*standard, config.multicastRate, "topology.multicast_rate");
    }
    if (config.propagation != "log-distance" && config.propagation != "friis")
    {
        throw ConfigError("topology.propagation", "unknown propagation model '" +
                                                      config.propagation +
                                                      "'; known: log-distance, friis");
    }
    if (config.fading != "none" && config.fading != "rayleigh")
    {
        throw ConfigError("topology.fading",
                          "unknown fading '" + config.fading + "'; known: none, rayleigh");
    }
    if (config.placement == "list" && config.positions.size() != config.clients)
    {
        throw ConfigError("topology.positions", "lists " + std::to_string(config.positions.size()) +
                                                    " places for " +
                                                    std::to_string(config.clients) + " clients");
    }
    if (config.placement != "disc" && config.placement != "grid" && config.placement != "line" &&
        config.placement != "list")
    {
        throw ConfigError("topology.placement", "unknown placement '" + config.placement +
                                                    "'; known: disc, grid, line, list");
    }
    if (config.kind == "wifi")
    {
        CheckRange(config, *standard); // a mesh's nodes reach one another hop by hop
    }
}

std::vector<Vector>
WifiPositions(const TopologyConfig& config)
{
    std::vector<Vector> at;
    uint32_t n = config.clients;
    if (config.placement == "list")
    {
        for (const auto& p : config.positions)
        {
            at.emplace_back(p.first, p.second, 0);
        }
        return at;
    }
    std::mt19937_64 rng(PurposeSeed(config.seed, kPlacementPurpose));
    auto columns = static_cast<uint32_t>(std::ceil(std::sqrt(static_cast<double>(n))));
    for (uint32_t i = 0; i < n; ++i)
    {
        if (config.placement == "disc")
        {
            // Uniform over the disc's area: the radius goes as the square root.
            double r = config.radius * std::sqrt(Uniform(rng));
            double angle = 2 * M_PI * Uniform(rng);
            at.emplace_back(r * std::cos(angle), r * std::sin(angle), 0);
        }
        else if (config.placement == "grid")
        {
            // Rows of desks in front of the access point, centred on it.
            double x = (i % columns - (columns - 1) / 2.0) * config.spacing;
            at.emplace_back(x, (i / columns + 1) * config.spacing, 0);
        }
        else
        {
            at.emplace_back((i + 1) * config.spacing, 0, 0);
        }
    }
    return at;
}

namespace
{

/// The stations (P1 first when it is one) at their places; P1's cable to the access point.
NodeContainer
PlaceStations(const TopologyConfig& config, NetworkBuilder& builder, Ptr<Node> apNode)
{
    Network& network = builder.Get();
    NodeContainer stations;
    std::vector<Vector> places = WifiPositions(config);
    Place(apNode, Vector(0, 0, 0));
    if (config.serverStation)
    {
        stations.Add(network.Server());
        Place(network.Server(), Vector(1, 0, 0));
    }
    else
    {
        builder.AddSwitchPort(network.Server(), apNode, config.dataRate, config.delay);
    }
    for (uint32_t c = 1; c <= config.clients; ++c)
    {
        stations.Add(network.hosts.Get(c));
        Place(network.hosts.Get(c), places[c - 1]);
    }
    return stations;
}

/// The access point's and the stations' 802.11 devices on one channel; the medium's link.
std::size_t
InstallBss(const TopologyConfig& config, const WifiStandardInfo& standard, NetworkBuilder& builder,
           Ptr<Node> apNode, const NodeContainer& stations)
{
    YansWifiPhyHelper phy = WifiPhyFor(config, standard);
    WifiHelper wifi = WifiHelperFor(config, standard);
    WifiMacHelper mac;
    Ssid ssid("gcsim");
    mac.SetType("ns3::ApWifiMac", "Ssid", SsidValue(ssid), "EnableBeaconJitter",
                BooleanValue(false));
    NetDeviceContainer devices = wifi.Install(phy, mac, apNode);
    mac.SetType("ns3::StaWifiMac", "Ssid", SsidValue(ssid), "ActiveProbing", BooleanValue(false));
    devices.Add(wifi.Install(phy, mac, stations));
    SetMulticastRate(config, standard, devices);
    std::size_t wlan = builder.AddWifi(devices, DataRate(0), true);
    Link& link = builder.Get().links[wlan];
    link.mode = LegacyUnicastMode(config, standard);
    link.rate = DataRate(WifiAirtime::ModeRate(link.mode));
    link.range = config.fading == "none" ? WifiRange(config, standard) : 0;
    return wlan;
}

/// The access point's bridge over its cable (if any) and its radio, with the group's members.
Ptr<SnoopingSwitch>
BridgeAccessPoint(const TopologyConfig& config, Network& network, Ptr<Node> apNode,
                  std::size_t wlan)
{
    Ptr<SnoopingSwitch> ap = CreateObject<SnoopingSwitch>();
    ap->SetAttribute("IgmpSnooping", BooleanValue(config.igmpSnooping));
    apNode->AddDevice(ap);
    Ptr<NetDevice> radio = network.links[wlan].ends[0];
    if (!config.serverStation)
    {
        ap->AddBridgePort(network.links[0].ends[1]);
    }
    ap->AddBridgePort(radio);
    ap->SetMulticastToUnicast(radio, config.multicastToUnicast);
    // The access point knows the group's member stations from the start; with the igmp model
    // it follows their reports and leaves from then on.
    for (uint32_t m : config.members)
    {
        if (m < 1 || m > config.clients)
        {
            throw ConfigError("group.members",
                              "member " + std::to_string(m) + " is not a client of the BSS");
        }
        Ptr<NetDevice> station = network.links[wlan].ends[(config.serverStation ? 1 : 0) + m];
        ap->AddGroupMember(config.group, radio, Mac48Address::ConvertFrom(station->GetAddress()));
    }
    return ap;
}

} // namespace

Network
BuildWifi(const TopologyConfig& config)
{
    NS_LOG_FUNCTION_NOARGS();
    CheckWifiConfig(config);
    const WifiStandardInfo& standard = *FindWifiStandard(config.wifiStandard);
    NetworkBuilder builder(config, false);
    builder.CreateHosts(config.clients);
    Network& network = builder.Get();
    Ptr<Node> apNode = builder.AddSwitch();
    network.names[apNode->GetId()] = "AP";
    NodeContainer stations = PlaceStations(config, builder, apNode);
    std::size_t wlan = InstallBss(config, standard, builder, apNode, stations);
    builder.AssignSwitchedSubnet();
    Ptr<SnoopingSwitch> ap = BridgeAccessPoint(config, network, apNode, wlan);

    // Each host's device and the access point's port it is behind.
    const auto& ends = network.links[wlan].ends;
    Ptr<NetDevice> radio = ends[0];
    std::vector<Ptr<NetDevice>> hostDevices{config.serverStation ? ends[1]
                                                                 : network.links[0].ends[0]};
    std::vector<Ptr<NetDevice>> hostPorts{config.serverStation ? radio : network.links[0].ends[1]};
    for (std::size_t e = config.serverStation ? 2 : 1; e < ends.size(); ++e)
    {
        hostDevices.push_back(ends[e]);
        hostPorts.push_back(radio);
    }
    Ipv4StaticRoutingHelper().SetDefaultMulticastRoute(network.Server(), hostDevices[0]);
    if (config.staticArp)
    {
        Warm(ap, hostDevices, hostPorts, config.clientPairsArp);
    }
    return network;
}

} // namespace gcsim
} // namespace ns3
