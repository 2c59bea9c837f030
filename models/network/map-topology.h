#ifndef GCSIM_MAP_TOPOLOGY_H
#define GCSIM_MAP_TOPOLOGY_H

#include "network.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace gcsim
{

/// The most routers a map may have, as for the generated kinds; larger maps are refused while
/// their text is read, before any memory goes to them.
constexpr uint32_t kMaxMapRouters = 100000;

/**
 * \brief A router map as the topology kind `file` builds it: routers 0..n-1 and the
 * distinct links between them.
 *
 * Router i is the i-th of the map's node names in order: by value when every name is an
 * integer (Inet, Orbis and Rocketfuel maps files number their nodes), otherwise
 * alphabetically (Rocketfuel weights files name them "City,+ST1234").
 */
struct RouterMap
{
    std::vector<std::string> names;                   //!< router i's name in the map
    std::vector<std::pair<uint32_t, uint32_t>> links; //!< distinct links, in file order
    std::vector<uint32_t> part;                       //!< router i's connected part
    uint32_t parts{0};         //!< connected parts; part 0 holds router 0, and so on
    uint32_t selfLoops{0};     //!< links from a node to itself, skipped
    uint32_t duplicates{0};    //!< links read again (either direction), skipped
    uint32_t unlinkedNodes{0}; //!< Inet nodes in no link: ns-3's reader makes no node of them
    /// Whether the file weighs its links (Inet maps, Rocketfuel weights files).
    bool weighted{false};
    /// Link i's weight: the one the file lists first for its two routers (weighted maps).
    std::vector<double> weights;
    std::string weightFault; //!< the first weight that is not above zero, with its line; or ""
    bool placed{false};      //!< whether the file places its routers (Inet maps)
    /// Router i's position, its Inet node line's `x y` (placed maps).
    std::vector<std::pair<double, double>> positions;
    std::string positionFault; //!< the first router without a readable position; or ""
};

/**
 * Reads map \p file in \p format ("inet", "orbis", "rocketfuel") with ns-3's topology
 * reader, after checking the file is whole (the readers stop silently at a line they cannot
 * parse or at the end of a cut file). Throws ConfigError (field topology.map, naming the
 * file and line; topology.format for an unknown format) for a file that is missing, empty,
 * cut short or malformed.
 *
 * The reader creates one ns-3 Node per map node; they stay in the NodeList (which has no
 * removal) until Simulator::Destroy, unused.
 */
RouterMap ReadRouterMap(const std::string& file, const std::string& format);

/**
 * The same checks of the file, without ns-3's reader (no Node is created): the routers, the
 * links in file order and the connected parts as the file lists them, for checking a
 * scenario before anything is built. Throws ConfigError like ReadRouterMap.
 */
RouterMap CheckRouterMap(const std::string& file, const std::string& format);

/**
 * Throws ConfigError (field topology.server_router or topology.access_routers) unless
 * \p config's server router and access routers are routers of \p map, the access routers
 * in the server router's part.
 */
void CheckMapPlacement(const RouterMap& map, const TopologyConfig& config);

/**
 * Throws ConfigError (field topology.routing_metric or topology.core_delay) unless \p map has
 * what \p config's metric and delays need: link weights above zero for routing_metric
 * "weight", router positions for core_delay "distance".
 */
void CheckMapMetric(const RouterMap& map, const TopologyConfig& config);

/**
 * Topology kind `map`: the routers and links of config.mapFile (read with ReadRouterMap),
 * point-to-point (core_rate, core_delay); P1 and the clients attached as on a waxman graph.
 * Throws std::invalid_argument for a map or placement the kind cannot build.
 */
Network BuildFromMap(const TopologyConfig& config);

} // namespace gcsim
} // namespace ns3

#endif
