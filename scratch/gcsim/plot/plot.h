#ifndef GCSIM_PLOT_H
#define GCSIM_PLOT_H

#include <iosfwd>
#include <stdexcept>
#include <string>
#include <vector>

namespace gcsim
{

/// Options of `gcsim plot`.
struct PlotOptions
{
    /// The gnuplot program: a name looked up on PATH, or a path.
    std::string gnuplot{"gnuplot"};
};

/// gnuplot cannot be found or started.
class GnuplotMissing : public std::runtime_error
{
public:
    explicit GnuplotMissing(const std::string& message);
};

/**
 * Renders the figures of a results folder with gnuplot into DIR/plots/: for each figure
 * NAME.png, NAME.svg, the gnuplot script NAME.gp that draws both and its data NAME.dat.
 * `gnuplot DIR/plots/NAME.gp`, from any folder, renders NAME again.
 *
 * - A run folder (summary.json, deliveries.csv): latency-cdf, link-stress,
 *   per-message-cost.
 * - A sweep folder (sweep.json, aggregate.csv): latency-mean, source-bytes,
 *   link-transmissions, each against the first numeric swept key (group.members when
 *   swept), one curve per mode and per value of the other swept keys.
 *
 * Every figure is rendered in a staging folder first and its files are renamed into
 * DIR/plots/ only when all figures are rendered: a failure leaves no partial figure.
 * Throws InputError when DIR is neither kind of folder, GnuplotMissing when gnuplot cannot
 * be run, std::runtime_error (with gnuplot's messages) when gnuplot fails.
 * \return the names of the figures
 */
std::vector<std::string> PlotFolder(const std::string& folder, std::ostream& out,
                                    const PlotOptions& options = {});

/**
 * What `gcsim run` and `gcsim sweep` do after their results: PlotFolder into \p folder (its
 * own line not printed), or, when that cannot be done, one line on \p err (a note without
 * gnuplot, a warning naming `gcsim plot SHOWN` otherwise) and nothing drawn: the results are
 * complete either way. \p shown names the folder in that line. Returns the figures drawn.
 */
std::vector<std::string> PlotOrSay(const std::string& folder, const std::string& shown,
                                   std::ostream& err);

/**
 * `gcsim plot DIR`: PlotFolder, with a missing gnuplot reported on \p err as exit status 1.
 * InputError propagates (exit status 2 in Main).
 */
int PlotCommand(const std::string& folder, std::ostream& out, std::ostream& err,
                const PlotOptions& options = {});

} // namespace gcsim

#endif
