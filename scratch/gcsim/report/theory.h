#ifndef GCSIM_THEORY_H
#define GCSIM_THEORY_H

#include "scratch/gcsim/experiment.h"
#include "scratch/gcsim/scenario.h"

#include <string>
#include <vector>

namespace gcsim
{

/**
 * One closed form beside the simulated value of a table row: what theory predicts for a
 * run, what the simulation measured, and whether they agree (to the nanosecond for times,
 * exactly for counts). Where they differ, the reason the closed form does not hold: a
 * condition of the scenario or of the run (loss, CSMA back-off, overlapping messages, a rate
 * manager's choices...), or "unexplained" when none of its assumptions is broken, which the
 * tests treat as a fault.
 */
struct ClosedFormCheck
{
    std::string mode;    //!< the run's label, as the table's column names it
    std::string figure;  //!< the table row it stands beside ("latency max (us)")
    double predicted{0}; //!< in the row's unit
    double simulated{0}; //!< the same figure as the simulation measured it
    int decimals{3};     //!< how the row prints it
    std::string formula; //!< the closed form, then its terms with the scenario's numbers
    bool atMost{false};  //!< the closed form is an upper bound, not the value
    bool agrees{false};  //!< equal (or, for a bound, not above it)
    std::string reason;  //!< why the simulation differs; empty when it agrees
};

/// Marks an unexplained difference (the tests look for it).
inline const char* const kUnexplained = "unexplained";

/**
 * Every closed form that applies to \p results' runs of \p scenario: one LAN (frame times,
 * replicated unicast's copy times, P1's and the links' counts, filtered and unwanted
 * receptions), a k-ary router tree (store-and-forward latencies with FIFO queues, link
 * counts of unicast, replicated unicast, a source tree, a flood and broadcast) and one Wi-Fi
 * cell (airtime per message). Empty where none applies (maps, gossip, replays...).
 */
std::vector<ClosedFormCheck> ClosedFormChecks(const Scenario& scenario,
                                              const std::vector<ModeResult>& results);

/// The block table.txt ends with: one line per check with its formula or reason; "" without
/// checks. With \p width above 0 (the console), grouped by run to fit that many columns,
/// reasons wrapped, formulas left out.
std::string TheoryText(const std::vector<ClosedFormCheck>& checks, std::size_t width = 0);

/// theory.csv: mode,figure,relation (= or <=),closed_form,simulated,agrees,formula,reason.
std::string TheoryCsv(const std::vector<ClosedFormCheck>& checks);

/// "agrees" or "DIFFERS"; for a bound, "within" or "EXCEEDS".
std::string Verdict(const ClosedFormCheck& check);

/// The closed form's value as the row prints it ("<= 23.450" for a bound).
std::string Predicted(const ClosedFormCheck& check);

/// theory.csv's rows read back (the report draws them); throws std::runtime_error on a bad file.
std::vector<ClosedFormCheck> ReadTheoryCsv(const std::string& text);

} // namespace gcsim

#endif
