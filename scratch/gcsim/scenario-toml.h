#ifndef GCSIM_SCENARIO_TOML_H
#define GCSIM_SCENARIO_TOML_H

// The scenario layer's TOML-level pieces, for the code that edits scenarios before they are
// resolved (sweeps).

#include <string>
#include <toml++/toml.h>

namespace gcsim
{

/**
 * Applies one override, "a.b.c=value", to \p root: the value is read as TOML, or else as a
 * bare string. Returns the key path. Throws InputError naming the override.
 */
std::string ApplyOverride(toml::table& root, const std::string& text);

} // namespace gcsim

#endif
