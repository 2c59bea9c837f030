// The layout of models/: subsystem folders in layers, each including only itself and the
// folders before it, every source file with its header. Read from the source tree's
// #include lines, so a change that breaks the layering fails here, not in a review.
#include "test-utilities.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <string>
#include <vector>

namespace gcsim::test
{
namespace
{

/// The subsystems of models/, lowest layer first.
const std::vector<std::string> kLayers = {"network",     "group",    "multicast", "membership",
                                          "reliability", "ordering", "gossip",    "stats"};

/// Where \p folder sits in kLayers, or -1.
int
LayerOf(const std::string& folder)
{
    auto it = std::find(kLayers.begin(), kLayers.end(), folder);
    return it == kLayers.end() ? -1 : static_cast<int>(it - kLayers.begin());
}

/// The file a `#include "..."` line names (spaces allowed around #), or "" for any other line.
/// (No std::regex here: its template code in this binary would stand in for the copy
/// ns-3's topology reader was built with, at that library's start.)
std::string
IncludedFile(const std::string& line)
{
    std::size_t at = line.find_first_not_of(" \t");
    if (at == std::string::npos || line[at] != '#')
    {
        return "";
    }
    at = line.find_first_not_of(" \t", at + 1);
    if (at == std::string::npos || line.compare(at, 7, "include") != 0)
    {
        return "";
    }
    std::size_t open = line.find('"', at + 7);
    std::size_t close = open == std::string::npos ? open : line.find('"', open + 1);
    return close == std::string::npos ? "" : line.substr(open + 1, close - open - 1);
}

/**
 * Every include of a file under \p models that breaks the layering, as
 * "folder/file: includes what (why)": a model file must be in a subsystem folder, and
 * include only its own folder ("x.h"), a folder before it ("../folder/x.h"), ns-3 and the
 * standard library (<...>): never scratch/ or a folder after its own.
 */
std::vector<std::string>
LayerViolations(const std::filesystem::path& models)
{
    std::vector<std::string> found;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(models))
    {
        if (entry.is_regular_file())
        {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files)
    {
        auto relative = std::filesystem::relative(file, models);
        std::string folder = relative.has_parent_path() ? relative.parent_path().string() : "";
        int layer = LayerOf(folder);
        if (layer < 0)
        {
            found.push_back(relative.string() + ": not in a subsystem folder");
            continue;
        }
        std::ifstream in(file);
        for (std::string line; std::getline(in, line);)
        {
            std::string target = IncludedFile(line);
            if (target.empty() || target.find('/') == std::string::npos)
            {
                continue; // not an include, or one of the folder's own headers
            }
            std::string up = target.rfind("../", 0) == 0 ? target.substr(3) : "";
            std::size_t slash = up.find('/');
            if (slash != std::string::npos && up.find('/', slash + 1) == std::string::npos &&
                LayerOf(up.substr(0, slash)) >= 0 && LayerOf(up.substr(0, slash)) < layer)
            {
                continue; // "../folder/x.h" of a folder before this one
            }
            std::string allowed = folder + "/";
            for (int l = 0; l < layer; ++l)
            {
                allowed += ", " + kLayers[l] + "/";
            }
            found.push_back(relative.string() + ": includes " + target + " (a file in " + folder +
                            "/ may include " + allowed + ", ns-3 and the standard library)");
        }
    }
    return found;
}

TEST(Layout, ModelFoldersIncludeOnlyThemselvesAndTheFoldersBefore)
{
    auto violations = LayerViolations(SourcePath("models"));
    std::string all;
    for (const auto& v : violations)
    {
        all += v + "\n";
    }
    EXPECT_TRUE(violations.empty()) << all;
}

TEST(Layout, TheCheckFindsAnIncludeOfALaterFolderScratchOrALooseFile)
{
    ScratchFolder scratch;
    std::string models = scratch / "models";
    std::filesystem::create_directories(models + "/network");
    std::filesystem::create_directories(models + "/group");
    std::filesystem::create_directories(models + "/stats");
    WriteFile(models + "/group/ok.cc", "#include \"ok.h\"\n#include \"../network/a.h\"\n"
                                       "#include <ns3/node.h>\n");
    WriteFile(models + "/network/a.cc", "#include \"a.h\"\n#include \"../group/ok.h\"\n");
    WriteFile(models + "/stats/b.cc", "  #  include \"scratch/gcsim/scenario.h\"\n");
    WriteFile(models + "/loose.h", "\n");
    auto violations = LayerViolations(models);
    ASSERT_EQ(violations.size(), 3U);
    EXPECT_EQ(violations[0], "loose.h: not in a subsystem folder");
    EXPECT_NE(violations[1].find("network/a.cc: includes ../group/ok.h"), std::string::npos);
    EXPECT_NE(violations[2].find("stats/b.cc: includes scratch/gcsim/scenario.h"),
              std::string::npos);
}

TEST(Layout, EveryModelSourceHasItsHeader)
{
    for (const auto& entry : std::filesystem::recursive_directory_iterator(SourcePath("models")))
    {
        if (entry.path().extension() == ".cc")
        {
            auto header = entry.path();
            header.replace_extension(".h");
            EXPECT_TRUE(std::filesystem::exists(header)) << entry.path() << " has no header";
        }
    }
}

/// ns-3 users see what a model does with NS_LOG=<component>: every model source defines one
/// component, named Gcsim<something>, and no two share a name.
TEST(Layout, EveryModelSourceDefinesItsOwnLogComponent)
{
    const std::string define = "NS_LOG_COMPONENT_DEFINE(\"";
    std::map<std::string, std::string> owner;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(SourcePath("models")))
    {
        if (entry.path().extension() != ".cc")
        {
            continue;
        }
        std::ifstream in(entry.path());
        std::vector<std::string> names;
        for (std::string line; std::getline(in, line);)
        {
            if (line.rfind(define, 0) == 0)
            {
                names.push_back(
                    line.substr(define.size(), line.find('"', define.size()) - define.size()));
            }
        }
        ASSERT_EQ(names.size(), 1U)
            << entry.path() << " defines " << names.size() << " log components";
        EXPECT_EQ(names[0].rfind("Gcsim", 0), 0U) << entry.path() << ": " << names[0];
        auto [it, fresh] = owner.emplace(names[0], entry.path().string());
        EXPECT_TRUE(fresh) << names[0] << " is defined in " << it->second << " and "
                           << entry.path();
    }
    EXPECT_GT(owner.size(), 40U);
}

} // namespace
} // namespace gcsim::test
