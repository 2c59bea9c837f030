#ifndef GCSIM_TEXT_FORMAT_H
#define GCSIM_TEXT_FORMAT_H

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace gcsim
{

/// \p v with \p decimals digits after the point ("%.*f"): 2.50 for (2.5, 2).
std::string Fixed(double v, int decimals);

/// Nanoseconds as microseconds with three decimals (the table's "(us)" rows).
std::string Us(double ns);

/// Fixed() without the trailing zeros and point: 2.5 for (2.5, 2), 3 for (3.0, 2).
std::string FixedShort(double v, int decimals);

/// \p v with up to 10 significant digits ("%.10g"), as the CSV files and gnuplot data hold it.
std::string Number(double v);

/// Number(), or the empty string for NaN (an empty CSV cell).
std::string NumberOrEmpty(double v);

/// The non-empty-start concatenation of \p parts with \p separator between: a part added
/// while the text is still empty gets no separator before it.
std::string Join(const std::vector<std::string>& parts, const std::string& separator);

/// \p text as one CSV field: as it is, or double-quoted with its quotes doubled when it holds
/// a comma, a quote or a line break.
std::string CsvField(const std::string& text);

/// \p text without the characters of \p blanks at either end.
std::string TrimBlanks(const std::string& text, const char* blanks);

/// "1 run", "2 runs", "0 runs": \p n and \p noun, with an s unless \p n is 1 (\p plural when
/// the noun's plural is not noun + s).
std::string Plural(uint64_t n, const std::string& noun, const std::string& plural = "");

/// A table of a label column and right-aligned columns, as `gcsim run` prints its modes.
struct TextTable
{
    std::vector<std::string> headers;            //!< the columns' titles
    std::vector<std::string> labels;             //!< the rows' labels
    std::vector<std::vector<std::string>> cells; //!< cells[row][column]
};

/**
 * \p table's text: the labels left-aligned, each column right-aligned after two spaces. With
 * \p width above 0, the columns go into blocks, a blank line apart, of as many whole columns
 * as fit in \p width beside the label column, which each block repeats (a column too wide
 * for any block gets one of its own).
 */
std::string RenderTable(const TextTable& table, std::size_t width = 0);

/// \p text broken at spaces into lines of at most \p width characters (a longer word stays
/// whole); \p width 0: unchanged.
std::string WrapWords(const std::string& text, std::size_t width);

/// The width to fit console text in: COLUMNS when set to a positive number, else the
/// terminal's when \p out is standard output on a terminal, else 0 (do not wrap).
std::size_t ConsoleWidth(const std::ostream& out);

} // namespace gcsim

#endif
