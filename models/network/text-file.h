#ifndef GCSIM_TEXT_FILE_H
#define GCSIM_TEXT_FILE_H

#include <cstdint>
#include <string>

namespace ns3
{
namespace gcsim
{

/// The most a scenario file may hold: a group listed client by client for a million clients
/// fits seven times over.
constexpr uint64_t kMaxScenarioBytes = 64ULL << 20;
/// The most a replay transcript may hold.
constexpr uint64_t kMaxTranscriptBytes = 64ULL << 20;
/// The most a map file may hold: an Inet map of 100,000 routers is about 5 MB.
constexpr uint64_t kMaxMapBytes = 64ULL << 20;

/**
 * \brief The whole text of the regular file \p path, refused past \p maxBytes.
 *
 * Opens without blocking (a FIFO never stalls the caller), refuses anything that is not a
 * regular file once open (devices such as /dev/zero, FIFOs, sockets, folders), refuses a file
 * whose size is above \p maxBytes before reading it, and stops reading at \p maxBytes + 1
 * bytes (a file that grows, or a /proc file that reports size 0). Throws
 * std::invalid_argument with "\p path: what is wrong" (no key: the caller names it).
 */
std::string ReadTextFile(const std::string& path, uint64_t maxBytes);

/// \p bytes for people, in binary units: "64 MiB", "1.5 GiB", "812 bytes".
std::string ByteCount(uint64_t bytes);

} // namespace gcsim
} // namespace ns3

#endif
