#ifndef GCSIM_COMPARE_H
#define GCSIM_COMPARE_H

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace gcsim
{

/// One quantity that a simulation and a live run of a scenario must agree on exactly.
struct Agreement
{
    std::string mode;
    std::string quantity; //!< "frames on port3 S0->C3", "P1 packets", "NIC-filtered frames"
    uint64_t sim{0};
    uint64_t live{0};

    bool Agrees() const
    {
        return sim == live;
    }
};

/// A mode's latency in both runs, compared as distributions.
struct LatencyPair
{
    std::string mode;
    int64_t simP50{0}, liveP50{0}, simP95{0}, liveP95{0}, simP99{0}, liveP99{0}; //!< ns
    int64_t simMax{0}, liveMax{0};                                               //!< ns
    int64_t liveLateMean{-1}; //!< how late P1's live sends were, mean (ns; -1 unknown)
    int64_t liveLateMax{-1};  //!< and the latest
};

/// What `gcsim compare` found.
struct Comparison
{
    std::vector<Agreement> exact; //!< per mode: every link's frames, then the totals
    std::vector<LatencyPair> latency;
    std::vector<std::string> modes;   //!< in both folders, in the simulation's order
    int64_t liveClockResolutionNs{0}; //!< from live.json (0 if absent)

    /// Whether every exact quantity agrees.
    bool Agrees() const;
};

/**
 * Compares the results folder of a simulation (\p simDir, `gcsim run`) with that of a live
 * run of the same scenario (\p liveDir, `gcsim live`): frames per link, P1's packets and
 * bytes, receptions at non-members and group frames filtered at non-members' NICs, per mode.
 * Throws InputError if either is not a results folder.
 */
Comparison CompareFolders(const std::string& simDir, const std::string& liveDir);

/// `gcsim compare`: both tables, then the exact quantities and the latencies side by side.
/// Exit status 0 when every exact quantity agrees, 1 when one differs.
int CompareCommand(const std::string& simDir, const std::string& liveDir, std::ostream& out);

} // namespace gcsim

#endif
