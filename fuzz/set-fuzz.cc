// libFuzzer target: --set overrides applied to a shipped scenario, as `gcsim run --set`
// applies them (ParseScenario's overrides). The input's first byte chooses the scenario (of
// scenarios/*.toml in name order); each further line is one override, `key.path=value`.
// Every input must be a scenario or bad input (InputError, exit status 2); any other
// exception, a crash or a sanitizer report is a bug. The resolved scenario must read back as
// itself, and applying the same overrides to it again must change nothing.
#include "reads-back.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace
{

const std::string kScenarios = GCSIM_SOURCE_DIR "/scenarios";

/// The shipped scenarios' texts, in name order.
const std::vector<std::string>&
Shipped()
{
    static const std::vector<std::string> texts = []
    {
        std::vector<std::string> paths;
        for (const auto& e : std::filesystem::directory_iterator(kScenarios))
        {
            if (e.path().extension() == ".toml")
            {
                paths.push_back(e.path().string());
            }
        }
        std::sort(paths.begin(), paths.end());
        std::vector<std::string> all;
        for (const auto& p : paths)
        {
            std::ifstream in(p, std::ios::binary);
            std::ostringstream text;
            text << in.rdbuf();
            all.push_back(text.str());
        }
        return all;
    }();
    return texts;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
    {
        return 0;
    }
    const std::string& base = Shipped()[data[0] % Shipped().size()];
    std::vector<std::string> overrides;
    std::istringstream lines(std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
    for (std::string line; std::getline(lines, line) && overrides.size() < 64;)
    {
        overrides.push_back(line);
    }
    gcsim::Scenario scenario;
    try
    {
        scenario = gcsim::ParseScenario(base, "base.toml", kScenarios, overrides);
    }
    catch (const gcsim::InputError&)
    {
        return 0;
    }
    std::string resolved = gcsim::ResolvedToml(scenario);
    gcsim::fuzz::ExpectReadsBack(resolved, gcsim::ScenarioFiles(scenario));
    gcsim::fuzz::ExpectReadsBack(resolved, kScenarios, overrides);
    return 0;
}
