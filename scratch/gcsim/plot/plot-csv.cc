#include "plot-csv.h"

#include "models/network/text-file.h"
#include "scratch/gcsim/output/text-format.h"
#include "scratch/gcsim/scenario.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <tuple>

namespace gcsim
{
namespace plotting
{

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

const char* kExpected = "expected a run folder (summary.json and deliveries.csv, written by "
                        "`gcsim run`) or a sweep folder (sweep.json and aggregate.csv, written "
                        "by `gcsim sweep` or `gcsim collect`)";

bool
ParseNumber(const std::string& text, double& value)
{
    if (text.empty())
    {
        return false;
    }
    char* end = nullptr;
    errno = 0;
    value = std::strtod(text.c_str(), &end);
    return errno == 0 && end && *end == '\0' && std::isfinite(value);
}

std::vector<std::vector<std::string>>
ParseCsv(const std::string& text)
{
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    bool any = false;
    for (std::size_t i = 0; i < text.size(); ++i)
    {
        char c = text[i];
        if (quoted)
        {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
            {
                field += '"';
                ++i;
            }
            else if (c == '"')
            {
                quoted = false;
            }
            else
            {
                field += c;
            }
            continue;
        }
        if (c == '"')
        {
            quoted = true;
            any = true;
        }
        else if (c == ',')
        {
            row.push_back(field);
            field.clear();
            any = true;
        }
        else if (c == '\n')
        {
            row.push_back(field);
            rows.push_back(row);
            row.clear();
            field.clear();
            any = false;
        }
        else if (c != '\r')
        {
            field += c;
            any = true;
        }
    }
    if (any)
    {
        row.push_back(field);
        rows.push_back(row);
    }
    return rows;
}

std::string
ReadText(const fs::path& path)
{
    try
    {
        return ns3::gcsim::ReadTextFile(path.string(), 1ULL << 40);
    }
    catch (const std::invalid_argument& e)
    {
        std::string what = e.what(); // "PATH: what is wrong"
        std::string prefix = path.string() + ": ";
        throw InputError(path.string(), "",
                         what.rfind(prefix, 0) == 0 ? what.substr(prefix.size()) : what);
    }
}

} // namespace plotting
} // namespace gcsim
