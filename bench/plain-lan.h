#ifndef GCSIM_BENCH_PLAIN_LAN_H
#define GCSIM_BENCH_PLAIN_LAN_H

#include <cstdint>
#include <ns3/nstime.h>
#include <string>

namespace plainlan
{

/// UDP port every receiving socket binds.
constexpr uint16_t kPort = 20001;
/// UDP payload bytes of each message.
constexpr uint32_t kMessageSize = 1024;
/// Each CSMA device's DropTail queue: holds one replicated-unicast message to 2048 members.
constexpr const char* kQueueSize = "10000p";

/// The group's members: clients 1 to Members(clients), half the clients rounded up.
uint32_t Members(uint32_t clients);

/**
 * Builds node 0 (P1) and \p clients clients on one CSMA LAN, sends \p messages messages of
 * kMessageSize bytes from P1 in \p mode, the first at 1 s and then one every \p interval,
 * runs the simulation to its end and destroys it.
 *
 * \param mode "unicast" (to client 1), "replicated-unicast" (one datagram per member),
 *        "multicast" (to 239.255.0.1; only members listen) or "broadcast" (to
 *        255.255.255.255; every client listens)
 * \return the datagrams the receiving sockets got
 */
uint64_t RunPlainLan(const std::string& mode, uint32_t clients, uint32_t messages,
                     ns3::Time interval = ns3::MilliSeconds(10));

} // namespace plainlan

#endif
