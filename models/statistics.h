#ifndef GCSIM_STATISTICS_H
#define GCSIM_STATISTICS_H

#include <cstdint>
#include <vector>

namespace ns3
{
namespace gcsim
{

/// Mean and nearest-rank percentiles of a sample (all zero, count 0, when it is empty).
struct Distribution
{
    uint64_t count{0};
    double mean{0};
    int64_t p50{0};
    int64_t p95{0};
    int64_t p99{0};
    int64_t max{0};
};

/**
 * Summarises \p values (reordered in place). Percentile p is the nearest-rank value: the
 * smallest sample with at least p % of the samples at or below it.
 */
Distribution Summarize(std::vector<int64_t>& values);

} // namespace gcsim
} // namespace ns3

#endif
