#ifndef GCSIM_HTML_REPORT_H
#define GCSIM_HTML_REPORT_H

#include <string>

namespace gcsim
{

/**
 * The page every report fills in (scratch/gcsim/report/report-page.html, compiled in): markup,
 * style and script, with %%NAME%% slots for the folder's content.
 */
const std::string& ReportPage();

/**
 * Writes DIR/report.html, one self-contained page that loads nothing from anywhere.
 *
 * For a run folder (it holds summary.json): the scenario as resolved (scenario.toml), the mode
 * table (table.txt), the SVG plots of DIR/plots/ inlined, and the animation of animation.json:
 * the network drawn as an inline SVG, the traced message's frames moving along the links,
 * receivers lighting up, with a mode selector, play/pause and a time slider.
 * For a sweep folder (it holds sweep.json): the axes, aggregate.csv as a table, the plots,
 * and every run with a link to its own report.
 *
 * Returns the page's path. Throws InputError when DIR is neither (nothing is written then),
 * WriteError when the page cannot be written (it is written whole or not at all). Messages
 * and the returned path name the folder as \p shownAs (default: \p dir): a run's staging
 * folder is named as its destination.
 */
std::string WriteReport(const std::string& dir, const std::string& shownAs = "");

/// Inline SVG text from an SVG file: no prolog, no scripts or event handlers, ids prefixed.
std::string InlineSvg(const std::string& svg, const std::string& idPrefix);

} // namespace gcsim

#endif
