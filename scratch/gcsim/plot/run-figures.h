#ifndef GCSIM_RUN_FIGURES_H
#define GCSIM_RUN_FIGURES_H

#include "gnuplot-script.h"

#include <filesystem>
#include <vector>

namespace gcsim
{
namespace plotting
{

std::vector<Figure> RunFigures(const std::filesystem::path& dir);

} // namespace plotting
} // namespace gcsim

#endif
