#ifndef GCSIM_PLOT_CSV_H
#define GCSIM_PLOT_CSV_H

#include <filesystem>
#include <string>
#include <vector>

namespace gcsim
{
namespace plotting
{

/// What `gcsim plot` reads: the two kinds of folder.
extern const char* kExpected;

/// A text cell parsed as a number; false if it is not one (entirely).
bool ParseNumber(const std::string& text, double& value);

/// CSV text as rows of fields; double-quoted fields may hold commas and doubled quotes.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text);

/// The text of regular file \p path: a FIFO or a device in a results folder is not read.
std::string ReadText(const std::filesystem::path& path);

} // namespace plotting
} // namespace gcsim

#endif
