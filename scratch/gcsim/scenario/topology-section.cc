// [topology]: the network's kind, size, links and map.

#include "../memory-estimate.h"
#include "../text-parse.h"
#include "models/network/adhoc-topology.h"
#include "models/network/config-error.h"
#include "models/network/map-topology.h"
#include "models/network/network.h"
#include "models/network/ring-topology.h"
#include "models/network/run-seed.h"
#include "models/network/text-file.h"
#include "models/network/wifi-topology.h"
#include "section.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <random>
#include <sstream>

namespace gcsim
{
namespace sections
{
namespace
{

namespace fs = std::filesystem;

const std::vector<std::string> kRouted = {"tree", "dumbbell", "ring", "grid", "waxman", "file"};
const std::vector<std::string> kPlaced = {"ring", "grid", "waxman", "file"};

/// The keys of [topology]; a key with readers applies to those kinds only.
const std::vector<ScenarioKey>&
Keys()
{
    static const std::vector<ScenarioKey> keys = {
        {"kind"},
        {"clients"},
        {"data_rate"},
        {"delay"},
        {"queue_size"},
        {"queue_disc"},
        {"core_rate", kRouted},
        {"core_delay", kRouted},
        {"routing_metric", kRouted},
        {"fanout", {"tree"}},
        {"depth", {"tree"}},
        {"clients_per_leaf", {"tree"}},
        {"routers", {"ring", "waxman"}},
        {"rows", {"grid"}},
        {"columns", {"grid"}},
        {"waxman_alpha", {"waxman"}},
        {"waxman_beta", {"waxman"}},
        {"bottleneck_rate", {"dumbbell"}},
        {"bottleneck_delay", {"dumbbell"}},
        {"igmp_snooping", {"star", "wifi"}},
        {"standard", {"wifi", "adhoc"}},
        {"propagation", {"wifi", "adhoc"}},
        {"loss_exponent", {"wifi", "adhoc"}},
        {"fading", {"wifi", "adhoc"}},
        {"rate_manager", {"wifi", "adhoc"}},
        {"unicast_rate", {"wifi", "adhoc"}},
        {"multicast_rate", {"wifi", "adhoc"}},
        {"rts_threshold", {"wifi", "adhoc"}},
        {"placement", {"wifi", "adhoc"}},
        {"radius", {"wifi", "adhoc"}},
        {"spacing", {"wifi", "adhoc"}},
        {"positions", {"wifi", "adhoc"}},
        {"placement_seed", {"wifi", "adhoc"}},
        {"server", {"wifi"}},
        {"unicast_routing", {"adhoc"}},
        {"map", {"file"}},
        {"format", {"file"}},
        {"access_routers", kPlaced},
        {"server_router", kPlaced},
        {"graph_seed", kPlaced},
        {"loss"},
        {"core_loss", {"tree", "ring", "grid", "waxman", "file"}},
        {"bottleneck_loss", {"dumbbell"}},
    };
    return keys;
}

bool
ReadBy(const ScenarioKey& key, const std::string& kind)
{
    return std::find(key.readBy.begin(), key.readBy.end(), kind) != key.readBy.end();
}

/// Refuses a key the kind does not read (checked in the keys' alphabetical order).
void
CheckKindKeys(const Reader& r, const std::string& kind)
{
    std::vector<ScenarioKey> keys = Keys();
    std::sort(keys.begin(), keys.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    for (const auto& key : keys)
    {
        if (!key.readBy.empty() && r.Find("topology." + key.name) && !ReadBy(key, kind))
        {
            r.Fail("topology." + key.name,
                   "does not apply to a " + kind + " topology; it is read by: " + Join(key.readBy));
        }
    }
}

/// Runs a model's check of the configuration: its ConfigError fails at the field's line.
template<typename Check>
auto
Checked(const Reader& r, Check check) -> decltype(check())
{
    try
    {
        return check();
    }
    catch (const ns3::gcsim::ConfigError& e)
    {
        r.Fail(e.Field(), e.Reason());
    }
}

/// topology.server_router = "random" until the router is drawn.
constexpr int64_t kRandomRouter = -2;
/// The seed purpose of that draw (ns3::gcsim::PurposeSeed of the graph seed).
constexpr uint32_t kServerRouterPurpose = 3;

/// A router drawn uniformly among those \p eligible, from the graph seed.
int64_t
DrawRouter(const ns3::gcsim::TopologyConfig& t, const std::vector<bool>& eligible)
{
    std::vector<int64_t> routers;
    for (std::size_t i = 0; i < eligible.size(); ++i)
    {
        if (eligible[i])
        {
            routers.push_back(static_cast<int64_t>(i));
        }
    }
    std::mt19937_64 rng(ns3::gcsim::PurposeSeed(t.seed, kServerRouterPurpose));
    return routers.empty() ? 0 : routers[rng() % routers.size()];
}

/// Which routers of \p map are in its largest connected part (the lowest part among equals).
std::vector<bool>
LargestPart(const ns3::gcsim::RouterMap& map)
{
    std::vector<uint32_t> size(map.parts, 0);
    for (uint32_t p : map.part)
    {
        ++size[p];
    }
    auto largest = static_cast<uint32_t>(std::max_element(size.begin(), size.end()) - size.begin());
    std::vector<bool> in;
    for (uint32_t p : map.part)
    {
        in.push_back(p == largest);
    }
    return in;
}

/**
 * Reads the map's text (building nothing) and checks P1's and the clients' routers on it;
 * returns the map's routers and which of them P1 reaches.
 */
Routers
CheckMap(const Reader& r, ns3::gcsim::TopologyConfig& t)
{
    return Checked(r,
                   [&]
                   {
                       ns3::gcsim::RouterMap map =
                           ns3::gcsim::CheckRouterMap(t.mapFile, t.mapFormat);
                       if (t.serverRouter == kRandomRouter)
                       {
                           t.serverRouter = DrawRouter(t, LargestPart(map));
                       }
                       ns3::gcsim::CheckMapPlacement(map, t);
                       ns3::gcsim::CheckMapMetric(map, t);
                       Routers routers;
                       routers.count = map.names.size();
                       uint32_t server =
                           map.part[static_cast<std::size_t>(std::max<int64_t>(t.serverRouter, 0))];
                       for (uint32_t part : map.part)
                       {
                           routers.fromServer.push_back(part == server);
                       }
                       return routers;
                   });
}

/// The routers of a network of kind \p t.kind (none on one LAN, a star or a p2p link).
Routers
CountRouters(const ns3::gcsim::TopologyConfig& t, Routers map)
{
    if (t.kind == "file")
    {
        return map;
    }
    Routers routers;
    if (t.kind == "tree")
    {
        uint64_t level = 1;
        routers.count = 1;
        for (uint32_t d = 0; d < t.depth; ++d)
        {
            level *= t.fanout;
            routers.count += level;
        }
        return routers;
    }
    routers.count = t.kind == "dumbbell"                     ? 2
                    : t.kind == "ring" || t.kind == "waxman" ? t.routers
                    : t.kind == "grid"                       ? uint64_t(t.rows) * t.columns
                                                             : 0;
    return routers;
}

/// The builders' limits on routers, found here with the key's line.
void
CheckSize(const Reader& r, const ns3::gcsim::TopologyConfig& t)
{
    constexpr uint64_t kMaxRouters = 100000;
    if (t.kind == "ring")
    {
        Checked(r, [&] { ns3::gcsim::CheckRing(t); });
    }
    uint64_t grid = uint64_t(t.rows) * t.columns;
    if (t.kind == "grid" && grid > kMaxRouters)
    {
        r.Fail(r.Find("topology.rows") ? "topology.rows" : "topology.columns",
               "a grid of " + std::to_string(t.rows) + " x " + std::to_string(t.columns) + " = " +
                   std::to_string(grid) + " routers; at most " + std::to_string(kMaxRouters));
    }
    uint64_t level = 1;
    uint64_t routers = 1;
    for (uint32_t d = 0; t.kind == "tree" && d < t.depth && routers <= kMaxRouters; ++d)
    {
        level *= t.fanout;
        routers += level;
    }
    if (routers > kMaxRouters)
    {
        r.Fail("topology.depth", "a tree of fanout " + std::to_string(t.fanout) + " and depth " +
                                     std::to_string(t.depth) + " has more than " +
                                     std::to_string(kMaxRouters) + " routers");
    }
}

/// Refuses a network that would not fit in this machine's memory, before anything is built.
void
CheckMemory(const Reader& r, const ns3::gcsim::TopologyConfig& t)
{
    MemoryEstimate need = EstimateMemory(t);
    uint64_t have = AvailableMemory();
    if (have == 0 || need.bytes <= have)
    {
        return;
    }
    std::string key = need.key;
    if (key == "topology.clients" && !r.Find(key) && r.Find("topology.clients_per_leaf"))
    {
        key = "topology.clients_per_leaf";
    }
    r.Fail(key, "a network this size needs about " + MemoryText(need.bytes) +
                    " of memory to simulate (" + std::to_string(need.hosts) + " hosts, " +
                    std::to_string(need.routers) + " routers, " + std::to_string(need.links) +
                    " links and LANs, " + std::to_string(need.routes) +
                    " routes; measured: " + MemoryEstimateBasis() + "), and this machine has " +
                    MemoryText(have) + "; make it smaller");
}

/// Rates, delays and loss of the access and core links.
void
ReadLinks(const Reader& r, ns3::gcsim::TopologyConfig& t)
{
    bool p2p = t.kind == "p2p";
    t.dataRate = r.Rate("topology.data_rate")
                     .value_or(p2p ? ns3::DataRate("5Mbps") : ns3::DataRate("100Mbps"));
    t.delay =
        r.Duration("topology.delay").value_or(p2p ? ns3::MilliSeconds(2) : ns3::NanoSeconds(500));
    t.coreRate = r.Rate("topology.core_rate").value_or(ns3::DataRate("1Gbps"));
    toml::node* coreDelay = r.Find("topology.core_delay");
    if (coreDelay && coreDelay->is_string() && !coreDelay->as_string()->get().empty() &&
        std::isalpha(static_cast<unsigned char>(coreDelay->as_string()->get()[0])))
    {
        if (coreDelay->as_string()->get() != "distance")
        {
            r.Fail("topology.core_delay",
                   UnknownName("value", coreDelay->as_string()->get(), {"distance"}) +
                       ", or a duration such as \"1ms\"");
        }
        t.distanceDelay = true;
    }
    else
    {
        t.coreDelay = r.Duration("topology.core_delay").value_or(ns3::MilliSeconds(1));
    }
    t.bottleneckRate = r.Rate("topology.bottleneck_rate").value_or(ns3::DataRate("10Mbps"));
    t.bottleneckDelay = r.Duration("topology.bottleneck_delay").value_or(ns3::MilliSeconds(10));
    // Packet error rates: access links; router-to-router links (the dumbbell has one).
    t.loss = r.Number("topology.loss", 0, 1).value_or(0);
    t.coreLoss =
        r.Number(t.kind == "dumbbell" ? "topology.bottleneck_loss" : "topology.core_loss", 0, 1)
            .value_or(0);
}

/// The shape keys of the routed kinds; refuses routers a ring, grid or waxman lacks.
void
ReadShape(const Reader& r, ns3::gcsim::TopologyConfig& t)
{
    t.fanout = static_cast<uint32_t>(r.Integer("topology.fanout", 1, 64).value_or(2));
    t.depth = static_cast<uint32_t>(r.Integer("topology.depth", 0, 16).value_or(2));
    t.routers = static_cast<uint32_t>(r.Integer("topology.routers", 2, 100000).value_or(8));
    t.rows = static_cast<uint32_t>(r.Integer("topology.rows", 1, 1000).value_or(3));
    t.columns = static_cast<uint32_t>(r.Integer("topology.columns", 1, 1000).value_or(3));
    t.igmpSnooping = r.Boolean("topology.igmp_snooping").value_or(true);
    t.waxmanAlpha = r.Number("topology.waxman_alpha", 1e-9, 1.0).value_or(0.4);
    t.waxmanBeta = r.Number("topology.waxman_beta", 1e-9, 1.0).value_or(0.2);
    t.accessRouters =
        r.IntegerList("topology.access_routers", 0, 1000000).value_or(std::vector<uint32_t>{});
    toml::node* server = r.Find("topology.server_router");
    if (server && server->is_string())
    {
        r.Choice("topology.server_router", {"random"});
        t.serverRouter = kRandomRouter; // drawn below, or from the map in CheckMap
    }
    else
    {
        t.serverRouter = r.Integer("topology.server_router", 0, 1000000).value_or(-1);
    }
    if (t.kind == "ring" || t.kind == "grid" || t.kind == "waxman")
    {
        uint64_t count = t.kind == "grid" ? uint64_t(t.rows) * t.columns : t.routers;
        if (t.serverRouter == kRandomRouter)
        {
            t.serverRouter = DrawRouter(t, std::vector<bool>(count, true));
        }
        auto noRouter = [&](int64_t router)
        {
            return "there is no router " + std::to_string(router) + "; a " + t.kind + " of " +
                   std::to_string(count) + " routers numbers them 0 to " +
                   std::to_string(count - 1);
        };
        for (uint32_t a : t.accessRouters)
        {
            if (a >= count)
            {
                r.Fail("topology.access_routers", noRouter(a));
            }
        }
        if (t.serverRouter >= 0 && uint64_t(t.serverRouter) >= count)
        {
            r.Fail("topology.server_router", noRouter(t.serverRouter));
        }
    }
}

/// What routes minimise; refuses a metric or core_delay = "distance" the kind has nothing for
/// (a map's own weights and positions are checked with the map).
void
ReadMetric(const Reader& r, ns3::gcsim::TopologyConfig& t)
{
    using ns3::gcsim::RoutingMetric;
    std::string metric =
        r.Choice("topology.routing_metric", {"hops", "weight", "delay"}).value_or("hops");
    t.routingMetric = metric == "weight"  ? RoutingMetric::WEIGHT
                      : metric == "delay" ? RoutingMetric::DELAY
                                          : RoutingMetric::HOPS;
    if (t.routingMetric == RoutingMetric::WEIGHT && t.kind != "file")
    {
        r.Fail("topology.routing_metric",
               "\"weight\" routes by link weights, and a " + t.kind +
                   " has none: only maps weigh their links (kind \"file\": Inet maps, "
                   "Rocketfuel weights files); \"hops\" and \"delay\" route every kind");
    }
    if (t.distanceDelay && t.kind != "file" && t.kind != "waxman")
    {
        r.Fail("topology.core_delay",
               "\"distance\" derives each router link's delay from its routers' positions, and "
               "a " +
                   t.kind +
                   " places none: only waxman graphs and Inet maps do; give a duration such as "
                   "\"1ms\"");
    }
}

/// The map file and its format (kind file).
void
ReadMap(const Reader& r, ns3::gcsim::TopologyConfig& t, const std::string& baseDir)
{
    if (auto map = r.String("topology.map"))
    {
        fs::path p(*map);
        if (p.is_relative())
        {
            p = fs::path(baseDir) / p;
        }
        t.mapFile = p.lexically_normal().string();
        try
        {
            ns3::gcsim::ReadTextFile(t.mapFile, ns3::gcsim::kMaxMapBytes);
        }
        catch (const std::invalid_argument& e)
        {
            std::string why = e.what(); // "PATH: what is wrong"
            r.Fail("topology.map", "cannot read map file '" + t.mapFile + "': " +
                                       why.substr(std::min(why.size(), t.mapFile.size() + 2)));
        }
    }
    else if (t.kind == "file")
    {
        r.Fail("topology.map", "a file topology needs a map (Inet, Orbis or Rocketfuel format)");
    }
    t.mapFormat = r.Choice("topology.format", {"inet", "orbis", "rocketfuel"}).value_or("");
    if (t.kind == "file" && t.mapFormat.empty())
    {
        std::string lower = fs::path(t.mapFile).filename().string();
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        t.mapFormat = lower.find("rocketfuel") != std::string::npos ? "rocketfuel"
                      : lower.find("orbis") != std::string::npos    ? "orbis"
                      : lower.find("inet") != std::string::npos     ? "inet"
                                                                    : "";
        if (t.mapFormat.empty())
        {
            r.Fail("topology.map", "cannot tell the map's format from its name; set "
                                   "topology.format to inet, orbis or rocketfuel");
        }
    }
}

/// The client count (a tree's from its leaves and clients_per_leaf).
void
ReadClients(const Reader& r, ns3::gcsim::TopologyConfig& t)
{
    bool p2p = t.kind == "p2p";
    int64_t maxClients = (1 << 24) - 3;
    if (t.kind == "tree")
    {
        uint64_t leaves = 1;
        for (uint32_t d = 0; d < t.depth && leaves <= 100000; ++d)
        {
            leaves *= t.fanout;
        }
        if (leaves > 100000)
        {
            r.Fail("topology.depth", "a tree of fanout " + std::to_string(t.fanout) +
                                         " and depth " + std::to_string(t.depth) +
                                         " has more than 100000 leaf routers");
        }
        auto perLeaf = r.Integer("topology.clients_per_leaf", 1, maxClients);
        auto clients = r.Integer("topology.clients", 1, maxClients);
        if (clients && perLeaf && static_cast<uint64_t>(*clients) != leaves * *perLeaf)
        {
            r.Fail("topology.clients", "a tree with " + std::to_string(leaves) + " leaf LANs of " +
                                           std::to_string(*perLeaf) + " clients has " +
                                           std::to_string(leaves * *perLeaf) + " clients, not " +
                                           std::to_string(*clients) +
                                           "; give one of clients and clients_per_leaf");
        }
        if (clients && !perLeaf && *clients % leaves != 0)
        {
            r.Fail("topology.clients", std::to_string(*clients) + " clients do not fill " +
                                           std::to_string(leaves) +
                                           " leaf LANs equally; give a multiple of " +
                                           std::to_string(leaves) + " or clients_per_leaf");
        }
        uint64_t total = clients ? static_cast<uint64_t>(*clients) : leaves * perLeaf.value_or(2);
        if (total > static_cast<uint64_t>(maxClients))
        {
            r.Fail("topology.clients_per_leaf",
                   "the tree would hold more than " + std::to_string(maxClients) + " clients");
        }
        t.clients = static_cast<uint32_t>(total);
    }
    else
    {
        t.clients = static_cast<uint32_t>(
            r.Integer("topology.clients", 1, maxClients).value_or(p2p ? 1 : 3));
    }
    if (p2p && t.clients != 1)
    {
        r.Fail("topology.clients",
               "a p2p topology has exactly one client (got " + std::to_string(t.clients) + ")");
    }
}

/// The device queue and the queue discipline.
void
ReadQueue(const Reader& r, ns3::gcsim::TopologyConfig& t)
{
    if (auto q = r.String("topology.queue_size"))
    {
        std::size_t digits = q->find_first_not_of("0123456789");
        std::string unit = digits == std::string::npos ? "" : q->substr(digits);
        std::string count = q->substr(0, digits);
        if (!IsDigits(count, 9) || std::stoul(count) == 0 ||
            (unit != "p" && unit != "B" && unit != "kB" && unit != "MB"))
        {
            r.Fail("topology.queue_size", "cannot read '" + *q +
                                              "'; give a positive count of packets (\"100p\") or "
                                              "bytes (\"64kB\", units B, kB, MB)");
        }
        t.queueSize = *q;
    }
    t.queueDisc =
        r.Choice("topology.queue_disc", {"none", "pfifo-fast", "fq-codel"}).value_or("none");
}

/// topology.positions: [[x, y], ...] in metres, one per client.
std::vector<std::pair<double, double>>
ReadPositions(const Reader& r)
{
    std::vector<std::pair<double, double>> positions;
    toml::node* node = r.Find("topology.positions");
    const toml::array* list = node ? node->as_array() : nullptr;
    if (node && !list)
    {
        r.Fail("topology.positions", "give a list of [x, y] places in metres, one per client");
    }
    for (std::size_t i = 0; list && i < list->size(); ++i)
    {
        const toml::array* xy = (*list)[i].as_array();
        auto x = xy && xy->size() == 2 ? (*xy)[0].value<double>() : std::nullopt;
        auto y = xy && xy->size() == 2 ? (*xy)[1].value<double>() : std::nullopt;
        if (!x || !y || !std::isfinite(*x) || !std::isfinite(*y) || std::abs(*x) > 1e5 ||
            std::abs(*y) > 1e5)
        {
            r.Fail("topology.positions", "place " + std::to_string(i + 1) +
                                             " is not [x, y] in metres (numbers within 100 km)");
        }
        positions.emplace_back(*x, *y);
    }
    return positions;
}

/// The keys of kinds wifi and adhoc: the standard, the radio, the rates and where stations
/// stand; adhoc's unicast routing.
void
ReadWifi(const Reader& r, ns3::gcsim::TopologyConfig& t)
{
    if (t.kind != "wifi" && t.kind != "adhoc")
    {
        return;
    }
    t.wifiStandard = r.String("topology.standard").value_or("80211a");
    t.propagation = r.String("topology.propagation").value_or("log-distance");
    t.lossExponent = r.Number("topology.loss_exponent", 1.0, 8.0).value_or(3.0);
    t.fading = r.String("topology.fading").value_or("none");
    t.rateManager = r.String("topology.rate_manager").value_or("minstrel");
    t.unicastRate = r.String("topology.unicast_rate").value_or("");
    t.multicastRate = r.String("topology.multicast_rate").value_or("");
    t.rtsThreshold =
        static_cast<uint32_t>(r.Integer("topology.rts_threshold", 0, 65535).value_or(65535));
    t.placement = r.String("topology.placement").value_or("disc");
    t.radius = r.Number("topology.radius", 0.1, 10000).value_or(10);
    t.spacing = r.Number("topology.spacing", 0.1, 10000).value_or(5);
    t.positions = ReadPositions(r);
    if (auto seed = r.Integer("topology.placement_seed", 1, 4294967295LL))
    {
        t.seed = static_cast<uint32_t>(*seed);
    }
    t.serverStation =
        r.Choice("topology.server", {"wired", "station"}).value_or("wired") == "station";
    t.unicastRouting = r.String("topology.unicast_routing").value_or("aodv");
    if (t.loss > 0)
    {
        r.Fail("topology.loss", "does not apply to a " + t.kind +
                                    " topology: its radio loses frames by distance "
                                    "(propagation, loss_exponent)");
    }
    Checked(
        r, [&t]
        { t.kind == "adhoc" ? ns3::gcsim::CheckAdhocConfig(t) : ns3::gcsim::CheckWifiConfig(t); });
}

void
Read(const Reader& r, Scenario& s, SectionContext& context)
{
    std::vector<std::string> kinds;
    for (const auto& e : ns3::gcsim::TopologyTable())
    {
        kinds.emplace_back(e.kind);
    }
    auto& t = s.topology;
    t.kind = r.Choice("topology.kind", kinds).value_or("lan");
    // The random graph and the routers clients are placed on: drawn per run unless pinned.
    t.seed = static_cast<uint32_t>(r.Integer("topology.graph_seed", 1, 4294967295LL)
                                       .value_or(ns3::gcsim::RunSeed(s.seed, s.run)));
    CheckKindKeys(r, t.kind);
    ReadLinks(r, t);
    ReadShape(r, t);
    ReadMap(r, t, context.baseDir);
    ReadMetric(r, t);
    Routers mapRouters = t.kind == "file" ? CheckMap(r, t) : Routers{};
    ReadClients(r, t);
    ReadQueue(r, t);
    ReadWifi(r, t);
    CheckSize(r, t);
    CheckMemory(r, t);
    context.routers = CountRouters(t, mapRouters);
}

/// The values of the keys only some kinds read, by key; absent: not written.
toml::table
KindValues(const ns3::gcsim::TopologyConfig& t)
{
    toml::table values{
        {"core_rate", RateText(t.coreRate)},
        {"core_delay", t.distanceDelay ? std::string("distance") : TimeText(t.coreDelay)},
        {"fanout", static_cast<int64_t>(t.fanout)},
        {"depth", static_cast<int64_t>(t.depth)},
        {"clients_per_leaf",
         static_cast<int64_t>(
             t.depth < 32 ? t.clients / std::max<uint64_t>(
                                            1, static_cast<uint64_t>(std::pow(t.fanout, t.depth)))
                          : 0)},
        {"routers", static_cast<int64_t>(t.routers)},
        {"rows", static_cast<int64_t>(t.rows)},
        {"columns", static_cast<int64_t>(t.columns)},
        {"waxman_alpha", t.waxmanAlpha},
        {"waxman_beta", t.waxmanBeta},
        {"bottleneck_rate", RateText(t.bottleneckRate)},
        {"bottleneck_delay", TimeText(t.bottleneckDelay)},
        {"igmp_snooping", t.igmpSnooping},
        {"graph_seed", static_cast<int64_t>(t.seed)},
    };
    if (t.kind == "wifi" || t.kind == "adhoc")
    {
        values.insert("unicast_routing", t.unicastRouting);
        values.insert("standard", t.wifiStandard);
        values.insert("propagation", t.propagation);
        values.insert("loss_exponent", t.lossExponent);
        values.insert("fading", t.fading);
        values.insert("rate_manager", t.rateManager);
        values.insert("rts_threshold", static_cast<int64_t>(t.rtsThreshold));
        values.insert("placement", t.placement);
        values.insert("radius", t.radius);
        values.insert("spacing", t.spacing);
        values.insert("placement_seed", static_cast<int64_t>(t.seed));
        values.insert("server", t.serverStation ? "station" : "wired");
        if (!t.unicastRate.empty())
        {
            values.insert("unicast_rate", t.unicastRate);
        }
        if (!t.multicastRate.empty())
        {
            values.insert("multicast_rate", t.multicastRate);
        }
        if (!t.positions.empty())
        {
            toml::array list;
            for (const auto& [x, y] : t.positions)
            {
                list.push_back(toml::array{x, y});
            }
            values.insert("positions", list);
        }
    }
    if (!t.mapFile.empty())
    {
        values.insert("map", ScenarioFilePath("maps", t.mapFile));
        values.insert("format", t.mapFormat);
    }
    if (t.serverRouter >= 0)
    {
        values.insert("server_router", t.serverRouter);
    }
    if (t.routingMetric != ns3::gcsim::RoutingMetric::HOPS)
    {
        // Routes by hop count resolve as they did before the metric existed.
        values.insert("routing_metric", ns3::gcsim::RoutingMetricName(t.routingMetric));
    }
    if (t.coreLoss > 0)
    {
        // Lossless networks resolve as they did before loss existed (sweep run ids included).
        values.insert("core_loss", t.coreLoss);
        values.insert("bottleneck_loss", t.coreLoss);
    }
    if (!t.accessRouters.empty())
    {
        values.insert("access_routers", Array<uint32_t, int64_t>(t.accessRouters));
    }
    return values;
}

void
Write(const Scenario& s, toml::table& root)
{
    const auto& t = s.topology;
    toml::table topology{
        {"kind", t.kind},
        {"clients", static_cast<int64_t>(t.clients)},
        {"data_rate", RateText(t.dataRate)},
        {"delay", TimeText(t.delay)},
        {"queue_size", t.queueSize},
        {"queue_disc", t.queueDisc},
    };
    if (t.loss > 0)
    {
        topology.insert("loss", t.loss);
    }
    toml::table values = KindValues(t);
    for (const auto& key : Keys())
    {
        if (ReadBy(key, t.kind) && values.get(key.name))
        {
            topology.insert(key.name, *values.get(key.name));
        }
    }
    root.insert("topology", topology);
}

} // namespace

const ScenarioSection&
TopologySection()
{
    static const ScenarioSection section{"topology", Keys(), {}, true, Read, Write};
    return section;
}

} // namespace sections
} // namespace gcsim
