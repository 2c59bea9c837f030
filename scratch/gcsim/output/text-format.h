#ifndef GCSIM_TEXT_FORMAT_H
#define GCSIM_TEXT_FORMAT_H

#include <string>
#include <vector>

namespace gcsim
{

/// \p v with \p decimals digits after the point ("%.*f"): 2.50 for (2.5, 2).
std::string Fixed(double v, int decimals);

/// Fixed() without the trailing zeros and point: 2.5 for (2.5, 2), 3 for (3.0, 2).
std::string FixedShort(double v, int decimals);

/// \p v with up to 10 significant digits ("%.10g"), as the CSV files and gnuplot data hold it.
std::string Number(double v);

/// Number(), or the empty string for NaN (an empty CSV cell).
std::string NumberOrEmpty(double v);

/// The non-empty-start concatenation of \p parts with \p separator between: a part added
/// while the text is still empty gets no separator before it.
std::string Join(const std::vector<std::string>& parts, const std::string& separator);

/// \p text without the characters of \p blanks at either end.
std::string TrimBlanks(const std::string& text, const char* blanks);

} // namespace gcsim

#endif
