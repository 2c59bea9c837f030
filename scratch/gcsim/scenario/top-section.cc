// The top level of a scenario: name, description, seed, run.

#include "section.h"

#include <algorithm>
#include <filesystem>

namespace gcsim
{
namespace sections
{
namespace
{

void
Read(const Reader& r, Scenario& s, SectionContext&)
{
    s.name = r.String("name").value_or(std::filesystem::path(s.source).stem().string());
    bool nameOk = !s.name.empty() && s.name.size() <= 128 && s.name[0] != '.' && s.name[0] != '-' &&
                  s.name.find("..") == std::string::npos &&
                  std::all_of(s.name.begin(), s.name.end(),
                              [](char c) {
                                  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' ||
                                         c == '_' || c == '-';
                              });
    if (!nameOk)
    {
        r.Fail("name", "'" + s.name +
                           "' cannot name a results folder; use letters, digits, '.', '_' and '-' "
                           "(no '..', no '/')");
    }
    s.description = r.String("description").value_or("");
    s.seed = static_cast<uint32_t>(r.Integer("seed", 1, 4294967295LL).value_or(1));
    s.run = static_cast<uint32_t>(r.Integer("run", 1, 4294967295LL).value_or(1));
}

void
Write(const Scenario& s, toml::table& root)
{
    root.insert("name", s.name);
    root.insert("description", s.description);
    root.insert("seed", static_cast<int64_t>(s.seed));
    root.insert("run", static_cast<int64_t>(s.run));
}

} // namespace

const ScenarioSection&
TopSection()
{
    static const ScenarioSection section{
        "", {{"name"}, {"description"}, {"seed"}, {"run"}}, {}, true, Read, Write};
    return section;
}

} // namespace sections
} // namespace gcsim
