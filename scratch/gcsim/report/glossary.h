#ifndef GCSIM_GLOSSARY_H
#define GCSIM_GLOSSARY_H

#include <string>
#include <utility>
#include <vector>

namespace gcsim
{

/// Every row the mode table can print, with what it counts in a sentence or two, in the
/// table's order: the report's tooltips and glossary, and a reader's reference.
const std::vector<std::pair<std::string, std::string>>& Glossary();

/// What the table row \p label counts, or "" for a label the glossary does not know (a test
/// runs every shipped scenario and finds none).
std::string RowMeaning(const std::string& label);

} // namespace gcsim

#endif
