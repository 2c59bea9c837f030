#ifndef GCSIM_MEMORY_ESTIMATE_H
#define GCSIM_MEMORY_ESTIMATE_H

#include "models/network/network.h"

#include <cstdint>
#include <string>

namespace gcsim
{

/**
 * \brief What simulating a network would take in memory, counted before it is built.
 *
 * The figures per object are peak resident sizes of `gcsim run` measured on networks of
 * 1 to 20,000 hosts, routers and links: about 65 MB for the program, 11.1 kB per host,
 * 4.6 kB per router, 10.2 kB per link or LAN, and 48 bytes per unicast route (one per
 * router and subnet with hosts on it); MemoryEstimateBasis() says so in words.
 */
struct MemoryEstimate
{
    uint64_t hosts{0};   //!< P1 and the clients
    uint64_t routers{0}; //!< routers and switches
    uint64_t links{0};   //!< point-to-point links and LANs
    uint64_t routes{0};  //!< unicast routes
    uint64_t bytes{0};   //!< the estimated peak
    /// The scenario key that makes the network this big ("topology.clients", ...).
    std::string key;
};

/// The estimate for \p topology; reads a map file's size lines, never builds anything.
MemoryEstimate EstimateMemory(const ns3::gcsim::TopologyConfig& topology);

/// "about 11.1 kB a host, ...": the figures EstimateMemory counts, for error messages.
std::string MemoryEstimateBasis();

/// What the process holds at one moment: the figures of `gcsim run --timings`.
struct HeapUse
{
    uint64_t heapBytes{0}; //!< allocated and not yet freed, as the allocator counts it
    uint64_t peakRss{0};   //!< the process's peak resident size so far (getrusage)
};

/// The heap in use now (tcmalloc's count when it is the allocator, else glibc's mallinfo2)
/// and the peak resident size so far.
HeapUse CurrentHeapUse();

/// The memory this process may use: physical memory, or a smaller cgroup limit.
uint64_t AvailableMemory();

/// \p bytes for people: "1.4 GB", "850 MB".
std::string MemoryText(uint64_t bytes);

} // namespace gcsim

#endif
