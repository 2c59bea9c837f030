#ifndef GCSIM_GNUPLOT_SCRIPT_H
#define GCSIM_GNUPLOT_SCRIPT_H

#include <string>
#include <utility>
#include <vector>

namespace gcsim
{
namespace plotting
{

constexpr int kWidth = 960;
constexpr int kHeight = 600;

/// One figure: its name (NAME.png, NAME.svg, NAME.gp, NAME.dat) and what gnuplot reads.
struct Figure
{
    std::string name;
    std::string script;
    std::string data;
};

/// \p text on one line, for a comment.
std::string OneLine(std::string text);

/// \p text as a gnuplot double-quoted string; "\n" in it breaks the line.
std::string Quote(const std::string& text);

/// Colours per mode: the same mode has the same colour in every figure.
std::vector<std::string> ModeColors(const std::vector<std::string>& modes);

/// The unit latencies in nanoseconds up to \p maxNs read best in: {name, nanoseconds}.
std::pair<std::string, double> TimeUnit(double maxNs);

/// The opening of every script: what it draws, how to re-render it, where its files are.
std::string ScriptHead(const std::string& name, const std::string& what,
                       const std::string& dataColumns);

/// The loop that draws \p body once per output format, into NAME.png and NAME.svg, on a
/// canvas of \p width x \p height pixels.
std::string OutputLoop(const std::string& name, const std::string& body, int width = kWidth,
                       int height = kHeight);

/// Settings every figure shares.
extern const char* kCommonSettings;

/// x tics for bars, one per mode; turned when the labels would collide.
std::string ModeTics(const std::vector<std::string>& modes, double room);

/// The key below the plot, in as many columns as fit, with the bottom margin it needs.
std::string KeyBelow(const std::vector<std::string>& titles);

/// A comment naming the curve of each data index, for whoever edits the script.
std::string CurveIndex(const std::vector<std::string>& titles);

/// A curve as drawn, in the units of its axes.
using Points = std::vector<std::pair<double, double>>;

/// How curves that lie on one another are drawn so that none hides another.
struct Overlap
{
    std::size_t under; //!< the first curve this one lies on (itself if none)
    double width;      //!< line width: wider the earlier it is drawn in its group
    double size;       //!< point size, likewise
};

/**
 * Finds curves drawn so close to an earlier curve that they would hide it (every point
 * within 0.5 % of the axes' spans; \p logX, \p logY: compared on log axes). A curve is drawn
 * wider the longer the chain of later curves that lie on it (entirely, or with
 * \p segments along a segment between two common x values), so that all of them stay
 * visible as nested lines.
 */
std::vector<Overlap> FindOverlaps(const std::vector<Points>& curves, bool logX, bool logY,
                                  bool segments);

} // namespace plotting
} // namespace gcsim

#endif
