#include "sweep-figures.h"

#include "models/network/text-file.h"
#include "plot-csv.h"
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

namespace
{

// ---- Sweep folders --------------------------------------------------------------------

/// One row of aggregate.csv.
struct AggregateRow
{
    std::vector<std::string> keys; //!< the swept keys' values
    std::string mode;
    double repetitions{0};
    std::map<std::string, std::string> cells;
};

/// How a swept key reads on an axis.
std::string
AxisLabel(const std::string& key, const std::vector<double>& values)
{
    if (key == "group.members")
    {
        bool fractions =
            std::all_of(values.begin(), values.end(), [](double v) { return v > 0 && v < 1; });
        return fractions ? "group size (fraction of the clients)" : "group size (members)";
    }
    const std::map<std::string, std::string> labels = {
        {"topology.clients", "clients"},
        {"traffic.size", "message size (bytes of UDP payload)"},
        {"traffic.messages", "messages"},
        {"delivery.overlay_fanout", "overlay fan-out (children per member)"},
        {"topology.fanout", "tree fan-out (children per router)"},
        {"topology.depth", "tree depth (router levels)"},
        {"topology.clients_per_leaf", "clients per leaf LAN"},
        {"topology.routers", "routers"},
        {"topology.rows", "grid rows (routers)"},
        {"topology.columns", "grid columns (routers)"},
        {"topology.waxman_alpha", "Waxman alpha"},
        {"topology.waxman_beta", "Waxman beta"},
        {"seed", "seed"},
        {"run", "run (RngRun)"},
    };
    auto it = labels.find(key);
    return it == labels.end() ? key : it->second;
}

/// The swept key's last component: topology.kind -> kind.
std::string
ShortKey(const std::string& key)
{
    std::size_t dot = key.rfind('.');
    return dot == std::string::npos ? key : key.substr(dot + 1);
}

/// What the sweep figures share: the rows, the x axis, the curves.
struct SweepLayout
{
    std::string name;
    std::vector<std::string> axes;
    std::vector<AggregateRow> rows;
    int xAxis{-1};                   //!< index into axes; -1: no swept key
    bool numeric{false};             //!< x is numeric (else categories)
    std::vector<std::string> xNames; //!< categories, in order of appearance
    std::vector<std::string> xTics;  //!< their labels, with the keys that move in step
    std::vector<bool> inStep;        //!< per swept key: moves in step with x (together)
    std::vector<double> xValues;     //!< numeric: the distinct values, sorted
    bool logX{false};
    std::string xLabel;
    std::vector<std::string> modes;
    std::vector<std::vector<std::string>> others; //!< the other keys' value combinations
    std::string repetitions;                      //!< "5 repetitions" or "2 to 5 repetitions"
};

double
XOf(const SweepLayout& l, const AggregateRow& row)
{
    if (l.xAxis < 0)
    {
        return 0;
    }
    const std::string& v = row.keys[l.xAxis];
    if (l.numeric)
    {
        double x = 0;
        ParseNumber(v, x);
        return x;
    }
    return double(std::find(l.xNames.begin(), l.xNames.end(), v) - l.xNames.begin());
}

/// Whether swept key \p a tells curves apart: neither x nor in step with it.
bool
IsOther(const SweepLayout& l, std::size_t a)
{
    return int(a) != l.xAxis && !l.inStep[a];
}

std::vector<std::string>
OthersOf(const SweepLayout& l, const AggregateRow& row)
{
    std::vector<std::string> o;
    for (std::size_t i = 0; i < l.axes.size(); ++i)
    {
        if (IsOther(l, i))
        {
            o.push_back(row.keys[i]);
        }
    }
    return o;
}

/// The plan's name and aggregate.csv's swept keys and rows into \p l.
void
ReadAggregate(const fs::path& dir, SweepLayout& l)
{
    json plan = json::parse(ReadText(dir / "sweep.json"), nullptr, false);
    if (plan.is_discarded() || !plan.is_object() || !plan.contains("runs"))
    {
        throw InputError((dir / "sweep.json").string(), "", "is not a gcsim sweep plan");
    }
    l.name = plan.value("name", dir.filename().string());
    if (!fs::exists(dir / "aggregate.csv"))
    {
        throw InputError(dir.string(), "",
                         "is a sweep folder without aggregate.csv: run `gcsim collect " +
                             dir.string() + "` first");
    }
    auto csv = ParseCsv(ReadText(dir / "aggregate.csv"));
    if (csv.empty())
    {
        throw InputError((dir / "aggregate.csv").string(), "", "is empty");
    }
    const auto& header = csv[0];
    auto modeColumn = std::find(header.begin(), header.end(), "mode");
    if (modeColumn == header.end() || modeColumn + 1 == header.end() ||
        *(modeColumn + 1) != "repetitions")
    {
        throw InputError((dir / "aggregate.csv").string(), "",
                         "is not a gcsim aggregate (no mode and repetitions columns)");
    }
    std::size_t m = modeColumn - header.begin();
    l.axes.assign(header.begin(), modeColumn);
    for (std::size_t r = 1; r < csv.size(); ++r)
    {
        const auto& fields = csv[r];
        if (fields.size() != header.size())
        {
            continue;
        }
        AggregateRow row;
        row.keys.assign(fields.begin(), fields.begin() + m);
        row.mode = fields[m];
        ParseNumber(fields[m + 1], row.repetitions);
        for (std::size_t c = m + 2; c < header.size(); ++c)
        {
            row.cells[header[c]] = fields[c];
        }
        l.rows.push_back(row);
    }
    if (l.rows.empty())
    {
        throw InputError((dir / "aggregate.csv").string(), "",
                         "has no results yet (no rows): finish the sweep, then `gcsim collect`");
    }
}

/**
 * The x axis: group.members if swept and numeric, else the first numeric swept key, else
 * the first swept key as categories; and the keys swept in step with it.
 */
void
ChooseXAxis(SweepLayout& l)
{
    auto numericAxis = [&](std::size_t a)
    {
        return std::all_of(l.rows.begin(), l.rows.end(),
                           [&](const AggregateRow& row)
                           {
                               double v = 0;
                               return ParseNumber(row.keys[a], v);
                           });
    };
    auto members = std::find(l.axes.begin(), l.axes.end(), "group.members");
    if (members != l.axes.end() && numericAxis(members - l.axes.begin()))
    {
        l.xAxis = int(members - l.axes.begin());
        l.numeric = true;
    }
    for (std::size_t a = 0; l.xAxis < 0 && a < l.axes.size(); ++a)
    {
        if (numericAxis(a))
        {
            l.xAxis = int(a);
            l.numeric = true;
        }
    }
    if (l.xAxis < 0 && !l.axes.empty())
    {
        l.xAxis = 0;
    }
    // Keys swept together with x (one value per x value) label x rather than curves.
    l.inStep.assign(l.axes.size(), false);
    for (std::size_t a = 0; l.xAxis >= 0 && a < l.axes.size(); ++a)
    {
        std::map<std::string, std::set<std::string>> values;
        std::set<std::string> all;
        for (const auto& row : l.rows)
        {
            values[row.keys[l.xAxis]].insert(row.keys[a]);
            all.insert(row.keys[a]);
        }
        l.inStep[a] = int(a) != l.xAxis && all.size() > 1 &&
                      std::all_of(values.begin(), values.end(),
                                  [](const auto& v) { return v.second.size() == 1; });
    }
}

/// The categories, modes and curves of \p l, and the x label and repetitions it shows.
void
LabelAxes(SweepLayout& l)
{
    std::set<double> xs;
    for (const auto& row : l.rows)
    {
        if (l.xAxis >= 0 && !l.numeric &&
            std::find(l.xNames.begin(), l.xNames.end(), row.keys[l.xAxis]) == l.xNames.end())
        {
            l.xNames.push_back(row.keys[l.xAxis]);
            std::string tic = row.keys[l.xAxis];
            for (std::size_t a = 0; a < l.axes.size(); ++a)
            {
                tic += l.inStep[a] ? ", " + row.keys[a] : "";
            }
            l.xTics.push_back(tic);
        }
        if (std::find(l.modes.begin(), l.modes.end(), row.mode) == l.modes.end())
        {
            l.modes.push_back(row.mode);
        }
        auto o = OthersOf(l, row);
        if (std::find(l.others.begin(), l.others.end(), o) == l.others.end())
        {
            l.others.push_back(o);
        }
    }
    if (l.xAxis < 0)
    {
        l.xNames.push_back("(nothing swept)");
        l.xTics = l.xNames;
    }
    if (l.numeric)
    {
        for (const auto& row : l.rows)
        {
            xs.insert(XOf(l, row));
        }
        l.xValues.assign(xs.begin(), xs.end());
        l.logX = l.xValues.front() > 0 && l.xValues.back() / l.xValues.front() >= 4;
        l.xLabel = AxisLabel(l.axes[l.xAxis], l.xValues);
    }
    else
    {
        l.xLabel = l.xAxis >= 0 ? l.axes[l.xAxis] : "";
    }
    std::string together;
    for (std::size_t a = 0; a < l.axes.size(); ++a)
    {
        together += l.inStep[a] ? (together.empty() ? "" : ", ") + l.axes[a] : "";
    }
    if (!together.empty())
    {
        l.xLabel += (l.numeric ? " (with " : ", with ") + together + (l.numeric ? " in step)" : "");
    }
    double rMin = l.rows.front().repetitions;
    double rMax = rMin;
    for (const auto& row : l.rows)
    {
        rMin = std::min(rMin, row.repetitions);
        rMax = std::max(rMax, row.repetitions);
    }
    l.repetitions = (rMin == rMax ? Number(rMin) : Number(rMin) + " to " + Number(rMax)) +
                    (rMax == 1 ? " repetition" : " repetitions");
}

SweepLayout
ReadSweep(const fs::path& dir)
{
    SweepLayout l;
    ReadAggregate(dir, l);
    ChooseXAxis(l);
    LabelAxes(l);
    return l;
}

/// A panel's title: the other swept keys' values, "core_delay = 1ms, kind = tree".
std::string
PanelTitle(const SweepLayout& l, const std::vector<std::string>& others)
{
    std::string title;
    std::size_t k = 0;
    for (std::size_t i = 0; i < l.axes.size(); ++i)
    {
        if (IsOther(l, i))
        {
            title += (title.empty() ? "" : ", ") + ShortKey(l.axes[i]) + " = " + others[k++];
        }
    }
    return title;
}

/// What one sweep figure shows.
struct SweepMetric
{
    std::string name;   //!< the figure's name
    std::string column; //!< the figure in aggregate.csv (COLUMN_mean, COLUMN_ci95)
    std::string title;  //!< its first title line
    std::string what;   //!< the y label, before the unit
    bool time{false};   //!< nanoseconds, shown in a readable unit
    std::string unit;   //!< otherwise, its unit
    bool alwaysLogY{false};
    /// The bars' ends, if not mean -+ ci95: columns of a bootstrap interval.
    std::string lowColumn, highColumn;
    /// A closed form's value of the figure (aggregate.csv COLUMN_mean), drawn dashed in the
    /// colour of the mode it belongs to; empty: none.
    std::string theory{};
    std::string theoryName{}; //!< how the title names it
};

/// One point of a sweep curve: x, the mean and its 95 % interval's ends.
struct SweepPoint
{
    double x, mean, low, high;
};

/// One curve: a mode in one panel (a combination of the other swept keys).
struct SweepCurve
{
    std::size_t mode;
    std::size_t panel;
    std::vector<SweepPoint> points;
};

/// The curves of one metric, panel by panel, and the range of their values.
struct SweepCurves
{
    std::vector<SweepCurve> drawn; //!< by panel, then by mode
    double top{0};
    double bottom{INFINITY};
    bool positive{true};
};

/// \p row's value of \p column into \p v; false if it has none.
bool
Cell(const AggregateRow& row, const std::string& column, double& v)
{
    auto it = row.cells.find(column);
    return it != row.cells.end() && ParseNumber(it->second, v);
}

SweepCurves
ReadCurves(const SweepLayout& l, const SweepMetric& metric, const fs::path& dir)
{
    std::string meanColumn = metric.column + "_mean";
    if (!l.rows.front().cells.count(meanColumn))
    {
        throw InputError((dir / "aggregate.csv").string(), "",
                         "has no column " + meanColumn + ": collect it again with this gcsim");
    }
    SweepCurves result;
    std::map<std::pair<std::string, std::vector<std::string>>, std::vector<SweepPoint>> curves;
    for (const auto& row : l.rows)
    {
        double mean = 0;
        double ci = 0;
        if (!Cell(row, meanColumn, mean))
        {
            continue;
        }
        SweepPoint p{XOf(l, row), mean, mean, mean};
        double low = 0;
        double high = 0;
        if (!metric.lowColumn.empty() && Cell(row, metric.lowColumn, low) &&
            Cell(row, metric.highColumn, high))
        {
            p.low = low;
            p.high = high;
        }
        else if (Cell(row, metric.column + "_ci95", ci))
        {
            p.low = mean - ci;
            p.high = mean + ci;
        }
        curves[{row.mode, OthersOf(l, row)}].push_back(p);
        result.top = std::max(result.top, p.high);
        result.positive = result.positive && mean > 0;
        if (mean > 0)
        {
            result.bottom = std::min(result.bottom, p.low > 0 ? p.low : mean);
        }
    }
    for (std::size_t o = 0; o < l.others.size(); ++o)
    {
        for (std::size_t m = 0; m < l.modes.size(); ++m)
        {
            auto it = curves.find({l.modes[m], l.others[o]});
            if (it == curves.end())
            {
                continue;
            }
            SweepCurve c{m, o, it->second};
            std::sort(c.points.begin(), c.points.end(),
                      [](const SweepPoint& a, const SweepPoint& b) { return a.x < b.x; });
            result.drawn.push_back(c);
        }
    }
    return result;
}

const int kPointTypes[] = {7, 5, 9, 11, 13, 15, 4, 6};

/// Where a sweep figure's panels sit: one per combination of the other swept keys, in rows
/// of at most three, the title above them and the legend and a note below.
struct PanelGrid
{
    std::size_t panels{1};
    std::size_t columns{1};
    std::size_t rows{1};
    int panelWidth{kWidth - 40}; //!< pixels
    int panelHeight{440};
    int width{kWidth}; //!< the canvas
    int height{kHeight};
    int top{70};    //!< pixels above the panels, for the title
    int bottom{60}; //!< pixels below them, for the legend and the note
    std::size_t legendColumns{1};
};

PanelGrid
LayOutPanels(std::size_t panels, const std::vector<std::string>& modes)
{
    PanelGrid g;
    g.panels = std::max<std::size_t>(1, panels);
    g.columns = g.panels <= 3 ? g.panels : (g.panels == 4 ? 2 : 3);
    g.rows = (g.panels + g.columns - 1) / g.columns;
    if (g.panels > 1)
    {
        g.panelWidth = 460;
        g.panelHeight = 360;
    }
    g.width = std::max(kWidth, int(g.columns) * g.panelWidth + 40);
    std::size_t longest = 1;
    for (const auto& m : modes)
    {
        longest = std::max(longest, m.size());
    }
    // About 7.5 pixels a character at 11 points, and the sample line beside the text.
    int entry = int(7.5 * double(longest + 8));
    g.legendColumns = std::max<std::size_t>(
        1, std::min<std::size_t>(modes.size(), std::size_t((g.width - 80) / entry)));
    std::size_t legendRows = (modes.size() + g.legendColumns - 1) / g.legendColumns;
    g.bottom = 34 + 22 * int(legendRows) + 22;
    g.height = g.top + int(g.rows) * g.panelHeight + g.bottom;
    return g;
}

/// \p pixels of the canvas as a fraction of \p of.
std::string
Screen(double pixels, int of)
{
    return Fixed(pixels / double(of), 4);
}

/**
 * One short line on the curves that lie on one another, panel by panel ("multicast =
 * broadcast in every panel"); "" if none do. Such curves are drawn nested, the first widest.
 */
std::string
CoincidenceNote(const SweepLayout& l, const SweepCurves& curves,
                const std::vector<std::vector<Overlap>>& overlaps, const PanelGrid& g)
{
    std::vector<std::string> ofPanel(g.panels);
    std::size_t first = 0; // the panel's first curve in curves.drawn
    for (std::size_t p = 0; p < g.panels; ++p)
    {
        const auto& o = overlaps[p];
        for (std::size_t i = 0; i < o.size(); ++i)
        {
            std::string group;
            for (std::size_t j = i; o[i].under == i && j < o.size(); ++j)
            {
                group += o[j].under == i
                             ? (j == i ? "" : " = ") + l.modes[curves.drawn[first + j].mode]
                             : "";
            }
            if (group.find(" = ") != std::string::npos)
            {
                ofPanel[p] += (ofPanel[p].empty() ? "" : "; ") + group;
            }
        }
        first += o.size();
    }
    bool same = std::all_of(ofPanel.begin(), ofPanel.end(),
                            [&](const std::string& s) { return s == ofPanel.front(); });
    std::string note;
    if (same && !ofPanel.front().empty())
    {
        note = "on one another: " + ofPanel.front() + (g.panels > 1 ? " (every panel)" : "");
    }
    for (std::size_t p = 0; !same && p < g.panels; ++p)
    {
        if (!ofPanel[p].empty())
        {
            note += (note.empty() ? "on one another: " : " | ") + Join(l.others[p], ", ") + ": " +
                    ofPanel[p];
        }
    }
    std::size_t room = std::size_t(double(g.width) / 6.5);
    if (note.size() > room)
    {
        note = note.substr(0, room - 4) + " ...";
    }
    return note;
}

/// The ranges and tics of every panel of a sweep figure (they share the y range).
std::string
SweepAxes(const SweepLayout& l, bool logY, double bottom, double top, double scale, int room)
{
    std::ostringstream s;
    s << "unset logscale\n"
      << "set border 3 lw 1\n"
      << "set xtics nomirror out\n"
      << "set ytics nomirror out\n"
      << "set grid back lt 1 lc rgb \"#e4e4e4\" lw 1\n"
      << "set mytics default\n";
    if (l.numeric)
    {
        double lo = l.xValues.front();
        double hi = l.xValues.back();
        double pad = hi > lo ? 0.05 * (hi - lo) : std::max(1.0, std::fabs(hi) * 0.1);
        s << (l.logX ? "set logscale x 2\n" : "") << "set xrange ["
          << Number(l.logX ? lo / 1.25 : lo - pad) << ":" << Number(l.logX ? hi * 1.25 : hi + pad)
          << "]\n";
        std::size_t longest = 1;
        for (double v : l.xValues)
        {
            longest = std::max(longest, Number(v).size());
        }
        // Labels of about 7.5 pixels a character: every k-th when they would not fit.
        std::size_t each = std::size_t(7.5 * double(longest) + 12);
        std::size_t step = (l.xValues.size() * each + std::size_t(room) - 1) / std::size_t(room);
        s << "set xtics (";
        for (std::size_t i = 0; i < l.xValues.size(); i += std::max<std::size_t>(1, step))
        {
            s << (i ? ", " : "") << Number(l.xValues[i]);
        }
        s << ")\n";
    }
    else
    {
        s << "set xrange [-0.5:" << Number(double(l.xNames.size()) - 0.5) << "]\n"
          << ModeTics(l.xTics, room);
    }
    if (logY)
    {
        s << "set logscale y\n"
          << "set yrange [" << Number(bottom / scale / 1.6) << ":" << Number(top / scale * 1.6)
          << "]\n"
          << "set mytics 10\n";
    }
    else
    {
        s << "set yrange [0:" << Number(top > 0 ? top / scale * 1.08 : 1) << "]\n";
    }
    return s.str();
}

/// Panel \p p's place, title and labels: x labelled on the bottom row, y on the left column.
std::string
PanelScript(const SweepLayout& l, std::size_t p, const PanelGrid& g, const std::string& yLabel)
{
    std::size_t column = p % g.columns;
    std::size_t row = p / g.columns;
    std::ostringstream s;
    std::string title = PanelTitle(l, l.others[p]);
    s << "# Panel " << p + 1 << (title.empty() ? "" : ": " + title) << "\n"
      << "set origin " << Screen(20 + double(column) * g.panelWidth, g.width) << ","
      << Screen(g.bottom + double(g.rows - 1 - row) * g.panelHeight, g.height) << "\n"
      << "set size " << Screen(g.panelWidth, g.width) << "," << Screen(g.panelHeight, g.height)
      << "\n"
      << "set lmargin 10\nset rmargin 3\nset tmargin " << (title.empty() ? 1 : 2.5)
      << "\nset bmargin 4\nunset key\n"
      << (title.empty() ? "unset title\n" : "set title " + Quote(title) + " font \",12\"\n")
      << "set xlabel " << Quote(row + 1 == g.rows || p + g.columns >= g.panels ? l.xLabel : "")
      << "\n"
      << "set ylabel " << Quote(column == 0 ? yLabel : "") << "\n";
    return s.str();
}

/// The legend below the panels: one entry per mode, in its colour and point type.
std::string
LegendScript(const SweepLayout& l, const std::vector<std::string>& colors, const PanelGrid& g,
             const std::string& note)
{
    std::ostringstream s;
    s << "# The legend and the note, below the panels.\n"
      << "set origin 0,0\n"
      << "set size 1," << Screen(g.bottom, g.height) << "\n"
      << "unset title\nunset xlabel\nunset ylabel\nunset border\nunset tics\nunset grid\n"
      << "unset logscale\nset xrange [0:1]\nset yrange [0:1]\n"
      << "set key at screen 0.5," << Screen(g.bottom - 8, g.height)
      << " center top horizontal Left reverse maxcols " << g.legendColumns << " noopaque nobox\n";
    if (!note.empty())
    {
        s << "set label 1 " << Quote(note) << " at screen 0.5," << Screen(12, g.height)
          << " center font \",10\"\n";
    }
    s << "plot NaN notitle";
    for (std::size_t m = 0; m < l.modes.size(); ++m)
    {
        s << ", \\\n     keyentry with linespoints lw 2 lc rgb \"" << colors[m] << "\" pt "
          << kPointTypes[m % 8] << " title " << Quote(l.modes[m]);
    }
    s << "\nunset label 1\n";
    return s.str();
}

/**
 * The dashed curves of \p metric's closed form (SweepMetric::theory), one per mode and panel
 * that has it: their data blocks appended to \p data from index \p first, their plot clauses
 * to \p clauses by panel. Nothing when no run of the sweep has the column.
 */
void
AddTheory(const SweepLayout& l, const SweepMetric& metric, const fs::path& dir, std::size_t first,
          double scale, const std::vector<std::string>& colors, std::ostringstream& data,
          std::vector<std::vector<std::string>>& clauses)
{
    if (metric.theory.empty() || !l.rows.front().cells.count(metric.theory + "_mean"))
    {
        return;
    }
    SweepMetric closed = metric;
    closed.column = metric.theory;
    closed.lowColumn = closed.highColumn = "";
    SweepCurves theory = ReadCurves(l, closed, dir);
    for (std::size_t t = 0; t < theory.drawn.size(); ++t)
    {
        const SweepCurve& c = theory.drawn[t];
        data << "\n\n# " << OneLine(l.modes[c.mode]) << ": " << metric.theoryName << "\n";
        for (const auto& pt : c.points)
        {
            data << Number(pt.x) << ' ' << Number(pt.mean / scale) << '\n';
        }
        clauses[c.panel].push_back("data index " + std::to_string(first + t) +
                                   " using 1:2 with lines dt 2 lw 2 lc rgb \"" + colors[c.mode] +
                                   "\" notitle");
    }
}

Figure
SweepFigure(const SweepLayout& l, const SweepMetric& metric, const fs::path& dir)
{
    Figure f;
    f.name = metric.name;
    SweepCurves curves = ReadCurves(l, metric, dir);
    std::string unit = metric.unit;
    double scale = 1;
    if (metric.time)
    {
        std::tie(unit, scale) = TimeUnit(curves.top);
    }
    bool logY = curves.positive && curves.bottom < INFINITY &&
                (metric.alwaysLogY ? curves.top > curves.bottom : curves.top / curves.bottom > 50);
    PanelGrid g = LayOutPanels(l.others.size(), l.modes);
    std::vector<std::string> colors = ModeColors(l.modes);
    std::vector<std::vector<Overlap>> overlaps(g.panels);
    std::ostringstream data;
    std::vector<std::string> titles;
    std::vector<std::vector<std::string>> clauses(g.panels);
    for (std::size_t p = 0, i = 0; p < g.panels; ++p)
    {
        std::vector<Points> shapes;
        std::size_t first = i;
        for (; i < curves.drawn.size() && curves.drawn[i].panel == p; ++i)
        {
            Points shape;
            for (const auto& pt : curves.drawn[i].points)
            {
                shape.push_back({pt.x, pt.mean});
            }
            shapes.push_back(shape);
        }
        overlaps[p] = FindOverlaps(shapes, l.numeric && l.logX, logY, true);
        for (std::size_t k = first; k < i; ++k)
        {
            const SweepCurve& c = curves.drawn[k];
            const Overlap& o = overlaps[p][k - first];
            std::string title = l.modes[c.mode];
            std::string panel = PanelTitle(l, l.others[p]);
            titles.push_back(title + (panel.empty() ? "" : ", " + panel));
            data << (k ? "\n\n" : "") << "# " << OneLine(titles.back()) << "\n";
            for (const auto& pt : c.points)
            {
                data << Number(pt.x) << ' ' << Number(pt.mean / scale) << ' '
                     << Number((pt.high - pt.mean) / scale) << ' ' << Number(pt.low / scale) << ' '
                     << Number(pt.high / scale) << '\n';
            }
            std::ostringstream clause;
            clause << "data index " << k << " using 1:2:4:5 with yerrorlines lw "
                   << Fixed(o.width, 1) << " lc rgb \"" << colors[c.mode] << "\" pt "
                   << kPointTypes[c.mode % 8] << " ps " << Fixed(o.size, 2) << " notitle";
            clauses[p].push_back(clause.str());
        }
    }
    AddTheory(l, metric, dir, curves.drawn.size(), scale, colors, data, clauses);
    f.data = data.str();
    std::string note = CoincidenceNote(l, curves, overlaps, g);
    std::string xName = l.xAxis >= 0 ? l.axes[l.xAxis] : std::string("nothing");
    std::string bars =
        metric.lowColumn.empty() ? "95 % confidence interval" : "95 % bootstrap interval";
    std::ostringstream s;
    s << ScriptHead(f.name, metric.title + " against " + xName + ": sweep " + l.name + ".",
                    "one block per curve (index 0, 1, ...): " + xName + ", mean (" + unit +
                        "), upper half-width, bar's low end, bar's high end.")
      << kCommonSettings;
    std::ostringstream body;
    std::string dashed = metric.theory.empty() ? "" : "; dashed: " + metric.theoryName;
    body << "set multiplot title "
         << Quote(metric.title + ": " + l.name + "\nmean of " + l.repetitions +
                  " per point; bars: " + bars + dashed)
         << " font \",13\"\n";
    for (std::size_t p = 0; p < g.panels; ++p)
    {
        body << PanelScript(l, p, g, metric.what + " (" + unit + ")")
             << SweepAxes(l, logY, curves.bottom, curves.top, scale, g.panelWidth - 110) << "plot ";
        for (std::size_t c = 0; c < clauses[p].size(); ++c)
        {
            body << (c ? ", \\\n     " : "") << clauses[p][c];
        }
        body << "\n";
    }
    body << LegendScript(l, colors, g, note) << "unset multiplot\n";
    s << CurveIndex(titles) << "\n" << OutputLoop(f.name, body.str(), g.width, g.height);
    f.script = s.str();
    return f;
}

} // namespace

std::vector<Figure>
SweepFigures(const fs::path& dir)
{
    SweepLayout l = ReadSweep(dir);
    std::vector<SweepMetric> metrics = {
        {"latency-mean", "latency_ns_mean", "Mean latency", "mean latency", true, "", false, "",
         ""},
        {"latency-p99", "latency_ns_p99", "99th-percentile latency", "latency p99", true, "", false,
         "latency_ns_p99_boot95_low", "latency_ns_p99_boot95_high"},
        {"completion-mean", "completion_ns_mean", "Mean completion time", "mean completion time",
         true, "", false, "", ""},
        {"delivery-ratio", "delivery_ratio", "Delivery ratio", "delivery ratio", false, "fraction",
         false, "", ""},
        {"source-bytes", "per_message_source_bytes", "P1 bytes per message", "P1 bytes per message",
         false, "bytes", true, "", ""},
        {"link-transmissions", "per_message_link_transmissions", "Link transmissions per message",
         "link transmissions per message", false, "frames", true, "", ""},
    };
    // Gossip's figures that have closed forms, each with it dashed where it applies.
    struct GossipFigure
    {
        const char* name;
        const char* column;
        const char* title;
        const char* what;
        const char* unit;
        const char* closedForm;
    };
    for (const GossipFigure& g :
         {GossipFigure{"gossip-rounds", "gossip_rounds_to_all_mean",
                       "Gossip rounds to reach every member", "rounds to reach all", "rounds",
                       "log2 n + ln n (push)"},
          GossipFigure{"gossip-reach", "gossip_reach_probability",
                       "Messages that reached every member", "share of messages", "fraction",
                       "e^(-e^(-c)), c = fanout - ln n"},
          GossipFigure{"gossip-residue", "gossip_residue_mean", "Members a message never reached",
                       "residue", "fraction", "e^(-m), m = the run's pushes per node"}})
    {
        std::string column = g.column;
        if (!l.rows.front().cells.count(column + "_mean"))
        {
            continue;
        }
        SweepMetric metric{g.name, column, g.title, g.what, false, g.unit, false, "", ""};
        std::string figure = column.substr(std::string("gossip_").size());
        if (figure == "rounds_to_all_mean")
        {
            figure = "rounds_to_all";
        }
        else if (figure == "residue_mean")
        {
            figure = "residue";
        }
        metric.theory = "gossip_" + figure + "_predicted";
        metric.theoryName = g.closedForm;
        // Reach and residue only where their closed form applies (event-driven push, rumour).
        if (figure == "rounds_to_all" || l.rows.front().cells.count(metric.theory + "_mean"))
        {
            metrics.push_back(metric);
        }
    }
    // Paired against the run's baseline mode (aggregate.csv of a gcsim that writes them).
    const auto& first = l.rows.front().cells;
    auto baseline = first.find("baseline");
    if (baseline != first.end() && first.count("paired_link_transmissions_ratio_mean"))
    {
        std::string against = "/ " + baseline->second + " in the same run";
        metrics.push_back({"paired-link-transmissions", "paired_link_transmissions_ratio",
                           "Link transmissions " + against, "link transmissions", false, "ratio",
                           false, "", ""});
        metrics.push_back({"paired-latency-mean", "paired_latency_ns_mean_ratio",
                           "Mean latency " + against, "mean latency", false, "ratio", false, "",
                           ""});
    }
    std::vector<Figure> figures;
    for (const auto& metric : metrics)
    {
        figures.push_back(SweepFigure(l, metric, dir));
    }
    return figures;
}

} // namespace plotting
} // namespace gcsim
