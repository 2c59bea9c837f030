#ifndef GCSIM_COLLECT_H
#define GCSIM_COLLECT_H

#include <cstdint>
#include <iosfwd>
#include <string>
#include <utility>
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
 * A 95 % percentile-bootstrap interval of the mean of \p values: \p resamples resamples
 * with replacement, drawn by std::mt19937_64 seeded with \p seed (so the same values give the
 * same interval); {NaN, NaN} for fewer than two values. For figures such as a percentile
 * over repetitions, whose distribution the Student t interval assumes normal.
 */
std::pair<double, double> BootstrapCi(const std::vector<double>& values,
                                      std::size_t resamples = 2000, uint64_t seed = 1);

/// The figures compared run by run against a baseline mode (aggregate.csv's paired_*).
const std::vector<std::string>& PairedFigures();
/// The mode the others are compared with in a run: \p preferred ([sweep] baseline) if the run
/// has it, else replicated-unicast if the run has it, else the run's first mode.
std::string BaselineMode(const std::vector<std::string>& modes, const std::string& preferred = "");

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
