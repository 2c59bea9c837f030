// Topology kind `waxman`: a random router graph after Waxman's model (B. M. Waxman,
// "Routing of multipoint connections", IEEE JSAC 6(9), 1988), links point-to-point
// (core_rate, core_delay); P1 on its own point-to-point link to R0 (or `server_router`);
// the clients on min(N, routers) routers chosen by the seed (or `access_routers`), one CSMA
// LAN each (data_rate, delay).
//
//       y = 1 +-------------------------------------------+
//             |  R3 ----------- R6                        |   the routers, placed at
//             |   |  \             \              R1      |   random in the unit square;
//             |   |   R0 ---------- R5           / |      |   short edges are likelier
//             |   |   |               \         /  |      |   than long ones
//             |  R7   |                R2 -----'   R4     |
//       y = 0 +-------|-----------------------------------+
//           x = 0     |                                 x = 1
//                     P1          P1 and the client LANs hang off routers, outside the map
//
// Parameters:
//   routers       n >= 2 routers, R0 .. R(n-1)
//   waxman_alpha  alpha in (0, 1]: the probability of an edge between two routers at the
//                 same place; scales how dense the graph is
//   waxman_beta   beta in (0, 1]: how far edges reach; small beta makes long edges rare
//
// The model: every unordered pair {u, v} gets an edge with probability
//     P(u, v) = alpha * exp(-d(u, v) / (beta * L)),
// d the Euclidean distance between the two routers and L = sqrt(2) the largest distance
// two points of the unit square can have.
//
// The draws, all from one std::mt19937_64 seeded with the scenario's seed and nothing
// else, so a seed gives the same graph in every run and every delivery mode, with any
// standard library:
//   - a uniform double in [0, 1) is (x >> 11) * 2^-53 for the next 64-bit draw x (exact:
//     53 random bits, no rounding);
//   - the routers' positions first: x then y of R0, x then y of R1, ...;
//   - then one uniform draw per pair, pairs in the order (0,1), (0,2), ..., (0,n-1),
//     (1,2), ..., (n-2,n-1); the pair gets an edge when the draw is below P(u, v).
// P(u, v) uses std::exp; a library whose exp differed in the last bit could only change an
// edge whose draw fell within that bit of P(u, v).
//
// A graph that comes out disconnected is made connected: the main component is the
// largest one (on a tie, the one holding the lowest-numbered router); the other components,
// in the order of their lowest-numbered routers, are each joined to the main component as
// it stands (components joined before included) by one edge between their closest pair of
// routers (squared distance; on a tie, the pair (u, v) first in router order, u in the
// component being joined). The links are built in the order of the edges drawn, then the
// joining edges, each from its lower-numbered router.
//
// With core_delay = "distance" each link's delay comes from the distance between its routers:
// the unit square is taken as 10,000 km on a side, the plane an Inet map spans (one Inet unit
// is a km), and DistanceDelay gives 5 us per km (light in fibre), rounded to the nanosecond,
// at least 1 us.

#include "waxman-topology.h"

#include "config-error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <ns3/ipv4-l3-protocol.h>
#include <ns3/log.h>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimWaxmanTopology");

/// Kilometres in one unit of the square the routers are placed in.
constexpr double kWaxmanKmPerUnit = 10000.0;

namespace
{

/// A uniform double in [0, 1): the top 53 bits of one 64-bit draw.
double
Uniform(std::mt19937_64& rng)
{
    return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

/// Labels each router with its component: 0, 1, ... in the order of their lowest router.
std::vector<uint32_t>
Components(uint32_t n, const std::vector<std::pair<uint32_t, uint32_t>>& edges, uint32_t& count)
{
    std::vector<std::vector<uint32_t>> adjacent(n);
    for (const auto& [u, v] : edges)
    {
        adjacent[u].push_back(v);
        adjacent[v].push_back(u);
    }
    constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
    std::vector<uint32_t> label(n, kNone);
    count = 0;
    std::vector<uint32_t> stack;
    for (uint32_t start = 0; start < n; ++start)
    {
        if (label[start] != kNone)
        {
            continue;
        }
        label[start] = count;
        stack.push_back(start);
        while (!stack.empty())
        {
            uint32_t u = stack.back();
            stack.pop_back();
            for (uint32_t v : adjacent[u])
            {
                if (label[v] == kNone)
                {
                    label[v] = count;
                    stack.push_back(v);
                }
            }
        }
        ++count;
    }
    return label;
}

/// Squared distance between routers \p u and \p v placed at (\p x, \p y).
double
SquaredDistance(const std::vector<double>& x, const std::vector<double>& y, uint32_t u, uint32_t v)
{
    double dx = x[u] - x[v];
    double dy = y[u] - y[v];
    return dx * dx + dy * dy;
}

/// Joins every component but the largest to it, in label order, by its shortest edge to the
/// routers joined so far: \p edges gains one edge per component joined.
void
ConnectComponents(const std::vector<double>& x, const std::vector<double>& y,
                  std::vector<std::pair<uint32_t, uint32_t>>& edges)
{
    auto n = static_cast<uint32_t>(x.size());
    uint32_t components = 0;
    std::vector<uint32_t> label = Components(n, edges, components);
    if (components <= 1)
    {
        return;
    }
    std::vector<uint32_t> size(components, 0);
    for (uint32_t c : label)
    {
        ++size[c];
    }
    // Labels follow the lowest router of each component, so the first largest wins ties.
    uint32_t core =
        static_cast<uint32_t>(std::max_element(size.begin(), size.end()) - size.begin());
    std::vector<bool> inCore(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        inCore[i] = label[i] == core;
    }
    for (uint32_t c = 0; c < components; ++c)
    {
        if (c == core)
        {
            continue;
        }
        std::pair<uint32_t, uint32_t> best{0, 0};
        double bestDistance = std::numeric_limits<double>::infinity();
        for (uint32_t u = 0; u < n; ++u)
        {
            if (label[u] != c)
            {
                continue;
            }
            for (uint32_t v = 0; v < n; ++v)
            {
                if (inCore[v] && SquaredDistance(x, y, u, v) < bestDistance)
                {
                    bestDistance = SquaredDistance(x, y, u, v);
                    best = {u, v};
                }
            }
        }
        edges.emplace_back(std::min(best.first, best.second), std::max(best.first, best.second));
        for (uint32_t i = 0; i < n; ++i)
        {
            if (label[i] == c)
            {
                inCore[i] = true;
            }
        }
    }
}

} // namespace

Network
BuildWaxman(const TopologyConfig& config)
{
    NS_LOG_FUNCTION(config.routers << config.waxmanAlpha << config.waxmanBeta << config.seed);
    const uint32_t n = config.routers;
    if (n < 2)
    {
        throw ConfigError("topology.routers", "a Waxman graph needs at least 2 routers");
    }
    if (!(config.waxmanAlpha > 0.0 && config.waxmanAlpha <= 1.0))
    {
        throw ConfigError("topology.waxman_alpha", "must be above 0 and at most 1");
    }
    if (!(config.waxmanBeta > 0.0 && config.waxmanBeta <= 1.0))
    {
        throw ConfigError("topology.waxman_beta", "must be above 0 and at most 1");
    }

    std::mt19937_64 rng(config.seed);
    std::vector<double> x(n);
    std::vector<double> y(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        x[i] = Uniform(rng);
        y[i] = Uniform(rng);
    }
    const double reach = config.waxmanBeta * std::sqrt(2.0);
    std::vector<std::pair<uint32_t, uint32_t>> edges;
    for (uint32_t u = 0; u + 1 < n; ++u)
    {
        for (uint32_t v = u + 1; v < n; ++v)
        {
            double p =
                config.waxmanAlpha * std::exp(-std::sqrt(SquaredDistance(x, y, u, v)) / reach);
            if (Uniform(rng) < p)
            {
                edges.emplace_back(u, v);
            }
        }
    }

    ConnectComponents(x, y, edges);

    NetworkBuilder builder(config, true);
    builder.CreateHosts(config.clients);
    std::vector<Ptr<Node>> routers;
    for (uint32_t r = 0; r < n; ++r)
    {
        routers.push_back(builder.AddRouter());
    }
    for (const auto& [u, v] : edges)
    {
        Time delay = config.distanceDelay
                         ? DistanceDelay(kWaxmanKmPerUnit * std::sqrt(SquaredDistance(x, y, u, v)))
                         : config.coreDelay;
        builder.AddP2p(routers[u], routers[v], config.coreRate, delay);
    }
    AttachHosts(builder, routers, Placement::SEEDED);
    return builder.Get();
}

} // namespace gcsim
} // namespace ns3
