#include "playground-catalogue.h"

#include "models/group/delivery-mode.h"
#include "models/network/network.h"
#include "scratch/gcsim/cli/shipped-scenarios.h"
#include "scratch/gcsim/scenario/section.h"

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <toml++/toml.h>

namespace gcsim
{

namespace fs = std::filesystem;

namespace
{

/// The first `gcsim run` command of \p text, its continuation lines joined.
std::string
FirstRunCommand(const std::string& text)
{
    std::istringstream lines(text);
    std::string line;
    std::string command;
    while (std::getline(lines, line))
    {
        if (command.empty() && line.rfind("gcsim run ", 0) != 0)
        {
            continue;
        }
        command += line + "\n";
        if (line.empty() || line.back() != '\\')
        {
            break;
        }
    }
    return command;
}

Worksheet
ReadWorksheet(const std::string& file, const std::string& text)
{
    Worksheet sheet{file, file, "", {}, text};
    std::istringstream lines(text);
    std::string first;
    std::getline(lines, first);
    if (first.rfind("# ", 0) == 0)
    {
        sheet.title = first.substr(2);
    }
    std::vector<std::string> words = ShellWords(FirstRunCommand(text));
    for (std::size_t i = 2; i < words.size(); ++i)
    {
        if (words[i] == "--set" && i + 1 < words.size())
        {
            sheet.sets.push_back(words[++i]);
        }
        else if (words[i][0] != '-' && sheet.scenario.empty())
        {
            sheet.scenario = fs::path(words[i]).stem().string();
        }
    }
    return sheet;
}

nlohmann::json
JsonOf(const toml::node& node)
{
    if (const auto* array = node.as_array())
    {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& item : *array)
        {
            list.push_back(JsonOf(item));
        }
        return list;
    }
    if (auto s = node.value<std::string>(); s && node.is_string())
    {
        return *s;
    }
    if (node.is_integer())
    {
        return node.value<int64_t>().value_or(0);
    }
    if (node.is_floating_point())
    {
        return node.value<double>().value_or(0);
    }
    if (node.is_boolean())
    {
        return node.value<bool>().value_or(false);
    }
    return nullptr; // no form key holds a table or a date
}

} // namespace

std::vector<ShippedScenario>
ShippedScenarios()
{
    std::vector<ShippedScenario> list;
    std::vector<std::string> folders = ShippedScenarioFolders();
    if (folders.empty())
    {
        return list;
    }
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folders.front(), ec))
    {
        if (entry.path().extension() != ".toml")
        {
            continue;
        }
        ShippedScenario s{entry.path().stem().string(), entry.path().string(), ""};
        try
        {
            s.description = toml::parse_file(s.path)["description"].value_or(std::string());
        }
        catch (const toml::parse_error&)
        {
            // `gcsim validate` says what is wrong with it when it is picked.
        }
        list.push_back(s);
    }
    std::sort(list.begin(), list.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    return list;
}

std::vector<Worksheet>
Worksheets()
{
    std::vector<Worksheet> sheets;
    for (const auto& [file, text] : WorksheetTexts())
    {
        sheets.push_back(ReadWorksheet(file, text));
    }
    return sheets;
}

std::vector<std::string>
ShellWords(const std::string& line)
{
    std::vector<std::string> words;
    std::string word;
    bool inWord = false;
    for (std::size_t i = 0; i < line.size(); ++i)
    {
        char c = line[i];
        if (c == '\'' || c == '"')
        {
            std::size_t end = line.find(c, i + 1);
            word += line.substr(i + 1, end == std::string::npos ? end : end - i - 1);
            inWord = true;
            i = end == std::string::npos ? line.size() : end;
        }
        else if (c == '\\' && i + 1 < line.size())
        {
            if (line[++i] != '\n')
            {
                word += line[i];
                inWord = true;
            }
        }
        else if (c == ' ' || c == '\t' || c == '\n')
        {
            if (inWord)
            {
                words.push_back(word);
            }
            word.clear();
            inWord = false;
        }
        else
        {
            word += c;
            inWord = true;
        }
    }
    if (inWord)
    {
        words.push_back(word);
    }
    return words;
}

std::vector<std::string>
ScenarioKeyNames()
{
    std::vector<std::string> names;
    auto add = [&names](const std::string& name)
    {
        if (std::find(names.begin(), names.end(), name) == names.end())
        {
            names.push_back(name);
        }
    };
    for (const auto& section : sections::ScenarioSections())
    {
        const std::string prefix = section.table.empty() ? "" : section.table + ".";
        for (const auto& key : section.keys)
        {
            add(prefix + key.name);
        }
        for (const auto& sub : section.subtables)
        {
            for (const auto& key : sub.keys)
            {
                add(prefix + sub.table + "." + key.name);
            }
        }
    }
    return names;
}

nlohmann::json
FormKeys()
{
    std::vector<std::string> kinds;
    for (const auto& e : ns3::gcsim::TopologyTable())
    {
        kinds.push_back(e.kind);
    }
    std::vector<std::string> modes;
    for (const auto& e : ns3::gcsim::DeliveryModeTable())
    {
        modes.push_back(e.name);
    }
    // The keys a first lesson changes: group size, modes, topology kind, loss, traffic.
    const std::vector<std::pair<std::string, std::vector<std::string>>> featured = {
        {"topology.kind", kinds},  {"topology.clients", {}}, {"group.members", {}},
        {"delivery.modes", modes}, {"topology.loss", {}},    {"topology.data_rate", {}},
        {"traffic.messages", {}},  {"traffic.size", {}},
    };
    const auto known = ScenarioKeyNames();
    nlohmann::json keys = nlohmann::json::array();
    for (const auto& [key, choices] : featured)
    {
        if (std::find(known.begin(), known.end(), key) == known.end())
        {
            continue;
        }
        std::vector<std::string> readBy;
        for (const auto& k : sections::TopologySection().keys)
        {
            if ("topology." + k.name == key)
            {
                readBy = k.readBy;
            }
        }
        keys.push_back({{"key", key},
                        {"input", choices.empty()           ? "text"
                                  : key == "delivery.modes" ? "choices"
                                                            : "choice"},
                        {"choices", choices},
                        {"readBy", readBy}});
    }
    return keys;
}

nlohmann::json
FormValues(const std::string& fileToml, const std::string& resolvedToml)
{
    toml::table file = toml::parse(fileToml);
    toml::table resolved = toml::parse(resolvedToml);
    nlohmann::json values = nlohmann::json::object();
    for (const auto& entry : FormKeys())
    {
        const std::string key = entry["key"];
        // The file's own words first: group.members = 0.5 stays a rule when clients change.
        toml::node_view<toml::node> node = file.at_path(key);
        if (!node)
        {
            node = resolved.at_path(key);
        }
        if (!node)
        {
            continue;
        }
        std::string text;
        if (node.is_string())
        {
            text = node.value<std::string>().value_or("");
        }
        else
        {
            std::ostringstream out;
            out << node;
            text = out.str();
        }
        values[key] = {{"text", text}, {"value", JsonOf(*node.node())}};
    }
    return values;
}

} // namespace gcsim
