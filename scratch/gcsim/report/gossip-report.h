#ifndef GCSIM_GOSSIP_REPORT_H
#define GCSIM_GOSSIP_REPORT_H

// The gossip modes' figures beside their closed forms: summary.json's "gossip", the table's
// rows, infection.csv.

#include "scratch/gcsim/experiment.h"
#include "scratch/gcsim/scenario.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace gcsim
{

/// A simulated figure, its 95 % interval over the run's messages and the closed form's value.
struct TheoryCheck
{
    std::string figure;  //!< "rounds_to_all", "reach_probability", "residue"
    std::string formula; //!< as a reader would write it
    double simulated{0}; //!< the run's value (a mean over messages, or a fraction)
    double low{0};       //!< its 95 % interval
    double high{0};
    double predicted{0}; //!< the closed form's value
    bool within{false};  //!< predicted lies in [low, high]
};

/// The closed form that applies to \p r's mode and scenario, if one does: rounds to all for
/// timed push over the full view, the reach probability for event-driven push, the residue
/// against traffic for rumour mongering.
std::optional<TheoryCheck> GossipTheory(const Scenario& s, const ModeResult& r);

/// summary.json's "gossip" of a gossip mode's run.
nlohmann::ordered_json GossipJson(const Scenario& s, const ModeResult& r);

/// infection.csv: per gossip mode, message and round, the live members that had the message,
/// their fraction, and the mean-field prediction where one applies.
std::string InfectionCsv(const Scenario& s, const std::vector<ModeResult>& results);

/// The mean-field infected fraction after each round for \p r's mode (empty if none applies).
std::vector<double> MeanFieldFor(const Scenario& s, const ModeResult& r, uint32_t rounds);

} // namespace gcsim

#endif
