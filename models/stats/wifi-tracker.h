#ifndef GCSIM_WIFI_TRACKER_H
#define GCSIM_WIFI_TRACKER_H

#include "../network/network.h"

#include <cstdint>
#include <map>
#include <ns3/application-container.h>
#include <string>
#include <vector>

namespace ns3
{
namespace gcsim
{

/// What the 802.11 media of one run carried and lost.
struct WifiCounts
{
    bool used{false}; //!< the network has an 802.11 medium
    /// Busy time of the messages' frames: each data frame's transmit time, and for a unicast
    /// frame the SIFS and the ACK that follow it (back-off and DIFS are idle time).
    uint64_t messageAirtimeNs{0};
    uint64_t dataFrames{0};  //!< the messages' data frames sent, retries included
    uint64_t groupFrames{0}; //!< of them group-addressed (never acknowledged, never retried)
    uint64_t retries{0};     //!< of them retransmissions (the Retry bit)
    uint64_t acks{0};        //!< ACKs of the messages' unicast frames
    /// Everything else on the air, the whole run: beacons, association, ACKs of other frames.
    uint64_t otherFrames{0};
    uint64_t otherAirtimeNs{0}; //!< their transmit time
    /// Receptions whose payload failed to decode (noise, fading, collisions), from the first
    /// message on (association's collisions before it not counted).
    uint64_t rxErrors{0};
    /// Receptions abandoned before the payload (preamble not detected, the receiver was busy
    /// or transmitting), by ns-3's reason.
    std::map<std::string, uint64_t> rxDrops;
    std::map<std::string, uint64_t> framesByMode; //!< the messages' data frames per PHY mode

    /// Receptions that failed, every cause: rxErrors and every rxDrops reason.
    uint64_t FailedReceptions() const;

    /// One client station: where it stands and what it got.
    struct Station
    {
        uint32_t client{0};
        double distance{0};   //!< metres from the access point (or P1 in a mesh)
        uint64_t received{0}; //!< distinct messages its application received
    };
    std::vector<Station> stations; //!< by client number
};

/**
 * \brief Measures the 802.11 media of a network from the PHYs' trace sources: airtime,
 * frames, retries and rates of the messages' frames, failed receptions, and what each
 * station received, by its distance from the access point.
 */
class WifiTracker
{
public:
    /**
     * Subscribes to every 802.11 device of \p network and to the clients' receptions;
     * failed receptions count from \p from (the first message) on.
     */
    WifiTracker(const Network& network, const ApplicationContainer& clients, Time from);
    WifiCounts Finish() const;

private:
    void OnRx(uint32_t client, uint32_t message);

    WifiCounts m_counts;
    Time m_from; //!< failed receptions before this are association's, not counted
    int64_t m_lastUnicastMessage{-1};          //!< the message of the unicast frame an ACK answers
    std::vector<std::vector<bool>> m_received; //!< per client, per message
};

} // namespace gcsim
} // namespace ns3

#endif
