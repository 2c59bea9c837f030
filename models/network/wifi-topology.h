#ifndef GCSIM_WIFI_TOPOLOGY_H
#define GCSIM_WIFI_TOPOLOGY_H

#include "network.h"

#include <ns3/vector.h>
#include <ns3/wifi-helper.h>
#include <ns3/yans-wifi-helper.h>
#include <string>
#include <vector>

namespace ns3
{
namespace gcsim
{

/// What a Wi-Fi standard gives a network: its band and the modes its stations know.
struct WifiStandardInfo
{
    const char* name;      //!< as scenarios spell it: "80211a"
    double frequencyGhz;   //!< the channel's centre frequency
    uint16_t channelWidth; //!< MHz
    /// Every mode name a rate key may give ("OfdmRate6Mbps", "HtMcs7"), slowest legacy first.
    std::vector<std::string> modes;
};

/// The standards kind `wifi` offers, or null for a name it does not know.
const WifiStandardInfo* FindWifiStandard(const std::string& name);
/// Every standard's name, for messages: "80211a, 80211g, 80211n, 80211ac".
std::string WifiStandardNames();

/**
 * The ns-3 mode a rate key names under \p standard: a mode name ("ErpOfdmRate24Mbps",
 * "VhtMcs5") or a legacy rate in Mbit/s ("24Mbps", "5.5Mbps"), matched against the
 * standard's modes (OFDM before DSSS at the same rate). Throws ConfigError(\p field) for a
 * rate the standard lacks.
 */
std::string WifiModeFor(const WifiStandardInfo& standard, const std::string& rate,
                        const std::string& field);

/**
 * Checks the Wi-Fi keys of \p config (standard, rates, placement, rate manager) before
 * anything is built. Throws ConfigError naming the key.
 */
void CheckWifiConfig(const TopologyConfig& config);

/// The radio channel of \p config: propagation delay, path loss, fading.
YansWifiChannelHelper WifiChannelFor(const TopologyConfig& config,
                                     const WifiStandardInfo& standard);
/// A PHY helper on a new channel of \p config, in the standard's band and channel width.
YansWifiPhyHelper WifiPhyFor(const TopologyConfig& config, const WifiStandardInfo& standard);
/// The standard and the rate manager (RTS/CTS threshold, the constant rate) of \p config.
WifiHelper WifiHelperFor(const TopologyConfig& config, const WifiStandardInfo& standard);
/// Sets group frames' mode (multicast_rate, ns-3's NonUnicastMode) on \p devices.
void SetMulticastRate(const TopologyConfig& config, const WifiStandardInfo& standard,
                      const NetDeviceContainer& devices);
/// The legacy mode of a medium's baseline (HopTime): the constant rate's, else the fastest.
std::string LegacyUnicastMode(const TopologyConfig& config, const WifiStandardInfo& standard);

/**
 * How far from the access point a station still hears it on a channel without fading: where
 * the path loss leaves ns-3's 16.02 dBm transmit power at the -82 dBm its preamble detection
 * needs. Metres.
 */
double WifiRange(const TopologyConfig& config, const WifiStandardInfo& standard);

/// Where client n (1-based) stands, at n - 1; the access point is at the origin.
std::vector<Vector> WifiPositions(const TopologyConfig& config);

/**
 * Topology kind `wifi`: one infrastructure BSS. The picture, the access point's bridge and
 * the link order are in wifi-topology.cc. Throws ConfigError for a configuration it cannot
 * build.
 */
Network BuildWifi(const TopologyConfig& config);

} // namespace gcsim
} // namespace ns3

#endif
