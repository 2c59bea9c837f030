#ifndef GCSIM_WIFI_AIRTIME_H
#define GCSIM_WIFI_AIRTIME_H

#include <ns3/nstime.h>
#include <string>

namespace ns3
{
namespace gcsim
{

/**
 * \brief 802.11 airtime by hand: the closed forms behind the Wi-Fi results.
 *
 * For the legacy modes group frames go at (and the modes of 802.11a/g): OFDM (IEEE 802.11-2020
 * 17.4.3): a 16 us preamble and a 4 us SIGNAL field, then 4 us symbols carrying
 * 16 + 8 x bytes + 6 bits at NDBPS = 4 x Mbit/s bits each; ERP-OFDM at 2.4 GHz adds a 6 us
 * signal extension. DSSS and HR/DSSS (16.3, 17.3) with the long preamble: 192 us, then the
 * bytes at the rate. These are what ns-3's WifiPhy computes for the same frames.
 */
struct WifiAirtime
{
    /// The bits per second of a legacy mode name ("OfdmRate24Mbps", "DsssRate5_5Mbps").
    static uint64_t ModeRate(const std::string& mode);
    /// Whether \p mode is one of the legacy OFDM, ERP-OFDM or DSSS modes these forms cover.
    static bool Covers(const std::string& mode);
    /// The transmit time of a PSDU of \p bytes (MAC header, body and FCS) in \p mode.
    static Time Frame(uint32_t bytes, const std::string& mode);
    /// Whether \p mode is a 2.4 GHz one (DSSS, ERP-OFDM), not 5 GHz OFDM.
    static bool Band24(const std::string& mode);
    /// SIFS: 16 us at 5 GHz, 10 us at 2.4 GHz.
    static Time Sifs(bool band24);
    /// The slot: 9 us (OFDM), 20 us (DSSS at 2.4 GHz, long slot).
    static Time Slot(bool band24, bool shortSlot);
    /// DIFS = SIFS + 2 slots.
    static Time Difs(bool band24, bool shortSlot);
    /// The ACK's mode for a data frame in \p mode: the fastest basic mode not faster than it.
    static std::string AckMode(const std::string& mode);
    /// An ACK frame: 14 bytes in AckMode(\p dataMode).
    static Time Ack(const std::string& dataMode);
    /**
     * The busy time of one acknowledged unicast frame of \p bytes in \p mode: the frame,
     * SIFS, the ACK (and no back-off or DIFS, which are idle time).
     */
    static Time Unicast(uint32_t bytes, const std::string& mode);
};

} // namespace gcsim
} // namespace ns3

#endif
