#ifndef GCSIM_CLI_SHIPPED_SCENARIOS_H
#define GCSIM_CLI_SHIPPED_SCENARIOS_H

#include <string>
#include <vector>

namespace gcsim
{

/**
 * \brief The folders that hold the scenarios shipped with gcsim, nearest first.
 *
 * Found from the program's own place, so an installed tree can be moved: PREFIX/bin/gcsim
 * reads PREFIX/share/gcsim/scenarios; a build tree's gcsim reads BUILD/share/gcsim/scenarios
 * (a link the build makes to the source tree's scenarios/). Only those that exist.
 */
std::vector<std::string> ShippedScenarioFolders();

/**
 * \brief The scenario file a command line names.
 *
 * \p argument as given when it is empty (the built-in scenario), names something that
 * exists, or holds a '/'. Otherwise it is a shipped scenario's name, with or without
 * ".toml": "lan-modes" is FOLDER/lan-modes.toml of the first of ShippedScenarioFolders()
 * that has it. A name no folder has is an InputError listing the shipped names.
 */
std::string FindScenario(const std::string& argument);

} // namespace gcsim

#endif // GCSIM_CLI_SHIPPED_SCENARIOS_H
