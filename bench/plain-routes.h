#ifndef GCSIM_BENCH_PLAIN_ROUTES_H
#define GCSIM_BENCH_PLAIN_ROUTES_H

#include <cstdint>
#include <string>

namespace plainroutes
{

/**
 * Reads the Inet map \p path with ns-3's TopologyReaderHelper, joins each pair of linked
 * routers with a point-to-point link (1 Gbit/s, 1 ms) in its own /30, installs the default
 * InternetStackHelper on every router and fills every routing table with
 * Ipv4GlobalRoutingHelper::PopulateRoutingTables, as ns-3's topology-example-sim does.
 * The simulation is then destroyed.
 * \return the number of routes in all routing tables
 */
uint64_t BuildAndRoute(const std::string& path);

} // namespace plainroutes

#endif
