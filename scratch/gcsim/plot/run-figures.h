#ifndef GCSIM_RUN_FIGURES_H
#define GCSIM_RUN_FIGURES_H

#include "gnuplot-script.h"

#include <filesystem>
#include <vector>

namespace gcsim
{
namespace plotting
{

/// The figures of run folder \p dir: latency-cdf, link-stress, per-message-cost, and
/// offered-load for the throughput pattern.
std::vector<Figure> RunFigures(const std::filesystem::path& dir);

} // namespace plotting
} // namespace gcsim

#endif
