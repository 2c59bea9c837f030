#ifndef GCSIM_SERVE_PLAYGROUND_CATALOGUE_H
#define GCSIM_SERVE_PLAYGROUND_CATALOGUE_H

// What the playground's page offers: the shipped scenarios, the classroom worksheets, and a
// form drawn from the scenario key table.

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace gcsim
{

/// A scenario shipped with gcsim (ShippedScenarioFolders()).
struct ShippedScenario
{
    std::string name; //!< "lan-modes"
    std::string path;
    std::string description; //!< its description key
};

/// The shipped scenarios of the nearest folder, by name.
std::vector<ShippedScenario> ShippedScenarios();

/// A classroom worksheet (docs/classroom/NN-*.md) and the run its Simulate section starts with.
struct Worksheet
{
    std::string file;              //!< "01-eight-copies.md"
    std::string title;             //!< its heading
    std::string scenario;          //!< a shipped scenario's name
    std::vector<std::string> sets; //!< the --set options of that first `gcsim run`
    std::string text;              //!< the sheet itself (Markdown)
};

/// The worksheets compiled in, in order.
std::vector<Worksheet> Worksheets();

/// The sheets as compiled in: (file name, Markdown text).
const std::vector<std::pair<std::string, std::string>>& WorksheetTexts();

/// \p line split as a POSIX shell would split it (quotes, backslashes; no expansions).
std::vector<std::string> ShellWords(const std::string& line);

/// Every key the scenario key table declares, "table.key" ("name" at the top level).
std::vector<std::string> ScenarioKeyNames();

/**
 * The keys the page's form shows first, each with how it is edited: {"key", "input"
 * ("choice", "choices" or "text"), "choices", "readBy" (topology kinds; empty: all)}. Only
 * keys the key table declares.
 */
nlohmann::json FormKeys();

/**
 * The form keys' values: key -> {"text": as --set takes it, "value"}, each as the scenario
 * file \p fileToml gives it, or else as \p resolvedToml (ResolvedToml) has it.
 */
nlohmann::json FormValues(const std::string& fileToml, const std::string& resolvedToml);

} // namespace gcsim

#endif // GCSIM_SERVE_PLAYGROUND_CATALOGUE_H
