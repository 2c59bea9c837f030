#include "wifi-airtime.h"

#include <algorithm>
#include <ns3/log.h>
#include <stdexcept>
#include <vector>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimWifiAirtime");

namespace
{

bool
StartsWith(const std::string& s, const std::string& prefix)
{
    return s.rfind(prefix, 0) == 0;
}

/// "OfdmRate24Mbps" -> 24e6; "DsssRate5_5Mbps" -> 5.5e6.
uint64_t
RateOf(const std::string& mode, const std::string& prefix)
{
    std::string number = mode.substr(prefix.size(), mode.size() - prefix.size() - 4);
    std::replace(number.begin(), number.end(), '_', '.');
    return static_cast<uint64_t>(std::stod(number) * 1e6 + 0.5);
}

} // namespace

bool
WifiAirtime::Covers(const std::string& mode)
{
    return (StartsWith(mode, "OfdmRate") || StartsWith(mode, "ErpOfdmRate") ||
            StartsWith(mode, "DsssRate")) &&
           mode.size() > 4 && mode.compare(mode.size() - 4, 4, "Mbps") == 0;
}

uint64_t
WifiAirtime::ModeRate(const std::string& mode)
{
    for (const char* prefix : {"ErpOfdmRate", "OfdmRate", "DsssRate"})
    {
        if (StartsWith(mode, prefix))
        {
            return RateOf(mode, prefix);
        }
    }
    throw std::invalid_argument("no closed form for Wi-Fi mode " + mode);
}

Time
WifiAirtime::Frame(uint32_t bytes, const std::string& mode)
{
    uint64_t rate = ModeRate(mode);
    if (StartsWith(mode, "DsssRate"))
    {
        // Long PLCP preamble and header: 192 us at 1 Mbit/s; the PSDU at the rate, whole us.
        uint64_t ns = (8ULL * bytes * 1000000000ULL + rate - 1) / rate;
        return MicroSeconds(192) + MicroSeconds((ns + 999) / 1000);
    }
    uint64_t bitsPerSymbol = rate * 4 / 1000000;
    uint64_t symbols = (16 + 8ULL * bytes + 6 + bitsPerSymbol - 1) / bitsPerSymbol;
    Time t = MicroSeconds(16 + 4 + 4 * symbols);
    return StartsWith(mode, "ErpOfdmRate") ? t + MicroSeconds(6) : t;
}

bool
WifiAirtime::Band24(const std::string& mode)
{
    return !StartsWith(mode, "OfdmRate");
}

Time
WifiAirtime::Sifs(bool band24)
{
    return MicroSeconds(band24 ? 10 : 16);
}

Time
WifiAirtime::Slot(bool band24, bool shortSlot)
{
    return MicroSeconds(band24 && !shortSlot ? 20 : 9);
}

Time
WifiAirtime::Difs(bool band24, bool shortSlot)
{
    return Sifs(band24) + 2 * Slot(band24, shortSlot);
}

std::string
WifiAirtime::AckMode(const std::string& mode)
{
    // The mandatory (basic) rates: OFDM 6, 12, 24; DSSS 1, 2 (and HR/DSSS 5.5, 11 in 802.11b).
    uint64_t rate = ModeRate(mode);
    std::vector<uint64_t> basic = StartsWith(mode, "DsssRate")
                                      ? std::vector<uint64_t>{1000000, 2000000, 5500000, 11000000}
                                      : std::vector<uint64_t>{6000000, 12000000, 24000000};
    uint64_t ack = basic.front();
    for (uint64_t b : basic)
    {
        ack = b <= rate ? b : ack;
    }
    std::string prefix = StartsWith(mode, "ErpOfdmRate") ? "ErpOfdmRate"
                         : StartsWith(mode, "OfdmRate")  ? "OfdmRate"
                                                         : "DsssRate";
    std::string mbps = ack == 5500000 ? "5_5" : std::to_string(ack / 1000000);
    return prefix + mbps + "Mbps";
}

Time
WifiAirtime::Ack(const std::string& dataMode)
{
    return Frame(14, AckMode(dataMode));
}

Time
WifiAirtime::Unicast(uint32_t bytes, const std::string& mode)
{
    return Frame(bytes, mode) + Sifs(Band24(mode)) + Ack(mode);
}

} // namespace gcsim
} // namespace ns3
