#include "shipped-scenarios.h"

#include "scratch/gcsim/output/text-format.h"
#include "scratch/gcsim/scenario.h"

#include <algorithm>
#include <filesystem>

namespace gcsim
{

namespace fs = std::filesystem;

std::vector<std::string>
ShippedScenarioFolders()
{
    std::error_code ec;
    fs::path program = fs::read_symlink("/proc/self/exe", ec);
    std::vector<std::string> folders;
    if (ec)
    {
        return folders;
    }
    fs::path bin = program.parent_path();
    for (const fs::path& folder :
         {bin / ".." / "share" / "gcsim" / "scenarios", bin / "share" / "gcsim" / "scenarios"})
    {
        if (fs::is_directory(folder, ec))
        {
            folders.push_back(fs::weakly_canonical(folder, ec).string());
        }
    }
    return folders;
}

std::string
FindScenario(const std::string& argument)
{
    std::error_code ec;
    if (argument.empty() || argument.find('/') != std::string::npos || fs::exists(argument, ec))
    {
        return argument;
    }
    std::string name = argument;
    const std::string suffix = ".toml";
    if (name.size() > suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
    {
        name.resize(name.size() - suffix.size());
    }
    std::vector<std::string> folders = ShippedScenarioFolders();
    for (const std::string& folder : folders)
    {
        fs::path file = fs::path(folder) / (name + suffix);
        if (fs::is_regular_file(file, ec))
        {
            return file.string();
        }
    }
    if (folders.empty())
    {
        throw InputError(argument, "",
                         "cannot read this scenario file: there is no such file (and no folder "
                         "of shipped scenarios next to this gcsim)");
    }
    std::vector<std::string> shipped;
    for (const auto& entry : fs::directory_iterator(folders.front(), ec))
    {
        if (entry.path().extension() == suffix)
        {
            shipped.push_back(entry.path().stem().string());
        }
    }
    std::sort(shipped.begin(), shipped.end());
    throw InputError(argument, "",
                     "cannot read this scenario file: there is no such file, nor a shipped "
                     "scenario of that name in " +
                         folders.front() + " (shipped: " + Join(shipped, ", ") + ")");
}

} // namespace gcsim
