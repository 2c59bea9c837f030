#ifndef GCSIM_COLLECT_H
#define GCSIM_COLLECT_H

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <nlohmann/json_fwd.hpp>
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
 * \brief `[sweep] precision`: repeat each combination until the 95 % interval of one figure
 * is within a fraction of its mean.
 *
 * The figure is a column of aggregate.csv without its suffix (`latency_ns_mean`,
 * `link_transmissions`, `paired_link_transmissions_ratio`), for every mode of the run, or
 * for one mode as `MODE.FIGURE`. A combination is judged after its first `minRuns`
 * repetitions and again after each further batch, only on its own results: the count it
 * takes is the same with any --jobs, in any shard, and when a sweep is resumed.
 */
struct PrecisionRule
{
    double precision{0};  //!< the interval's half-width at most this fraction of |mean|; 0: off
    std::string figure;   //!< as written: FIGURE or MODE.FIGURE
    uint32_t minRuns{5};  //!< judged first after so many repetitions (at least 2)
    uint32_t maxRuns{50}; //!< never more, met or not
    std::string where{"sweep.json"}; //!< file:line of the figure's key, for messages
};

/// Where a combination stands under a PrecisionRule.
struct PrecisionStep
{
    uint32_t runs{0};              //!< it needs repetitions 1..runs (so far)
    std::vector<uint32_t> missing; //!< those of 1..runs without results (yet)
    bool finished{false};          //!< all there and the rule stops here
    bool met{false};               //!< the interval is within the precision at `runs`
    double relative{0};            //!< the widest half-width / |mean| over the modes judged
    std::string widest;            //!< the mode it belongs to
};

/**
 * Walks \p rule over a combination's repetitions: \p summaryOf(r) is repetition r's
 * summary.json (a discarded value when it has none yet). Judged at minRuns, then at the next
 * count the widest interval asks for (n (h / precision)^2, at least n + 1, at most 2 n and
 * maxRuns). InputError naming `sweep.precision_figure` when no mode of a run has the figure.
 */
PrecisionStep WalkPrecision(const PrecisionRule& rule,
                            const std::function<nlohmann::ordered_json(uint32_t)>& summaryOf,
                            const std::string& preferredBaseline);

/// Run \p id's summary.json in sweep folder \p folder, or a discarded value when it is not
/// there (yet) or not a gcsim summary.
nlohmann::ordered_json ReadSweepRunSummary(const std::string& folder, const std::string& id);

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
