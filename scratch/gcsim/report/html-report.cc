#include "html-report.h"

#include "glossary.h"
#include "models/network/text-file.h"
#include "scratch/gcsim/output/atomic-file.h"
#include "scratch/gcsim/output/results-folder.h"
#include "scratch/gcsim/output/text-format.h"
#include "scratch/gcsim/plot/gnuplot-script.h"
#include "scratch/gcsim/plot/plot-csv.h"
#include "scratch/gcsim/scenario.h"
#include "theory.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <tuple>
#include <vector>

namespace gcsim
{

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace
{

/// The text of regular file \p path (a FIFO or a device in a results folder is not read).
bool
ReadText(const fs::path& path, std::string& text)
{
    try
    {
        text = ns3::gcsim::ReadTextFile(path.string(), 1ULL << 30);
        return true;
    }
    catch (const std::invalid_argument&)
    {
        return false;
    }
}

std::string
Escape(const std::string& text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text)
    {
        switch (c)
        {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

/// JSON text that can stand inside a <script> element.
std::string
ScriptSafe(const std::string& jsonText)
{
    std::string out;
    out.reserve(jsonText.size());
    for (std::size_t i = 0; i < jsonText.size(); ++i)
    {
        out += jsonText[i];
        if (jsonText[i] == '<' && i + 1 < jsonText.size() &&
            (jsonText[i + 1] == '/' || jsonText[i + 1] == '!'))
        {
            out.back() = '\\';
            out += "u003c";
        }
    }
    return out;
}

void
ReplaceAll(std::string& text, const std::string& from, const std::string& to)
{
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size()))
    {
        text.replace(at, from.size(), to);
    }
}

std::vector<std::string>
Lines(const std::string& text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
    {
        lines.push_back(line);
    }
    return lines;
}

/// Fields separated by two or more spaces (labels keep their single spaces).
std::vector<std::string>
Columns(const std::string& line)
{
    std::vector<std::string> fields;
    std::string t = TrimBlanks(line, " \t\r");
    std::size_t at = 0;
    while (at < t.size())
    {
        std::size_t gap = t.find("  ", at);
        fields.push_back(t.substr(at, gap == std::string::npos ? std::string::npos : gap - at));
        if (gap == std::string::npos)
        {
            break;
        }
        at = t.find_first_not_of(' ', gap);
    }
    return fields;
}

std::string
Lowercase(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char ch) { return char(std::tolower(ch)); });
    return text;
}

/// A closed form's mark beside a table cell: = where it agrees, the closed form's value where
/// it differs; its formula or the reason in the tooltip.
std::string
ClosedFormMark(const ClosedFormCheck& c)
{
    std::string value = Predicted(c);
    std::string verdict = Lowercase(Verdict(c));
    std::string title =
        "closed form " + value + " " + verdict + ": " + (c.agrees ? c.formula : c.reason);
    return std::string(" <span class=\"cf ") + (c.agrees ? "agrees" : "differs") + "\" title=\"" +
           Escape(title) + "\">" +
           (c.agrees ? (c.atMost ? "&le; theory" : "= theory") : "theory " + Escape(value)) +
           "</span>";
}

/// The closed forms beside the simulation (theory.csv): one row per figure and run.
std::string
TheoryHtml(const std::vector<ClosedFormCheck>& theory)
{
    std::size_t agree = std::count_if(theory.begin(), theory.end(),
                                      [](const ClosedFormCheck& c) { return c.agrees; });
    std::ostringstream html;
    html << "<p class=\"caption\">" << agree << " of " << theory.size()
         << " closed forms agree with the simulation (times to the nanosecond, counts "
            "exactly); where one differs, the reason.</p>\n<div class=\"scroll\">"
         << "<table class=\"theory\">\n<thead><tr><th>run</th><th>figure</th>"
         << "<th>closed form</th><th>simulated</th><th></th><th class=\"text\">formula, or "
            "why they differ</th></tr></thead>\n<tbody>\n";
    for (const auto& c : theory)
    {
        html << "<tr class=\"" << (c.agrees ? "agrees" : "differs") << "\"><th>" << Escape(c.mode)
             << "</th><th>" << Escape(c.figure) << "</th><td>" << Escape(Predicted(c))
             << "</td><td>" << Fixed(c.simulated, c.decimals) << "</td><td class=\"verdict\">"
             << Lowercase(Verdict(c)) << "</td><td class=\"text\">"
             << Escape(c.agrees ? c.formula : c.reason) << "</td></tr>\n";
    }
    html << "</tbody></table></div>\n";
    return html.str();
}

/// table.txt as an HTML table (its title line as the caption), or as it is when it does not
/// split into columns.
std::string
ModeTableHtml(const std::string& tableText, const std::vector<ClosedFormCheck>& theory)
{
    // The closed forms' block after the table has its own section (TheoryHtml).
    std::string table = tableText.substr(0, tableText.find("\nclosed forms beside the simulation"));
    std::map<std::pair<std::string, std::string>, const ClosedFormCheck*> checks;
    for (const auto& c : theory)
    {
        checks[{c.figure, c.mode}] = &c;
    }
    std::vector<std::string> lines = Lines(table);
    std::string title;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    bool ok = true;
    for (const auto& line : lines)
    {
        if (TrimBlanks(line, " \t\r").empty())
        {
            continue;
        }
        if (title.empty())
        {
            title = TrimBlanks(line, " \t\r");
            continue;
        }
        std::vector<std::string> fields = Columns(line);
        if (header.empty())
        {
            header = fields;
            continue;
        }
        if (fields.size() != header.size() + 1)
        {
            ok = false;
            break;
        }
        rows.push_back(fields);
    }
    if (!ok || header.empty() || rows.empty())
    {
        return "<pre class=\"table-text\">" + Escape(table) + "</pre>\n";
    }
    std::ostringstream html;
    html << "<p class=\"caption\">" << Escape(title) << "</p>\n<div class=\"scroll\">"
         << "<table class=\"modes\">\n<thead><tr><th></th>";
    for (const auto& h : header)
    {
        html << "<th>" << Escape(h) << "</th>";
    }
    html << "</tr></thead>\n<tbody>\n";
    std::string glossary;
    for (const auto& row : rows)
    {
        std::string meaning = RowMeaning(row[0]);
        html << "<tr><th" << (meaning.empty() ? "" : " title=\"" + Escape(meaning) + "\"") << ">"
             << Escape(row[0]) << "</th>";
        for (std::size_t i = 1; i < row.size(); ++i)
        {
            auto check = checks.find({row[0], header[i - 1]});
            html << "<td>" << Escape(row[i]);
            if (check != checks.end())
            {
                html << ClosedFormMark(*check->second);
            }
            html << "</td>";
        }
        html << "</tr>\n";
        if (!meaning.empty())
        {
            glossary += "<dt>" + Escape(row[0]) + "</dt><dd>" + Escape(meaning) + "</dd>\n";
        }
    }
    html << "</tbody></table></div>\n";
    if (!glossary.empty())
    {
        html << "<details class=\"glossary\"><summary>What the rows mean</summary><dl>\n"
             << glossary << "</dl></details>\n";
    }
    return html.str();
}

/// Where a TOML line's comment starts (outside strings), or npos.
std::size_t
CommentStart(const std::string& line)
{
    char quote = 0;
    for (std::size_t i = 0; i < line.size(); ++i)
    {
        char c = line[i];
        if (quote)
        {
            if (c == '\\' && quote == '"')
            {
                ++i;
            }
            else if (c == quote)
            {
                quote = 0;
            }
        }
        else if (c == '"' || c == '\'')
        {
            quote = c;
        }
        else if (c == '#')
        {
            return i;
        }
    }
    return std::string::npos;
}

/// A TOML file with its tables, keys and comments marked for the style sheet.
std::string
TomlHtml(const std::string& toml)
{
    std::ostringstream html;
    html << "<pre class=\"toml\">";
    for (const auto& line : Lines(toml))
    {
        std::size_t hash = CommentStart(line);
        std::string code = line.substr(0, hash);
        std::string comment = hash == std::string::npos ? "" : line.substr(hash);
        std::string t = TrimBlanks(code, " \t\r");
        std::size_t eq = code.find('=');
        if (!t.empty() && t[0] == '[')
        {
            html << "<span class=\"t-table\">" << Escape(code) << "</span>";
        }
        else if (eq != std::string::npos)
        {
            html << "<span class=\"t-key\">" << Escape(code.substr(0, eq)) << "</span>="
                 << "<span class=\"t-value\">" << Escape(code.substr(eq + 1)) << "</span>";
        }
        else
        {
            html << Escape(code);
        }
        if (!comment.empty())
        {
            html << "<span class=\"t-comment\">" << Escape(comment) << "</span>";
        }
        html << '\n';
    }
    html << "</pre>\n";
    return html.str();
}

/// CSV text as an HTML table (gcsim's CSVs have no quoting).
std::string
CsvHtml(const std::string& csv)
{
    std::ostringstream html;
    html << "<div class=\"scroll tall\"><table class=\"csv\">\n";
    bool first = true;
    for (const auto& line : Lines(csv))
    {
        if (TrimBlanks(line, " \t\r").empty())
        {
            continue;
        }
        html << "<tr>";
        std::istringstream fields(line);
        for (std::string f; std::getline(fields, f, ',');)
        {
            html << (first ? "<th>" : "<td>") << Escape(f) << (first ? "</th>" : "</td>");
        }
        html << "</tr>\n";
        first = false;
    }
    html << "</table></div>\n";
    return html.str();
}

/// The SVG figures in DIR/plots: those named in \p first in that order, then the rest by name.
std::vector<fs::path>
PlotFiles(const fs::path& dir, const std::vector<std::string>& first)
{
    std::vector<fs::path> plots;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir / "plots", ec))
    {
        if (entry.path().extension() == ".svg")
        {
            plots.push_back(entry.path());
        }
    }
    auto rank = [&](const fs::path& p)
    {
        auto it = std::find(first.begin(), first.end(), p.stem().string());
        return std::make_pair(std::size_t(it - first.begin()), p.filename().string());
    };
    std::sort(plots.begin(), plots.end(),
              [&](const fs::path& a, const fs::path& b) { return rank(a) < rank(b); });
    return plots;
}

/// \p plots as figures, their SVG inline, ids prefixed from \p index on.
std::string
FiguresHtml(const std::vector<fs::path>& plots, std::size_t index, bool wide = false)
{
    std::ostringstream html;
    html << "<div class=\"plots" << (wide ? " wide" : "") << "\">\n";
    for (const auto& plot : plots)
    {
        std::string svg;
        if (!ReadText(plot, svg))
        {
            continue;
        }
        html << "<figure>" << InlineSvg(svg, "plot" + std::to_string(index++) + "-")
             << "<figcaption>" << Escape(plot.filename().string()) << "</figcaption></figure>\n";
    }
    html << "</div>\n";
    return html.str();
}

std::string
PlotsHtml(const fs::path& dir)
{
    std::vector<fs::path> plots = PlotFiles(dir, {});
    if (plots.empty())
    {
        return "";
    }
    return "<section class=\"card\" id=\"plots\">\n<h2>Plots</h2>\n" + FiguresHtml(plots, 0) +
           "</section>\n";
}

std::string
Section(const std::string& id, const std::string& title, const std::string& body)
{
    return "<section class=\"card\" id=\"" + id + "\">\n<h2>" + Escape(title) + "</h2>\n" + body +
           "</section>\n";
}

std::string
Note(const std::string& text)
{
    return "<p class=\"note\">" + Escape(text) + "</p>\n";
}

/// The page with its %%NAME%% slots filled, in one pass: no filled text is read again.
std::string
Fill(const std::string& page, const std::string& title, const std::string& subtitle,
     const std::string& meta, const std::string& sections, const std::string& animation)
{
    const std::vector<std::pair<std::string, std::string>> slots = {
        {"TITLE", Escape(title)}, {"SUBTITLE", Escape(subtitle)}, {"META", meta},
        {"SECTIONS", sections},   {"ANIMATION", animation},
    };
    std::string out;
    out.reserve(page.size() + sections.size() + animation.size());
    std::size_t at = 0;
    while (at < page.size())
    {
        std::size_t open = page.find("%%", at);
        std::size_t close = open == std::string::npos ? open : page.find("%%", open + 2);
        if (close == std::string::npos)
        {
            out.append(page, at, std::string::npos);
            break;
        }
        std::string name = page.substr(open + 2, close - open - 2);
        auto slot = std::find_if(slots.begin(), slots.end(),
                                 [&](const auto& s) { return s.first == name; });
        if (slot == slots.end())
        {
            out.append(page, at, open + 2 - at);
            at = open + 2;
            continue;
        }
        out.append(page, at, open - at);
        out += slot->second;
        at = close + 2;
    }
    return out;
}

std::string
Metadata(const fs::path& dir)
{
    std::string text;
    if (!ReadText(dir / "run.json", text))
    {
        return "";
    }
    try
    {
        json run = json::parse(text);
        std::string commit = run.value("git_commit", "");
        std::string html = "gcsim " + Escape(run.value("gcsim_version", ""));
        if (!commit.empty() && commit != "unknown")
        {
            html += " &middot; commit " + Escape(commit.substr(0, 12));
        }
        std::string command = run.value("command", "");
        if (!command.empty())
        {
            html += " &middot; <code>" + Escape(command) + "</code>";
        }
        return html;
    }
    catch (const json::exception&)
    {
        return "";
    }
}

std::string
RunReport(const fs::path& dir, const std::string& summaryText)
{
    std::string name = dir.filename().string();
    std::string description;
    try
    {
        json summary = json::parse(summaryText);
        const json& scenario = summary.at("scenario");
        name = scenario.value("name", name);
        description = scenario.value("description", "");
    }
    catch (const json::exception& e)
    {
        throw InputError((dir / "summary.json").string(), "",
                         std::string("is not a gcsim summary: ") + e.what());
    }

    std::string sections;
    std::string animation = "null";
    std::string text;
    if (!ReadText(dir / "animation.json", text))
    {
        sections += Section("animation-note", "Animation",
                            Note("This results folder has no animation.json."));
    }
    else
    {
        try
        {
            json anim = json::parse(text);
            if (anim.contains("skipped"))
            {
                sections +=
                    Section("animation-note", "Animation",
                            Note("Not animated: " + anim["skipped"].get<std::string>() + "."));
            }
            else
            {
                animation = ScriptSafe(anim.dump());
            }
        }
        catch (const json::exception& e)
        {
            sections += Section("animation-note", "Animation",
                                Note(std::string("animation.json cannot be read: ") + e.what()));
        }
    }
    std::vector<ClosedFormCheck> theory;
    std::string theoryNote;
    if (ReadText(dir / "theory.csv", text))
    {
        try
        {
            theory = ReadTheoryCsv(text);
        }
        catch (const std::exception& e)
        {
            theoryNote = Note(std::string("theory.csv cannot be read: ") + e.what());
        }
    }
    if (ReadText(dir / "table.txt", text))
    {
        sections += Section("table", "Modes side by side", ModeTableHtml(text, theory));
    }
    if (!theory.empty() || !theoryNote.empty())
    {
        sections += Section("theory", "Theory beside the simulation",
                            theoryNote.empty() ? TheoryHtml(theory) : theoryNote);
    }
    sections += PlotsHtml(dir);
    if (ReadText(dir / "scenario.toml", text))
    {
        sections += Section("scenario", "Scenario, as resolved", TomlHtml(text));
    }
    if (ReadText(dir / "transcript.txt", text))
    {
        sections += Section("transcript", "Transcript",
                            "<pre class=\"table-text\">" + Escape(text) + "</pre>\n");
    }
    return Fill(ReportPage(), "gcsim: " + name, description, Metadata(dir), sections, animation);
}

/// A swept value as the user wrote it: a TOML string without its quotes.
std::string
AsWritten(const std::string& value)
{
    if (value.size() >= 2 && (value.front() == '\'' || value.front() == '"') &&
        value.back() == value.front())
    {
        return value.substr(1, value.size() - 2);
    }
    return value;
}

/// The sweep figures shown first, in this order; the others follow under "More figures".
const std::vector<std::string>&
HeadlineFigures()
{
    static const std::vector<std::string> names = {"latency-mean", "link-transmissions",
                                                   "paired-link-transmissions", "source-bytes"};
    return names;
}

std::string
SweepFiguresHtml(const fs::path& dir)
{
    std::vector<fs::path> plots = PlotFiles(dir, HeadlineFigures());
    auto split =
        std::find_if(plots.begin(), plots.end(),
                     [](const fs::path& p)
                     {
                         const auto& h = HeadlineFigures();
                         return std::find(h.begin(), h.end(), p.stem().string()) == h.end();
                     });
    std::vector<fs::path> headline(plots.begin(), split);
    std::vector<fs::path> more(split, plots.end());
    if (plots.empty())
    {
        return Section("plots", "Figures",
                       Note("No figures yet: gcsim plot on this folder draws them (gnuplot)."));
    }
    std::string html = Section("plots", "Headline figures", FiguresHtml(headline, 0, true));
    if (!more.empty())
    {
        html += Section("more-plots", "More figures",
                        "<details><summary>" + std::to_string(more.size()) +
                            " more: latency p99, completion, delivery ratio, ...</summary>\n" +
                            FiguresHtml(more, headline.size(), true) + "</details>\n");
    }
    return html;
}

/// One column of the sweep report's headline table: a figure of aggregate.csv.
struct HeadlineColumn
{
    std::string figure; //!< FIGURE_mean and FIGURE_ci95 in aggregate.csv
    std::string title;
    bool time; //!< nanoseconds, shown in the column's unit
};

/// "12.3", "4530": three significant digits, never an exponent.
std::string
Significant(double v)
{
    char text[64];
    std::snprintf(text, sizeof text, std::fabs(v) >= 1000 ? "%.0f" : "%.3g", v);
    return text;
}

/// aggregate.csv's rows as the figures that matter, mean +- 95 % half-width, in units.
std::string
HeadlineTableHtml(const std::string& csvText)
{
    const std::vector<HeadlineColumn> columns = {
        {"delivery_ratio", "delivery ratio", false},
        {"latency_ns_mean", "latency mean", true},
        {"latency_ns_p99", "latency p99", true},
        {"completion_ns_mean", "completion mean", true},
        {"per_message_source_bytes", "P1 bytes / message", false},
        {"per_message_link_transmissions", "link transmissions / message", false},
        {"paired_link_transmissions_ratio", "link transmissions / baseline's", false},
    };
    auto rows = plotting::ParseCsv(csvText);
    if (rows.size() < 2)
    {
        return Note("aggregate.csv has no rows yet.");
    }
    const auto& header = rows[0];
    auto at = [&](const std::string& name)
    { return std::size_t(std::find(header.begin(), header.end(), name) - header.begin()); };
    std::size_t mode = at("mode");
    std::ostringstream html;
    html << "<div class=\"scroll\"><table class=\"csv headline\">\n<tr>";
    for (std::size_t k = 0; k < mode && k < header.size(); ++k)
    {
        std::size_t dot = header[k].rfind('.');
        html << "<th title=\"" << Escape(header[k]) << "\">"
             << Escape(dot == std::string::npos ? header[k] : header[k].substr(dot + 1)) << "</th>";
    }
    html << "<th>mode</th><th>runs</th>";
    std::vector<double> scale(columns.size(), 1);
    for (std::size_t c = 0; c < columns.size(); ++c)
    {
        double top = 0;
        for (std::size_t r = 1; r < rows.size(); ++r)
        {
            double v = 0;
            std::size_t i = at(columns[c].figure + "_mean");
            if (i < rows[r].size() && plotting::ParseNumber(rows[r][i], v))
            {
                top = std::max(top, std::fabs(v));
            }
        }
        std::string unit;
        if (columns[c].time)
        {
            std::tie(unit, scale[c]) = plotting::TimeUnit(top); // the figures' own rule
        }
        html << "<th>" << Escape(columns[c].title) << (unit.empty() ? "" : " (" + unit + ")")
             << "</th>";
    }
    html << "</tr>\n";
    for (std::size_t r = 1; r < rows.size(); ++r)
    {
        const auto& row = rows[r];
        if (row.size() != header.size())
        {
            continue;
        }
        html << "<tr>";
        for (std::size_t k = 0; k <= mode + 1; ++k)
        {
            html << "<td>" << Escape(row[k]) << "</td>";
        }
        for (std::size_t c = 0; c < columns.size(); ++c)
        {
            std::size_t m = at(columns[c].figure + "_mean");
            std::size_t h = at(columns[c].figure + "_ci95");
            double mean = 0;
            double ci = 0;
            bool has = m < row.size() && plotting::ParseNumber(row[m], mean);
            bool hasCi = h < row.size() && plotting::ParseNumber(row[h], ci);
            html << "<td>"
                 << (has ? Significant(mean / scale[c]) +
                               (hasCi ? " ± " + Significant(ci / scale[c]) : std::string())
                         : std::string())
                 << "</td>";
        }
        html << "</tr>\n";
    }
    html << "</table></div>\n";
    return html.str();
}

/// The runs of the plan, each with its swept values as written and a link to its report.
std::string
RunsTableHtml(const fs::path& dir, const json& runs, const std::vector<std::string>& axes,
              uint32_t& complete)
{
    std::ostringstream list;
    list << "<div class=\"scroll tall\"><table class=\"csv runs\">\n<tr><th>run</th>";
    for (const auto& a : axes)
    {
        list << "<th>" << Escape(a) << "</th>";
    }
    list << "<th>repetition</th><th>results</th></tr>\n";
    for (const auto& run : runs)
    {
        std::string id = run.value("id", "");
        fs::path folder = dir / "runs" / id;
        bool done = fs::exists(folder / "summary.json");
        complete += done;
        list << "<tr><td><code>" << Escape(id) << "</code></td>";
        const json keys = run.value("keys", json::object());
        for (const auto& a : axes)
        {
            list << "<td>" << Escape(keys.contains(a) ? AsWritten(keys[a].get<std::string>()) : "")
                 << "</td>";
        }
        list << "<td>" << run.value("repetition", 1) << "</td><td>";
        if (done && fs::exists(folder / "report.html"))
        {
            list << "<a href=\"runs/" << Escape(id) << "/report.html\">report</a>";
        }
        else
        {
            list << (done ? "complete" : "not run");
        }
        list << "</td></tr>\n";
    }
    list << "</table></div>\n";
    return list.str();
}

std::string
SweepReport(const fs::path& dir, const std::string& planText)
{
    json plan;
    try
    {
        plan = json::parse(planText);
    }
    catch (const json::exception& e)
    {
        throw InputError((dir / "sweep.json").string(), "",
                         std::string("is not a gcsim sweep plan: ") + e.what());
    }
    std::string name = plan.value("name", dir.filename().string());
    std::vector<std::string> axes;
    for (const auto& a : plan.value("axes", json::array()))
    {
        axes.push_back(a.get<std::string>());
    }
    const json runs = plan.value("runs", json::array());
    uint32_t complete = 0;
    std::string runsTable = RunsTableHtml(dir, runs, axes, complete);

    std::string sections = SweepFiguresHtml(dir);
    std::string axesText = Join(axes, ", ");
    std::string intro = std::to_string(runs.size()) + " runs planned (" + std::to_string(complete) +
                        " complete) over " + (axesText.empty() ? "no axes" : axesText);
    if (plan.contains("precision"))
    {
        intro += "; each combination repeated until its interval is narrow enough, so not "
                 "every planned run is needed";
    }
    std::string text;
    if (ReadText(dir / "aggregate.csv", text))
    {
        sections += Section(
            "aggregate", "Aggregate: mean ± 95 % confidence half-width over repetitions",
            HeadlineTableHtml(text) +
                "<p class=\"note\">Every figure: <a href=\"aggregate.csv\">aggregate.csv</a> "
                "(per combination and mode) and <a href=\"summary.csv\">summary.csv</a> (per "
                "run and mode).</p>\n<details><summary>All columns of aggregate.csv</summary>\n" +
                CsvHtml(text) + "</details>\n");
    }
    else
    {
        sections += Section("aggregate", "Aggregate",
                            Note("No aggregate.csv yet: run gcsim collect on this folder."));
    }
    sections += Section("runs", "Runs", runsTable);
    return Fill(ReportPage(), "gcsim sweep: " + name, intro, "", sections, "null");
}

} // namespace

std::string
InlineSvg(const std::string& svgText, const std::string& idPrefix)
{
    std::size_t start = svgText.find("<svg");
    std::size_t stop = svgText.rfind("</svg>");
    if (start == std::string::npos || stop == std::string::npos || stop < start)
    {
        return "<p class=\"note\">not an SVG file</p>";
    }
    std::string svg = svgText.substr(start, stop + 6 - start);
    // No scripts: they would need files beside the plot.
    for (std::size_t at = svg.find("<script"); at != std::string::npos; at = svg.find("<script"))
    {
        std::size_t end = svg.find("</script>", at);
        std::size_t selfClosed = svg.find("/>", at);
        std::size_t tagEnd = svg.find('>', at);
        if (tagEnd != std::string::npos && selfClosed != std::string::npos &&
            selfClosed + 1 == tagEnd)
        {
            end = tagEnd + 1;
        }
        else
        {
            end = end == std::string::npos ? svg.size() : end + 9;
        }
        svg.erase(at, end - at);
    }
    // Nor event handlers (onload="...") that would call them.
    std::string clean;
    bool inTag = false;
    for (std::size_t i = 0; i < svg.size(); ++i)
    {
        char c = svg[i];
        inTag = c == '<' ? true : c == '>' ? false : inTag;
        if (inTag && std::isspace(static_cast<unsigned char>(c)) &&
            svg.compare(i + 1, 2, "on") == 0)
        {
            std::size_t j = i + 3;
            while (j < svg.size() && std::isalpha(static_cast<unsigned char>(svg[j])))
            {
                ++j;
            }
            if (j > i + 3 && j + 1 < svg.size() && svg[j] == '=' &&
                (svg[j + 1] == '"' || svg[j + 1] == '\''))
            {
                std::size_t close = svg.find(svg[j + 1], j + 2);
                if (close != std::string::npos)
                {
                    i = close;
                    continue;
                }
            }
        }
        clean += c;
    }
    // Ids unique on the page: several plots may use the same ones.
    for (const char* quote : {"\"", "'"})
    {
        ReplaceAll(clean, std::string(" id=") + quote, std::string(" id=") + quote + idPrefix);
        ReplaceAll(clean, std::string("href=") + quote + "#",
                   std::string("href=") + quote + "#" + idPrefix);
    }
    ReplaceAll(clean, "url(#", "url(#" + idPrefix);
    return clean;
}

std::string
WriteReport(const std::string& dirName, const std::string& shownAs)
{
    fs::path dir(dirName);
    fs::path shown(shownAs.empty() ? dirName : shownAs);
    std::string text;
    std::string page;
    // Written only into a folder of gcsim's: a user's folder keeps its own report.html.
    if (IsRunFolder(dirName) && ReadText(dir / "summary.json", text))
    {
        page = RunReport(dir, text);
    }
    else if (IsSweepFolder(dirName) && ReadText(dir / "sweep.json", text))
    {
        page = SweepReport(dir, text);
    }
    else
    {
        std::error_code ec;
        throw InputError(shown.string(), "",
                         fs::is_directory(dir, ec)
                             ? "is neither a gcsim results folder (summary.json) nor a sweep "
                               "folder (sweep.json); gcsim report writes report.html only into "
                               "those"
                             : "is not a folder; gcsim report takes a results folder or a sweep "
                               "folder");
    }
    RemoveDeadTempFiles(dirName);
    WriteFileAtomically((dir / "report.html").string(), page, (shown / "report.html").string());
    return (shown / "report.html").lexically_normal().string();
}

} // namespace gcsim
