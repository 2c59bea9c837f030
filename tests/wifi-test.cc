// Wi-Fi (kind wifi): airtime against the 802.11 closed forms, to the nanosecond; the
// replicated-unicast / multicast crossover group size derived by hand and found by runs;
// multicast to unicast; a lossless BSS against a fading one, where group frames are lost
// and acknowledged unicast is not; bad input.
#include "models/network/wifi-airtime.h"
#include "models/network/wifi-topology.h"
#include "scratch/gcsim/report/theory.h"
#include "test-utilities.h"

#include <ns3/wifi-mode.h>
#include <ns3/wifi-phy.h>
#include <ns3/wifi-tx-vector.h>

namespace gcsim::test
{
namespace
{

using ns3::gcsim::WifiAirtime;

const char* kBss = R"(
[topology]
kind = "wifi"
clients = 1
standard = "80211a"
rate_manager = "constant"
unicast_rate = "54Mbps"
placement = "line"
spacing = 5
[group]
members = [1]
target = 1
[traffic]
messages = 1
size = 1000
)";

// A 1000-byte payload is a 1028-byte IPv4 packet and a 1064-byte MPDU: 24-byte MAC header,
// 8-byte LLC/SNAP, 4-byte FCS.
constexpr uint32_t kMpdu = 1000 + 28 + 36;

TEST(WifiAirtime, ClosedFormsByHand)
{
    // OFDM: 20 us of preamble and SIGNAL, then ceil((16 + 8 x 1064 + 6) / NDBPS) symbols of 4 us.
    EXPECT_EQ(WifiAirtime::Frame(kMpdu, "OfdmRate6Mbps"), ns3::MicroSeconds(20 + 4 * 356));
    EXPECT_EQ(WifiAirtime::Frame(kMpdu, "OfdmRate54Mbps"), ns3::MicroSeconds(20 + 4 * 40));
    // ACK of a 54 Mbit/s frame at 24 Mbit/s (the fastest basic rate not above it): 2 symbols.
    EXPECT_EQ(WifiAirtime::AckMode("OfdmRate54Mbps"), "OfdmRate24Mbps");
    EXPECT_EQ(WifiAirtime::Ack("OfdmRate54Mbps"), ns3::MicroSeconds(28));
    EXPECT_EQ(WifiAirtime::Unicast(kMpdu, "OfdmRate54Mbps"), ns3::MicroSeconds(180 + 16 + 28));
    // DSSS at 1 Mbit/s: 192 us of long preamble, then 8 us per byte.
    EXPECT_EQ(WifiAirtime::Frame(kMpdu, "DsssRate1Mbps"), ns3::MicroSeconds(192 + 8 * kMpdu));
    EXPECT_EQ(WifiAirtime::Frame(kMpdu, "ErpOfdmRate54Mbps"), ns3::MicroSeconds(180 + 6));
}

TEST(WifiAirtime, AgreesWithTheWifiPhy)
{
    // ns-3's own computation for the same frames, every legacy mode and several sizes.
    struct Case
    {
        const char* mode;
        ns3::WifiPhyBand band;
        ns3::WifiModulationClass modulation;
    };
    for (Case c :
         {Case{"OfdmRate6Mbps", ns3::WIFI_PHY_BAND_5GHZ, ns3::WIFI_MOD_CLASS_OFDM},
          Case{"OfdmRate24Mbps", ns3::WIFI_PHY_BAND_5GHZ, ns3::WIFI_MOD_CLASS_OFDM},
          Case{"OfdmRate54Mbps", ns3::WIFI_PHY_BAND_5GHZ, ns3::WIFI_MOD_CLASS_OFDM},
          Case{"ErpOfdmRate6Mbps", ns3::WIFI_PHY_BAND_2_4GHZ, ns3::WIFI_MOD_CLASS_ERP_OFDM},
          Case{"ErpOfdmRate54Mbps", ns3::WIFI_PHY_BAND_2_4GHZ, ns3::WIFI_MOD_CLASS_ERP_OFDM},
          Case{"DsssRate1Mbps", ns3::WIFI_PHY_BAND_2_4GHZ, ns3::WIFI_MOD_CLASS_DSSS},
          Case{"DsssRate11Mbps", ns3::WIFI_PHY_BAND_2_4GHZ, ns3::WIFI_MOD_CLASS_HR_DSSS}})
    {
        for (uint32_t bytes : {14U, 64U, 100U, 1064U, 1536U})
        {
            ns3::WifiTxVector tx(ns3::WifiMode(c.mode), 0, ns3::WIFI_PREAMBLE_LONG, 800, 1, 1, 0,
                                 20, false);
            EXPECT_EQ(WifiAirtime::Frame(bytes, c.mode),
                      ns3::WifiPhy::CalculateTxDuration(bytes, tx, c.band))
                << c.mode << ", " << bytes << " bytes";
        }
    }
}

TEST(Wifi, OneMessageTakesTheClosedFormsAirtime)
{
    // One station, one message: the radio is busy for exactly the frame (group) or the
    // frame, SIFS and ACK (unicast).
    Scenario s = ScenarioFrom(kBss);
    ModeResult multicast = Simulate(s, "multicast");
    EXPECT_EQ(multicast.wifi.dataFrames, 1u);
    EXPECT_EQ(multicast.wifi.groupFrames, 1u);
    EXPECT_EQ(multicast.wifi.framesByMode.at("OfdmRate6Mbps"), 1u);
    EXPECT_EQ(int64_t(multicast.wifi.messageAirtimeNs),
              WifiAirtime::Frame(kMpdu, "OfdmRate6Mbps").GetNanoSeconds());
    ModeResult unicast = Simulate(s, "unicast");
    EXPECT_EQ(unicast.wifi.dataFrames, 1u);
    EXPECT_EQ(unicast.wifi.acks, 1u);
    EXPECT_EQ(unicast.wifi.retries, 0u);
    EXPECT_EQ(unicast.wifi.framesByMode.at("OfdmRate54Mbps"), 1u);
    EXPECT_EQ(int64_t(unicast.wifi.messageAirtimeNs),
              WifiAirtime::Unicast(kMpdu, "OfdmRate54Mbps").GetNanoSeconds());
    for (const ModeResult& r : {multicast, unicast})
    {
        EXPECT_EQ(r.delivery.deliveries, 1u);
        EXPECT_EQ(r.wifi.rxErrors, 0u);
    }
}

TEST(Wifi, TheTablesAirtimeClosedFormAgreesAtAConstantRate)
{
    Scenario s =
        ScenarioFrom(kBss, {"topology.clients=4", "group.members=[1, 2, 4]", "traffic.messages=3"});
    std::vector<ModeResult> results;
    for (const char* mode : {"unicast", "replicated-unicast", "multicast", "broadcast"})
    {
        results.push_back(Simulate(s, mode));
    }
    auto checks = ClosedFormChecks(s, results);
    ASSERT_EQ(checks.size(), 4u);
    for (const auto& c : checks)
    {
        EXPECT_TRUE(c.agrees) << c.mode << ": " << c.predicted << " vs " << c.simulated;
    }
    EXPECT_NEAR(checks[1].predicted * 1000,
                3 * WifiAirtime::Unicast(kMpdu, "OfdmRate54Mbps").GetNanoSeconds(), 1e-6);
    EXPECT_NEAR(checks[2].predicted * 1000,
                WifiAirtime::Frame(kMpdu, "OfdmRate6Mbps").GetNanoSeconds(), 1e-6);
}

/// Airtime per message of \p mode with members 1..n of 30 stations at 54 Mbit/s.
uint64_t
Airtime(const std::string& mode, uint32_t n, const std::string& standard)
{
    std::string members = "group.members=[1";
    for (uint32_t m = 2; m <= n; ++m)
    {
        members += "," + std::to_string(m);
    }
    Scenario s =
        ScenarioFrom(kBss, {"topology.clients=30", "topology.standard=" + standard,
                            "topology.placement=disc", members + "]", "traffic.messages=2"});
    ModeResult r = Simulate(s, mode);
    EXPECT_EQ(r.delivery.deliveries, 2u * n) << mode << ", " << n << " members";
    return r.wifi.messageAirtimeNs / 2;
}

TEST(Wifi, CrossoverGroupSizeMatchesTheHandDerivation)
{
    // 80211a: a group frame at 6 Mbit/s is 1444 us (ceil(8542/24) = 356 symbols); a unicast
    // copy at 54 Mbit/s with its ACK 224 us. N copies cost less while N x 224 < 1444:
    // N <= 6; from 7 members on one group frame is cheaper.
    const int64_t group = WifiAirtime::Frame(kMpdu, "OfdmRate6Mbps").GetNanoSeconds();
    const int64_t copy = WifiAirtime::Unicast(kMpdu, "OfdmRate54Mbps").GetNanoSeconds();
    const uint32_t crossover = static_cast<uint32_t>(group / copy) + 1;
    ASSERT_EQ(crossover, 7u);
    for (uint32_t n : {crossover - 1, crossover})
    {
        uint64_t m = Airtime("multicast", n, "80211a");
        uint64_t u = Airtime("multicast-to-unicast", n, "80211a");
        EXPECT_EQ(int64_t(m), group);
        EXPECT_EQ(int64_t(u), n * copy);
        EXPECT_EQ(u < m, n < crossover) << n << " members";
    }
}

TEST(Wifi, MulticastToUnicastSendsEachMemberAnAcknowledgedCopy)
{
    Scenario s =
        ScenarioFrom(kBss, {"topology.clients=6", "group.members=[1,3,4]", "traffic.messages=5"});
    ModeResult r = Simulate(s, "multicast-to-unicast");
    EXPECT_EQ(r.delivery.deliveries, 15u);
    EXPECT_EQ(r.wifi.dataFrames, 15u);
    EXPECT_EQ(r.wifi.groupFrames, 0u);
    EXPECT_EQ(r.wifi.acks, 15u);
    EXPECT_EQ(r.hosts.nicFiltered, 0u); // non-members never see a group frame
    EXPECT_EQ(r.hosts.nonmemberReceptions, 0u);
    ModeResult m = Simulate(s, "multicast");
    EXPECT_EQ(m.wifi.dataFrames, 5u);
    EXPECT_EQ(m.hosts.nicFiltered, 15u); // three non-members' NICs drop each group frame
    EXPECT_EQ(m.hosts.nonmemberReceptions, 0u);
}

TEST(Wifi, FadingLosesGroupFramesWhileAcknowledgedUnicastDelivers)
{
    // Stations 10, 20, 30 and 40 m from the access point, every frame at 6 Mbit/s. Without
    // fading every member gets every group frame. With Rayleigh fading a weak frame's
    // preamble goes undetected now and then: a group frame is sent once and lost, a unicast
    // copy is retried (up to 7 times) until its ACK comes back.
    const std::vector<std::string> far = {"topology.clients=4", "group.members=[1,2,3,4]",
                                          "traffic.messages=50", "topology.spacing=10",
                                          "topology.unicast_rate=\"6Mbps\""};
    Scenario lossless = ScenarioFrom(kBss, far);
    ModeResult clean = Simulate(lossless, "multicast");
    EXPECT_EQ(clean.delivery.deliveries, 200u);
    EXPECT_EQ(clean.wifi.rxErrors, 0u);

    std::vector<std::string> fading = far;
    fading.push_back("topology.fading=\"rayleigh\"");
    Scenario lossy = ScenarioFrom(kBss, fading);
    ModeResult group = Simulate(lossy, "multicast");
    ModeResult copies = Simulate(lossy, "multicast-to-unicast");
    EXPECT_LT(group.delivery.deliveries, 190u);
    EXPECT_GT(group.wifi.FailedReceptions(), clean.wifi.FailedReceptions() + 10);
    EXPECT_EQ(group.wifi.retries, 0u); // group frames are never retried
    EXPECT_EQ(copies.delivery.deliveries, 200u);
    EXPECT_GT(copies.wifi.retries, 10u);
    EXPECT_EQ(copies.wifi.dataFrames, 200u + copies.wifi.retries);
    // The nearest station hears everything either way; the farthest loses the most.
    const auto& st = group.wifi.stations;
    EXPECT_EQ(st.front().received, 50u);
    EXPECT_LT(st.back().received, st.front().received);
}

TEST(Wifi, AStationsGroupFrameGoesUpAsUnicastAndDownOnce)
{
    // server = "station": P1's group frame goes to the access point as acknowledged unicast
    // at 54 Mbit/s, then out once as a group frame at 6 Mbit/s; both legs are on the radio.
    Scenario s = ScenarioFrom(kBss, {"topology.server=\"station\"", "topology.clients=3",
                                     "group.members=[1,2]", "delivery.modes=[\"multicast\"]"});
    ModeResult r = Simulate(s, "multicast");
    EXPECT_EQ(r.delivery.deliveries, 2u);
    EXPECT_EQ(r.wifi.dataFrames, 2u);
    EXPECT_EQ(r.wifi.groupFrames, 1u);
    EXPECT_EQ(r.wifi.acks, 1u);
    EXPECT_EQ(int64_t(r.wifi.messageAirtimeNs), (WifiAirtime::Unicast(kMpdu, "OfdmRate54Mbps") +
                                                 WifiAirtime::Frame(kMpdu, "OfdmRate6Mbps"))
                                                    .GetNanoSeconds());
    EXPECT_EQ(r.hosts.nicFiltered, 1u); // client 3
}

TEST(Wifi, TheAccessPointFollowsEachStationsLeaveOnItsSharedRadioPort)
{
    // Three members behind one radio port; client 3 leaves (and, with igmp, says so) halfway.
    // The port stays listed for the other two: the access point keeps sending their copies,
    // and client 3's stop. 10 messages 10 ms apart from 1 s; the leave at 1.045 s.
    for (const char* model : {"instant", "igmp"})
    {
        Scenario s = ScenarioFrom(
            kBss, {"topology.clients=6", "group.members=[1,3,4]", "traffic.messages=10",
                   "membership.model=\"" + std::string(model) + "\"",
                   "membership.events=[{at=\"1.045s\", client=3, action=\"leave\"}]"});
        ModeResult r = Simulate(s, "multicast-to-unicast");
        EXPECT_EQ(r.delivery.deliveries, 10u + 10u + 5u) << model;
        EXPECT_EQ(r.wifi.dataFrames, 25u) << model;
        EXPECT_EQ(r.wifi.groupFrames, 0u) << model;
    }
}

TEST(Wifi, BadInputNamesTheKey)
{
    auto fails = [](const std::vector<std::string>& overrides, const std::string& key,
                    const std::string& words)
    {
        try
        {
            ScenarioFrom(kBss, overrides);
            ADD_FAILURE() << "accepted " << overrides.front();
        }
        catch (const InputError& e)
        {
            EXPECT_NE(std::string(e.what()).find(key), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
        }
    };
    fails({"topology.standard=\"80211b\""}, "topology.standard", "known: 80211a");
    fails({"topology.unicast_rate=\"11Mbps\""}, "topology.unicast_rate", "not a rate of 80211a");
    fails({"topology.standard=\"80211g\"", "topology.multicast_rate=\"HtMcs3\""},
          "topology.multicast_rate", "not a rate of 80211g");
    fails({"topology.placement=\"list\"", "topology.positions=[[1,2],[3,4]]"}, "topology.positions",
          "2 places for 1 clients");
    fails({"topology.spacing=80"}, "topology.placement", "beyond the access point's range");
    fails({"topology.rate_manager=\"minstrel\""}, "topology.unicast_rate",
          "rate_manager = \"constant\" only");
    fails({"topology.kind=\"lan\""}, "topology.placement", "does not apply to a lan");
    fails({"topology.server=\"station\"", "delivery.modes=[\"multicast-to-unicast\"]"},
          "delivery.modes", "needs P1 on the access point's cable");
}

} // namespace
} // namespace gcsim::test
