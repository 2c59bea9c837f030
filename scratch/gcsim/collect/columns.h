#ifndef GCSIM_COLUMNS_H
#define GCSIM_COLUMNS_H

#include <string>
#include <vector>

namespace gcsim
{

/**
 * What column \p column of summary.csv, long.csv's `metric` or aggregate.csv means, with its
 * unit: "" if no rule of the table knows it (a test keeps every figure gcsim writes known).
 * Aggregate columns are a figure's with `_mean` or `_ci95` after it.
 */
std::string ColumnMeaning(const std::string& column);

/**
 * columns.md: every column of the sweep folder's summary.csv (\p axes, then the figures
 * \p figures) and of aggregate.csv (its header line \p aggregateHeader), with its meaning.
 */
std::string ColumnsMarkdown(const std::vector<std::string>& axes,
                            const std::vector<std::string>& figures,
                            const std::string& aggregateHeader);

} // namespace gcsim

#endif
