#ifndef GCSIM_NARRATE_H
#define GCSIM_NARRATE_H

#include "models/stats/narration-tracker.h"

#include <cstdint>
#include <string>
#include <vector>

namespace gcsim
{

/// Narrations longer than this many steps are told node by node, then summarised.
constexpr std::size_t kMaxNarrationLines = 20;

/// A duration as narrations print it: "86.1 us", "692.02 us", "12.345 ms".
std::string NarrationDuration(int64_t ns);

/**
 * The step-by-step account of one message in one mode, in plain words, from what the run
 * recorded: who put which frames on which link, to which address, what each NIC and host did
 * with them, and when the destinations had the message. One line on a single segment; one
 * line per step in order of time otherwise (grouped by node, then summarised, when long).
 */
std::string Narrate(const ns3::gcsim::Narration& narration);

/// Every mode's account, under a heading, as `gcsim run --narrate` prints them.
std::string NarrateRun(const std::vector<ns3::gcsim::Narration>& narrations);

} // namespace gcsim

#endif
