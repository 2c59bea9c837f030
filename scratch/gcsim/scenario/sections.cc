#include "section.h"

#include <algorithm>
#include <map>

namespace gcsim
{
namespace sections
{

std::vector<std::string>
ScenarioSection::KeyNames() const
{
    std::vector<std::string> names;
    for (const auto& key : keys)
    {
        names.push_back(key.name);
    }
    return names;
}

namespace
{

/// [sweep]: read by the sweep, which checks its own keys; a single run ignores it.
const ScenarioSection&
SweepSection()
{
    static const ScenarioSection section{"sweep", {}, {}, false};
    return section;
}

/// The keys each table accepts, by the table's path ("" the top level); the tables whose
/// keys another reader checks are absent.
std::map<std::string, std::vector<std::string>>
Schema()
{
    std::map<std::string, std::vector<std::string>> schema;
    std::vector<std::string>& top = schema[""];
    for (const auto& section : ScenarioSections())
    {
        if (section.table.empty())
        {
            auto names = section.KeyNames();
            top.insert(top.begin(), names.begin(), names.end());
            continue;
        }
        // A table may be read by two sections: one early, one after what it combines with.
        if (std::find(top.begin(), top.end(), section.table) == top.end())
        {
            top.push_back(section.table);
        }
        if (section.checksKeys)
        {
            auto names = section.KeyNames();
            auto& keys = schema[section.table];
            keys.insert(keys.end(), names.begin(), names.end());
        }
        for (const auto& sub : section.subtables)
        {
            schema[section.table + "." + sub.table] = sub.KeyNames();
        }
    }
    return schema;
}

void
CheckTable(const toml::table& table, const std::string& prefix, const Reader& reader,
           const std::map<std::string, std::vector<std::string>>& schema)
{
    const auto& names = schema.at(prefix);
    for (const auto& [k, node] : table)
    {
        std::string key(k.str());
        std::string path = prefix.empty() ? key : prefix + "." + key;
        if (std::find(names.begin(), names.end(), key) == names.end())
        {
            std::string hint = DidYouMean(key, names);
            throw InputError(reader.Where(path, &node), path,
                             "unknown key" +
                                 (hint.empty()
                                      ? ""
                                      : " (did you mean '" +
                                            (prefix.empty() ? hint : prefix + "." + hint) + "'?)") +
                                 "; accepted here: " + Join(names));
        }
        if (schema.count(path))
        {
            if (!node.is_table())
            {
                throw InputError(reader.Where(path, &node), path,
                                 "expected a table ([" + path + "]), got " + reader.TypeName(node));
            }
            CheckTable(*node.as_table(), path, reader, schema);
        }
    }
}

} // namespace

const std::vector<ScenarioSection>&
ScenarioSections()
{
    static const std::vector<ScenarioSection> table = {
        TopSection(),        TopologySection(),   GroupSection(),       TrafficSection(),
        DeliverySection(),   MembershipSection(), ReliabilitySection(), OrderingSection(),
        BackgroundSection(), GroupsSection(),     GossipSection(),      FailuresSection(),
        OutputSection(),     SweepSection(),
    };
    return table;
}

void
CheckKeys(const toml::table& root, const Reader& reader)
{
    static const auto schema = Schema();
    CheckTable(root, "", reader, schema);
}

void
CheckEntryKeys(const Reader& r, const std::string& key, const toml::table& entry,
               const std::vector<std::string>& allowed, const std::string& what)
{
    for (const auto& [k, v] : entry)
    {
        std::string name(k.str());
        if (std::find(allowed.begin(), allowed.end(), name) == allowed.end())
        {
            std::string hint = DidYouMean(name, allowed);
            throw InputError(r.Where(key + "." + name, &v), key + "." + name,
                             "unknown key" +
                                 (hint.empty() ? "" : " (did you mean '" + hint + "'?)") + "; " +
                                 what + " has: " + Join(allowed));
        }
    }
}

} // namespace sections
} // namespace gcsim
