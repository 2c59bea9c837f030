// The classroom worksheets (docs/classroom/) can never drift from the code: every number an
// answer sheet's ```toml check blocks name is simulated and compared, and the sheet must show
// it as the block says.
#include "scratch/gcsim/report/glossary.h"
#include "test-utilities.h"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <toml++/toml.h>

namespace gcsim::test
{
namespace
{

namespace fs = std::filesystem;

/// The ```toml check blocks of \p sheet, and the sheet's text without them.
std::pair<std::vector<std::string>, std::string>
SplitChecks(const std::string& sheet)
{
    std::vector<std::string> blocks;
    std::string prose;
    const std::string open = "```toml check\n";
    std::size_t at = 0;
    while (true)
    {
        std::size_t start = sheet.find(open, at);
        if (start == std::string::npos)
        {
            prose += sheet.substr(at);
            return {blocks, prose};
        }
        std::size_t end = sheet.find("\n```", start + open.size());
        prose += sheet.substr(at, start - at);
        blocks.push_back(sheet.substr(start + open.size(), end - start - open.size()));
        at = end + 4;
    }
}

/// summary.json's value at modes.<mode>.<dotted key> (a number names an array's element), or
/// null.
nlohmann::json
Lookup(const nlohmann::json& summary, const std::string& mode, const std::string& key)
{
    nlohmann::json v = summary["modes"].value(mode, nlohmann::json());
    std::stringstream path(key);
    for (std::string part; std::getline(path, part, '.');)
    {
        if (v.is_array() && !part.empty() &&
            part.find_first_not_of("0123456789") == std::string::npos &&
            std::stoul(part) < v.size())
        {
            v = v[std::stoul(part)]; // "curve.6": an array's element
            continue;
        }
        if (!v.is_object() || !v.contains(part))
        {
            return nullptr;
        }
        v = v[part];
    }
    return v;
}

/// Runs one check block of \p file; returns how many numbers it checked.
int
RunCheck(const std::string& file, const std::string& block, const std::string& prose)
{
    toml::table check = toml::parse(block, file);
    std::string scenario = check["scenario"].value_or(std::string());
    std::vector<std::string> args{"run", SourcePath("scenarios/" + scenario + ".toml"), "-q",
                                  "--no-report", "--no-plots"};
    if (auto* sets = check["set"].as_array())
    {
        for (const auto& s : *sets)
        {
            args.push_back("--set");
            args.push_back(s.value_or(std::string()));
        }
    }
    ScratchFolder dir;
    args.push_back("--out");
    args.push_back(dir / "run");
    CommandResult r = RunCommand(args);
    EXPECT_EQ(r.status, 0) << file << ": " << r.err;
    auto summary = nlohmann::json::parse(ReadFile(dir / "run/summary.json"));
    int checked = 0;
    for (const auto& e : *check["expect"].as_array())
    {
        const toml::table& x = *e.as_table();
        std::string mode = x["mode"].value_or(std::string());
        std::string key = x["key"].value_or(std::string());
        std::string shown = x["shown"].value_or(std::string());
        double want = x["value"].value_or(0.0);
        double tolerance = x["tolerance"].value_or(0.0);
        nlohmann::json got = Lookup(summary, mode, key);
        std::string where = file + ": " + scenario + " " + mode + " " + key;
        EXPECT_TRUE(got.is_number()) << where << " is not in summary.json";
        if (got.is_number())
        {
            EXPECT_NEAR(got.get<double>(), want, tolerance) << where;
        }
        EXPECT_FALSE(shown.empty()) << where << ": no `shown`";
        EXPECT_NE(prose.find(shown), std::string::npos)
            << where << ": the sheet does not show \"" << shown << "\"";
        ++checked;
    }
    return checked;
}

TEST(Worksheets, EveryAnswerIsWhatTheSimulatorComputes)
{
    fs::path classroom = SourcePath("docs/classroom");
    int sheets = 0;
    int numbers = 0;
    for (const auto& entry : fs::directory_iterator(classroom / "answers"))
    {
        std::string file = entry.path().string();
        EXPECT_TRUE(fs::exists(classroom / entry.path().filename()))
            << file << " answers no worksheet of the same name";
        auto [blocks, prose] = SplitChecks(ReadFile(file));
        EXPECT_FALSE(blocks.empty()) << file << " checks none of its numbers";
        for (const std::string& block : blocks)
        {
            numbers += RunCheck(file, block, prose);
        }
        ++sheets;
    }
    for (const auto& entry : fs::directory_iterator(classroom))
    {
        if (entry.path().extension() == ".md" && entry.path().filename() != "README.md")
        {
            EXPECT_TRUE(fs::exists(classroom / "answers" / entry.path().filename()))
                << entry.path() << " has no answer sheet";
        }
    }
    EXPECT_GE(sheets, 2);
    EXPECT_GE(numbers, 10);
    RecordProperty("numbers_checked", numbers);
}

} // namespace
} // namespace gcsim::test

namespace gcsim::test
{
namespace
{

TEST(Glossary, EveryRowOfTheReportsTableSaysWhatItCounts)
{
    ScratchFolder dir;
    CommandResult r = RunCommand({"run", SourcePath("scenarios/lan-modes.toml"), "-q", "--no-plots",
                                  "--set", "traffic.messages=2", "--out", dir / "run"});
    ASSERT_EQ(r.status, 0) << r.err;
    std::string page = ReadFile(dir / "run/report.html");
    std::string table = ReadFile(dir / "run/table.txt");
    std::istringstream in(table);
    std::string line;
    std::getline(in, line);
    int rows = 0;
    while (std::getline(in, line) && line.rfind("closed forms beside", 0) != 0)
    {
        if (line.empty() || line[0] == ' ')
        {
            continue;
        }
        std::string label = line.substr(0, line.find("  "));
        std::string meaning = RowMeaning(label);
        ASSERT_FALSE(meaning.empty()) << label;
        // the tooltip on the row and its entry in the glossary below the table
        EXPECT_NE(page.find("<th title=\"" + meaning.substr(0, 20)), std::string::npos) << label;
        EXPECT_NE(page.find("<dt>" + label + "</dt>"), std::string::npos) << label;
        ++rows;
    }
    EXPECT_EQ(rows, 18);
    EXPECT_NE(page.find("<summary>What the rows mean</summary>"), std::string::npos);
}

} // namespace
} // namespace gcsim::test
