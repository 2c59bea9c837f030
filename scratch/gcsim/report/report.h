#ifndef GCSIM_REPORT_H
#define GCSIM_REPORT_H

#include "scratch/gcsim/experiment.h"
#include "scratch/gcsim/scenario.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace gcsim
{

/// summary.json: {"scenario": ..., "modes": {"<mode>": {...}}}.
nlohmann::ordered_json SummaryJson(const Scenario& scenario,
                                   const std::vector<ModeResult>& results);

/// The side-by-side table `gcsim run` prints: one column per mode (table.txt); with \p width
/// above 0, in blocks of whole columns that fit that many characters, for the console.
std::string ModeTable(const Scenario& scenario, const std::vector<ModeResult>& results,
                      std::size_t width = 0);

} // namespace gcsim

#endif
