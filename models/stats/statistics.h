#ifndef GCSIM_STATISTICS_H
#define GCSIM_STATISTICS_H

#include <cstdint>
#include <map>

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
 * \brief An exact sample of integers kept as value -> count.
 *
 * Its memory grows with the distinct values seen, not with the samples: a run of a million
 * deliveries over a few paths and queue positions holds a few entries. Percentiles are
 * exact, and the mean is the same number a sum over the sorted samples gives.
 */
class Histogram
{
public:
    /// Adds \p n samples of \p value.
    void Add(int64_t value, uint64_t n = 1);
    /// These samples without those of \p part, each of which must be among them.
    Histogram Without(const Histogram& part) const;
    /// Percentile p is the nearest-rank value: the smallest sample with at least p % of the
    /// samples at or below it.
    Distribution Summarize() const;

private:
    std::map<int64_t, uint64_t> m_counts;
    uint64_t m_samples{0};
};

} // namespace gcsim
} // namespace ns3

#endif
