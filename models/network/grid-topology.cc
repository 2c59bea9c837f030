// Topology kind `grid`: rows x columns routers, each joined to its right and lower
// neighbour by a point-to-point link; router index = row * columns + column. P1 on its own
// point-to-point link to R0, the top-left corner (or `server_router`); the clients in
// contiguous blocks, one CSMA LAN per router (or per router of `access_routers`).
//
//          P1
//          |                   access link (data_rate, delay)
//          R0 ---- R1 ---- R2      row 0
//          |       |       |       core links (core_rate, core_delay)
//          R3 ---- R4 ---- R5      row 1        rows = 3, columns = 3
//          |       |       |
//          R6 ---- R7 ---- R8      row 2
//
//     below each router Ri (or each of access_routers):
//          Ri
//          |
//     ===========                  its client LAN (data_rate, delay)
//     C..  ...  C..
//
// The links are built row by row, each router's right link before its lower one. A client
// on the far corner R(rows * columns - 1) is rows + columns - 2 router-to-router hops from
// R0. One row or one column is a line of routers; a 1 x 1 grid is a single router with P1
// and the clients around it. At most 100000 routers.

#include "grid-topology.h"

#include "config-error.h"

#include <algorithm>
#include <ns3/ipv4-l3-protocol.h>
#include <ns3/log.h>
#include <stdexcept>
#include <string>
#include <vector>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimGridTopology");

namespace
{

} // namespace

Network
BuildGrid(const TopologyConfig& config)
{
    NS_LOG_FUNCTION_NOARGS();
    constexpr uint64_t kMaxRouters = 100000;
    if (config.rows < 1 || config.columns < 1)
    {
        throw ConfigError(config.rows < 1 ? "topology.rows" : "topology.columns",
                          "a grid needs at least one row and one column");
    }
    uint64_t count = uint64_t(config.rows) * config.columns;
    if (count > kMaxRouters)
    {
        throw ConfigError("topology.rows, topology.columns",
                          "a grid of " + std::to_string(config.rows) + " x " +
                              std::to_string(config.columns) + " = " + std::to_string(count) +
                              " routers; at most " + std::to_string(kMaxRouters));
    }
    NetworkBuilder builder(config, true);
    builder.CreateHosts(config.clients);
    std::vector<Ptr<Node>> grid;
    for (uint64_t r = 0; r < count; ++r)
    {
        grid.push_back(builder.AddRouter());
    }
    for (uint32_t row = 0; row < config.rows; ++row)
    {
        for (uint32_t column = 0; column < config.columns; ++column)
        {
            std::size_t here = std::size_t(row) * config.columns + column;
            if (column + 1 < config.columns)
            {
                builder.AddP2p(grid[here], grid[here + 1], config.coreRate, config.coreDelay);
            }
            if (row + 1 < config.rows)
            {
                builder.AddP2p(grid[here], grid[here + config.columns], config.coreRate,
                               config.coreDelay);
            }
        }
    }
    AttachHosts(builder, grid, Placement::EVERY_ROUTER);
    return builder.Get();
}

} // namespace gcsim
} // namespace ns3
