#ifndef GCSIM_RUN_FOLDER_H
#define GCSIM_RUN_FOLDER_H

#include "atomic-file.h"
#include "results-folder.h"
#include "scratch/gcsim/experiment.h"

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace gcsim
{

/// The files a run streams while its modes simulate (staged until the commit).
struct RunStreams
{
    std::unique_ptr<OutputFile> deliveries; //!< deliveries.csv, header written
    std::unique_ptr<OutputFile> links;      //!< links.csv, header written
    std::unique_ptr<OutputFile> transcript; //!< transcript.txt, a replay's only

    /// Closes every file; WriteError if a write failed.
    void Close();
};

/// Opens deliveries.csv and links.csv of \p folder with their headers, and transcript.txt
/// for a \p replay.
RunStreams OpenRunStreams(const ResultsFolder& folder, bool replay);

/**
 * Writes the rest of a run's folder once its modes are done, summary.json last (its
 * presence marks a complete folder): throughput.csv (the throughput pattern), the closed
 * \p streams, animation.json, membership.csv (a scenario with joins and leaves),
 * scenario.toml, table.txt, run.json (the provenance: \p commandLine). Returns the table.
 */
std::string WriteRunFolder(const ResultsFolder& folder, const Scenario& scenario,
                           const std::vector<ModeResult>& results, RunStreams& streams,
                           const ns3::gcsim::Animation& animation, const std::string& commandLine);

/// Writes report.html into \p folder; a failure is a warning on \p err (the results are
/// whole without it). Returns whether it was written.
bool WriteRunReport(const ResultsFolder& folder, std::ostream& err);

} // namespace gcsim

#endif
