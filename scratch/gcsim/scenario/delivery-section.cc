// [delivery]: the delivery modes to run, the multicast routing variants and their options.

#include "models/gossip/gossip-delivery.h"
#include "models/group/delivery-mode.h"
#include "models/multicast/multicast-routing.h"
#include "section.h"

#include <algorithm>

namespace gcsim
{
namespace sections
{
namespace
{

bool
Runs(const std::vector<std::string>& routings, const std::string& variant)
{
    return std::find(routings.begin(), routings.end(), variant) != routings.end();
}

/// Kind adhoc floods (flood, probabilistic); probabilistic flooding is the mesh's only.
void
CheckMeshRoutings(const Reader& r, const std::vector<std::string>& routings,
                  const std::string& kind)
{
    for (const auto& variant : routings)
    {
        bool flooding = variant == "flood" || variant == "probabilistic";
        if (kind == "adhoc" && !flooding)
        {
            r.Fail("delivery.multicast_routing",
                   "an adhoc mesh has no routers to hold a tree: its nodes flood; give \"flood\" "
                   "or \"probabilistic\", not \"" +
                       variant + "\"");
        }
        if (kind != "adhoc" && variant == "probabilistic")
        {
            r.Fail("delivery.multicast_routing",
                   "probabilistic flooding is done by the nodes of an ad hoc mesh: it needs "
                   "topology.kind = \"adhoc\", not \"" +
                       kind + "\"");
        }
    }
}

/// delivery.flood_probability: read by multicast_routing "probabilistic" only.
void
ReadFloodProbability(const Reader& r, Scenario::Delivery& d)
{
    if (auto p = r.Number("delivery.flood_probability", 0.0, 1.0))
    {
        if (!Runs(d.multicastRoutings, "probabilistic"))
        {
            r.Fail("delivery.flood_probability", "applies to multicast_routing "
                                                 "\"probabilistic\" only, which this scenario "
                                                 "does not run");
        }
        d.floodProbability = *p;
    }
}

/// delivery.modes and delivery.multicast_routing.
void
ReadModes(const Reader& r, Scenario::Delivery& d, const ns3::gcsim::TopologyConfig& topology)
{
    const std::string& kind = topology.kind;
    std::vector<std::string> modeNames;
    for (const auto& e : ns3::gcsim::DeliveryModeTable())
    {
        modeNames.emplace_back(e.name);
    }
    // Multicast to unicast is an access point's: wifi runs it by default, no other kind can.
    std::vector<std::string> defaults = modeNames;
    if (kind != "wifi" || topology.serverStation)
    {
        defaults.erase(std::remove(defaults.begin(), defaults.end(), "multicast-to-unicast"),
                       defaults.end());
    }
    // Gossip modes run only when named: they need [gossip]'s choices to mean anything.
    defaults.erase(std::remove_if(defaults.begin(), defaults.end(),
                                  [](const std::string& m) {
                                      return ns3::gcsim::GossipDelivery::ProtocolOf(m).has_value();
                                  }),
                   defaults.end());
    d.modes = r.Names("delivery.modes", modeNames, {"mode"}).value_or(defaults);
    if (kind != "wifi" &&
        std::find(d.modes.begin(), d.modes.end(), "multicast-to-unicast") != d.modes.end())
    {
        r.Fail("delivery.modes", "multicast-to-unicast is done by a Wi-Fi access point: it "
                                 "needs topology.kind = \"wifi\", not \"" +
                                     kind + "\"");
    }
    if (topology.serverStation &&
        std::find(d.modes.begin(), d.modes.end(), "multicast-to-unicast") != d.modes.end())
    {
        r.Fail("delivery.modes",
               "multicast-to-unicast needs P1 on the access point's cable (topology.server = "
               "\"wired\"): ns-3's access point forwards a station's group frames inside its "
               "MAC, where no conversion can reach them");
    }
    std::vector<std::string> variants;
    for (const auto& e : ns3::gcsim::MulticastRoutingTable())
    {
        variants.emplace_back(e.name);
    }
    // A mesh has no routers to hold trees: its nodes flood.
    d.multicastRoutings =
        r.Names("delivery.multicast_routing", variants, {"variant"})
            .value_or(std::vector<std::string>{kind == "adhoc" ? "flood" : "source-tree"});
    d.multicastRouting = d.multicastRoutings.front();
    CheckMeshRoutings(r, d.multicastRoutings, kind);
}

/// delivery.rendezvous: a router of the network, reachable from P1's.
void
ReadRendezvous(const Reader& r, Scenario& s, const Routers& routers)
{
    s.delivery.rendezvous = r.Integer("delivery.rendezvous", 0, 100000).value_or(-1);
    if (s.delivery.rendezvous < 0)
    {
        return;
    }
    if (!Runs(s.delivery.multicastRoutings, "shared-tree"))
    {
        r.Fail("delivery.rendezvous", "applies to multicast_routing \"shared-tree\" only, "
                                      "which this scenario does not run");
    }
    if (routers.count == 0)
    {
        r.Fail("delivery.rendezvous",
               "a " + s.topology.kind +
                   " has no routers; a rendezvous router needs a routed topology");
    }
    auto rp = static_cast<uint64_t>(s.delivery.rendezvous);
    if (rp >= routers.count)
    {
        r.Fail("delivery.rendezvous", "there is no router " + std::to_string(rp) + "; this " +
                                          s.topology.kind + " has routers 0 to " +
                                          std::to_string(routers.count - 1));
    }
    if (!routers.fromServer.empty() && !routers.fromServer[rp])
    {
        r.Fail("delivery.rendezvous", "router " + std::to_string(rp) +
                                          " cannot be reached from P1's router: the map " +
                                          s.topology.mapFile +
                                          " falls into parts that no "
                                          "link joins");
    }
}

void
Read(const Reader& r, Scenario& s, SectionContext& context)
{
    ReadModes(r, s.delivery, s.topology);
    ReadFloodProbability(r, s.delivery);
    if (auto lifetime = r.Duration("delivery.prune_lifetime"))
    {
        if (!Runs(s.delivery.multicastRoutings, "dense"))
        {
            r.Fail("delivery.prune_lifetime",
                   "applies to multicast_routing \"dense\" only, which this scenario does not run");
        }
        if (*lifetime <= ns3::Time(0) || *lifetime > ns3::Seconds(65535))
        {
            r.Fail("delivery.prune_lifetime",
                   "must be above 0 and at most 65535s (PIM's hold time is 16 bits of seconds)");
        }
        s.delivery.pruneLifetime = *lifetime;
    }
    s.delivery.arp = r.Choice("delivery.arp", {"static", "dynamic"}).value_or("static");
    ReadRendezvous(r, s, context.routers);
    s.delivery.overlayFanout =
        static_cast<uint32_t>(r.Integer("delivery.overlay_fanout", 1, 1024).value_or(2));
    s.topology.staticArp = s.delivery.arp == "static";
}

void
Write(const Scenario& s, toml::table& root)
{
    const auto& d = s.delivery;
    toml::table delivery{
        {"modes", Array(d.modes)},
        {"multicast_routing", Array(d.multicastRoutings)},
        {"overlay_fanout", static_cast<int64_t>(d.overlayFanout)},
        {"arp", d.arp},
    };
    if (d.rendezvous >= 0)
    {
        delivery.insert("rendezvous", d.rendezvous);
    }
    if (Runs(d.multicastRoutings, "dense"))
    {
        delivery.insert("prune_lifetime", TimeText(d.pruneLifetime));
    }
    if (Runs(d.multicastRoutings, "probabilistic"))
    {
        delivery.insert("flood_probability", d.floodProbability);
    }
    root.insert("delivery", delivery);
}

} // namespace

const ScenarioSection&
DeliverySection()
{
    static const ScenarioSection section{"delivery",
                                         {{"modes"},
                                          {"multicast_routing"},
                                          {"rendezvous"},
                                          {"overlay_fanout"},
                                          {"arp"},
                                          {"prune_lifetime"},
                                          {"flood_probability"}},
                                         {},
                                         true,
                                         Read,
                                         Write};
    return section;
}

} // namespace sections
} // namespace gcsim
