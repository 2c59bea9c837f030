#ifndef GCSIM_SCENARIO_SECTION_H
#define GCSIM_SCENARIO_SECTION_H

// The scenario as a table of sections: each section ([topology], [delivery], ...) declares
// its keys once, reads them into the Scenario and writes its share of the resolved scenario.
// ParseScenario() and ResolvedToml() loop over ScenarioSections().

#include "reader.h"

#include <string>
#include <toml++/toml.h>
#include <vector>

namespace gcsim
{
namespace sections
{

/// A key a section accepts.
struct ScenarioKey
{
    std::string name;
    /// topology: the kinds that read the key; empty: every kind.
    std::vector<std::string> readBy{};
};

/// A network's routers as the scenario's checks see them.
struct Routers
{
    uint64_t count{0};
    std::vector<bool> fromServer; //!< a map's routers P1 can reach; empty: every router
};

/// What sections read besides the scenario's own keys, and hand on to later sections.
struct SectionContext
{
    std::string baseDir; //!< relative paths (maps, transcripts) start here
    Routers routers;     //!< set by [topology]
};

/// One table of the scenario file (the top level is the section named "").
struct ScenarioSection
{
    std::string table;                        //!< "" for the top level, else the table's name
    std::vector<ScenarioKey> keys;            //!< the keys the table accepts (sub-tables included)
    std::vector<ScenarioSection> subtables{}; //!< tables inside it, as "table.sub"
    bool checksKeys{true};                    //!< false: another reader checks the keys (the sweep)
    /// Reads the section's keys into \p s (earlier sections already read); InputError if bad.
    void (*read)(const Reader& r, Scenario& s, SectionContext& context){nullptr};
    /// Adds the section's share of the resolved scenario to \p root.
    void (*write)(const Scenario& s, toml::table& root){nullptr};

    /// The names of keys.
    std::vector<std::string> KeyNames() const;
};

/// The sections in the order they are read (and listed in messages): a section may use what
/// the ones before it read.
const std::vector<ScenarioSection>& ScenarioSections();

/**
 * Refuses a key of the table \p entry (the list entry \p key, e.g. "membership.events[2]")
 * that is not one of \p allowed, with a did-you-mean; \p what names the entry ("an event").
 */
void CheckEntryKeys(const Reader& r, const std::string& key, const toml::table& entry,
                    const std::vector<std::string>& allowed, const std::string& what);

/// Refuses keys no section declares, and a section's key given as a value, not a table.
void CheckKeys(const toml::table& root, const Reader& reader);

const ScenarioSection& TopSection();
const ScenarioSection& TopologySection();
const ScenarioSection& DeliverySection();
const ScenarioSection& GroupSection();
const ScenarioSection& TrafficSection();
const ScenarioSection& MembershipSection();
const ScenarioSection& ReliabilitySection();
const ScenarioSection& OrderingSection();
const ScenarioSection& BackgroundSection();
const ScenarioSection& FailuresSection();
const ScenarioSection& GroupsSection();
const ScenarioSection& GossipSection();
const ScenarioSection& OutputSection();

} // namespace sections
} // namespace gcsim

#endif
