#ifndef GCSIM_SWEEP_H
#define GCSIM_SWEEP_H

#include "scratch/gcsim/collect/collect.h"
#include "scratch/gcsim/scenario.h"

#include <functional>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

namespace gcsim
{

/// One run of a sweep: a combination of axis values and a repetition.
struct SweepRun
{
    std::string id;                                        //!< hash of the resolved scenario
    std::vector<std::pair<std::string, std::string>> keys; //!< swept key -> value (TOML text)
    uint32_t repetition{1};                                //!< ns-3 RngRun
    uint32_t combination{0}; //!< which combination of the axes, from 0 in sweep order
    /// The files the resolved scenario names (ScenarioFiles): copied beside its input.
    std::vector<std::pair<std::string, std::string>> files;
    std::string resolved; //!< the resolved scenario (TOML)
};

/**
 * \brief A scenario's [sweep] table, expanded: every combination of its axes, times its
 * repetitions, minus the combinations its constraints skip.
 *
 * ```
 * [sweep]
 * repetitions = 5                          # RngRun 1..5
 * "group.members" = [2, 4, 8]              # an axis: any scenario key, a list of values
 * "topology.kind" = ["lan", "tree"]
 * together = [{ "topology.clients" = [16, 64], "traffic.messages" = [100, 25] }]
 * skip = ["group.members > topology.clients"]
 * ```
 *
 * With `precision = 0.05` (and optionally `precision_figure`, `min_repetitions`,
 * `max_repetitions`) instead of `repetitions`, each combination runs until the 95 % interval
 * of the figure is within 5 % of its mean (PrecisionRule): Runs() then holds every
 * repetition up to the maximum, of which RunSweep runs those the rule asks for.
 *
 * Axes combine as a cartesian product, in the order written; the keys of one `together`
 * table vary together (their lists have one length). A `skip` expression is
 * `KEY OP VALUE` or `KEY OP KEY` with OP one of < <= > >= == !=; keys take the
 * combination's value or the scenario's own; a list compares by its length, a string only
 * with == and !=.
 */
class Sweep
{
public:
    /**
     * Expands and resolves every run; throws InputError for anything wrong, before any run,
     * including a sweep of more than kMaxSweepRuns runs or a run above the limits of
     * \p limits (unless limits.allowLarge, which the runs then get too).
     */
    Sweep(const std::string& scenarioPath, const std::vector<std::string>& overrides,
          const ScenarioLimits& limits = {});
    /// The same from scenario text in memory: \p scenarioPath names it in messages, and
    /// its relative paths (maps, transcripts) are read from folder \p base.
    Sweep(const std::string& text, const std::string& scenarioPath, const std::string& base,
          const std::vector<std::string>& overrides, const ScenarioLimits& limits = {});

    const std::string& Name() const;
    /// Whether the scenario has a [sweep] table (without one it is one run).
    bool Given() const;
    const std::vector<std::string>& Axes() const; //!< swept keys, in order
    /// How many values each of Axes() takes, in the same order.
    const std::vector<std::size_t>& AxisLengths() const;
    uint32_t Combinations() const;             //!< of the axes' values, less those skipped
    const std::vector<SweepRun>& Runs() const; //!< in sweep order
    /// The run the paired figures compare with ([sweep] baseline; "": collect's default).
    const std::string& Baseline() const;
    /// [sweep] precision and its figure and counts (precision 0: a fixed count of repetitions).
    const PrecisionRule& Precision() const;
    uint32_t Skipped() const;             //!< combinations the constraints removed
    const ScenarioLimits& Limits() const; //!< what its runs may be

    /// The runs of shard \p index of \p count: every count-th run from \p index; with a
    /// precision, every count-th combination's runs (a combination's count is judged on its
    /// own results, so one shard runs all of it).
    std::vector<SweepRun> Shard(uint32_t index, uint32_t count) const;

private:
    std::string m_name;
    bool m_given{false};
    std::vector<std::string> m_axes;
    std::vector<std::size_t> m_axisLengths;
    uint32_t m_combinations{0};
    std::vector<SweepRun> m_runs;
    std::string m_baseline;
    PrecisionRule m_precision;
    uint32_t m_skipped{0};
    ScenarioLimits m_limits;
};

/// The most runs a sweep expands to (combinations times repetitions) without --allow-large.
constexpr double kMaxSweepRuns = 10000;

/// Options of `gcsim sweep`.
struct SweepOptions
{
    std::string out;         //!< the sweep folder
    uint32_t jobs{1};        //!< runs at a time
    uint32_t shardIndex{0};  //!< this shard (0-based)
    uint32_t shardCount{1};  //!< of so many
    bool collect{true};      //!< collect at the end
    bool progressBar{false}; //!< draw a bar (a terminal) or print lines
    std::string executable;  //!< the gcsim binary that runs each run
    /**
     * If set, each run's forked process calls this with the run's command line (argc,
     * argv, `executable` first) and exits with what it returns, instead of executing
     * `executable` afresh: loading and initialising ns-3 costs a third of a small run.
     */
    std::function<int(int, char**)> runInProcess;
};

/// What a sweep did.
struct SweepOutcome
{
    uint32_t total{0};
    uint32_t skipped{0};   //!< already complete before this sweep
    uint32_t completed{0}; //!< completed now
    uint32_t failed{0};
};

/**
 * Writes \p sweep's plan as \p folder/sweep.json (atomically): every run's id, swept keys and
 * repetition. Its presence makes \p folder a sweep folder.
 */
void WriteSweepPlan(const Sweep& sweep, const std::string& folder);

/**
 * Runs the sweep's runs not yet complete in \p options.out, options.jobs at a time, each as
 * `gcsim run` in its own process writing DIR/runs/<id>/ atomically. A run counts as
 * complete once its folder is in place with its summary.json. InputError if DIR is neither
 * absent, empty nor a sweep folder (nothing is written then). Interrupted (SIGINT, SIGTERM),
 * it stops its runs, waits for them and exits 128 + the signal (InterruptCleanup).
 */
SweepOutcome RunSweep(const Sweep& sweep, const SweepOptions& options, std::ostream& out);

/// FNV-1a, 64 bits, as 16 hex digits: a stable name for a resolved scenario.
std::string StableHash(const std::string& text);

/// \p word quoted for a POSIX shell.
std::string ShellQuote(const std::string& word);

} // namespace gcsim

#endif
