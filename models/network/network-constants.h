#ifndef GCSIM_NETWORK_CONSTANTS_H
#define GCSIM_NETWORK_CONSTANTS_H

// Numbers of the wire and of the random streams that every layer shares, stated once.

#include <cstdint>

namespace ns3
{
namespace gcsim
{

/// The initial IPv4 TTL gcsim's sockets use; hops = kInitialTtl - received TTL + 1.
constexpr uint8_t kInitialTtl = 64;

/// Bytes an IPv4 header (20, no options) and a UDP header (8) add to a datagram's payload.
constexpr uint32_t kIpv4UdpHeaderBytes = 28;

/**
 * Random stream numbers. The network's variables take 0, 1, 2, ... (AssignStreams in
 * network.cc: stacks, devices, then loss); the models that draw during a run start far
 * above, so that a run's draws do not depend on the network's size or on the runs
 * simulated before it in the same process.
 */
constexpr int64_t kRepairStreamBase = 1000000000; //!< NAK repair agent i: base + i
constexpr int64_t kIgmpReportStream = 1LL << 40;  //!< hosts' IGMP report delays
constexpr int64_t kPoissonSendStream = 1LL << 41; //!< P1's Poisson send gaps

} // namespace gcsim
} // namespace ns3

#endif
