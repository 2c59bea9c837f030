#ifndef GCSIM_COLLECT_H
#define GCSIM_COLLECT_H

#include <iosfwd>
#include <string>
#include <vector>

namespace gcsim
{

/// The mean of \p values and the half-width of its 95 % confidence interval (Student t,
/// n - 1 degrees of freedom; NaN for fewer than two values).
struct MeanCi
{
    double mean{0};
    double ci95{0};
    std::size_t n{0};
};
MeanCi MeanWithCi(const std::vector<double>& values);

/**
 * Collects a sweep folder (one written by `gcsim sweep`, or by its shards into one folder):
 * summary.csv with one row per run and mode and every swept key as a column, and
 * aggregate.csv with the mean and 95 % confidence interval over repetitions of every
 * figure, per combination and mode. Both are written atomically. Returns the number of
 * runs of the plan that have no results yet.
 */
std::size_t CollectSweep(const std::string& folder, std::ostream& out);

} // namespace gcsim

#endif
