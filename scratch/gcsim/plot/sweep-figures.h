#ifndef GCSIM_SWEEP_FIGURES_H
#define GCSIM_SWEEP_FIGURES_H

#include "gnuplot-script.h"

#include <filesystem>
#include <vector>

namespace gcsim
{
namespace plotting
{

/// The figures of sweep folder \p dir: latency-mean, source-bytes, link-transmissions.
std::vector<Figure> SweepFigures(const std::filesystem::path& dir);

} // namespace plotting
} // namespace gcsim

#endif
